"""The live dashboard in the kernel: controls, the messages it sends the browser, and no stale state.

The browser's side (widgets/live.js) is tested as it runs, in chromium: tests/test_live_browser.py
replays the messages recorded here through it, and tests/test_live_jupyterlab.py drives JupyterLab."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.bargaining import figure_range
from widgets.controls import Control
from widgets.live import Dashboard, PlotlyView, figure_diff, pack

CONTROLS = [
    Control("p", "Balance of power (p)", 0.0, 1.0, 0.05, 0.6),
    Control("cost_a", "Cost of war for A", 0.0, 0.5, 0.05, 0.15),
    Control("cost_b", "Cost of war for B", 0.0, 0.5, 0.05, 0.15),
]


def record(view: PlotlyView) -> list:
    """Every ``(message, buffers)`` the view sends from now on, starting with the whole figure that a
    browser view gets when it opens and asks for it."""
    sent = []

    def receive(msg, buffers=None):
        json.dumps(msg)  # what the comm sends must be JSON (arrays travel as buffers)
        sent.append((msg, [bytes(b) for b in buffers or []]))

    view.send = receive
    view._on_message(view, {"kind": "sync"}, [])
    return sent


def draw(x=0.5, kind="a", flag=False):
    """A figure function with a numeric, a text and a boolean parameter; numpy arrays included."""
    t = np.linspace(0.0, 1.0, 50)
    return go.Figure(
        [go.Scatter(x=t, y=x * t, name="line"), go.Bar(x=["a", "b"], y=[x, 1 - x], visible=kind != "c")],
        layout=dict(title=f"x = {x:.2f}, kind = {kind}, flag = {flag}", yaxis_range=[0, 2] if flag else [0, 1]),
    )


CHOICE_CONTROLS = [
    Control("x", "Strength", 0.0, 1.0, 0.05, 0.5),
    Control("kind", "Kind", choices=(("a", "Kind A"), ("b", "Kind B"), ("c", "Kind C"), ("d", "Kind D"))),
    Control("flag", "Flag", choices=(False, True)),
]


def test_after_a_burst_of_moves_the_browser_shows_exactly_the_figure_of_the_final_values():
    dash = Dashboard(figure_range, CONTROLS)
    sent = record(dash.view)
    assert sent[0][0]["full"] and sent[0][0]["layout"]["title"] == figure_range().to_plotly_json()["layout"]["title"]
    rng = np.random.default_rng(0)
    for _ in range(60):  # rapid moves of every slider, values revisited (the figure cache)
        name = ["p", "cost_a", "cost_b"][rng.integers(3)]
        ctl = {c.name: c for c in CONTROLS}[name]
        dash.inputs[name].value = ctl.values[rng.integers(len(ctl.values))]
    final = dash.params
    assert dash.view.layout.title.text == figure_range(**final).layout.title.text
    assert dash.view._shown["layout"] == figure_range(**final).to_plotly_json()["layout"]
    messages = [m for m, _ in sent]
    assert len(messages) > 10 and all(m["kind"] == "figure" for m in messages)
    assert [m["rev"] for m in messages] == sorted({m["rev"] for m in messages}), "one new revision per message"
    assert not any(m.get("full") for m in messages[1:]), "after the first figure, only what changed"


def test_a_move_sends_only_what_changed_and_no_layout_when_only_data_changes():
    fig_a, fig_b = draw(x=0.2).to_plotly_json(), draw(x=0.3).to_plotly_json()
    diff = figure_diff(fig_a, fig_b)
    assert set(diff["traces"]) == {"0", "1"} and set(diff["traces"]["0"]) == {"y"}
    assert set(diff["layout"]) == {"title"}
    assert figure_diff(fig_a, draw(x=0.2).to_plotly_json()) is None  # nothing moved: nothing sent
    same_title = go.Figure(draw(x=0.2)).update_traces(y=[1, 2], selector=0)
    only_data = figure_diff(fig_a, same_title.to_plotly_json())
    assert only_data["layout"] == {} and set(only_data["traces"]) == {"0"}


def test_numeric_arrays_travel_as_binary_buffers():
    buffers = []
    packed = pack(draw(x=0.4).to_plotly_json(), buffers)
    y = packed["data"][0]["y"]
    assert set(y) == {"$buf", "dtype"} and y["dtype"] == "f8"
    assert np.frombuffer(buffers[y["$buf"]], "<f8").tolist() == (0.4 * np.linspace(0, 1, 50)).tolist()
    assert packed["data"][1]["x"] == ["a", "b"]  # text stays JSON


def test_a_browser_that_opens_late_gets_the_current_figure():
    dash = Dashboard(draw, CHOICE_CONTROLS)
    dash.inputs["x"].value = 0.9
    dash.inputs["kind"].value = "d"
    sent = record(dash.view)  # the first thing it receives is the whole figure as it is now
    first, buffers = sent[0]
    assert first.get("full") and first["layout"]["title"]["text"] == draw(x=0.9, kind="d").layout.title.text
    y = first["data"][0]["y"]
    assert np.frombuffer(buffers[y["$buf"]], "<" + y["dtype"]).tolist() == (0.9 * np.linspace(0, 1, 50)).tolist()


def test_choice_controls_are_toggles_or_a_dropdown_and_pass_their_real_value():
    import ipywidgets as ipw

    dash = Dashboard(draw, CHOICE_CONTROLS)
    assert isinstance(dash.inputs["x"], ipw.FloatSlider)
    assert isinstance(dash.inputs["kind"], ipw.Dropdown)  # four choices
    assert isinstance(dash.inputs["flag"], ipw.ToggleButtons)  # two choices
    assert [w.description for w in dash.inputs.values()] == ["Strength", "Kind", "Flag"]
    assert dash.inputs["kind"].options == (("Kind A", "a"), ("Kind B", "b"), ("Kind C", "c"), ("Kind D", "d"))
    assert dash.params == {"x": 0.5, "kind": "a", "flag": False}
    sent = record(dash.view)
    dash.inputs["flag"].value = True
    dash.inputs["kind"].value = "c"
    assert dash.params == {"x": 0.5, "kind": "c", "flag": True}
    (flag, _), (kind, _) = sent[1:]
    assert flag["layout"]["yaxis"]["range"] == [0, 2] and flag["traces"] == {}
    assert kind["traces"] == {"1": {"visible": False}} and set(kind["layout"]) == {"title"}


def test_the_sliders_are_labelled_and_keyboard_operable_ipywidgets():
    dash = Dashboard(figure_range, CONTROLS)
    for c, s in zip(CONTROLS, dash.inputs.values()):
        assert s.description == c.label and s.readout and s.continuous_update
        assert (s.min, s.max, s.step, s.value) == (c.low, c.high, c.step, c.values[c.default_index])


def test_a_figure_function_must_keep_its_trace_count():
    def bad(x=0.0):
        return go.Figure([go.Scatter(x=[0], y=[0])] * (1 if x < 0.5 else 2))

    dash = Dashboard(bad, [Control("x", "x", 0, 1, 0.5, 0.0)])
    with pytest.raises(Exception, match="same number of traces"):
        dash.inputs["x"].value = 1.0


def test_the_browser_module_loads_plotly_from_the_kernel_not_a_cdn():
    view = PlotlyView(draw())
    sent = []
    view.send = lambda msg, buffers=None: sent.append((msg, buffers))
    view._on_message(view, {"kind": "plotly"}, [])
    assert sent[0][0] == {"kind": "plotly"} and sent[0][1][0].startswith(b"/**\n* plotly.js v")
    assert "http" not in view._esm and "sendChartToCloud" in view.config["modeBarButtonsToRemove"]
