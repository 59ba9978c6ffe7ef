"""Unit and property tests of widgets.militias (chapter 09)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import assert_constant_traces_and_finite, unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import militias as M
from widgets import warlords as W

N = 600


def test_obedience_share_is_a_float_in_unit_interval_at_defaults():
    share = M.obedience_share(0.5)
    assert isinstance(share, float)
    assert 0.0 < share < 1.0


@settings(max_examples=30, deadline=None)
@given(k1=unit, k2=unit, w=unit, g=unit, c=unit, a=st.floats(0.0, 2.0))
def test_obedience_never_falls_with_central_control(k1, k2, w, g, c, a):
    lo, hi = sorted((k1, k2))
    kw = dict(warlord_incentive=w, guaranteed_share=g, credibility=c, arrest_penalty=a, n=N)
    assert M.obedience_share(hi, **kw) >= M.obedience_share(lo, **kw)


@settings(max_examples=30, deadline=None)
@given(k=unit, w1=unit, w2=unit, g=unit, c=unit)
def test_obedience_never_rises_with_warlord_incentive(k, w1, w2, g, c):
    lo, hi = sorted((w1, w2))
    kw = dict(guaranteed_share=g, credibility=c, n=N)
    assert M.obedience_share(k, hi, **kw) <= M.obedience_share(k, lo, **kw)


@settings(max_examples=30, deadline=None)
@given(k=unit, a1=st.floats(0.0, 2.0), a2=st.floats(0.0, 2.0))
def test_obedience_never_falls_with_the_arrest_penalty(k, a1, a2):
    lo, hi = sorted((a1, a2))
    assert M.obedience_share(k, arrest_penalty=hi, n=N) >= M.obedience_share(k, arrest_penalty=lo, n=N)


def test_obedience_curve_is_monotone_and_matches_obedience_share():
    curve = M.obedience_curve(n=N)
    assert curve.shape == M.CONTROL_GRID.shape
    assert np.all(np.diff(curve) >= 0) and curve[-1] > curve[0]
    for i in (0, 10, 37, 50, 100):
        assert curve[i] == M.obedience_share(float(M.CONTROL_GRID[i]), n=N)


def test_without_a_centre_obedience_is_the_acceptance_of_chapter_08():
    for w, g, c in ((0.5, 0.5, 0.8), (0.2, 0.3, 0.6), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)):
        assert M.obedience_share(0.0, w, g, c) == W.acceptance_share(w, g, c)


def test_commander_orders_agree_with_obedience_share():
    orders = M.commander_orders(0.4, n=N)
    assert orders["obeys"].shape == (N,)
    assert orders["obeys"].mean() == M.obedience_share(0.4, n=N)
    np.testing.assert_array_equal(orders["rents"], W.commander_decisions(0.5, 0.5, 0.8, n=N)["rents"])
    assert np.all(orders["expected_sanction"] >= 0)
    cost = orders["expected_sanction"] + orders["promise_value"]
    assert np.all(cost[orders["obeys"]] >= orders["rents"][orders["obeys"]] * (1 - 1e-12))
    assert np.all(cost[~orders["obeys"]] < orders["rents"][~orders["obeys"]] * (1 + 1e-12))
    kappa = M.obedience_thresholds(n=N)
    np.testing.assert_array_equal(orders["obeys"], 0.4 >= kappa)


def test_landscapes_share_the_rents_and_differ_only_by_control():
    same = M.landscapes(0.0)
    assert same["rebel"] == same["loyalist"]
    assert M.landscapes(0.7, rebel_control=0.7) == {"rebel": M.obedience_share(0.7)} | {
        "loyalist": M.obedience_share(0.7)
    }


def test_control_needed_is_the_first_grid_point_reaching_the_target():
    need = M.control_needed(0.8)
    assert M.obedience_share(need) >= 0.8
    assert M.obedience_share(round(need - 0.01, 10)) < 0.8
    assert math.isinf(M.control_needed(1.0, warlord_incentive=1.0))
    assert M.control_needed(0.0) == 0.0


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: M.obedience_share(1.5), "central_control"),
        (lambda: M.obedience_share(float("nan")), "central_control"),
        (lambda: M.obedience_share(0.5, warlord_incentive=-1), "warlord_incentive"),
        (lambda: M.obedience_share(0.5, guaranteed_share=2), "guaranteed_share"),
        (lambda: M.obedience_share(0.5, credibility=None), "credibility"),
        (lambda: M.obedience_share(0.5, arrest_penalty=3.0), "arrest_penalty"),
        (lambda: M.obedience_share(0.5, n=0), "n"),
        (lambda: M.landscapes(0.5, rebel_control=1.2), "rebel_control"),
        (lambda: M.obedience_curve(controls=[0.2, 1.4]), "central_control"),
        (lambda: M.control_needed(-0.1), "target_share"),
        (lambda: M.figure_obedience(central_control=2.0), "central_control"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("draw", [M.figure_landscapes, M.figure_obedience, M.figure_by_incentive])
def test_figures_keep_their_trace_count_and_carry_no_nan(draw):
    assert_constant_traces_and_finite(
        draw(central_control=k, warlord_incentive=w) for k in (0.0, 0.5, 1.0) for w in (0.0, 0.5, 1.0)
    )


def test_figure_titles_report_both_landscapes():
    here = M.landscapes(0.5)
    title = M.figure_obedience(0.5).layout.title.text
    assert f"{100 * here['loyalist']:.0f}% of loyalist" in title and f"{100 * here['rebel']:.0f}% of rebels" in title
    assert M.figure_landscapes(0.1).layout.title.text != M.figure_landscapes(0.9).layout.title.text
    assert M.figure_by_incentive(0.2).layout.title.text != M.figure_by_incentive(0.8).layout.title.text


# ---------------------------------------------------------------- both sides' central control
def test_controls_are_declared_once_here_with_their_labels():
    from widgets.controls import lookup

    assert set(M.CONTROLS) == {"central_control", "rebel_control", "arrest_penalty"}
    assert lookup("central_control").label == "Central control"
    assert lookup("rebel_control") is M.CONTROLS["rebel_control"]
    assert (lookup("arrest_penalty").low, lookup("arrest_penalty").high) == (0.0, 2.0)


@pytest.mark.parametrize("loyal,rebel", [(0.25, 0.5), (0.5, 0.2), (0.0, 1.0), (0.7, 0.7)])
def test_the_sides_differ_only_by_their_central_control(loyal, rebel):
    # the model does not decide which side is easier to command: swapping the controls swaps the shares
    here, swapped = M.landscapes(loyal, rebel_control=rebel), M.landscapes(rebel, rebel_control=loyal)
    assert here["loyalist"] == swapped["rebel"] and here["rebel"] == swapped["loyalist"]
    assert (here["rebel"] > here["loyalist"]) == (M.obedience_share(rebel) > M.obedience_share(loyal))


def test_figures_follow_the_rebel_sides_control():
    low, high = M.figure_landscapes(rebel_control=0.0), M.figure_landscapes(rebel_control=0.5)
    assert low.layout.title.text != high.layout.title.text
    assert "central control 0.50" in high.layout.annotations[0].text
    fig = M.figure_obedience(0.3, rebel_control=0.6)
    rebel, loyal = fig.data[1], fig.data[2]
    assert (rebel.x[0], rebel.y[0]) == (0.6, M.obedience_share(0.6))
    assert (loyal.x[0], loyal.y[0]) == (0.3, M.obedience_share(0.3))
    by_w = M.figure_by_incentive(0.5, central_control=0.25, rebel_control=0.5)
    assert by_w.data[1].y[10] == M.obedience_share(0.5, 0.5)  # the rebels' curve at w = 0.5
    with pytest.raises(ValueError, match="rebel_control"):
        M.figure_landscapes(rebel_control=1.5)
