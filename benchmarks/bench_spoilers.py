"""Benchmark: one survival curve of 10,000 simulated truces x 365 days must take < 50 ms.

Run: .venv/bin/python benchmarks/bench_spoilers.py   (prints median and p95; exit status 1 if too slow)
Also times the chapter figure functions, which run on every slider move (budget 20 ms).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from widgets import local_truces, spoilers, strikes  # noqa: E402

BUDGET_MS = 50.0
FIGURE_BUDGET_MS = 20.0


def timings(fn, repeats: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def main() -> int:
    ok = True
    values = [0.0, 0.3, 0.7, 1.0]
    for s in values:
        med, p95 = timings(lambda: spoilers.survival_curve(s, days=365, n=10_000, seed=0), repeats=50)
        flag = "ok" if p95 < BUDGET_MS else "TOO SLOW"
        ok &= p95 < BUDGET_MS
        print(
            f"survival_curve(spoiler_strength={s:.1f}, days=365, n=10000): median {med:.1f} ms, "
            f"p95 {p95:.1f} ms (budget {BUDGET_MS:.0f} ms) {flag}"
        )
    figures = [
        spoilers.figure_survival,
        spoilers.figure_types,
        spoilers.figure_veto,
        local_truces.figure_districts,
        strikes.figure_strikes,
        strikes.figure_tradeoff,
    ]
    for draw in figures:
        med, p95 = timings(draw, repeats=20)
        flag = "ok" if med < FIGURE_BUDGET_MS else "slow"
        print(
            f"{draw.__module__}.{draw.__name__}(): median {med:.1f} ms, p95 {p95:.1f} ms "
            f"(budget {FIGURE_BUDGET_MS:.0f} ms) {flag}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
