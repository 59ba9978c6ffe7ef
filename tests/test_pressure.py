"""Shifting power and commitment: the range closes once the discounted shift exceeds the cost of war."""

import numpy as np
import pytest
from conftest import unit
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from widgets.bargaining import bargaining_range, range_width
from widgets.pressure import (
    DECAY,
    P0,
    PERIODS,
    closed_periods,
    closed_periods_grid,
    commitment_range,
    figure_closure_map,
    figure_range_over_time,
    range_over_time,
    shift_path,
)

patience = st.floats(0, 0.99, allow_nan=False)
cost = st.floats(0, 0.5, allow_nan=False)


def test_no_shift_is_fearons_range():
    assert commitment_range(0.6, 0.0, 0.9, 0.15, 0.15) == bargaining_range(0.6, 0.15, 0.15)


def test_worked_example():
    # d = 0.9, costs 0.05 each: a one-time shift of 0.1 is worth 0.09 < 0.10 (a deal), 0.12 is worth 0.108 (none)
    low, high = commitment_range(0.6, 0.1, 0.9, 0.05, 0.05)
    assert (round(low, 10), round(high, 10)) == (0.55, 0.56)
    assert commitment_range(0.6, 0.12, 0.9, 0.05, 0.05) is None


@settings(max_examples=30, deadline=None)
@given(unit, unit, patience, cost, cost)
def test_range_closes_exactly_when_the_discounted_shift_exceeds_the_cost_of_war(p, shift, d, cost_a, cost_b):
    discounted = d * min(shift, p)
    assume(abs(discounted - (cost_a + cost_b)) > 1e-9)
    rng = commitment_range(p, shift, d, cost_a, cost_b)
    assert (rng is None) == (discounted > cost_a + cost_b)
    if rng is not None:
        assert 0 <= rng[0] <= rng[1] <= 1


@settings(max_examples=30, deadline=None)
@given(unit, unit, st.floats(0, 0.5), patience, cost, cost)
def test_width_never_grows_with_the_expected_shift(p, shift, extra, d, cost_a, cost_b):
    narrow = range_width(commitment_range(p, min(1.0, shift + extra), d, cost_a, cost_b))
    assert narrow <= range_width(commitment_range(p, shift, d, cost_a, cost_b)) + 1e-12


@settings(max_examples=30, deadline=None)
@given(unit, unit, patience, st.floats(0, 0.5), cost, cost)
def test_more_patience_never_widens_the_range(p, shift, d, extra, cost_a, cost_b):
    wide = range_width(commitment_range(p, shift, d, cost_a, cost_b))
    assert range_width(commitment_range(p, shift, min(0.99, d + extra), cost_a, cost_b)) <= wide + 1e-12


def test_shift_path_adds_up_to_the_total_and_respects_p0():
    s = shift_path(0.3, periods=400)
    assert s.sum() == pytest.approx(0.3, abs=1e-6)
    assert np.all(np.diff(s) <= 0)
    assert shift_path(0.9, periods=400, p0=0.6).sum() == pytest.approx(0.6, abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(unit, patience, cost, cost, st.floats(0.05, 1))
def test_path_agrees_with_the_bargaining_range_and_the_closed_form(total, d, cost_a, cost_b, p0):
    path = range_over_time(total, d, cost_a, cost_b, p0=p0)
    assert np.all(path["p"] >= 0) and np.all(np.diff(path["p"]) <= 1e-15)
    s = min(total, p0)
    expected = d * s * (1 - DECAY) * DECAY ** path["t"] / (1 - d * DECAY)
    assert np.allclose(path["discounted_shift"], expected)
    for pt, dt_, is_open in zip(path["p"], path["discounted_shift"], path["open"]):
        assert is_open == (bargaining_range(float(pt), cost_a, cost_b - float(dt_)) is not None)


@settings(max_examples=30, deadline=None)
@given(unit, patience, cost)
def test_once_open_the_range_stays_open(total, d, c):
    is_open = range_over_time(total, d, c, c)["open"]
    assert np.all(np.diff(is_open.astype(int)) >= 0)


@settings(max_examples=30, deadline=None)
@given(unit, st.floats(0, 0.5), patience, cost)
def test_closed_periods_rise_with_the_shift_and_fall_with_the_cost(total, extra, d, c):
    base = closed_periods(total, d, c, c)
    assert closed_periods(min(1.0, total + extra), d, c, c) >= base
    assert closed_periods(total, d, min(0.5, c + extra), min(0.5, c + extra)) <= base
    assert closed_periods(total, min(0.99, d + extra), c, c) >= base


def test_grid_matches_the_path_function():
    grid = closed_periods_grid(0.05, totals=[0.0, 0.3], patience=[0.5, 0.9])
    assert grid.tolist() == [[closed_periods(s, d, 0.05, 0.05) for s in (0.0, 0.3)] for d in (0.5, 0.9)]


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: commitment_range(1.2, 0.1), "p"),
        (lambda: commitment_range(0.6, -0.1), "shift"),
        (lambda: commitment_range(0.6, 0.1, patience=1.0), "patience"),
        (lambda: commitment_range(0.6, 0.1, cost_a=float("nan")), "cost_a"),
        (lambda: commitment_range(0.6, 0.1, cost_b=2.0), "cost_b"),
        (lambda: range_over_time(1.5), "expected_shift"),
        (lambda: range_over_time(0.3, p0=-0.1), "p0"),
        (lambda: range_over_time(0.3, periods=0), "periods"),
        (lambda: range_over_time(0.3, decay=1.0), "decay"),
        (lambda: closed_periods_grid(cost=-0.1), "cost"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("total", [0.0, 0.3, 0.5])
@pytest.mark.parametrize("d", [0.5, 0.95])
def test_figures_keep_their_traces_and_show_the_numbers(total, d):
    fig = figure_range_over_time(expected_shift=total, patience=d, cost=0.05)
    assert len(fig.data) == 5
    closed = closed_periods(total, d, 0.05, 0.05)
    assert len(fig.data[4].x) == closed
    if 0 < closed < PERIODS + 1:
        assert f"first {closed} period(s)" in fig.layout.title.text
    assert len(figure_closure_map(cost=0.02 + total / 10).data) == 2


def test_default_scenario_has_a_few_periods_without_a_deal():
    assert 1 <= closed_periods(0.3, 0.9, 0.05, 0.05, P0) <= PERIODS // 2


@pytest.mark.parametrize("decay", [0.5, 0.85, 0.95])
def test_closure_map_shows_the_grid_for_its_decay(decay):
    fig = figure_closure_map(cost=0.05, decay=decay)
    z = np.asarray(fig.data[0].z)
    assert z.tolist() == closed_periods_grid(0.05, decay=decay).tolist()
    # one cell checked against the path function: total shift 0.3, patience 0.9
    from widgets.pressure import _PATIENCE, _TOTALS

    i, j = int(np.argmin(abs(_PATIENCE - 0.9))), int(np.argmin(abs(_TOTALS - 0.3)))
    assert z[i, j] == closed_periods(float(_TOTALS[j]), float(_PATIENCE[i]), 0.05, 0.05, decay=decay)
    assert f"decay {decay:.2f}" in fig.layout.title.text


def test_a_faster_fading_shift_closes_more_of_the_map_for_fewer_periods():
    fast, slow = closed_periods_grid(0.05, decay=0.5), closed_periods_grid(0.05, decay=0.85)
    assert np.mean(fast > 0) > np.mean(slow > 0)
    assert fast.max() < slow.max()


def test_closure_map_rejects_a_bad_decay():
    with pytest.raises(ValueError, match=r"decay must be .*\["):
        figure_closure_map(decay=1.5)


def test_controls_are_declared_here_and_labelled_as_the_chapter_uses_them():
    from conftest import declared_controls

    from widgets import pressure
    from widgets.controls import resolve

    assert declared_controls(pressure) == {
        "expected_shift": "Expected shift in power",
        "patience": "Patience (discount factor)",
        "cost": "Cost of war per side and period",
        "decay": "Decay of the shift per period",
    }
    shift, cost = resolve(figure_range_over_time, ["expected_shift", "cost"])
    assert (shift.default_value, cost.default_value) == (0.3, 0.05)
    (decay,) = resolve(figure_closure_map, ["decay"])
    assert decay.default_value == DECAY and DECAY in decay.values


def test_figure_text_says_government_not_regime():
    fig = figure_range_over_time()
    text = " ".join([fig.layout.title.text, fig.layout.yaxis.title.text] + [t.name for t in fig.data])
    assert "government" in text and "regime" not in text.lower()
