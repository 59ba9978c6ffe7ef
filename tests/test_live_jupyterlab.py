"""The instructor's path: JupyterLab (as `make lab` starts it) runs a chapter, and moving a live
ipywidgets slider redraws the figure from the model, in a real browser."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

TITLE = """(n) => { const plots = document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot');
    const t = plots[n] && plots[n].querySelector('.gtitle'); return t ? t.textContent : null; }"""


@pytest.fixture
def lab(jupyter_lab, tmp_path):
    shutil.copy(ROOT / "chapters" / "02_bargaining.ipynb", tmp_path)
    url, token = jupyter_lab
    return f"{url}/lab/tree/02_bargaining.ipynb?token={token}"


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
