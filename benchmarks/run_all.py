"""`make bench`: every benchmark of the course, each section on its own (a failure is reported, and the
run goes on to the next section; the exit code says whether any section failed).

Sections: live dashboards in a kernel; what the instructor waits for in JupyterLab + chromium;
model benchmarks; nbval per chapter (on numpy's native and baseline kernels); the built book's
controls and page weight per chapter (with Lighthouse); the mutation score of the model tests;
the last `make test` stage times.
"""

from __future__ import annotations

import subprocess
import sys
import time
import traceback
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FAILED: list[str] = []


def in_kernel(code: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(
        nb, kernel_name="python3", timeout=1200, store_widget_state=False, resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("output_type") == "stream")


def section(title: str, run) -> None:
    """Run one section; report a failure and go on."""
    print(f"\n== {title}", flush=True)
    start = time.perf_counter()
    try:
        ok = run()
    except Exception:  # a benchmark that crashes is reported, never stops the run
        traceback.print_exc(limit=3)
        ok = False
    if ok is False:
        FAILED.append(title)
        print(f"!! {title}: FAILED (continuing)", flush=True)
    print(f"   ({time.perf_counter() - start:.0f} s)", flush=True)


def script(*args: str) -> bool:
    return subprocess.run([PY, *args], cwd=ROOT).returncode == 0


def kernel_dashboards() -> None:
    print(in_kernel("from benchmarks.dashboards import main\nmain()"), end="")


def nbval_per_chapter() -> bool:
    """Each chapter re-run and compared, on numpy's native kernels and on its baseline kernels."""
    import os

    features = subprocess.run(
        [PY, "scripts/numpy_dispatch.py"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"numpy's dispatched SIMD features here: {features or '(none beyond baseline)'}")
    print(f"{'chapter':<24}{'native':>14}{'baseline':>14}")
    ok = True
    for nb_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = []
        for env in ({}, {"NPY_DISABLE_CPU_FEATURES": features}):
            start = time.perf_counter()
            result = subprocess.run(
                [PY, "-m", "pytest", "-q", "--nbval", str(nb_path), "--nbval-sanitize-with", "tests/sanitize.cfg"],
                cwd=ROOT,
                env={**os.environ, **env},
                capture_output=True,
                text=True,
            )
            took = time.perf_counter() - start
            passed = result.returncode == 0
            ok &= passed
            cells.append(f"{took:6.1f} s {'ok' if passed else 'FAIL'}")
        print(f"{nb_path.stem:<24}{cells[0]:>14}{cells[1]:>14}", flush=True)
    return ok


def book_controls_and_weight() -> bool:
    build = ROOT / "_build" / "html" / "chapters"
    if not build.is_dir():
        print("no built book: run make book first")
        return False
    sys.path.insert(0, str(ROOT / "tests"))
    from test_browser_controls import chapter_controls, interactive

    print(f"{'chapter':<24}{'figures':>8}{'book controls':>15}{'per figure':>12}")
    total_figs = total_controls = 0
    for page in sorted(build.glob("*.html")):
        figs = interactive(chapter_controls(page.stem))
        n = sum(f["controls"] for f in figs)
        total_figs, total_controls = total_figs + len(figs), total_controls + n
        per = f"{n / len(figs):.1f}" if figs else "-"
        print(f"{page.stem:<24}{len(figs):>8}{n:>15}{per:>12}")
    if total_figs:
        print(f"{'book':<24}{total_figs:>8}{total_controls:>15}{total_controls / total_figs:>12.1f}")
    print()
    return script("benchmarks/page_weight.py")


def main() -> int:
    section("Slider to updated figure, every live dashboard, in a kernel", kernel_dashboards)
    section(
        "Key press to changed figure in JupyterLab + chromium (what the instructor waits for)",
        lambda: script("benchmarks/live_latency.py"),
    )
    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        section(path.name, lambda path=path: script(str(path)))
    section("nbval per chapter, on two numpy kernel paths", nbval_per_chapter)
    section("The built book: controls per chapter, first-visit weight and paint", book_controls_and_weight)
    section(
        "Mutation score of the model tests (plausible slips in widgets/ the model stage must catch)",
        lambda: script("benchmarks/mutations.py"),
    )

    def stage_times():
        times = ROOT / "test-output" / "stage-times.txt"
        print(times.read_text() if times.exists() else "no record yet: run make test")

    section("make test stages (last run)", stage_times)
    print("\n" + (f"Sections that failed: {', '.join(FAILED)}" if FAILED else "Every section completed."))
    return 1 if FAILED else 0


if __name__ == "__main__":
    raise SystemExit(main())
