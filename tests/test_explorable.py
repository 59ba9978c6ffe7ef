"""The interactivity mechanism: one call gives a live dashboard and a static figure whose precomputed
states (several book controls) the book's native controls switch between."""

import base64
import dataclasses
import inspect
import itertools
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.bargaining import figure_range
from widgets.contract import PLOTLY_MIME
from widgets.controls import takes
from widgets.explorable import MAX_STATES, Control, explorable

CONTROLS = [
    Control("p", "Balance of power (p)", 0.0, 1.0, 0.05, 0.6),
    Control("cost_a", "Cost of war for A", 0.0, 0.5, 0.05, 0.15),
    Control("cost_b", "Cost of war for B", 0.0, 0.5, 0.05, 0.15),
]
DTYPES = {
    "f8": np.float64,
    "f4": np.float32,
    "i1": np.int8,
    "u1": np.uint8,
    "i2": np.int16,
    "u2": np.uint16,
    "i4": np.int32,
    "u4": np.uint32,
}


def make(**kw):
    """The bargaining range with its three controls, only ``p`` in the book unless ``book`` says."""
    return explorable(figure_range, CONTROLS, alt="bargaining range", **{"book": ["p"], **kw})


def decode(value):
    """Stored plotly JSON with base64 arrays back to numpy arrays (as plotly.js reads it)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), DTYPES[value["dtype"]])
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def assert_same(stored, live, where=""):
    """Stored (float32) and live values agree to float32 precision, key by key."""
    if isinstance(live, dict):
        assert isinstance(stored, dict) and set(stored) == set(live), (where, set(stored) ^ set(live))
        for k in live:
            assert_same(stored[k], live[k], f"{where}.{k}")
    elif isinstance(live, np.ndarray) or (isinstance(stored, np.ndarray)):
        a, b = np.asarray(stored), np.asarray(live)
        assert a.shape == b.shape, where
        if b.dtype.kind == "f":
            np.testing.assert_allclose(a.astype(float), b.astype(float), rtol=2e-7, atol=1e-9, err_msg=where)
        else:
            assert np.array_equal(a, b), where
    elif isinstance(live, (list, tuple)):
        assert len(stored) == len(live), where
        for i, (x, y) in enumerate(zip(stored, live)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(live, float):
        assert stored == pytest.approx(live, rel=2e-7, abs=1e-9), where
    else:
        assert stored == live, where


def state_of(fig_json: dict, indices) -> tuple[list, dict]:
    """The traces and dynamic layout the book shows at control value ``indices`` (row-major)."""
    spec = fig_json["layout"]["meta"]["explorable"]
    flat = 0
    for c, i in zip(spec["controls"], indices):
        flat = flat * len(c["values"]) + i
    row = states(spec)[flat]
    return [decode(spec["traces"][t]) for t in row[:-1]], decode(spec["layouts"][row[-1]])


def states(spec) -> np.ndarray:
    """The stored states: one row per state, its trace ids and then its layout id."""
    rows = decode(spec["states"])
    return rows.reshape([int(n) for n in spec["states"]["shape"].split(",")])


def assert_state_is_the_live_figure(exp, indices):
    traces, layout = state_of(exp.book_json(), indices)
    live = exp.draw(**exp.params_at(indices))
    assert len(traces) == len(live.data)
    for stored, trace in zip(traces, live.data):
        assert_same(stored, trace.to_plotly_json(), "trace")
    full = live.layout.to_plotly_json()
    spec = exp.book_json()["layout"]["meta"]["explorable"]
    assert_same(layout, {k: full.get(k) for k in spec["keys"]}, "layout")


# ---------------------------------------------------------------- live half
def test_live_dashboard_recomputes_the_model_on_every_slider_move():
    dash = make().dashboard()
    title_before = dash.view.layout.title.text
    x_before = list(dash.view.data[2].x)
    dash.inputs["p"].value = 0.3
    assert dash.params["p"] == 0.3
    assert dash.view.layout.title.text != title_before
    assert "0.15 to 0.45" in dash.view.layout.title.text  # [p - c_A, p + c_B] at p = 0.3
    assert list(dash.view.data[2].x) != x_before
    dash.inputs["cost_b"].value = 0.4
    assert "0.15 to 0.70" in dash.view.layout.title.text


def test_live_dashboard_labels_its_inputs_for_the_reader():
    dash = make().dashboard()
    assert [s.description for s in dash.inputs.values()] == [c.label for c in CONTROLS]


# ---------------------------------------------------------------- static half
def test_book_defaults_to_every_control_in_order():
    coarse = {"p": 0.1, "cost_a": 0.1, "cost_b": 0.1}
    exp = explorable(figure_range, CONTROLS, alt="bargaining range", grid=coarse)
    spec = exp.book_json()["layout"]["meta"]["explorable"]
    assert [c["name"] for c in spec["controls"]] == ["p", "cost_a", "cost_b"]
    assert exp.n_states == 11 * 7 * 7
    assert "Fixed here" not in exp.book_json()["layout"]["meta"]["alt"]


def test_one_book_control_and_the_others_are_stated_as_fixed():
    fig = make().book_json()
    spec = fig["layout"]["meta"]["explorable"]
    assert [c["name"] for c in spec["controls"]] == ["p"]
    c = spec["controls"][0]
    assert c["kind"] == "range" and len(c["values"]) == 21 and c["default_index"] == 12
    assert c["values"][12] == 0.6 and c["labels"][12] == "0.60"
    assert states(spec).shape == (21, len(figure_range().data) + 1)
    assert "Fixed here: Cost of war for A = 0.15, Cost of war for B = 0.15" in fig["layout"]["meta"]["alt"]
    assert "sliders" not in fig["layout"], "the book's native controls replace plotly's SVG slider"


def test_figure_data_and_layout_are_the_default_state():
    exp = make(book=["p", "cost_a"])
    fig = exp.static_figure()
    live = figure_range(p=0.6, cost_a=0.15, cost_b=0.15)
    assert fig.layout.title.text == live.layout.title.text
    assert [list(t.x) for t in fig.data] == [list(t.x) for t in live.data]


def test_every_state_of_two_book_controls_is_what_the_figure_function_draws():
    exp = make(book=["p", "cost_b"], grid={"p": 0.1, "cost_b": [0.0, 0.25, 0.5]})
    assert [len(b.values) for b in exp.book] == [11, 4]  # 0.6 is on the grid; 0.15 (default) is added
    assert exp.book[1].values == (0.0, 0.15, 0.25, 0.5)
    for indices in itertools.product(range(11), range(4)):
        assert_state_is_the_live_figure(exp, indices)
    # and a state really differs from another (the check above could not pass by accident)
    a, b = state_of(exp.book_json(), (0, 0)), state_of(exp.book_json(), (10, 3))
    assert a[1]["title"] != b[1]["title"]


def test_identical_traces_and_layouts_are_stored_once():
    def draw(a=0.0, b=0.0):  # b moves only one trace and never the title
        return go.Figure(
            [
                go.Scatter(x=[0, 1], y=[a, a], name="a"),
                go.Scatter(x=[0, 1], y=[b, b], name="b"),
                go.Scatter(x=[0, 1], y=[1, 1], name="c"),
            ],
            {"title": {"text": f"a = {a:.1f}"}},
        )

    exp = explorable(draw, [Control("a", "a", 0, 1, 0.5), Control("b", "b", 0, 1, 0.25)], alt="x", book=["a", "b"])
    spec = exp.book_json()["layout"]["meta"]["explorable"]
    assert states(spec).shape == (3 * 5, 4)
    assert len(spec["traces"]) == 3 + 5 + 1  # a's three lines, b's five, the constant one
    assert len(spec["layouts"]) == 3
    texts = [json.dumps(t, sort_keys=True) for t in spec["traces"]]
    assert len(set(texts)) == len(texts)
    assert states(spec)[0][2] == states(spec)[-1][2]  # the constant trace, shared


def test_float_arrays_are_stored_as_float32_and_integers_stay_exact():
    def draw(a=0.5):
        return go.Figure([go.Scatter(x=np.arange(50), y=np.linspace(0, a, 50))])

    spec = explorable(draw, [Control("a", "a", 0, 1, 0.5)], alt="x").book_json()["layout"]["meta"]["explorable"]
    trace = spec["traces"][states(spec)[1][0]]
    assert trace["y"]["dtype"] == "f4" and trace["x"]["dtype"] in ("i1", "u1", "i2", "i4")
    assert_same(decode(trace)["y"], np.linspace(0, 0.5, 50))


def test_other_changing_layout_keys_are_part_of_each_state():
    def draw(a=0.5):
        return go.Figure([go.Scatter(x=[0, 1], y=[0, a])], {"yaxis": {"range": [0, max(1.0, 2 * a)]}})

    exp = explorable(draw, [Control("a", "a", 0, 1, 0.25)], alt="x")
    spec = exp.book_json()["layout"]["meta"]["explorable"]
    assert "yaxis" in spec["keys"]
    assert state_of(exp.book_json(), (4,))[1]["yaxis"]["range"] == [0, 2.0]
    for i in range(5):
        assert_state_is_the_live_figure(exp, (i,))


def test_choices_pass_their_real_values_and_become_radio_or_select():
    seen = []

    def draw(kind="total", exclude=False, colour="red", a=0.5):
        seen.append((kind, exclude, colour))
        return go.Figure([go.Scatter(x=[0, 1], y=[a, a], name=f"{kind} {exclude} {colour}")])

    controls = [
        Control("kind", "Spoiler kind", choices=("limited", "greedy", "total")),
        Control("exclude", "Exclude the spoiler", choices=(False, True)),
        Control("colour", "Colour", choices=("red", "green", "blue", "black")),
        Control("a", "a", 0, 1, 0.5),
    ]
    exp = explorable(draw, controls, alt="x", book=["kind", "exclude", "colour"])
    spec = exp.book_json()["layout"]["meta"]["explorable"]
    kinds = {c["name"]: c["kind"] for c in spec["controls"]}
    assert kinds == {"kind": "radio", "exclude": "radio", "colour": "select"}
    assert spec["controls"][1]["values"] == [False, True] and spec["controls"][1]["labels"] == ["no", "yes"]
    assert spec["controls"][0]["default_index"] == 2  # the signature's default, "total"
    assert {type(k) for k, _, _ in seen} == {str} and {type(e) for _, e, _ in seen} == {bool}
    assert len(states(spec)) == 3 * 2 * 4
    assert state_of(exp.book_json(), (0, 1, 3))[0][0]["name"] == "limited True black"


def test_declared_names_are_resolved_with_the_figure_functions_defaults():
    from widgets.spoilers import figure_types

    exp = explorable(figure_types, ["inducement", "spoiler_strength"], alt="x")
    assert [c.name for c in exp.controls] == ["inducement", "spoiler_strength"]
    assert exp.defaults == {"inducement": 0.5, "spoiler_strength": 0.5}  # figure_types' own defaults


@dataclasses.dataclass(frozen=True)
class _Settings:
    p: float = 0.6
    cost_a: float = 0.15
    cost_b: float = 0.15

    def __post_init__(self):
        if not 0 <= self.p <= 1:
            raise ValueError(f"p must be in [0, 1], got {self.p}")


@takes(_Settings(cost_b=0.2), "cost_b p")
def _drawn(s: _Settings, title: str = "t") -> tuple:
    return s, title


def test_takes_gives_keyword_parameters_defaulting_to_the_settings_it_names():
    assert list(inspect.signature(_drawn).parameters) == ["cost_b", "p", "title"]
    assert [p.default for p in inspect.signature(_drawn).parameters.values()] == [0.2, 0.6, "t"]
    assert _drawn() == (_Settings(cost_b=0.2), "t")
    assert _drawn(0.3, title="u") == (_Settings(cost_b=0.3), "u")  # by position, in the order named
    assert _drawn(p=0.1) == (_Settings(p=0.1, cost_b=0.2), "t")
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\]"):  # the dataclass validates
        _drawn(p=2.0)
    with pytest.raises(TypeError, match="cost_a"):  # a setting it does not name is not a parameter
        _drawn(cost_a=0.1)
    with pytest.raises(ValueError, match="_Settings has no field q"):
        takes(_Settings(), "p q")
    # the controls read the defaults of the settings
    exp = explorable(_drawn, [CONTROLS[0], CONTROLS[2]], alt="x")
    assert exp.defaults == {"p": 0.6, "cost_b": 0.2}


def test_too_many_states_raise_naming_the_grid():
    with pytest.raises(ValueError, match=r"grid: 21 p x 11 cost_a x 11 cost_b = 2541 states.*800"):
        make(book=["p", "cost_a", "cost_b"])
    assert MAX_STATES == 800
    make(book=["p", "cost_a", "cost_b"], grid={"p": 0.1, "cost_a": 0.1, "cost_b": 0.1})  # 11 x 7 x 7


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"book": ["q"]}, "book"),
        ({"book": "p"}, "book"),
        ({"book": []}, "book"),
        ({"book": ["p", "p"]}, "book"),
        ({"grid": {"cost_a": 0.1}}, "grid"),  # not a book control
        ({"grid": {"p": 0.3}}, r"grid\['p'\]"),  # does not divide [0, 1]
        ({"grid": {"p": -0.1}}, r"grid\['p'\]"),
        ({"grid": {"p": [0.2, 1.5]}}, r"grid\['p'\]"),
        ({"grid": {"p": "fine"}}, r"grid\['p'\]"),
    ],
)
def test_bad_book_or_grid_raise_naming_the_parameter(kw, match):
    with pytest.raises(ValueError, match=match):
        make(**kw)


def test_an_unknown_control_name_raises():
    with pytest.raises(ValueError, match="no control named 'nonsense'"):
        explorable(figure_range, ["nonsense"], alt="x")


def test_mimebundle_outside_a_kernel_is_the_static_figure_and_fixed_text():
    bundle = make()._repr_mimebundle_()
    assert set(bundle) == {PLOTLY_MIME, "text/plain"}
    assert bundle["text/plain"] == "Interactive figure. bargaining range"
    assert bundle[PLOTLY_MIME]["layout"]["meta"]["explorable"]["controls"][0]["label"] == "Balance of power (p)"
    # the bundle is plain JSON (what nbval stores and compares)
    assert json.loads(json.dumps(bundle[PLOTLY_MIME])) == bundle[PLOTLY_MIME]


def test_a_figure_function_with_a_varying_trace_count_is_rejected():
    def bad(p=0.5):
        return go.Figure([go.Scatter(x=[0], y=[0])] * (1 if p < 0.5 else 2))

    with pytest.raises(RuntimeError, match="same number of traces"):
        explorable(bad, [Control("p", "p", 0, 1, 0.5, 0.0)], alt="x").static_figure()


def test_missing_alt_text_is_refused():
    with pytest.raises(ValueError, match="alt"):
        explorable(figure_range, CONTROLS, alt=" ")


def test_control_default_must_lie_in_its_range():
    with pytest.raises(ValueError, match="default"):
        Control("p", "p", 0, 1, 0.1, 1.5)


def test_the_bundle_is_plotlys_own_output_without_importing_nbformat():
    import subprocess
    import sys

    import plotly.io as pio

    fig = make().static_figure()
    ours = make()._repr_mimebundle_()[PLOTLY_MIME]
    theirs = pio.renderers["plotly_mimetype"].to_mimebundle(fig.to_dict())[PLOTLY_MIME]
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)
    code = (
        "import sys; from widgets.bargaining import figure_range; "
        "from widgets.explorable import static_figure, explorable, Control; "
        "static_figure(figure_range(), alt='x')._repr_mimebundle_(); "
        "explorable(figure_range, [Control('p', 'p', 0, 1, 0.5, 0.5)], alt='x')._repr_mimebundle_(); "
        "print('nbformat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "the first figure of a notebook would pay for nbformat's import"
