"""Fearon's bargaining range and its veto-player extension: properties and input checks."""

import math

import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.bargaining import (
    MAX_VETO_PLAYERS,
    bargaining_range,
    figure_range,
    figure_veto,
    range_width,
    veto_player_costs,
    veto_range,
)

cost = st.floats(-1, 1, allow_nan=False)
positive_cost = st.floats(0.001, 1, allow_nan=False)


def test_textbook_example():
    low, high = bargaining_range(0.6, 0.15, 0.15)
    assert (round(low, 10), round(high, 10)) == (0.45, 0.75)


@settings(max_examples=200, deadline=None)
@given(unit, cost, cost)
def test_range_is_the_clipped_interval(p, cost_a, cost_b):
    rng = bargaining_range(p, cost_a, cost_b)
    low, high = max(0.0, p - cost_a), min(1.0, p + cost_b)
    if low > high:
        assert rng is None
    else:
        assert rng == (low, high) and 0 <= rng[0] <= rng[1] <= 1


@settings(max_examples=200, deadline=None)
@given(unit, positive_cost, positive_cost)
def test_costly_war_always_leaves_a_deal_containing_p(p, cost_a, cost_b):
    low, high = bargaining_range(p, cost_a, cost_b)
    assert low <= p <= high


@settings(max_examples=200, deadline=None)
@given(unit, cost, cost, st.floats(0, 0.5))
def test_width_never_falls_as_either_cost_rises(p, cost_a, cost_b, extra):
    base = range_width(bargaining_range(p, cost_a, cost_b))
    assert range_width(bargaining_range(p, min(1, cost_a + extra), cost_b)) >= base - 1e-12
    assert range_width(bargaining_range(p, cost_a, min(1, cost_b + extra))) >= base - 1e-12


@settings(max_examples=100, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.01, 0.3), st.floats(0.01, 1))
def test_range_vanishes_when_one_side_gains_more_than_the_other_loses(p, cost_a, margin):
    assert bargaining_range(p, cost_a, -(cost_a + margin * 0.5)) is None


@settings(max_examples=50, deadline=None)
@given(unit, st.floats(0, 0.5), st.floats(0, 1), st.floats(0, 1), st.integers(0, 1000))
def test_adding_veto_players_never_widens_the_range(p, cost_a, cost_b, gain, seed):
    widths = [
        range_width(veto_range(p, cost_a, veto_player_costs(n, cost_b, 0.0, seed)))
        for n in range(1, MAX_VETO_PLAYERS + 1)
    ]
    assert all(b <= a + 1e-12 for a, b in zip(widths, widths[1:]))


def test_one_veto_player_is_fearons_model():
    assert veto_range(0.6, 0.15, veto_player_costs(1, 0.3)) == bargaining_range(0.6, 0.15, 0.3)


@pytest.mark.parametrize(
    "args, name",
    [
        ((1.2, 0.1, 0.1), "p"),
        ((-0.1, 0.1, 0.1), "p"),
        ((math.nan, 0.1, 0.1), "p"),
        ((0.5, 2.0, 0.1), "cost_a"),
        ((0.5, 0.1, -1.5), "cost_b"),
        ((0.5, "x", 0.1), "cost_a"),
    ],
)
def test_bad_input_names_the_parameter_and_range(args, name):
    with pytest.raises(ValueError, match=rf"{name} must be .*\["):
        bargaining_range(*args)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"n_veto": 0, "cost_b": 0.3}, "n_veto"),
        ({"n_veto": 9, "cost_b": 0.3}, "n_veto"),
        ({"n_veto": 2, "cost_b": 1.3}, "cost_b"),
        ({"n_veto": 2, "cost_b": 0.3, "spoiler_gain": -0.1}, "spoiler_gain"),
    ],
)
def test_veto_player_input_checks(kwargs, name):
    with pytest.raises(ValueError, match=name):
        veto_player_costs(**kwargs)


def test_figures_keep_their_trace_count_and_report_the_range():
    assert len(figure_range(0.2).data) == len(figure_range(0.9, 0.0, 0.0).data)
    assert len(figure_veto(1).data) == len(figure_veto(8, 0.4).data)
    assert "0.45 to 0.75" in figure_range(0.6, 0.15, 0.15).layout.title.text
    assert figure_veto(3, 0.4).layout.title.text.endswith("worse than war for someone")


def test_controls_are_declared_here_with_the_chapter_labels():
    from conftest import declared_controls

    from widgets import bargaining
    from widgets.controls import resolve

    assert declared_controls(bargaining) == {
        "p": "Balance of power (p)",
        "cost_a": "Cost of war for A",
        "cost_b": "Cost of war for B",
        "n_veto": "Veto players on side B",
        "spoiler_gain": "Spoiler's gain from war",
    }
    n_veto, gain, cost_b = resolve(figure_veto, ["n_veto", "spoiler_gain", "cost_b"])
    assert n_veto.values == [float(n) for n in range(1, MAX_VETO_PLAYERS + 1)]
    assert n_veto.labels[:2] == ["1", "2"]
    assert (n_veto.default_value, gain.default_value, cost_b.default_value) == (1, 0.0, 0.3)
    (p,) = resolve(figure_range, ["p"])
    assert p.default_value == 0.6


def test_figure_text_says_government_not_regime():
    for fig in (figure_range(), figure_veto(3, 0.2)):
        text = " ".join(
            [fig.layout.title.text] + [t.name or "" for t in fig.data] + [str(y) for t in fig.data for y in (t.y or [])]
        )
        assert "government" in text and "regime" not in text.lower()
