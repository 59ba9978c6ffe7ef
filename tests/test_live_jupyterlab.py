"""The instructor's path: JupyterLab (as `make lab` starts it) runs a chapter, and moving a live
ipywidgets slider redraws the figure from the model, in a real browser."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

pytestmark = pytest.mark.browser

TITLE = """(n) => { const plots = document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot');
    const t = plots[n] && plots[n].querySelector('.gtitle'); return t ? t.textContent : null; }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    shutil.copy(ROOT / "chapters" / "02_bargaining.ipynb", tmp_path)
    port, token = free_port(), "live-test"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         f"--config={ROOT / 'lab_config.py'}"] + (["--allow-root"] if os.getuid() == 0 else []),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield f"{url}/lab/tree/02_bargaining.ipynb?token={token}"
    server.terminate()
    server.wait(10)


def test_live_slider_redraws_the_figure_in_jupyterlab(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1")
               else (outside.append(r.request.url), r.abort()))
    page.goto(lab)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    select = page.get_by_role("button", name="Select", exact=True)
    try:  # a fresh JupyterLab may ask which kernel to start
        select.click(timeout=10_000)
    except Exception:
        pass
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_selector(".widget-slider", state="attached", timeout=90_000)
    page.wait_for_function(f"() => ({TITLE})(0) !== null", timeout=30_000)
    # the live dashboard opens at p = 0.60: range [0.45, 0.75]
    assert "0.45 to 0.75" in page.evaluate(TITLE, 0)
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(4):  # four steps of 0.05: p = 0.80
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({TITLE})(0).includes('0.65 to 0.95')", timeout=10_000)
    context.close()
    assert outside == []
