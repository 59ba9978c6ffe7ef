"""The interactivity mechanism: one call gives a live dashboard and a static plotly-slider figure."""
import plotly.graph_objects as go
import pytest

from widgets.bargaining import figure_range
from widgets.explorable import PLOTLY_MIME, Control, explorable

CONTROLS = [Control("p", "Balance of power (p)", 0.0, 1.0, 0.05, 0.6),
            Control("cost_a", "Cost of war for A", 0.0, 0.5, 0.05, 0.15),
            Control("cost_b", "Cost of war for B", 0.0, 0.5, 0.05, 0.15)]


def make():
    return explorable(figure_range, CONTROLS, alt="bargaining range")


def test_live_dashboard_recomputes_the_model_on_every_slider_move():
    dash = make().dashboard()
    title_before = dash.figure.layout.title.text
    x_before = list(dash.figure.data[2].x)
    dash.sliders["p"].value = 0.3
    assert dash.params["p"] == 0.3
    assert dash.figure.layout.title.text != title_before
    assert "0.15 to 0.45" in dash.figure.layout.title.text  # [p - c_A, p + c_B] at p = 0.3
    assert list(dash.figure.data[2].x) != x_before
    dash.sliders["cost_b"].value = 0.4
    assert "0.15 to 0.70" in dash.figure.layout.title.text


def test_live_dashboard_labels_its_sliders_for_the_reader():
    dash = make().dashboard()
    assert [s.description for s in dash.sliders.values()] == [c.label for c in CONTROLS]


def test_static_figure_has_one_step_per_grid_value_and_opens_at_the_default():
    fig = make().static_figure()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == 21 and slider.active == 12
    per_step = len(figure_range().data)
    assert len(fig.data) == 21 * per_step
    shown = [i for i, t in enumerate(fig.data) if t.visible]
    assert shown == list(range(12 * per_step, 13 * per_step))
    # each step shows its own traces and its own readout
    step = slider.steps[6]
    assert step.args[0]["visible"].count(True) == per_step
    assert "0.15 to 0.45" in step.args[1]["title"]["text"]
    assert "Cost of war for A = 0.15" in fig.layout.meta["alt"]


def test_static_figure_matches_the_live_figure_at_every_step():
    exp = make()
    fig, per_step = exp.static_figure(), len(figure_range().data)
    for i, value in enumerate(CONTROLS[0].values[::5]):
        live = figure_range(p=float(value), cost_a=0.15, cost_b=0.15)
        first = 5 * i * per_step
        assert list(fig.data[first + 2].x) == list(live.data[2].x)


def test_mimebundle_outside_a_kernel_is_the_static_figure_and_fixed_text():
    bundle = make()._repr_mimebundle_()
    assert set(bundle) == {PLOTLY_MIME, "text/plain"}
    assert bundle["text/plain"] == "Interactive figure. bargaining range"
    assert bundle[PLOTLY_MIME]["layout"]["sliders"][0]["currentvalue"]["prefix"] == "Balance of power (p): "


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
    import json
    import subprocess
    import sys

    import plotly.io as pio

    fig = make().static_figure()
    ours = make()._repr_mimebundle_()[PLOTLY_MIME]
    theirs = pio.renderers["plotly_mimetype"].to_mimebundle(fig.to_dict())[PLOTLY_MIME]
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)
    code = ("import sys; from widgets.bargaining import figure_range; "
            "from widgets.explorable import static_figure; "
            "static_figure(figure_range(), alt='x')._repr_mimebundle_(); "
            "print('nbformat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "the first figure of a notebook would pay for nbformat's import"
