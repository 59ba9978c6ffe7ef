"""The instructor's path: JupyterLab (as `make lab` starts it) runs a chapter, and moving a live
control redraws the figure from the model, in a real browser, with nothing stale after a burst."""

from __future__ import annotations

import shutil

import nbformat
import numpy as np
import pytest
from conftest import ROOT

from book_ext.chromium import LOCAL_URLS

# one JupyterLab for both tests, on one worker (pytest-xdist's loadgroup): it takes seconds to start
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("jupyterlab")]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started as `make lab` starts it, serving a temporary folder: (url, token, folder)."""
    from benchmarks.live_latency import start_lab

    folder = tmp_path_factory.mktemp("lab")
    server, url, token = start_lab(folder)
    yield url, token, folder
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def lab_context(browser):
    """One browser context for both tests: the second finds JupyterLab's scripts in the HTTP cache, as an
    instructor's browser does on a second notebook (the browser resolves no host but this machine)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context
    context.close()


# the live figures (widgets.live.PlotlyView) on the page, and what plotly.js holds in them
LIVE = "document.querySelectorAll('.jp-OutputArea-output .course-live-figure')"
TITLE = f"""(n) => {{ const gd = {LIVE}[n]; const t = gd && gd.querySelector('.gtitle');
    return t ? t.textContent : null; }}"""
DATA = f"""(n) => {{ const gd = {LIVE}[n];
    return {{title: gd.layout.title.text,
             data: gd.data.map(t => ({{x: t.x ? Array.from(t.x) : null, y: t.y ? Array.from(t.y) : null}}))}}; }}"""


def open_and_run_all(context, url: str):
    """A new page of ``context`` on a notebook, every cell run, its first live figure drawn: (page, the
    requests it made outside 127.0.0.1, which fail: the browser resolves no other host)."""
    page = context.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL_URLS) else outside.append(r.url))
    from benchmarks.live_latency import open_and_run_all as start

    start(page, url, kernel_prompt_timeout=10_000)
    page.wait_for_selector(".widget-slider", state="attached", timeout=90_000)
    page.wait_for_function(f"() => ({TITLE})(0) !== null", timeout=60_000)
    return page, outside


def xy(fig) -> list[dict]:
    return [
        {"x": None if t.x is None else np.asarray(t.x).tolist(), "y": None if t.y is None else np.asarray(t.y).tolist()}
        for t in fig.data
    ]


def test_live_slider_redraws_the_figure_in_jupyterlab(lab_context, lab):
    from widgets.bargaining import figure_range

    url, token, folder = lab
    shutil.copy(ROOT / "chapters" / "02_bargaining.ipynb", folder)
    page, outside = open_and_run_all(
        lab_context, f"{url}/lab/workspaces/live-test/tree/02_bargaining.ipynb?reset&token={token}"
    )
    # the live dashboard opens at p = 0.60: range [0.45, 0.75]
    assert "0.45 to 0.75" in page.evaluate(TITLE, 0)
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(4):  # a burst of four steps of 0.05, not waiting for the figure: p = 0.80
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({TITLE})(0).includes('0.65 to 0.95')", timeout=10_000)
    page.wait_for_timeout(500)  # nothing later may overwrite it with a stale state
    shown = page.evaluate(DATA, 0)
    expected = figure_range(p=0.8, cost_a=0.15, cost_b=0.15)
    assert shown["title"] == expected.layout.title.text
    assert shown["data"] == xy(expected)
    page.close()
    assert outside == []


NOTEBOOK = """import numpy as np
import plotly.graph_objects as go
from widgets.controls import Control
from widgets.live import Dashboard

def draw(x=0.5, kind="a", flag=False):
    t = np.linspace(0.0, 1.0, 50)
    return go.Figure([go.Scatter(x=t, y=(2 if flag else 1) * x * t)],
                     layout=dict(title=f"x = {x:.2f}, kind = {kind}, flag = {flag}", height=320))

dash = Dashboard(draw, [Control("x", "Strength", 0.0, 1.0, 0.05, 0.5),
                        Control("kind", "Kind", choices=(("a", "Kind A"), ("b", "Kind B"), ("c", "Kind C"), ("d", "Kind D"))),
                        Control("flag", "Flag", choices=(False, True))])
dash.box"""


def test_burst_and_choice_controls_live_in_jupyterlab(lab_context, lab):
    url, token, folder = lab
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(NOTEBOOK)],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        ),
        folder / "live.ipynb",
    )
    page, outside = open_and_run_all(
        lab_context, f"{url}/lab/workspaces/live-choice/tree/live.ipynb?reset&token={token}"
    )
    assert page.evaluate(TITLE, 0) == "x = 0.50, kind = a, flag = False"
    slider = page.get_by_role("slider", name="Strength")
    slider.focus()
    for _ in range(8):  # a burst: 0.50 -> 0.90
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")  # and back one: 0.85
    page.wait_for_function(f"() => ({TITLE})(0) === 'x = 0.85, kind = a, flag = False'", timeout=10_000)
    page.wait_for_timeout(500)
    shown = page.evaluate(DATA, 0)
    assert shown["data"][0]["y"] == pytest.approx((0.85 * np.linspace(0, 1, 50)).tolist(), abs=1e-12)
    assert slider.get_attribute("aria-valuenow") is not None
    # no modebar button that would upload the figure
    assert (
        page.locator(
            ".course-live-figure .modebar-btn[data-title*='Share'], "
            ".course-live-figure .modebar-btn[data-title*='Cloud']"
        ).count()
        == 0
    )
    # four choices: a dropdown (a native select, keyboard-operable), the real value reaches draw()
    page.get_by_label("Kind").select_option(label="Kind C")
    page.wait_for_function(f"() => ({TITLE})(0) === 'x = 0.85, kind = c, flag = False'", timeout=10_000)
    # two choices: toggle buttons, pressed with the keyboard; True (a bool) reaches draw()
    assert page.get_by_role("group", name="Flag").count() == 1
    page.get_by_role("group", name="Flag").get_by_role("button", name="yes", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({TITLE})(0) === 'x = 0.85, kind = c, flag = True'", timeout=10_000)
    shown = page.evaluate(DATA, 0)
    assert shown["data"][0]["y"] == pytest.approx((1.7 * np.linspace(0, 1, 50)).tolist(), abs=1e-12)
    page.close()
    assert outside == []
