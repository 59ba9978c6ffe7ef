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
stage build    bash -c "rm -rf _build/html _build/.doctrees && .venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going > test-output/build.log 2>&1 || { tail -40 test-output/build.log; exit 1; }"
# every check of one page and set-up on one worker and one page visit (tests/conftest.py)
stage browser  $PY -m pytest -q -n 2 --dist loadgroup -m browser tests

echo "total $((SECONDS - total_start))s" >> "$times"

echo
echo "Stage times (also in $times):"
cat "$times"
