"""Tests of widgets.strikes: a Tullock contest with a split opposition and the spoiler veto."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import redeployment as rd
from widgets import strikes as sk
from widgets.controls import lookup, resolve

FAST = settings(max_examples=30, deadline=None)
strength = st.floats(0.0, 5.0, allow_nan=False)


@FAST
@given(a=unit, b=unit, r=st.floats(0.01, 5.0), m=strength, j=strength, d=st.floats(0.0, 5.0), e=unit)
def test_win_probability_never_falls_as_strikes_intensify(a, b, r, m, j, d, e):
    lo, hi = min(a, b), max(a, b)
    p_lo = sk.regime_win_probability(lo, r, m, j, d, e)
    p_hi = sk.regime_win_probability(hi, r, m, j, d, e)
    assert 0.0 <= p_lo <= p_hi <= 1.0


@FAST
@given(a=unit, b=unit, m=strength, j=strength, e=unit)
def test_spoiler_veto_never_rises_as_strikes_intensify(a, b, m, j, e):
    lo, hi = min(a, b), max(a, b)
    v_lo, v_hi = sk.spoiler_veto(lo, m, j, e), sk.spoiler_veto(hi, m, j, e)
    assert 0.0 <= v_hi <= v_lo <= 1.0


def test_contest_success_function_values():
    # Tullock: p = R^m / (R^m + (M + J)^m)
    assert sk.regime_win_probability(0.0, 1.0, 0.6, 0.4) == pytest.approx(0.5)
    assert sk.regime_win_probability(0.5, 2.0, 0.6, 0.4, decisiveness=2.0, strike_effect=1.0) == pytest.approx(
        4 / (4 + 0.8**2)
    )
    assert sk.regime_win_probability(1.0, 1.0, 0.0, 0.4, strike_effect=1.0) == 1.0  # no opposition left
    assert sk.regime_win_probability(0.7, 3.0, 0.2, 0.4, decisiveness=0.0) == pytest.approx(0.5)  # strength irrelevant
    assert sk.spoiler_veto(0.0, 0.6, 0.4) == pytest.approx(0.4)
    assert sk.spoiler_veto(1.0, 0.6, 0.4, strike_effect=1.0) == 0.0
    assert sk.spoiler_veto(0.3, 0.0, 0.0) == 0.0
    assert sk.jihadist_strength_after(0.5, 0.4, 0.8) == pytest.approx(0.4 * 0.6)


def test_one_contest_success_function_for_the_course():
    """Chapter 7 uses chapter 3's contest success function, not a copy of it."""
    assert sk.contest_success is rd.contest_success
    for s, r, m, j, d, e in [
        (0.3, 1.0, 0.6, 0.4, 1.0, 0.8),
        (0.9, 2.5, 0.1, 1.2, 2.5, 0.5),
        (0.0, 0.4, 0.0, 0.0, 0.0, 0.8),
    ]:
        left = m + sk.jihadist_strength_after(s, j, e)
        assert sk.regime_win_probability(s, r, m, j, d, e) == float(rd.contest_success(r, left, d))


def test_the_controls_are_declared_once_and_fit_the_figures():
    assert set(sk.CONTROLS) == {"strike_intensity", "strike_effect"}
    assert lookup("strike_intensity") is sk.CONTROLS["strike_intensity"]
    # decisiveness is declared in redeployment (chapter 3) and serves chapter 7 with its default
    names = ["strike_intensity", "spoiler_strength", "strike_effect", "decisiveness"]
    for c in resolve(sk.figure_strikes, names):
        assert c.low <= c.default_value <= c.high
    assert [c.default_value for c in resolve(sk.figure_strikes, names)] == [0.3, 0.4, 0.8, 1.0]


def test_figures_say_government_not_regime():
    fig = sk.figure_strikes()
    text = fig.layout.title.text + " ".join(t.name for t in fig.data)
    assert "government's win probability" in text and "regime" not in text


def test_no_effect_strikes_change_nothing():
    grid = np.linspace(0, 1, 11)
    assert np.all(sk.regime_win_probability(grid, strike_effect=0.0) == sk.regime_win_probability(0.0))
    assert np.all(sk.spoiler_veto(grid, strike_effect=0.0) == sk.spoiler_veto(0.0))


def test_arrays_match_scalars_and_scalars_return_floats():
    grid = np.linspace(0, 1, 7)
    assert isinstance(sk.regime_win_probability(0.3), float)
    assert isinstance(sk.spoiler_veto(0.3), float)
    assert np.allclose(sk.regime_win_probability(grid), [sk.regime_win_probability(float(s)) for s in grid])
    assert np.allclose(sk.spoiler_veto(grid), [sk.spoiler_veto(float(s)) for s in grid])


@FAST
@given(a=unit, b=unit, j=st.floats(0.0, 1.0))
def test_truces_never_last_less_under_heavier_strikes(a, b, j):
    lo, hi = min(a, b), max(a, b)
    kw = dict(n=1_000, moderate_strength=1.0 - j, jihadist_strength=j)
    assert sk.truce_survival(hi, **kw) >= sk.truce_survival(lo, **kw)


def test_truce_survival_grid_matches_scalars():
    grid = np.array([0.0, 0.5, 1.0])
    on_grid = sk.truce_survival(grid, n=1_000)
    assert on_grid.shape == (3,)
    assert np.allclose(on_grid, [sk.truce_survival(float(s), n=1_000) for s in grid])


@FAST
@given(a=unit, b=unit)
def test_regime_deal_share_follows_its_win_probability(a, b):
    lo, hi = min(a, b), max(a, b)
    assert sk.regime_deal_share(lo) <= sk.regime_deal_share(hi) + 1e-12


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: sk.regime_win_probability(-0.1), "strike_intensity"),
        (lambda: sk.regime_win_probability(1.1), "strike_intensity"),
        (lambda: sk.regime_win_probability(np.array([0.2, np.nan])), "strike_intensity"),
        (lambda: sk.regime_win_probability(0.5, regime_strength=0.0), "regime_strength"),
        (lambda: sk.regime_win_probability(0.5, moderate_strength=-1), "moderate_strength"),
        (lambda: sk.regime_win_probability(0.5, jihadist_strength=11), "jihadist_strength"),
        (lambda: sk.regime_win_probability(0.5, decisiveness=-1), "decisiveness"),
        (lambda: sk.regime_win_probability(0.5, strike_effect=2), "strike_effect"),
        (lambda: sk.spoiler_veto("heavy"), "strike_intensity"),
        (lambda: sk.figure_strikes(spoiler_strength=1.5), "spoiler_strength"),
    ],
)
def test_bad_input_raises_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("draw", [sk.figure_strikes, sk.figure_tradeoff])
def test_figures_keep_their_trace_count_and_readout(draw):
    figs = [draw(strike_intensity=s, spoiler_strength=j) for s in (0.0, 0.35, 1.0) for j in (0.0, 0.4, 1.0)]
    assert len({len(f.data) for f in figs}) == 1
    assert all(f.layout.title.text.startswith("Strike intensity") for f in figs)
    assert all("nan" not in f.layout.title.text.lower() for f in figs)
    assert f"{sk.regime_win_probability(0.35):.2f}" in sk.figure_strikes(strike_intensity=0.35).layout.title.text


def test_the_tradeoff_figure_reports_and_follows_the_strike_effect():
    weak, full = sk.figure_tradeoff(strike_effect=0.4), sk.figure_tradeoff(strike_effect=1.0)
    assert "removes 40%" in weak.layout.title.text and "removes 100%" in full.layout.title.text
    # a weaker campaign buys less durability: the curve ends further left
    assert weak.data[0].x[-1] < full.data[0].x[-1]
