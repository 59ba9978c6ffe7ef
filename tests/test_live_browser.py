"""The live view's browser side (widgets/live.js) as it runs, in chromium: the messages a dashboard
sends in the kernel are replayed through the module, and the figure it then holds, and would draw,
must be the figure of the final control values. (Drawing it in JupyterLab: test_live_jupyterlab.py.)"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.bargaining import figure_range
from widgets.controls import Control
from widgets.live import Dashboard, PlotlyView

pytestmark = pytest.mark.browser

LIVE_JS = Path(__file__).resolve().parent.parent / "widgets" / "live.js"

# The module, imported as JupyterLab's anywidget does (an ES module from text), under a fake model
# that records what the module sends and delivers each message's buffers as DataViews at an odd
# offset into a larger buffer, as a comm message's buffers can be.
SETUP = """async (code) => {
  const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
  const live = (await import(url)).default;
  window.openModel = (uid) => {
    const handlers = new Set(), sent = [];
    const model = {get: (k) => (k === "_uid" ? uid : {}), on: (e, f) => handlers.add(f),
                   off: (e, f) => handlers.delete(f), send: (m) => sent.push(m)};
    live.initialize({model});
    return {sent, deliver(msg, buffers) {
      const views = buffers.map((b) => {
        const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
        const padded = new Uint8Array(bytes.length + 3);
        padded.set(bytes, 3);
        return new DataView(padded.buffer, 3, bytes.length);
      });
      for (const f of [...handlers]) f(msg, views);
    }};
  };
  window.models = {};
}"""
REPLAY = """([uid, messages]) => {
  const m = (window.models[uid] ??= window.openModel(uid));
  for (const [msg, buffers] of messages) m.deliver(msg, buffers);
  const shared = globalThis.__courseFigures.get(uid);
  const plain = JSON.stringify(shared.figure, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));
  return {sent: m.sent, rev: shared.rev, figure: plain === undefined ? null : JSON.parse(plain)};
}"""


def plain(value):
    """A figure's JSON as the browser holds it: arrays (numpy, or plotly's 1-d base64) as lists."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict) and set(value) == {"dtype", "bdata"}:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype="<" + value["dtype"]).tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value.item() if isinstance(value, np.generic) else value


def record(view: PlotlyView) -> list:
    sent = []
    view.send = lambda msg, buffers=None: sent.append(
        [msg, [base64.b64encode(bytes(b)).decode() for b in buffers or []]]
    )
    return sent


@pytest.fixture(scope="module")
def live(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html><body></body></html>")
    page.evaluate(SETUP, LIVE_JS.read_text(encoding="utf-8"))

    def replay(view: PlotlyView, messages: list) -> dict:
        out = page.evaluate(REPLAY, [view._uid, json.loads(json.dumps(messages))])
        assert errors == []
        return out

    yield replay
    page.close()


CONTROLS = [
    Control("p", "Balance of power (p)", 0.0, 1.0, 0.05, 0.6),
    Control("cost_a", "Cost of war for A", 0.0, 0.5, 0.05, 0.15),
    Control("cost_b", "Cost of war for B", 0.0, 0.5, 0.05, 0.15),
]


def test_after_a_burst_of_moves_the_browser_holds_exactly_the_figure_of_the_final_values(live):
    dash = Dashboard(figure_range, CONTROLS)
    sent = record(dash.view)
    assert live(dash.view, [])["sent"] == [{"kind": "sync"}]  # the module opens and asks for the figure
    dash.view._on_message(dash.view, {"kind": "sync"}, [])
    assert live(dash.view, sent)["figure"] == plain(figure_range(p=0.6, cost_a=0.15, cost_b=0.15).to_plotly_json())
    sent.clear()
    rng = np.random.default_rng(0)
    for _ in range(60):  # rapid moves of every slider, values revisited (the figure cache)
        ctl = CONTROLS[rng.integers(3)]
        dash.inputs[ctl.name].value = ctl.values[rng.integers(len(ctl.values))]
    assert len(sent) > 10
    shown = live(dash.view, sent)
    assert shown["figure"] == plain(figure_range(**dash.params).to_plotly_json())
    assert shown["rev"] == dash.view.rev


def toggled(x=0.5, kind="a", flag=False):
    """Numbers, text and booleans; a property present for some values only (dropped: null)."""
    t = np.linspace(0.0, 1.0, 50)
    marker = {"color": "red"} if flag else None
    return go.Figure(
        [go.Scatter(x=t, y=x * t, name="line", marker=marker), go.Bar(x=["a", "b"], y=[x, 1 - x], visible=kind != "c")],
        layout=dict(title=f"x = {x:.2f}, kind = {kind}, flag = {flag}", yaxis_range=[0, 2] if flag else [0, 1]),
    )


CHOICES = [
    Control("x", "Strength", 0.0, 1.0, 0.05, 0.5),
    Control("kind", "Kind", choices=(("a", "Kind A"), ("b", "Kind B"), ("c", "Kind C"), ("d", "Kind D"))),
    Control("flag", "Flag", choices=(False, True)),
]


def test_choices_dropped_properties_and_a_late_view_end_in_the_kernels_figure(live):
    dash = Dashboard(toggled, CHOICES)
    dash.inputs["x"].value = 0.9
    dash.inputs["kind"].value = "d"
    sent = record(dash.view)
    diff_before_full = [{"kind": "figure", "rev": 99, "traces": {"0": {"name": "stale"}}, "layout": {}}, []]
    dash.view._on_message(dash.view, {"kind": "sync"}, [])  # a view that opens late: the figure as it is now
    assert live(dash.view, [diff_before_full] + sent)["figure"] == plain(toggled(x=0.9, kind="d").to_plotly_json())
    for name, value in [("flag", True), ("kind", "c"), ("flag", False), ("x", 0.3)]:
        sent.clear()
        dash.inputs[name].value = value
        shown = live(dash.view, sent)["figure"]
        assert shown == plain(toggled(**dash.params).to_plotly_json())
    assert "marker" not in shown["data"][0] and shown["data"][1]["visible"] is False
