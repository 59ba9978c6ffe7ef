# The two commands of the README: `make book` and `make test`. Everything else is for instructors
# and developers. Nothing needs installing by hand: the venv, node packages and chromium come from here.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: book test nbval lab serve bench execute setup clean

setup: $(STAMP) node_modules/.installed

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

## make book: set up everything and build the static HTML book (strict: warnings are errors)
book: setup
	rm -rf _build/html _build/.doctrees
	$(JB) build . --warningiserror --nitpick --keep-going
	@echo
	@echo "Book built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "or serve it with: make serve  (then http://127.0.0.1:$(PORT)/)"

## make test: unit, property and claim tests; nbval; the strict build; a real browser on the book
test: setup /usr/bin/chromium
	bash scripts/test.sh

## make nbval: the nbval stage of make test alone (every chapter re-run and compared with its stored outputs).
## NPY_DISABLE_CPU_FEATURES="..." make nbval checks another numpy kernel path (make test runs both).
nbval: setup
	bash scripts/nbval.sh

## make lab: JupyterLab on the chapters, live widgets, notebooks saved without widget state
lab: setup
	$(VENV)/bin/jupyter lab --config=lab_config.py $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) chapters/

## make serve: serve the built book on 127.0.0.1 (any static host works the same way)
serve:
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## make execute: re-run every chapter top to bottom in a fresh kernel (after changing a model)
execute: setup
	$(PY) -m book_ext.execute chapters/*.ipynb

## make bench: slider-to-figure latency and model speed, plus the last `make test` stage times
bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf _build test-output
