"""Per-call time of the ceasefire lab's figure functions (chapters 10 and 12).

Each runs on every slider move of its dashboard and once per step to precompute the static book
figure. Budget: 50 ms per call (p95), so that a slider move stays well under 100 ms. For each
function the script calls it over the grid of each of its controls (the values a reader can reach)
and prints the median and 95th percentile of the per-call time; it also times the phase diagram's
11 x 11 grid alone and the precomputation of each static figure.

Run: .venv/bin/python benchmarks/bench_lab.py   (exit status 1 if a p95 is over budget)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from widgets import lab  # noqa: E402
from widgets.explorable import explorable  # noqa: E402

BUDGET_MS = 50.0
UNIT = np.round(np.linspace(0.0, 1.0, 11), 10)
CASES = [
    (
        "figure_lab",
        lab.figure_lab,
        {
            "spoiler_strength": UNIT,
            "warlord_incentive": UNIT,
            "monitoring": UNIT,
            "separation": UNIT,
            "exclude_spoiler": [False, True],
            "spoiler_type": ["limited", "greedy", "total"],
        },
    ),
    (
        "figure_challenge",
        lab.figure_challenge,
        {
            "monitoring": UNIT,
            "guarantees": UNIT,
            "separation": UNIT,
            "guaranteed_share": UNIT,
            "strike_intensity": UNIT,
            "exclude_spoiler": [False, True],
        },
    ),
    (
        "figure_phase",
        lab.figure_phase,
        {
            "monitoring": UNIT,
            "guarantees": UNIT,
            "separation": UNIT,
            "exclude_spoiler": [False, True],
            "spoiler_type": ["limited", "greedy", "total"],
        },
    ),
    ("figure_cessation", lab.figure_cessation, {"strike_intensity": UNIT, "separation": UNIT}),
]

# the book figures of chapter 10, with the chapter's own settings
BOOK = [
    ("figure_lab", lab.figure_lab, lab.LAB_FIGURE),
    ("figure_phase", lab.figure_phase, lab.PHASE_FIGURE),
    ("figure_challenge", lab.figure_challenge, lab.CHALLENGE_FIGURE),
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def time_calls(draw, grids: dict, repeats: int = 3) -> list[float]:
    draw()  # warm up (imports, caches of the simulated commanders and uniforms)
    samples = []
    for _ in range(repeats):
        for name, values in grids.items():
            for v in values:
                start = time.perf_counter()
                draw(**{name: v if isinstance(v, (str, bool)) else float(v)})
                samples.append((time.perf_counter() - start) * 1e3)
    return samples


def main() -> int:
    ok = True
    for name, draw, grids in CASES:
        med, p95 = percentiles(time_calls(draw, grids))
        good = p95 < BUDGET_MS
        ok &= good
        print(
            f"lab.{name}(): median {med:.1f} ms, p95 {p95:.1f} ms per call "
            f"(budget {BUDGET_MS:.0f} ms) {'ok' if good else 'TOO SLOW'}"
        )

    lab.phase_diagram()
    samples = []
    for _ in range(30):
        start = time.perf_counter()
        lab.phase_diagram()
        samples.append((time.perf_counter() - start) * 1e3)
    med, p95 = percentiles(samples)
    print(f"lab.phase_diagram() 11 x 11 grid, {lab.N_PHASE} truces per cell: median {med:.1f} ms, p95 {p95:.1f} ms")

    # the static book figures of chapter 10, with the chapter's book controls and grids
    for name, draw, settings in BOOK:
        exp = explorable(draw, **settings, alt="benchmark")
        start = time.perf_counter()
        exp.static_figure()
        print(f"static book figure of lab.{name} ({exp.n_states} states): {(time.perf_counter() - start) * 1e3:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
