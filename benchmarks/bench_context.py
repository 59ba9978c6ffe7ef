"""Per-call time of the figure functions of chapters 01, 03 and 04 (median and 95th percentile).

Every figure function is called on each slider move and 11-21 times to precompute a static book
figure, so each should take well under 20 ms. Run: .venv/bin/python benchmarks/bench_context.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from widgets.pressure import figure_closure_map, figure_range_over_time  # noqa: E402
from widgets.redeployment import figure_loss_by_coverage, figure_redeployment  # noqa: E402
from widgets.timeline import figure_timeline  # noqa: E402

BUDGET_MS = 20.0
CASES = {
    "timeline.figure_timeline": (figure_timeline, [{}]),
    "redeployment.figure_redeployment": (
        figure_redeployment,
        [{"freed_share": s, "covered_fronts": c} for s in (0.0, 0.3, 1.0) for c in (0, 2, 3)],
    ),
    "redeployment.figure_loss_by_coverage": (figure_loss_by_coverage, [{"decisiveness": m} for m in (0.5, 1.0, 3.0)]),
    "pressure.figure_range_over_time": (
        figure_range_over_time,
        [{"expected_shift": s, "patience": d} for s in (0.0, 0.3, 0.5) for d in (0.5, 0.9)],
    ),
    "pressure.figure_closure_map": (figure_closure_map, [{"cost": c} for c in (0.02, 0.05, 0.2)]),
}


def measure(fn, params: list[dict], repeats: int = 60) -> list[float]:
    """Milliseconds per call, cycling through the parameter sets, after one warm-up call each."""
    for kw in params:
        fn(**kw)
    times = []
    for i in range(repeats):
        kw = params[i % len(params)]
        start = time.perf_counter()
        fn(**kw)
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def main(repeats: int = 60) -> int:
    print(f"{'figure function':40s} {'median ms':>10s} {'p95 ms':>8s}  (budget {BUDGET_MS:.0f} ms, {repeats} calls)")
    slow = 0
    for name, (fn, params) in CASES.items():
        times = sorted(measure(fn, params, repeats))
        median = statistics.median(times)
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        flag = "" if median < BUDGET_MS else "  over budget"
        slow += bool(flag)
        print(f"{name:40s} {median:10.2f} {p95:8.2f}{flag}")
    print("all figure functions within budget" if not slow else f"{slow} figure function(s) over budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
