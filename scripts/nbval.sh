#!/usr/bin/env bash
# The nbval stage of `make test` (also `make nbval`): every chapter re-run in a fresh kernel and
# compared with its stored outputs. Plotly figures are compared by meaning within a few ULP
# (book_ext/nbval_tolerance.py, loaded by pyproject.toml's pytest addopts); everything else exactly.
#   bash scripts/nbval.sh            numpy's native kernels for this CPU
#   bash scripts/nbval.sh baseline   numpy restricted to its baseline kernels (a second kernel path)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [ "${1:-native}" = baseline ]; then
  features=$($PY scripts/numpy_dispatch.py)
  if [ -z "$features" ]; then
    echo "numpy dispatches to no SIMD feature beyond its baseline on this CPU: the baseline path is the native one"
  fi
  echo "NPY_DISABLE_CPU_FEATURES=\"$features\""
  export NPY_DISABLE_CPU_FEATURES="$features"
else
  echo "numpy's dispatched SIMD features on this CPU: $($PY scripts/numpy_dispatch.py)"
fi
# two workers, each running whole notebooks in order (--dist loadfile)
exec $PY -m pytest -q -n 2 --dist loadfile --nbval chapters --nbval-sanitize-with tests/sanitize.cfg
