"""Claims of the ceasefire lab and the epilogue, as tests of the combined model (widgets.lab).

Each test names a claim from the column, from the literature the chapters rest on (Stedman 1997;
Fortna 2003, 2004) or from the epilogue's reading of 2016, and checks that the model behaves so.
"""

import numpy as np
import pytest

from widgets import lab
from widgets.lab import COH_LIKE, COLUMN_SCENARIO, TARGET_DAYS, TARGET_DEAL

N = 4000


def report(levers, **changes):
    return lab.summary(levers, n=N, **changes)


@pytest.mark.parametrize("s", [0.4, 0.6, 0.8])
def test_claim_excluding_total_spoilers_lengthens_truces(s):
    """Stedman: a total spoiler cannot be brought in; with its veto it blocks the deal. Excluded
    (as ISIS and Nusra were from the 2016 cessation), it still attacks, but a deal can be agreed:
    more days of truce per attempt, and more attempts still holding after 90 days."""
    inside = report(COH_LIKE, spoiler_strength=s)
    outside = report(COH_LIKE, spoiler_strength=s, exclude_spoiler=True)
    assert outside["agreement"] > inside["agreement"]
    assert outside["expected_days"] > 1.5 * inside["expected_days"]
    assert outside["holding_90_attempts"] > inside["holding_90_attempts"]


def test_claim_limited_spoilers_are_better_brought_in_than_excluded():
    """Stedman: a limited spoiler can be accommodated; excluding it forgoes the inducement."""
    limited = COH_LIKE.replace(spoiler_type="limited", spoiler_strength=0.6, inducement=1.0)
    inside, outside = report(limited), report(limited, exclude_spoiler=True)
    assert inside["agreement"] == pytest.approx(outside["agreement"])
    assert inside["expected_days"] > outside["expected_days"]
    assert inside["median"] > outside["median"]


@pytest.mark.parametrize("lever", ["monitoring", "guarantees", "separation"])
def test_claim_monitoring_and_guarantees_lengthen_truces(lever):
    """Fortna: monitoring, third-party guarantees and separation of forces make ceasefires last."""
    low, high = report(COLUMN_SCENARIO, **{lever: 0.0}), report(COLUMN_SCENARIO, **{lever: 1.0})
    assert high["holding_90"] > low["holding_90"]
    assert high["median"] > low["median"]
    assert high["expected_days"] >= low["expected_days"]


def test_claim_guarantees_make_a_deal_easier_to_agree():
    """Walter: third-party guarantees make the promised share credible, so more commanders accept."""
    base = COLUMN_SCENARIO.replace(warlord_incentive=0.5, guaranteed_share=0.8, exclude_spoiler=True, coverage=1.0)
    assert report(base, guarantees=1.0)["agreement"] > 2 * report(base, guarantees=0.0)["agreement"]


def test_claim_an_aleppo_like_freeze_is_refused_and_would_not_last():
    """The column: with powerful jihadist groups holding a veto and commanders profiting from the
    war, a freeze is rejected, and any truce is almost assured of failure."""
    res = report(COLUMN_SCENARIO)
    assert res["agreement"] < 0.01
    assert res["parts"]["spoiler"] < 0.5 and res["parts"]["commanders"] < 0.01
    assert res["median"] < 60 and res["holding_90"] < 0.25


def test_claim_no_single_lever_designs_a_lasting_aleppo_ceasefire():
    """The challenge: every lever pulled alone to its limit leaves the median below the target;
    several together reach it."""
    levers = [
        "monitoring",
        "guarantees",
        "separation",
        "guaranteed_share",
        "credibility",
        "strike_intensity",
        "coverage",
        "inducement",
    ]
    for lever in levers:
        assert report(COLUMN_SCENARIO, **{lever: 1.0})["median"] < TARGET_DAYS, lever
    together = report(COLUMN_SCENARIO, monitoring=1.0, separation=1.0, guaranteed_share=1.0, credibility=1.0)
    assert together["median"] >= TARGET_DAYS


def test_claim_the_harder_target_can_be_reached_and_one_in_five_cannot():
    """The harder challenge (a median of TARGET_DAYS and a deal in TARGET_DEAL of attempts) is met by
    a design that excludes the spoiler, freezes every front and makes the full share credible; no
    design gets the deal to one attempt in five with the column's war rents (the commanders' veto
    caps it below)."""
    best = COLUMN_SCENARIO.replace(
        monitoring=1.0, separation=1.0, guaranteed_share=1.0, guarantees=1.0, exclude_spoiler=True, coverage=1.0
    )
    res = report(best)
    assert res["median"] >= TARGET_DAYS and res["agreement"] >= TARGET_DEAL
    assert res["agreement"] < 0.2


def test_claim_truces_hold_where_spoilers_and_warlords_are_weak():
    """The column: truces took hold where jihadist influence was low. In the phase diagram the share
    of attempts still holding after 90 days never rises with spoiler strength or warlord incentives."""
    z = lab.phase_diagram(n=N)
    assert np.all(np.diff(z, axis=0) <= 1e-12) and np.all(np.diff(z, axis=1) <= 1e-12)
    assert lab.phase_at(z, 0.0, 0.0) > 0.8 and lab.phase_at(z, 0.8, 0.8) < 0.05  # the column's cell


def test_claim_covering_every_front_removes_the_redeployment_objection():
    """Chapter 3 and the SNC's condition: a freeze that covers the other fronts frees no forces
    against them, so the moderates' objection disappears (as in a nationwide cessation)."""
    assert report(COLUMN_SCENARIO)["parts"]["opposition"] < 0.6
    assert report(COLUMN_SCENARIO, coverage=1.0)["parts"]["opposition"] == 1.0


def test_claim_strikes_on_excluded_groups_erode_a_truce_unless_forces_are_separated():
    """Epilogue: the 2016 cessation excluded groups that strikes continued to target. In the lab,
    strikes during the truce that hit its parties shorten it; separating the forces removes that."""
    quiet = report(COH_LIKE, exclude_spoiler=True)
    struck = report(COH_LIKE, exclude_spoiler=True, strike_intensity=0.8)
    separated = report(COH_LIKE, exclude_spoiler=True, strike_intensity=0.8, separation=1.0)
    assert struck["median"] < quiet["median"] and struck["holding_90"] < quiet["holding_90"]
    assert separated["median"] >= quiet["median"]


def test_claim_striking_the_spoiler_strengthens_the_regime():
    """Chapter 7's dilemma survives in the lab: strikes lengthen truces with a spoiler inside, and
    raise the regime's chance of winning the war."""
    before, after = report(COLUMN_SCENARIO), report(COLUMN_SCENARIO, strike_intensity=1.0)
    assert after["median"] > before["median"]
    assert after["regime_p"] > before["regime_p"]
