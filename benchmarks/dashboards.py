"""Slider-to-figure latency of every live dashboard in the course.

Finds every interactive figure by running each chapter's code cells (an ``explorable(...)`` as the
last expression of a cell), builds its live dashboard, and times 200 moves of its inputs: from
setting an input's value to the PlotlyView having drawn the figure and sent the browser its diff
(the observe callback is synchronous; the browser's share is measured by
benchmarks/live_latency.py). Run inside a kernel (``make bench`` does) so the widget messages are
really sent.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import time
from pathlib import Path

import numpy as np

from widgets.explorable import Explorable

ROOT = Path(__file__).resolve().parent.parent


def explorables(notebook: Path) -> list[Explorable]:
    """Every Explorable a chapter displays, in order."""
    found, namespace = [], {"__name__": "__bench__"}
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(tree, str(notebook), "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), str(notebook), "eval"), namespace)
                if isinstance(value, Explorable):
                    found.append(value)
    return found


def slider_latency(exp: Explorable, moves: int = 200) -> np.ndarray:
    """Seconds per slider move, cycling every control through its grid."""
    dash = exp.dashboard()
    plan = []
    for ctl in exp.controls:
        plan += [(ctl.name, v if ctl.is_choice else float(v)) for v in ctl.values]
    times = np.empty(moves)
    for i in range(moves):
        name, value = plan[i % len(plan)]
        widget = dash.inputs[name]
        if widget.value == value:  # force a real change
            name, value = plan[(i + 1) % len(plan)]
            widget = dash.inputs[name]
        start = time.perf_counter()
        widget.value = value
        times[i] = time.perf_counter() - start
    return times


def main(moves: int = 200) -> list[dict]:
    rows = []
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        for k, exp in enumerate(explorables(nb), 1):
            t = slider_latency(exp, moves) * 1e3
            rows.append(
                {
                    "chapter": nb.stem,
                    "figure": k,
                    "controls": len(exp.controls),
                    "median_ms": float(np.median(t)),
                    "p95_ms": float(np.percentile(t, 95)),
                }
            )
    print(f"{'chapter':<22}{'fig':>4}{'sliders':>8}{'median ms':>11}{'p95 ms':>9}")
    for r in rows:
        print(f"{r['chapter']:<22}{r['figure']:>4}{r['controls']:>8}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}")
    worst = max(r["p95_ms"] for r in rows)
    print(f"worst p95 slider-to-figure time over {moves} moves: {worst:.1f} ms (target: well under 100 ms)")
    return rows


if __name__ == "__main__":
    main()
