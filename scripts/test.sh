#!/usr/bin/env bash
# `make test`: every test stage, timed. Fails on the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p test-output
times=test-output/stage-times.txt
: > "$times"
total_start=$SECONDS

stage() {
  local name=$1; shift
  echo
  echo "=== $name: $*"
  local start=$SECONDS
  "$@"
  local took=$((SECONDS - start))
  echo "$name ${took}s" >> "$times"
  echo "=== $name passed in ${took}s"
}

# The browser a new user gets: Debian's chromium, installed or upgraded to what apt serves now.
stage chromium bash scripts/chromium.sh
echo "browser $(/usr/bin/chromium --version 2>/dev/null)" >> "$times"

# Two workers (pytest-xdist): this is a 2-core machine's worth of parallel work.
stage models   bash scripts/models.sh              # ruff, then the tests that need no notebook run or browser
stage nbval    bash scripts/nbval.sh            # numpy's kernels for this CPU (AVX2, AVX-512, NEON ...)
stage nbval-baseline bash scripts/nbval.sh baseline   # numpy's baseline kernels: a second kernel path
# both editions at once (student: _build/html; instructor: _build/instructor/html), logs in test-output/build-*.log
stage build    bash scripts/book.sh both
# every check of one page and set-up on one worker and one page visit (tests/conftest.py); and the tests of
# what was built (marked built): the editions' contents, the runnable-notebooks archive installed and run
# (only the test files that mark such tests are collected: importing the others costs each worker seconds)
stage browser  $PY -m pytest -q -n 2 --dist loadgroup --no-loadscope-reorder -m "browser or built" $(grep -lE "mark\.(browser|built)" tests/test_*.py)

echo "total $((SECONDS - total_start))s" >> "$times"

echo
echo "Stage times (also in $times):"
cat "$times"
