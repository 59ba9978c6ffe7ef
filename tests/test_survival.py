"""Kaplan–Meier in numpy (widgets.survival): agrees with scipy.stats.ecdf on CensoredData."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import CensoredData, ecdf

from widgets import lab
from widgets.survival import censor_at, kaplan_meier, survival_band, survival_from_lifetimes

HORIZON = 365
pytestmark = pytest.mark.filterwarnings("ignore:The confidence interval is undefined:RuntimeWarning")


def scipy_km(times, observed):
    return ecdf(CensoredData(uncensored=times[observed], right=times[~observed])).sf


def lab_times(n=2000, **levers):
    return lab.lifetimes(n=n, seed=3, **levers)


@pytest.mark.parametrize("method", ["linear", "log-log"])
@pytest.mark.parametrize(
    "levers",
    [
        {"spoiler_strength": 0.5, "warlord_incentive": 0.4},
        {"spoiler_strength": 0.2, "monitoring": 0.9, "guarantees": 1.0},  # many truces censored
        {"spoiler_strength": 1.0, "warlord_incentive": 1.0, "monitoring": 0.0},  # nearly all collapse
    ],
)
def test_agrees_with_scipy_on_lab_truces_censored_at_the_horizon(levers, method):
    times, observed = censor_at(lab_times(**levers), HORIZON)
    km = kaplan_meier(times, observed, method=method)
    sf = scipy_km(times, observed)
    np.testing.assert_allclose(km.time, sf.quantiles)
    np.testing.assert_allclose(km.survival, sf.probabilities, rtol=0, atol=1e-12)
    grid = np.arange(HORIZON + 1)
    ci = sf.confidence_interval(0.95, method=method)
    with np.errstate(invalid="ignore"):
        lo, hi = ci.low.evaluate(grid), ci.high.evaluate(grid)
    s, mine_lo, mine_hi = km.evaluate(grid)
    np.testing.assert_allclose(s, sf.evaluate(grid), rtol=0, atol=1e-12)
    ok = np.isfinite(lo) & np.isfinite(hi)  # scipy is NaN where the formula is undefined
    assert ok.mean() > 0.5
    np.testing.assert_allclose(mine_lo[ok], lo[ok], rtol=0, atol=1e-12)
    np.testing.assert_allclose(mine_hi[ok], hi[ok], rtol=0, atol=1e-12)


def test_agrees_with_scipy_with_censoring_spread_over_time_and_ties():
    rng = np.random.default_rng(7)
    times = np.round(rng.exponential(50, 400))
    observed = rng.random(400) < 0.7
    km = kaplan_meier(times, observed)
    sf = scipy_km(times, observed)
    np.testing.assert_allclose(km.survival, sf.probabilities, rtol=0, atol=1e-12)
    ci = sf.confidence_interval(0.9)
    low, high = kaplan_meier(times, observed, confidence=0.9).lower, kaplan_meier(times, observed, 0.9).upper
    ok = np.isfinite(ci.low.probabilities)
    np.testing.assert_allclose(low[ok], ci.low.probabilities[ok], atol=1e-12)
    np.testing.assert_allclose(high[ok], ci.high.probabilities[ok], atol=1e-12)


def test_band_on_a_daily_grid_matches_the_lab_curve():
    t = lab_times(spoiler_strength=0.6, warlord_incentive=0.3)
    band = survival_band(t, HORIZON)
    np.testing.assert_allclose(band["survival"], survival_from_lifetimes(t, HORIZON), atol=1e-12)
    assert band["survival"][0] == 1.0
    assert np.all(band["lower"] <= band["survival"]) and np.all(band["survival"] <= band["upper"])
    assert np.any(band["upper"] - band["lower"] > 0.01)


def test_band_narrows_with_more_truces():
    def width(n):
        b = survival_band(lab_times(n=n, spoiler_strength=0.5), HORIZON)
        return float(b["upper"][60] - b["lower"][60])

    assert width(100) > 3 * width(10_000)


def test_infinite_lifetimes_are_censored_not_dropped():
    t = np.array([5.0, np.inf, np.inf, 10.0])
    times, observed = censor_at(t, 30)
    assert times.tolist() == [5.0, 30.0, 30.0, 10.0] and observed.tolist() == [True, False, False, True]
    band = survival_band(t, 30)
    assert band["survival"][-1] == pytest.approx(0.5)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.one_of(st.integers(1, 60).map(float), st.just(np.inf)), min_size=1, max_size=80),
    st.sampled_from(["linear", "log-log"]),
)
def test_property_curve_and_band_are_valid(lifetimes, method):
    band = survival_band(np.array(lifetimes), 40, method=method)
    s, lo, hi = band["survival"], band["lower"], band["upper"]
    assert s[0] == 1.0 and len(s) == 41
    assert np.all(np.diff(s) <= 0)
    for a in (s, lo, hi):
        assert np.all(np.isfinite(a)) and np.all((a >= 0) & (a <= 1))
    assert np.all(lo <= s + 1e-12) and np.all(s <= hi + 1e-12)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: kaplan_meier([1.0, -2.0]), "times"),
        (lambda: kaplan_meier([1.0, np.nan]), "times"),
        (lambda: kaplan_meier([1.0, np.inf]), "times"),
        (lambda: kaplan_meier([]), "times"),
        (lambda: kaplan_meier([1.0, 2.0], [True]), "observed"),
        (lambda: kaplan_meier([1.0, 2.0], [1, 0]), "observed"),
        (lambda: kaplan_meier([1.0, 2.0], confidence=1.0), "confidence"),
        (lambda: kaplan_meier([1.0, 2.0], confidence=-0.1), "confidence"),
        (lambda: kaplan_meier([1.0, 2.0], method="plain"), "method"),
        (lambda: censor_at([1.0, 2.0], horizon=-1), "horizon"),
        (lambda: censor_at([1.0, np.nan], horizon=10), "lifetimes"),
        (lambda: survival_band([1.0, 2.0], days=0), "days"),
    ],
)
def test_bad_input_is_a_value_error_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()
