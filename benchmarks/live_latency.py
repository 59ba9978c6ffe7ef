"""What the instructor waits for: key press on a live slider to the figure changing on screen.

JupyterLab is started as `make lab` starts it (lab_config.py), each chapter is opened in Debian
chromium (playwright) in a fresh workspace, Run All, then the first live slider of every dashboard
is moved with the arrow keys. Each move is timed in the page, from the keydown event to the first
animation frame at which the dashboard's figure (its title, annotations or drawn traces) differs.
Beside it, the in-kernel time of the same moves (model, figure, diff and serialisation in Python).

    .venv/bin/python benchmarks/live_latency.py [chapters...]      # e.g. 02 05 10_ceasefire_lab
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from book_ext.chromium import launch  # noqa: E402

MOVES = 40

# The dashboards of a page: output areas holding both a live slider and a plotly figure.
SETUP = """() => {
  const outs = [...document.querySelectorAll('.jp-OutputArea-output')].filter(o =>
      o.querySelector('.widget-slider [role=slider]') && o.querySelector('.js-plotly-plot'));
  outs.forEach((o, i) => o.setAttribute('data-bench-dashboard', i));
  window.__bench = {t0: null, t1: null, sig: null, plot: null, armed: false};
  const B = window.__bench;
  B.signature = (gd) => [...gd.querySelectorAll('.gtitle, .annotation-text, g.trace path, g.trace image, g.trace text, .shapelayer path')]
      .map(e => e.getAttribute('d') || e.getAttribute('href') || e.textContent).join('|');
  document.addEventListener('keydown', () => { if (B.armed && B.t0 === null) B.t0 = performance.now(); }, true);
  const loop = () => {
    if (B.armed && B.t0 !== null && B.t1 === null && B.plot) {
      if (B.signature(B.plot) !== B.sig) B.t1 = performance.now();
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  return outs.length;
}"""

ARM = """(i) => { const B = window.__bench;
  B.plot = document.querySelector(`[data-bench-dashboard="${i}"] .js-plotly-plot`);
  B.sig = B.signature(B.plot); B.t0 = null; B.t1 = null; B.armed = true; }"""


def start_lab(root: Path) -> tuple[subprocess.Popen, str, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "course-bench"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--config={ROOT / 'lab_config.py'}",
        ]
        + (["--allow-root"] if os.getuid() == 0 else []),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # kernels import the course package of this checkout (also when run from a git worktree)
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return server, url, token


def open_and_run_all(page, notebook_url: str, kernel_prompt_timeout: int = 5_000) -> None:
    """Open a notebook in JupyterLab and start Run All (shared with tests/test_live_jupyterlab.py)."""
    page.goto(notebook_url)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    try:  # a fresh JupyterLab may ask which kernel to start
        page.get_by_role("button", name="Select", exact=True).click(timeout=kernel_prompt_timeout)
    except Exception:
        pass
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()


def run_all(page, url: str, token: str, name: str) -> None:
    open_and_run_all(page, f"{url}/lab/workspaces/bench-{uuid.uuid4().hex[:8]}/tree/{name}?reset&token={token}")
    page.wait_for_timeout(1000)
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-InputArea-prompt')];
        return p.length > 0 && p.every(e => !e.textContent.includes('*')); }""",
        timeout=300_000,
        polling=250,
    )
    try:  # the dashboards render once their widget models arrive
        page.wait_for_selector(".widget-slider [role=slider]", state="attached", timeout=15_000)
    except Exception:
        pass
    page.wait_for_timeout(1500)  # the last figures draw


def browser_moves(page, dashboard: int, moves: int) -> tuple[list[float], int]:
    """Milliseconds from key press to changed figure for ``moves`` arrow-key moves of the first
    slider of a dashboard; and how many moves changed nothing on screen within 3 s."""
    handle = page.locator(f"[data-bench-dashboard='{dashboard}'] .widget-slider [role=slider]").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    times, missed, key = [], 0, "ArrowRight"
    for _ in range(moves):
        now, low, high = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
        if now >= high - 1e-9:
            key = "ArrowLeft"
        elif now <= low + 1e-9:
            key = "ArrowRight"
        page.evaluate(ARM, dashboard)
        page.keyboard.press(key)
        try:
            page.wait_for_function("() => window.__bench.t1 !== null", timeout=3_000, polling="raf")
            times.append(
                page.evaluate("""() => { const B = window.__bench, L = window.__courseLive || {};
                return [B.t1 - B.t0, L.received - B.t0, L.drawn - L.received]; }""")
            )
        except Exception:
            missed += 1
        page.evaluate("() => { window.__bench.armed = false; }")
        page.wait_for_timeout(120)  # let this move settle before the next
    return times, missed


def kernel_moves(exp, moves: int) -> list[float]:
    """Milliseconds in Python (model, figure, diff, message serialisation) for the same moves."""
    dash = exp.dashboard()
    ctl = next(c for c in exp.controls if not c.is_choice)
    values, i, step, out = ctl.values, ctl.default_index, 1, []
    for _ in range(moves):
        if i + step >= len(values) or i + step < 0:
            step = -step
        i += step
        start = time.perf_counter()
        dash.inputs[ctl.name].value = values[i]
        out.append((time.perf_counter() - start) * 1e3)
    return out


def main(argv: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    if argv:
        chapters = [nb for nb in chapters if any(nb.stem.startswith(a) for a in argv)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        for nb in chapters:
            shutil.copy(nb, tmp)
        server, url, token = start_lab(Path(tmp))
        browser = launch(pw)
        try:
            for nb in chapters:
                try:
                    rows += measure(browser, url, token, nb, header=not rows)
                except Exception as err:  # one broken chapter must not hide the others
                    print(f"{nb.stem:<22}failed: {type(err).__name__}: {str(err).splitlines()[0][:120]}", flush=True)
        finally:
            browser.close()
            server.terminate()
            server.wait(10)
    if rows:
        worst = max(r["p95"] for r in rows)
        print(f"worst p95 key press to changed figure: {worst:.0f} ms (target <= 100 ms; stretch <= 50 ms for 02-09)")
    return rows


def measure(browser, url: str, token: str, nb: Path, header: bool) -> list[dict]:
    """One chapter: Run All, then every dashboard's first slider moved MOVES times."""
    from benchmarks.dashboards import explorables

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())
    times, missed, kernel, rows = [], 0, [], []
    try:
        run_all(page, url, token, nb.name)
        count = page.evaluate(SETUP)
        if not count:
            page.screenshot(path=str(Path(tempfile.gettempdir()) / f"live_latency-{nb.stem}.png"))
        found = explorables(nb)
        for d in range(count):
            t, m = browser_moves(page, d, MOVES)
            times += t
            missed += m
            kernel += kernel_moves(found[d], MOVES)
    finally:
        context.close()
    if not count:
        print(f"{nb.stem:<22}no live dashboard on the page after Run All", flush=True)
    if count:
        t = np.array(times, dtype=float).reshape(-1, 3)
        rows.append(
            {
                "chapter": nb.stem,
                "dashboards": count,
                "moves": len(times),
                "missed": missed,
                "p50": float(np.percentile(t[:, 0], 50)) if times else float("nan"),
                "p95": float(np.percentile(t[:, 0], 95)) if times else float("nan"),
                # the split (our live figure only): key press to the kernel's message
                # arriving, and from there to plotly.js having redrawn
                "to_message_p50": float(np.nanpercentile(t[:, 1], 50)) if times else float("nan"),
                "redraw_p50": float(np.nanpercentile(t[:, 2], 50)) if times else float("nan"),
                "kernel_p50": float(np.percentile(kernel, 50)),
                "kernel_p95": float(np.percentile(kernel, 95)),
            }
        )
        report(rows[-1:], header=header)
    return rows


def report(rows: list[dict], header: bool = True) -> None:
    if header:
        print(
            f"{'chapter':<22}{'dash':>5}{'moves':>6}{'missed':>7}{'p50 ms':>8}{'p95 ms':>8}"
            f"{'kernel p50':>11}{'kernel p95':>11}{'to msg p50':>11}{'draw p50':>9}  load"
        )
    for r in rows:
        print(
            f"{r['chapter']:<22}{r['dashboards']:>5}{r['moves']:>6}{r['missed']:>7}{r['p50']:>8.0f}{r['p95']:>8.0f}"
            f"{r['kernel_p50']:>11.1f}{r['kernel_p95']:>11.1f}{r['to_message_p50']:>11.0f}{r['redraw_p50']:>9.0f}"
            f"  {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    warnings.simplefilter("ignore", RuntimeWarning)  # no split for a figure that is not ours (nan)
    main(sys.argv[1:])
