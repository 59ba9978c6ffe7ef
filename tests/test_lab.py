"""The ceasefire lab (widgets.lab): reduces to the chapter models, properties, bad input, figures."""

import dataclasses
import math
import time

import numpy as np
import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import lab, redeployment, spoilers, strikes, survival, warlords
from widgets.contract import META_KEY, PLOTLY_MIME
from widgets.lab import COLUMN_SCENARIO, NEUTRAL, Levers

DAYS = 365
N = 2000
types = st.sampled_from(spoilers.SPOILER_TYPES)


# ---------------------------------------------------------------- the lab reduces to the chapters
@settings(max_examples=30, deadline=None)
@given(s=unit, kind=types, monitoring=unit, inducement=unit, seed=st.integers(0, 50))
def test_with_other_levers_neutral_survival_is_chapter_5s(s, kind, monitoring, inducement, seed):
    """No warlord incentives, no strikes, no guarantees or separation: the spoiler model, exactly."""
    mine = lab.survival_curve(
        spoiler_strength=s, spoiler_type=kind, monitoring=monitoring, inducement=inducement, days=DAYS, n=N, seed=seed
    )
    theirs = spoilers.survival_curve(
        s, days=DAYS, n=N, seed=seed, spoiler_type=kind, monitoring=monitoring, inducement=inducement
    )
    np.testing.assert_array_equal(mine, theirs)


def test_neutral_levers_are_neutral_whatever_the_warlord_offer():
    """With no war rents, what is offered to the commanders changes nothing."""
    base = lab.survival_curve(spoiler_strength=0.4, n=N)
    for g, c in [(0.0, 0.0), (1.0, 1.0), (0.3, 0.5)]:
        np.testing.assert_array_equal(
            lab.survival_curve(spoiler_strength=0.4, guaranteed_share=g, credibility=c, n=N), base
        )


@settings(max_examples=30, deadline=None)
@given(w=unit, g=unit, c=unit, k=st.integers(1, warlords.MAX_VETO_PLAYERS), seed=st.integers(0, 20))
def test_with_spoilers_neutral_agreement_is_chapter_8s(w, g, c, k, seed):
    """No spoiler, no forces freed, no guarantees: P(deal) = P(all veto holders accept), exactly."""
    mine = lab.agreement_probability(warlord_incentive=w, guaranteed_share=g, credibility=c, veto_players=k, seed=seed)
    assert mine == warlords.all_accept_probability(w, g, c, veto_players=k, seed=seed)


@pytest.mark.parametrize("x", [0.2, 0.5, 1.0])
@pytest.mark.parametrize("s", [0.3, 0.7])
def test_with_strikes_survival_is_chapter_7s(x, s):
    held = lab.survival_curve(spoiler_strength=s, strike_intensity=x, n=4000, seed=1)[DAYS]
    theirs = strikes.truce_survival(x, days=DAYS, n=4000, seed=1, moderate_strength=1 - s, jihadist_strength=s)
    assert held == theirs


@pytest.mark.parametrize("freed", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("covered", [0, 1, 2, 3])
def test_the_moderates_refuse_in_proportion_to_chapter_3s_loss(freed, covered):
    part = lab.agreement_parts(freed_share=freed, coverage=covered / 3)["opposition"]
    loss = redeployment.expected_loss_elsewhere(freed, 3, covered)
    assert part == pytest.approx(1 - loss / redeployment.expected_loss_elsewhere(1.0, 3, 0), abs=1e-12)


def test_a_total_spoiler_inside_blocks_with_its_strength_chapter_5s_veto():
    for s in (0.0, 0.4, 1.0):
        assert lab.agreement_parts(spoiler_strength=s, spoiler_type="total")["spoiler"] == pytest.approx(1 - s)
        assert lab.agreement_parts(spoiler_strength=s, exclude_spoiler=True)["spoiler"] == 1.0
    # a limited spoiler leaves a bargaining range: no block; a greedy one is bought with 0.3 (chapter 5)
    assert lab.agreement_parts(spoiler_strength=0.8, spoiler_type="limited")["spoiler"] == 1.0
    assert lab.agreement_parts(spoiler_strength=0.8, spoiler_type="greedy")["spoiler"] == pytest.approx(0.2)
    assert lab.agreement_parts(spoiler_strength=0.8, spoiler_type="greedy", inducement=0.4)["spoiler"] == 1.0


def test_phase_diagram_equals_the_lab_cell_by_cell():
    lv = Levers(monitoring=0.5, guarantees=0.3, separation=0.2, strike_intensity=0.4, exclude_spoiler=True)
    grid = np.array([0.0, 0.3, 0.8])
    z = lab.phase_diagram(lv, strengths=grid, incentives=grid, n=500, seed=2)
    assert z.shape == (3, 3)
    for j, w in enumerate(grid):
        for i, s in enumerate(grid):
            assert z[j, i] == pytest.approx(
                lab.holding_share(lv, day=90, n=500, seed=2, spoiler_strength=float(s), warlord_incentive=float(w)),
                abs=1e-12,
            )


def test_phase_diagram_is_fast_enough_for_a_slider():
    lab.phase_diagram()
    start = time.perf_counter()
    for _ in range(5):
        lab.phase_diagram()
    assert (time.perf_counter() - start) / 5 < 0.1


# ---------------------------------------------------------------- properties (common random numbers)
def life(**kw):
    return lab.lifetimes(COLUMN_SCENARIO, n=N, seed=4, **kw)


@settings(max_examples=30, deadline=None)
@given(
    lever=st.sampled_from(["monitoring", "guarantees", "separation", "guaranteed_share", "credibility"]), a=unit, b=unit
)
def test_property_fortna_and_warlord_offers_never_shorten_a_truce(lever, a, b):
    lo, hi = sorted((a, b))
    assert np.all(life(**{lever: lo}) <= life(**{lever: hi}))


@settings(max_examples=30, deadline=None)
@given(lever=st.sampled_from(["spoiler_strength", "warlord_incentive"]), a=unit, b=unit, excluded=st.booleans())
def test_property_spoilers_and_war_rents_never_lengthen_a_truce(lever, a, b, excluded):
    lo, hi = sorted((a, b))
    assert np.all(life(**{lever: hi}, exclude_spoiler=excluded) <= life(**{lever: lo}, exclude_spoiler=excluded))


@settings(max_examples=30, deadline=None)
@given(a=unit, b=unit)
def test_property_strikes_on_a_spoiler_inside_never_shorten_a_truce(a, b):
    lo, hi = sorted((a, b))
    assert np.all(life(strike_intensity=lo) <= life(strike_intensity=hi))


@settings(max_examples=30, deadline=None)
@given(a=unit, b=unit)
def test_property_strikes_during_the_truce_without_separation_never_lengthen_it_at_zero_strength(a, b):
    lo, hi = sorted((a, b))
    kw = {"spoiler_strength": 0.0, "exclude_spoiler": True}
    assert np.all(life(strike_intensity=hi, **kw) <= life(strike_intensity=lo, **kw))


@settings(max_examples=30, deadline=None)
@given(s=unit, w=unit, g=unit, c=unit, x=unit, f=unit, cov=unit, G=unit, kind=types, excluded=st.booleans(), i=unit)
def test_property_agreement_is_a_probability_and_exclusion_never_lowers_it(s, w, g, c, x, f, cov, G, kind, excluded, i):
    lv = Levers(
        spoiler_strength=s,
        warlord_incentive=w,
        guaranteed_share=g,
        credibility=c,
        strike_intensity=x,
        freed_share=f,
        coverage=cov,
        guarantees=G,
        spoiler_type=kind,
        exclude_spoiler=excluded,
        inducement=i,
    )
    parts = lab.agreement_parts(lv)
    for v in parts.values():
        assert 0.0 <= v <= 1.0 and not math.isnan(v)
    assert parts["deal"] == pytest.approx(parts["commanders"] * parts["spoiler"] * parts["opposition"])
    assert lab.agreement_probability(lv.replace(exclude_spoiler=True)) >= parts["deal"]


@settings(max_examples=30, deadline=None)
@given(lever=st.sampled_from(["spoiler_strength", "warlord_incentive", "freed_share"]), a=unit, b=unit)
def test_property_agreement_never_rises_with_spoilers_rents_or_forces_freed(lever, a, b):
    lo, hi = sorted((a, b))
    base = COLUMN_SCENARIO.replace(guaranteed_share=0.9, credibility=0.9)
    assert lab.agreement_probability(base, **{lever: hi}) <= lab.agreement_probability(base, **{lever: lo}) + 1e-12


@settings(max_examples=30, deadline=None)
@given(lever=st.sampled_from(["guaranteed_share", "credibility", "guarantees", "coverage"]), a=unit, b=unit)
def test_property_agreement_never_falls_with_offers_guarantees_or_coverage(lever, a, b):
    lo, hi = sorted((a, b))
    base = COLUMN_SCENARIO.replace(warlord_incentive=0.4)
    assert lab.agreement_probability(base, **{lever: lo}) <= lab.agreement_probability(base, **{lever: hi}) + 1e-12


@settings(max_examples=30, deadline=None)
@given(s=unit, w=unit, m=unit, G=unit, D=unit, x=unit, excluded=st.booleans(), kind=types)
def test_property_summary_is_a_valid_survival_report(s, w, m, G, D, x, excluded, kind):
    res = lab.summary(
        spoiler_strength=s,
        warlord_incentive=w,
        monitoring=m,
        guarantees=G,
        separation=D,
        strike_intensity=x,
        exclude_spoiler=excluded,
        spoiler_type=kind,
        n=500,
        band=True,
    )
    curve = res["curve"]
    assert curve.shape == (DAYS + 1,) and curve[0] == 1.0 and np.all(np.diff(curve) <= 0)
    assert 0 <= res["holding_90"] <= 1 and 0 <= res["holding_90_attempts"] <= res["holding_90"]
    assert 0 <= res["expected_days"] <= DAYS
    assert res["median"] >= 1 and not math.isnan(res["median"])
    for key in ("survival", "lower", "upper"):
        assert np.all(np.isfinite(res["km"][key]))


def test_median_is_the_first_day_half_have_collapsed():
    res = lab.summary(COLUMN_SCENARIO, n=N)
    m = int(res["median"])
    assert res["curve"][m] <= 0.5 < res["curve"][m - 1]
    assert math.isinf(lab.summary(NEUTRAL, n=N)["median"])


def test_seed_reproducible_and_matters():
    a = lab.lifetimes(COLUMN_SCENARIO, n=500, seed=1)
    np.testing.assert_array_equal(a, lab.lifetimes(COLUMN_SCENARIO, n=500, seed=1))
    assert not np.array_equal(a, lab.lifetimes(COLUMN_SCENARIO, n=500, seed=2))


# ---------------------------------------------------------------- bad input
LEVERS = [f.name for f in dataclasses.fields(lab.Levers) if isinstance(f.default, float)]  # the shares in [0, 1]


@pytest.mark.parametrize("name", LEVERS)
@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), "0.5", None])
def test_every_lever_out_of_range_is_a_value_error_naming_it(name, value):
    with pytest.raises(ValueError, match=name):
        lab.agreement_probability(**{name: value})
    with pytest.raises(ValueError, match=name):
        lab.survival_curve(n=10, **{name: value})


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: Levers(spoiler_type="jihadist"), "spoiler_type"),
        (lambda: Levers(veto_players=0), "veto_players"),
        (lambda: Levers(veto_players=2.5), "veto_players"),
        (lambda: Levers(exclude_spoiler="yes"), "exclude_spoiler"),
        (lambda: lab.lifetimes(n=0), "n"),
        (lambda: lab.lifetimes(seed=-1), "seed"),
        (lambda: lab.survival_curve(days=0), "days"),
        (lambda: lab.summary(days=30), "days"),
        (lambda: lab.holding_share(day=0), "day"),
        (lambda: lab.phase_diagram(strengths=[0.2, 1.2]), "spoiler_strength"),
        (lambda: lab.phase_diagram(incentives=[]), "incentives"),
        (lambda: lab.loss_elsewhere(0.5, 2.0), "coverage"),
        (lambda: lab.figure_challenge(target=0), "target"),
        (lambda: lab.figure_challenge(target_deal=1.5), "target_deal"),
        (lambda: lab.figure_lab(spoiler_type="jihadist"), "spoiler_type"),
        (lambda: lab.figure_lab(exclude_spoiler=1), "exclude_spoiler"),
        (lambda: lab.figure_phase(spoiler_type=2), "spoiler_type"),
        (lambda: lab.agreement_probability(levers={"spoiler_strength": 0.2}), "levers"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- figures
FIGURES = {
    lab.figure_lab: [
        "spoiler_strength",
        "warlord_incentive",
        "monitoring",
        "separation",
        "exclude_spoiler",
        "spoiler_type",
    ],
    lab.figure_challenge: ["monitoring", "guarantees", "separation", "exclude_spoiler", "strike_intensity", "coverage"],
    lab.figure_phase: ["monitoring", "guarantees", "spoiler_type", "exclude_spoiler"],
    lab.figure_cessation: ["strike_intensity", "separation", "monitoring"],
}
CHOICES = {"spoiler_type": spoilers.SPOILER_TYPES, "exclude_spoiler": (False, True)}


@pytest.mark.parametrize("draw", FIGURES, ids=lambda f: f.__name__)
def test_figures_keep_the_same_traces_for_every_setting(draw):
    counts = set()
    for name in FIGURES[draw]:
        for v in CHOICES.get(name, (0.0, 0.5, 1.0)):
            fig = draw(**{name: v})
            counts.add(len(fig.data))
            for trace in fig.data:
                for key in ("x", "y", "z"):
                    arr = getattr(trace, key, None)
                    if arr is not None and len(arr) and not isinstance(arr[0], str):
                        assert np.all(np.isfinite(np.asarray(arr, dtype=float)))
    assert len(counts) == 1


def test_challenge_reports_whether_the_target_is_met():
    assert lab.figure_challenge().layout.title.text.startswith("Not yet: median ")
    met = lab.figure_challenge(monitoring=1.0, separation=1.0, guaranteed_share=1.0, credibility=1.0)
    assert met.layout.title.text.startswith("Target met: median ")
    assert "(target 15%: not yet)" in met.layout.title.text
    both = lab.figure_challenge(
        monitoring=1.0, separation=1.0, guaranteed_share=1.0, guarantees=1.0, exclude_spoiler=True, coverage=1.0
    ).layout.title.text
    assert both.startswith("Target met: median ") and "(target 15%: met)" in both
    assert lab.deal_verdict(0.197, 0.15) == "deal in 20% of attempts (target 15%: met)"
    assert lab.deal_verdict(0.004, 0.15) == "deal in <1% of attempts (target 15%: not yet)"
    assert lab.target_verdict(212, 180) == "Target met: median 212 days >= 180"
    assert lab.target_verdict(95, 180) == "Not yet: median 95 days < 180"
    assert lab.target_verdict(math.inf, 180) == "Target met: median > 365 days >= 180"


def test_lab_title_moves_with_the_headline_sliders():
    weak = lab.figure_lab(spoiler_strength=0.0, warlord_incentive=0.0).layout.title.text
    strong = lab.figure_lab(spoiler_strength=1.0, warlord_incentive=1.0).layout.title.text
    assert weak.startswith("Deal agreed in 100% of attempts") and "median > 365 days" in weak
    # a total spoiler of full strength inside the process blocks every deal (its veto, chapter 5)
    median = lab.summary(spoiler_strength=1.0, warlord_incentive=1.0, guaranteed_share=0.8, n=lab.N_FIGURE)["median"]
    assert strong.startswith("Deal agreed in 0% of attempts")
    assert f"median {lab.describe_median(median)}," in strong


def test_phase_heatmap_is_a_grid_of_shares_with_the_headline_axes():
    fig = lab.figure_phase()
    z = np.asarray(fig.data[0].z, dtype=float)
    assert z.shape == (11, 11) and np.all((z >= 0) & (z <= 1))
    assert fig.layout.xaxis.title.text == "Spoiler strength"
    assert fig.layout.yaxis.title.text == "Warlord incentives"
    assert z[0, 0] > 0.8 > 0.05 > lab.phase_at(z, 0.8, 0.8)  # no spoiler nor rents; the column's cell


def test_challenge_titles_come_from_the_scenario_values():
    """The challenge's subtitle states the column's scenario from its values, not typed words."""
    text = lab.figure_challenge().layout.title.text
    assert "the column's scenario: total spoiler 0.80, warlord incentives 0.80, 50% of the government's" in text
    assert lab.describe_scenario(COLUMN_SCENARIO.replace(spoiler_strength=0.6, freed_share=0.25)).startswith(
        "total spoiler 0.60, warlord incentives 0.80, 25% of"
    )


def test_one_geometric_sampler_for_every_module():
    """The lab and chapter 5 draw their waiting times with widgets.survival's sampler (no copy of it)."""
    assert lab.geometric_days is spoilers.geometric_days is survival.geometric_days
    assert not hasattr(lab, "_geometric") and not hasattr(spoilers, "_geometric")


def test_choice_controls_are_declared_once_with_their_real_values():
    from widgets.controls import REGISTRY

    for name in ("guarantees", "separation", "coverage", "exclude_spoiler"):
        assert REGISTRY[name][0] == "widgets.lab"
    assert REGISTRY["exclude_spoiler"][1].values == [False, True]
    assert not any(hasattr(lab, f) for f in ("_flag", "_kind", "_lab_levers", "ALEPPO"))


def test_the_harder_target_can_be_reached_in_the_book():
    """Search the book grid of chapter 10's design figure (as stored in the executed chapter): some
    combination of its book controls meets both targets, so the challenge can be done without a
    kernel."""
    import itertools
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parent.parent / "chapters" / "10_ceasefire_lab.ipynb").read_text())
    specs = [
        out["data"][PLOTLY_MIME]["layout"]["meta"][META_KEY]
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if PLOTLY_MIME in out.get("data", {})
    ]
    challenge = [s for s in specs if {"exclude_spoiler", "coverage"} <= {c["name"] for c in s["controls"]}]
    assert len(challenge) == 1
    controls = challenge[0]["controls"]
    names = [c["name"] for c in controls]
    assert len(names) >= 4
    met = [
        combo
        for combo in itertools.product(*(c["values"] for c in controls))
        if (r := lab.summary(COLUMN_SCENARIO, n=lab.N_FIGURE, **dict(zip(names, combo))))["median"] >= lab.TARGET_DAYS
        and r["agreement"] >= lab.TARGET_DEAL
    ]
    assert met, "no state of the book's design figure meets the harder target"
