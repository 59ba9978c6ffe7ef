#!/usr/bin/env bash
# The models stage of `make test` (also `make models`): ruff's lint and format check, then every test that needs no
# notebook run, no built book (marked built) and no browser, on two workers (pytest-xdist).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .   # `.venv/bin/ruff format .` applies it
exec .venv/bin/python -m pytest -q -n 2 -m "not browser and not built" tests "$@"
