"""`make bench`: live-dashboard latency (in a real kernel), model benchmarks, notebook and test-stage times."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def in_kernel(code: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="python3", timeout=600, store_widget_state=False,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("output_type") == "stream")


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def main() -> int:
    section("Slider to updated figure, every live dashboard, in a kernel (200 moves each)")
    print(in_kernel("from benchmarks.dashboards import main\nmain()"), end="")

    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        section(f"{script.name}")
        subprocess.run([sys.executable, str(script)], check=True, cwd=ROOT)

    section("nbval per chapter (re-run in a fresh kernel and compared with the stored outputs)")
    for nb_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "--nbval", str(nb_path),
                        "--nbval-sanitize-with", "tests/sanitize.cfg"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        print(f"{nb_path.stem:<24}{time.perf_counter() - start:6.1f} s", flush=True)

    section("make test stages (last run)")
    times = ROOT / "test-output" / "stage-times.txt"
    print(times.read_text() if times.exists() else "no record yet: run make test")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
