# The two commands of the README: `make book` and `make test`. Everything else is for instructors
# and developers (`make help` lists them). Nothing needs installing by hand: the venv, node packages
# and chromium come from here.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: help book book-instructor test lint models nbval lab serve bench execute setup chromium clean

## make help: this list
help:
	@grep -E '^## make ' $(MAKEFILE_LIST) | sed 's/^## make /  make /'

setup: $(STAMP) node_modules/.installed

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## make chromium: install Debian's chromium, or upgrade it to the version apt serves now (make test does)
chromium:
	@bash scripts/chromium.sh

## make book: set up everything and build the static HTML book, the student edition with its worksheet PDFs (strict: warnings are errors)
book: setup chromium
	rm -rf _build/html _build/.doctrees
	$(JB) build . --warningiserror --nitpick --keep-going
	@echo
	@echo "Book built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "or serve it with: make serve  (then http://127.0.0.1:$(PORT)/)"

## make book-instructor: the instructor edition (guide, syllabus, assessments, every solution) into _build/instructor/html
book-instructor: setup
	bash scripts/book.sh instructor
	@echo
	@echo "Instructor edition built: $(CURDIR)/_build/instructor/html/index.html (keep it from students)"

## make test: unit, property and claim tests; nbval; the strict build; a real browser on the book
test: setup
	bash scripts/test.sh

## make lint: ruff's lint and format check (pyproject.toml); the first commands of the models stage of make test
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make models: the models stage of make test alone: lint, then no notebooks, no build, no browser.
## Pytest's cache is on: add PYTEST_ADDOPTS=--lf (last failed) or --sw (stepwise) to rerun less.
models: setup
	bash scripts/models.sh

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
