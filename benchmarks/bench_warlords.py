"""Per-call time of the figure functions of chapters 08 (warlords) and 09 (militias).

Each figure function runs on every slider move and once per step to precompute the static book
figure, so it should stay under 20 ms. For each function this script calls it over the grid of its
headline slider (21 values, as in the chapter) several times and prints the median and the 95th
percentile of the per-call time.

Run: .venv/bin/python benchmarks/bench_warlords.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from widgets import militias, warlords  # noqa: E402

BUDGET_MS = 20.0
GRID = np.round(np.linspace(0.0, 1.0, 21), 10)
CASES = [
    ("warlords.figure_acceptance", warlords.figure_acceptance, "warlord_incentive"),
    ("warlords.figure_price_of_peace", warlords.figure_price_of_peace, "warlord_incentive"),
    ("warlords.figure_veto", warlords.figure_veto, "warlord_incentive"),
    ("militias.figure_landscapes", militias.figure_landscapes, "central_control"),
    ("militias.figure_obedience", militias.figure_obedience, "central_control"),
    ("militias.figure_by_incentive", militias.figure_by_incentive, "warlord_incentive"),
]


def time_calls(draw, param: str, repeats: int = 5) -> np.ndarray:
    """Per-call times in ms: ``repeats`` sweeps over the slider grid, after one warm-up call."""
    draw()
    times = []
    for _ in range(repeats):
        for value in GRID:
            start = time.perf_counter()
            draw(**{param: float(value)})
            times.append((time.perf_counter() - start) * 1000)
    return np.array(times)


def main() -> int:
    print(f"{'figure function':34s} {'calls':>5s} {'median ms':>10s} {'p95 ms':>8s}")
    over = []
    for name, draw, param in CASES:
        times = time_calls(draw, param)
        median, p95 = float(np.median(times)), float(np.percentile(times, 95))
        print(f"{name:34s} {times.size:5d} {median:10.2f} {p95:8.2f}")
        if median > BUDGET_MS:
            over.append(name)
    if over:
        print(f"over the {BUDGET_MS:.0f} ms budget (median): {', '.join(over)}")
    else:
        print(f"all medians within the {BUDGET_MS:.0f} ms budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
