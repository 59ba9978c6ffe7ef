"""Unit and property tests of widgets.warlords (chapter 08)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import assert_constant_traces_and_finite, unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import warlords as W

N = 600  # a small population keeps the property tests fast; the properties hold for any n


# ---------------------------------------------------------------- acceptance_share
def test_acceptance_share_is_a_float_in_unit_interval_at_defaults():
    share = W.acceptance_share(0.5, 0.5, 0.8)
    assert isinstance(share, float)
    assert 0.0 < share < 1.0


def test_acceptance_share_is_reproducible_for_a_seed_and_moves_with_it():
    a = W.acceptance_share(0.5, 0.5, 0.8, n=2000, seed=1)
    assert a == W.acceptance_share(0.5, 0.5, 0.8, n=2000, seed=1)
    others = {W.acceptance_share(0.5, 0.5, 0.8, n=2000, seed=s) for s in range(2, 6)}
    assert len(others | {a}) > 1
    assert all(abs(o - a) < 0.06 for o in others)  # same model, sampling noise only


def test_without_war_rents_everyone_accepts_and_without_a_guarantee_nobody_with_rents_does():
    assert W.acceptance_share(0.0, 0.0, 0.0) == 1.0
    assert W.acceptance_share(0.3, 0.0, 1.0) == 0.0
    assert W.acceptance_share(0.3, 1.0, 0.0) == 0.0


@settings(max_examples=30, deadline=None)
@given(w1=unit, w2=unit, g=unit, c=unit)
def test_acceptance_never_rises_with_warlord_incentive(w1, w2, g, c):
    lo, hi = sorted((w1, w2))
    assert W.acceptance_share(hi, g, c, n=N) <= W.acceptance_share(lo, g, c, n=N)


@settings(max_examples=30, deadline=None)
@given(w=unit, g1=unit, g2=unit, c=unit)
def test_acceptance_never_falls_with_guaranteed_share(w, g1, g2, c):
    lo, hi = sorted((g1, g2))
    assert W.acceptance_share(w, hi, c, n=N) >= W.acceptance_share(w, lo, c, n=N)


@settings(max_examples=30, deadline=None)
@given(w=unit, g=unit, c1=unit, c2=unit)
def test_acceptance_never_falls_with_credibility(w, g, c1, c2):
    lo, hi = sorted((c1, c2))
    assert W.acceptance_share(w, g, hi, n=N) >= W.acceptance_share(w, g, lo, n=N)


def test_monotone_on_a_fine_grid_with_the_default_population():
    grid = np.linspace(0, 1, 41)
    by_w = [W.acceptance_share(float(w), 0.5, 0.8) for w in grid]
    by_g = [W.acceptance_share(0.5, float(g), 0.8) for g in grid]
    by_c = [W.acceptance_share(0.5, 0.5, float(c)) for c in grid]
    assert np.all(np.diff(by_w) <= 0) and by_w[0] > by_w[-1]
    assert np.all(np.diff(by_g) >= 0) and by_g[-1] > by_g[0]
    assert np.all(np.diff(by_c) >= 0) and by_c[-1] > by_c[0]


def test_a_longer_delay_before_the_dividend_never_raises_acceptance():
    shares = [W.acceptance_share(0.5, 0.5, 0.8, delay=d) for d in range(0, 8)]
    assert np.all(np.diff(shares) <= 0) and shares[0] > shares[-1]


# ---------------------------------------------------------------- per-commander view
def test_commander_decisions_agree_with_acceptance_share_and_required_share():
    dec = W.commander_decisions(0.4, 0.3, 0.6, n=N)
    assert dec["accepts"].shape == dec["rents"].shape == (N,)
    assert dec["accepts"].mean() == W.acceptance_share(0.4, 0.3, 0.6, n=N)
    np.testing.assert_array_equal(dec["accepts"], 0.3 >= W.required_share(0.4, 0.6, n=N))
    # accepting means the discounted, risky promise is worth at least the rents (up to rounding)
    assert np.all(dec["promise_value"][dec["accepts"]] >= dec["rents"][dec["accepts"]] * (1 - 1e-12))
    assert np.all(dec["promise_value"][~dec["accepts"]] < dec["rents"][~dec["accepts"]] * (1 + 1e-12))


def test_required_share_is_zero_without_rents_and_infinite_without_credibility():
    assert np.all(W.required_share(0.0, 0.0, n=N) == 0.0)
    assert np.all(np.isinf(W.required_share(0.5, 0.0, n=N)))
    assert not np.any(np.isnan(W.required_share(0.0, 0.0, n=N)))


def test_draws_are_read_only_and_rents_by_source_add_up():
    d = W.draw_commanders(N, 0)
    with pytest.raises(ValueError):
        d["base"][0] = 5.0
    by_source = W.rents_by_source(0.5, n=N)
    assert list(by_source) == list(W.RENT_SOURCES)
    assert sum(by_source.values()) == pytest.approx(0.5 * d["base"].mean())
    assert W.draw_commanders(4000, 0)["base"].mean() == pytest.approx(1.0, abs=0.05)


# ---------------------------------------------------------------- veto holders
def test_all_accept_probability_equals_share_for_one_veto_holder_and_falls_with_more():
    share = W.acceptance_share(0.5, 0.5, 0.8)
    probs = [W.all_accept_probability(0.5, 0.5, 0.8, veto_players=k) for k in range(1, 9)]
    assert probs[0] == pytest.approx(share)
    assert np.all(np.diff(probs) <= 0) and probs[-1] < probs[0]
    assert probs[2] == pytest.approx(share**3, rel=0.01)


@settings(max_examples=30, deadline=None)
@given(w1=unit, w2=unit, g=unit, c=unit, k=st.integers(1, 8))
def test_all_accept_probability_never_rises_with_warlord_incentive(w1, w2, g, c, k):
    lo, hi = sorted((w1, w2))
    p_hi = W.all_accept_probability(hi, g, c, veto_players=k, n=N)
    p_lo = W.all_accept_probability(lo, g, c, veto_players=k, n=N)
    assert 0.0 <= p_hi <= p_lo <= 1.0


def test_all_accept_probability_with_more_veto_holders_than_commanders_is_zero():
    assert W.all_accept_probability(0.0, 1.0, 1.0, veto_players=5, n=3) == 0.0
    assert W.all_accept_probability(0.0, 1.0, 1.0, veto_players=3, n=3) == 1.0


# ---------------------------------------------------------------- price of peace
@pytest.mark.parametrize("w,c,target", [(0.3, 0.8, 0.5), (0.5, 0.8, 0.3), (0.2, 1.0, 0.9), (0.5, 0.5, 0.2)])
def test_price_of_peace_is_the_smallest_share_reaching_the_target(w, c, target):
    price = W.price_of_peace(w, c, target)
    assert 0.0 < price <= 1.0
    assert W.acceptance_share(w, price, c) >= target
    assert W.acceptance_share(w, float(np.nextafter(price, 0.0)), c) < target


def test_price_of_peace_for_veto_holders_reaches_the_target_probability():
    price = W.price_of_peace(0.2, 0.8, 0.9, veto_players=3)
    assert price > W.price_of_peace(0.2, 0.8, 0.9)
    assert W.all_accept_probability(0.2, price, 0.8, veto_players=3) >= 0.9
    assert W.all_accept_probability(0.2, float(np.nextafter(price, 0.0)), 0.8, veto_players=3) < 0.9


def test_price_of_peace_is_infinite_when_no_share_is_enough_and_zero_for_no_target():
    assert math.isinf(W.price_of_peace(1.0, 0.8, 0.9))
    assert math.isinf(W.price_of_peace(0.5, 0.0, 0.5))
    assert W.price_of_peace(1.0, 0.0, 0.0) == 0.0


@settings(max_examples=30, deadline=None)
@given(w1=unit, w2=unit, c=st.floats(0.05, 1.0), t=st.floats(0.05, 1.0), k=st.integers(1, 4))
def test_price_of_peace_never_falls_with_warlord_incentive(w1, w2, c, t, k):
    lo, hi = sorted((w1, w2))
    assert W.price_of_peace(hi, c, t, veto_players=k, n=N) >= W.price_of_peace(lo, c, t, veto_players=k, n=N)


def test_acceptance_curve_matches_acceptance_share_on_its_grid():
    curve = W.acceptance_curve(0.4, 0.7, n=N)
    assert curve.shape == W.SHARE_GRID.shape
    for i in (0, 13, 50, 77, 100):
        assert curve[i] == W.acceptance_share(0.4, float(W.SHARE_GRID[i]), 0.7, n=N)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: W.acceptance_share(1.2, 0.5, 0.5), "warlord_incentive"),
        (lambda: W.acceptance_share(-0.1, 0.5, 0.5), "warlord_incentive"),
        (lambda: W.acceptance_share(float("nan"), 0.5, 0.5), "warlord_incentive"),
        (lambda: W.acceptance_share(0.5, 1.5, 0.5), "guaranteed_share"),
        (lambda: W.acceptance_share(0.5, 0.5, -0.2), "credibility"),
        (lambda: W.acceptance_share(0.5, 0.5, "high"), "credibility"),
        (lambda: W.acceptance_share(0.5, 0.5, 0.5, n=0), "n"),
        (lambda: W.acceptance_share(0.5, 0.5, 0.5, seed=-1), "seed"),
        (lambda: W.acceptance_share(0.5, 0.5, 0.5, delay=2.5), "delay"),
        (lambda: W.all_accept_probability(0.5, 0.5, 0.5, veto_players=0), "veto_players"),
        (lambda: W.all_accept_probability(0.5, 0.5, 0.5, veto_players=9), "veto_players"),
        (lambda: W.price_of_peace(0.5, 0.5, target_share=1.1), "target_share"),
        (lambda: W.figure_acceptance(warlord_incentive=2.0), "warlord_incentive"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------- figures
FIGURES = [W.figure_acceptance, W.figure_price_of_peace, W.figure_veto]


@pytest.mark.parametrize("draw", FIGURES)
def test_figures_keep_their_trace_count_and_carry_no_nan(draw):
    assert_constant_traces_and_finite(
        draw(warlord_incentive=w, guaranteed_share=g, credibility=c)
        for w in (0.0, 0.05, 0.5, 1.0)
        for g, c in ((0.0, 0.0), (0.5, 0.8), (1.0, 1.0))
    )


def test_figure_titles_report_the_numbers_that_move_with_the_slider():
    share = W.acceptance_share(0.5, 0.5, 0.8)
    assert f"{100 * share:.0f}% of commanders accept" in W.figure_acceptance().layout.title.text
    assert f"{100 * share:.0f}% of commanders accept" in W.figure_veto().layout.title.text
    low, high = W.figure_acceptance(0.1).layout.title.text, W.figure_acceptance(0.9).layout.title.text
    assert low != high
    assert f"{W.price_of_peace(0.3, 0.8, 0.5):.2f}" in W.figure_price_of_peace(0.3).layout.title.text
    assert "no share is enough" in W.figure_price_of_peace(1.0).layout.title.text


def test_controls_are_declared_once_here_with_the_headline_label():
    from widgets.controls import lookup

    assert set(W.CONTROLS) == {"warlord_incentive", "guaranteed_share", "credibility"}
    assert lookup("warlord_incentive").label == "Warlord incentives"
    assert lookup("credibility").label == "Credibility of the guarantee"
    assert lookup("guaranteed_share") is W.CONTROLS["guaranteed_share"]
    assert all((c.low, c.high) == (0.0, 1.0) for c in W.CONTROLS.values())


def test_credibility_and_share_are_perfect_substitutes():
    # only the product theta * g enters the acceptance condition (chapter 8, exercise 3)
    assert W.acceptance_share(0.5, 0.25, 0.8) == W.acceptance_share(0.5, 0.5, 0.4)
    assert W.acceptance_share(0.5, 0.25, 0.8) > W.acceptance_share(0.5, 0.25, 0.4)
