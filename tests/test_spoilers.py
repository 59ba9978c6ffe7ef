"""Unit and property tests of widgets.spoilers: the ceasefire survival model and the spoiler veto."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from widgets import spoilers as sp
from widgets.bargaining import bargaining_range
from widgets.explorable import explorable
from widgets.survival import describe_median, median_lifetime, survival_from_lifetimes
from widgets.survival_plot import SAMPLE_DAYS

kinds = st.sampled_from(sp.SPOILER_TYPES)
FAST = settings(max_examples=30, deadline=None)
N = 2_000


# ---------------------------------------------------------------- shape and range
@FAST
@given(s=unit, kind=kinds, monitoring=unit, inducement=unit, days=st.integers(1, 400), seed=st.integers(0, 50))
def test_curve_starts_at_one_and_never_rises(s, kind, monitoring, inducement, days, seed):
    curve = sp.survival_curve(
        s, days=days, n=500, seed=seed, spoiler_type=kind, monitoring=monitoring, inducement=inducement
    )
    assert curve.shape == (days + 1,)
    assert curve[0] == 1.0
    assert np.all(np.diff(curve) <= 0)
    assert np.all((curve >= 0) & (curve <= 1)) and not np.isnan(curve).any()


def test_same_seed_same_curve_other_seed_other_curve():
    a = sp.survival_curve(0.4, n=N, seed=3)
    assert np.array_equal(a, sp.survival_curve(0.4, n=N, seed=3))
    assert not np.array_equal(a, sp.survival_curve(0.4, n=N, seed=4))


# ---------------------------------------------------------------- monotonicity (common random numbers)
@FAST
@given(a=unit, b=unit, kind=kinds, monitoring=unit, inducement=unit, seed=st.integers(0, 1000))
def test_stronger_spoiler_never_makes_truces_last_longer(a, b, kind, monitoring, inducement, seed):
    lo, hi = min(a, b), max(a, b)
    kw = dict(n=N, seed=seed, spoiler_type=kind, monitoring=monitoring, inducement=inducement)
    assert np.all(sp.survival_curve(hi, **kw) <= sp.survival_curve(lo, **kw))
    # per truce, not only on aggregate
    assert np.all(sp.truce_lifetimes(hi, **kw) <= sp.truce_lifetimes(lo, **kw))


@FAST
@given(s=unit, a=unit, b=unit, kind=kinds, seed=st.integers(0, 1000))
def test_better_monitoring_never_shortens_truces(s, a, b, kind, seed):
    lo, hi = min(a, b), max(a, b)
    kw = dict(n=N, seed=seed, spoiler_type=kind)
    assert np.all(sp.survival_curve(s, monitoring=hi, **kw) >= sp.survival_curve(s, monitoring=lo, **kw))


@FAST
@given(s=unit, monitoring=unit, inducement=unit, seed=st.integers(0, 1000))
def test_types_are_ordered_limited_greedy_total(s, monitoring, inducement, seed):
    kw = dict(n=N, seed=seed, monitoring=monitoring, inducement=inducement)
    limited, greedy, total = (sp.survival_curve(s, spoiler_type=k, **kw) for k in sp.SPOILER_TYPES)
    assert np.all(limited >= greedy) and np.all(greedy >= total)


def test_inducement_buys_off_limited_not_total():
    kw = dict(n=N, seed=1)
    base = sp.survival_curve(0.0, **kw)
    assert np.array_equal(sp.survival_curve(0.8, spoiler_type="limited", inducement=1.0, **kw), base)
    greedy0 = sp.survival_curve(0.8, spoiler_type="greedy", **kw)
    greedy1 = sp.survival_curve(0.8, spoiler_type="greedy", inducement=1.0, **kw)
    assert np.all(greedy1 >= greedy0) and greedy1[-1] > greedy0[-1] and greedy1[-1] < base[-1]
    assert np.array_equal(
        sp.survival_curve(0.8, spoiler_type="total", inducement=1.0, **kw),
        sp.survival_curve(0.8, spoiler_type="total", **kw),
    )


def test_zero_strength_is_the_baseline_for_every_type_and_full_monitoring_neutralises_attacks():
    base = sp.survival_curve(0.0, n=N)
    for kind in sp.SPOILER_TYPES:
        assert np.array_equal(sp.survival_curve(0.0, n=N, spoiler_type=kind, monitoring=0.9, inducement=0.3), base)
        assert np.array_equal(sp.survival_curve(1.0, n=N, spoiler_type=kind, monitoring=1.0), base)
    assert base[-1] > 0.6  # without a spoiler most simulated truces last the year
    assert sp.survival_curve(1.0, n=N)[-1] < 0.05


def test_curve_matches_the_model_in_closed_form():
    """No baseline hazard: a truce with resilience k dies at its k-th answered breach (daily prob. b),
    so P(T > t) = P(fewer than k breaches in t days), averaged over k = 1, 2, 3."""
    s, monitoring, days = 0.5, 0.3, 200
    b = float(sp.breach_probability(s, "total", monitoring))
    curve = sp.survival_curve(s, days=days, n=200_000, seed=7, monitoring=monitoring, baseline_hazard=0.0)
    t = np.arange(days + 1)
    expected = np.mean([stats.binom.cdf(k - 1, t, b) for k in range(1, sp.MAX_ANSWERS + 1)], axis=0)
    assert np.max(np.abs(curve - expected)) < 0.006


def test_baseline_hazard_alone_gives_geometric_survival():
    curve = sp.survival_curve(0.0, days=365, n=200_000, seed=2, baseline_hazard=0.002)
    # per-truce hazard uniform on [0.5, 1.5] x 0.002: S(t) = mean of (1 - h)^t
    h = 0.002 * np.linspace(0.5, 1.5, 2001)
    expected = np.mean((1 - h)[None, :] ** np.arange(366)[:, None], axis=1)
    assert np.max(np.abs(curve - expected)) < 0.006


def test_lifetimes_accept_one_strength_per_truce_and_a_grid():
    s = np.linspace(0, 1, 300)
    per_truce = sp.truce_lifetimes(s, n=300, seed=5)
    assert per_truce.shape == (300,)
    grid = sp.truce_lifetimes(np.array([[0.2], [0.6]]), n=300, seed=5)
    assert grid.shape == (2, 300)
    assert np.array_equal(grid[1], sp.truce_lifetimes(0.6, n=300, seed=5))
    curves = survival_from_lifetimes(grid, 365)
    assert curves.shape == (2, 366) and np.all(curves[1] <= curves[0])


# ---------------------------------------------------------------- median lifetime
def test_median_lifetime_reads_the_curve_and_is_infinite_beyond_the_horizon():
    assert median_lifetime(np.array([1.0, 0.8, 0.6, 0.5, 0.2])) == 3.0
    assert median_lifetime(np.array([1.0, 0.9, 0.51])) == math.inf
    assert describe_median(math.inf, 365) == "> 365 days"
    assert describe_median(41.0, 365) == "41 days"
    assert sp.median_lifetime_days(0.0) == math.inf
    m = sp.median_lifetime_days(0.5)
    assert 1 <= m <= 365 and not math.isnan(m)
    with pytest.raises(ValueError, match="curve"):
        median_lifetime(np.ones((2, 2)))


@FAST
@given(a=unit, b=unit, kind=kinds)
def test_median_lifetime_never_grows_with_spoiler_strength(a, b, kind):
    lo, hi = min(a, b), max(a, b)
    assert sp.median_lifetime_days(hi, n=N, spoiler_type=kind) <= sp.median_lifetime_days(lo, n=N, spoiler_type=kind)


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"spoiler_strength": -0.1}, "spoiler_strength"),
        ({"spoiler_strength": 1.5}, "spoiler_strength"),
        ({"spoiler_strength": float("nan")}, "spoiler_strength"),
        ({"spoiler_strength": "strong"}, "spoiler_strength"),
        ({"spoiler_strength": 0.5, "monitoring": 1.2}, "monitoring"),
        ({"spoiler_strength": 0.5, "inducement": -1}, "inducement"),
        ({"spoiler_strength": 0.5, "spoiler_type": "moderate"}, "spoiler_type"),
        ({"spoiler_strength": 0.5, "days": 0}, "days"),
        ({"spoiler_strength": 0.5, "days": 10.5}, "days"),
        ({"spoiler_strength": 0.5, "n": 0}, "n"),
        ({"spoiler_strength": 0.5, "baseline_hazard": 0.9}, "baseline_hazard"),
    ],
)
def test_bad_input_raises_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        sp.survival_curve(**kwargs)


def test_bad_array_of_strengths_raises():
    with pytest.raises(ValueError, match="spoiler_strength"):
        sp.truce_lifetimes(np.array([0.2, 1.2]), n=2)
    with pytest.raises(ValueError, match="spoiler_strength"):
        sp.truce_lifetimes(np.array([0.2, np.nan]), n=2)


# ---------------------------------------------------------------- the veto
@FAST
@given(p=unit, cost_a=st.floats(0.0, 0.999), cost_b=st.floats(-1.0, 1.0), concession=unit)
def test_total_spoiler_veto_leaves_no_range(p, cost_a, cost_b, concession):
    assert sp.spoiler_veto_range(p, cost_a, cost_b, "total", concession) is None


@FAST
@given(p=unit, cost_a=unit, cost_b=unit, a=unit, b=unit, kind=kinds)
def test_veto_range_never_wider_than_without_spoiler_and_concessions_never_hurt(p, cost_a, cost_b, a, b, kind):
    lo, hi = min(a, b), max(a, b)
    w_lo = sp.range_width(sp.spoiler_veto_range(p, cost_a, cost_b, kind, lo))
    w_hi = sp.range_width(sp.spoiler_veto_range(p, cost_a, cost_b, kind, hi))
    assert w_lo <= w_hi + 1e-12
    assert w_hi <= sp.range_width(bargaining_range(p, cost_a, cost_b)) + 1e-12


def test_limited_spoiler_can_be_bought_off():
    assert sp.spoiler_veto_range(0.5, 0.05, 0.15, "limited", 0.0) is None  # gains 0.1 > cost_a 0.05
    assert sp.spoiler_veto_range(0.5, 0.05, 0.15, "limited", 0.5) == bargaining_range(0.5, 0.05, 0.15)
    assert sp.spoiler_cost_of_war("total", 1.0) == -1.0
    with pytest.raises(ValueError, match="concession"):
        sp.spoiler_veto_range(0.5, 0.1, 0.1, "limited", 1.5)
    with pytest.raises(ValueError, match="spoiler_type"):
        sp.spoiler_veto_range(0.5, 0.1, 0.1, "none", 0.5)


# ---------------------------------------------------------------- figures
@pytest.mark.parametrize(
    "draw, name, values",
    [
        (sp.figure_survival, "spoiler_strength", [0.0, 0.05, 0.5, 1.0]),
        (sp.figure_survival, "monitoring", [0.0, 1.0]),
        (sp.figure_types, "spoiler_strength", [0.0, 0.5, 1.0]),
        (sp.figure_types, "inducement", [0.0, 1.0]),
        (sp.figure_veto, "concession", [0.0, 0.35, 1.0]),
    ],
)
def test_figures_keep_their_trace_count(draw, name, values):
    counts = {len(draw(**{name: v}).data) for v in values}
    assert len(counts) == 1


def test_survival_figure_title_moves_with_the_slider():
    t0 = sp.figure_survival(spoiler_strength=0.0).layout.title.text
    t1 = sp.figure_survival(spoiler_strength=0.6).layout.title.text
    assert "median lifetime > 365 days" in t0
    m = median_lifetime(sp.survival_curve(0.6, n=sp.N_FIGURE))
    assert f"median lifetime {m:.0f} days" in t1
    assert "nan" not in (t0 + t1).lower()


def test_survival_traces_are_sampled_every_few_days_and_keep_the_last_day():
    fig = sp.figure_survival(spoiler_strength=0.5)
    curve = sp.survival_curve(0.5, n=sp.N_FIGURE)
    red = fig.data[1]
    assert (red.x0, red.dx) == (0, SAMPLE_DAYS)
    assert np.array_equal(red.y, curve[::SAMPLE_DAYS].astype(np.float32))
    assert (len(red.y) - 1) * SAMPLE_DAYS == 365  # the year's last day is drawn
    odd = sp.figure_survival(spoiler_strength=0.5, days=12).data[1]
    assert list(odd.x) == [0, 5, 10, 12]


def test_the_module_declares_its_controls_once():
    from widgets.controls import lookup

    assert set(sp.CONTROLS) >= {"spoiler_strength", "monitoring", "inducement", "concession", "spoiler_type"}
    assert lookup("spoiler_strength").label == "Spoiler strength"
    assert lookup("spoiler_type").values == list(sp.SPOILER_TYPES)


def test_chapter_survival_figure_has_four_book_controls_and_matches_the_model():
    """The chapter's call: every state of the book controls is what figure_survival draws."""
    ex = explorable(sp.figure_survival, **sp.SURVIVAL_FIGURE, alt="Survival curves")
    spec = ex.book_json()["layout"]["meta"]["explorable"]
    assert [c["label"] for c in spec["controls"]][:3] == [
        "Spoiler strength",
        "Monitoring (attacks attributed)",
        "Inducement to the spoiler",
    ]
    assert spec["controls"][3]["kind"] == "radio"
    rng = np.random.default_rng(0)
    sizes = [len(c["values"]) for c in spec["controls"]]
    for _ in range(12):
        idx = [int(rng.integers(n)) for n in sizes]
        flat = int(np.ravel_multi_index(idx, sizes))
        assert spec["states"]["dtype"] == "u2"
        rows = np.frombuffer(base64.b64decode(spec["states"]["bdata"]), np.uint16).reshape(
            int(np.prod(sizes)), len(sp.figure_survival().data) + 1
        )
        ids, layout = rows[flat][:-1], rows[flat][-1]
        live = sp.figure_survival(**ex.params_at(idx))
        assert spec["layouts"][layout]["title"]["text"] == live.layout.title.text
        stored = json.loads(json.dumps(spec["traces"][ids[1]]))
        y = np.frombuffer(base64.b64decode(stored["y"]["bdata"]), np.float32)
        assert np.array_equal(y, np.asarray(live.data[1].y, dtype=np.float32))
