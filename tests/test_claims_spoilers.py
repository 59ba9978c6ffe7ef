"""The column's claims about spoilers (chapters 05-07), each as a test of the course's models.

Middle East Eye (2015), "Why is a ceasefire so difficult in Aleppo?": jihadist groups hold a de
facto veto, admit no compromise, scuttle local truces; truces took hold where their influence was
low; striking them would hand the regime the upper hand. Each test states the claim and checks that
the model reproduces it (and, where it matters, that the mechanism, not a constant, produces it).
"""

from __future__ import annotations

import math

import numpy as np

from widgets import local_truces as lt
from widgets import spoilers as sp
from widgets import strikes as sk
from widgets.bargaining import bargaining_range
from widgets.survival import median_lifetime

GRID = np.linspace(0.0, 1.0, 21)


def test_claim_spoiler_veto_leaves_no_bargaining_range():
    """'Their veto is a given ... incapable of any compromise': with a total spoiler holding a veto
    there is no deal both sides prefer to war, whatever the others concede."""
    for p in GRID:
        for cost_a in GRID[:-1]:  # the regime concedes up to (not including) the whole prize
            for cost_b in (0.05, 0.15, 0.3):
                assert bargaining_range(p, cost_a, cost_b) is not None  # without the spoiler: a deal exists
                for concession in GRID:
                    assert sp.spoiler_veto_range(p, cost_a, cost_b, "total", concession) is None
    # the veto is what closes the range: a limited spoiler, bought off, reopens it
    assert sp.spoiler_veto_range(0.5, 0.15, 0.15, "limited", 0.0) is not None
    assert sp.spoiler_veto_range(0.5, 0.05, 0.15, "limited", 0.0) is None
    assert sp.spoiler_veto_range(0.5, 0.05, 0.15, "limited", 0.3) is not None


def test_claim_jihadist_spoilers_scuttle_truces():
    """'They ... have actively scuttled local ceasefires': the stronger the spoiler, the shorter the
    truces; without one, most simulated truces outlast a year."""
    base = sp.survival_curve(0.0)
    strong = sp.survival_curve(0.6)
    assert median_lifetime(base) == math.inf and base[-1] > 0.6
    assert median_lifetime(strong) < 180 and strong[-1] < 0.05
    medians = [sp.median_lifetime_days(s) for s in GRID]
    assert all(b <= a for a, b in zip(medians, medians[1:]))


def test_claim_total_spoilers_cannot_be_bought_off():
    """'Incapable of any compromise, even short term' (Stedman's total spoiler): an inducement
    lengthens truces threatened by a limited spoiler but not by a total one."""
    total = [sp.survival_curve(0.6, spoiler_type="total", inducement=i)[-1] for i in (0.0, 0.5, 1.0)]
    limited = [sp.survival_curve(0.6, spoiler_type="limited", inducement=i)[-1] for i in (0.0, 0.5, 1.0)]
    assert total[0] == total[1] == total[2]
    assert limited[0] < limited[1] < limited[2]


def test_claim_truces_hold_where_jihadist_influence_is_low():
    """'The areas which don't have a significant jihadist influence are the ones where ceasefires
    have successfully taken hold': in SIMULATED districts, truces hold more often where influence
    is low, the fitted curve falls with influence, and the bootstrap interval excludes no effect."""
    sim = lt.simulate_districts(spoiler_strength=0.6, n_districts=300, seed=0)
    res = lt.analyse(sim["influence"], sim["held"], seed=0)
    share = res["table"]["share"]
    assert share[0] > share[1] > share[2]
    assert res["difference"] > 0.3
    assert res["difference_interval"][0] > 0
    assert res["slope_interval"][1] < 0
    assert res["curve"][0] > res["curve"][-1]
    # and it is the spoilers that make the pattern: without them influence makes no difference
    calm = lt.simulate_districts(spoiler_strength=0.0, n_districts=300, seed=0)
    calm_res = lt.analyse(calm["influence"], calm["held"], seed=0)
    lo, hi = calm_res["difference_interval"]
    assert lo < 0 < hi


def test_claim_striking_jihadists_hands_regime_the_upper_hand():
    """'Weakening those jihadist groups will automatically give the Syrian regime and its allies the
    upper hand': from even odds, any strike campaign raises the regime's win probability above 1/2
    and moves the bargain toward it, while the spoiler veto weakens."""
    p = sk.regime_win_probability(GRID, regime_strength=1.0, moderate_strength=0.6, jihadist_strength=0.4)
    veto = sk.spoiler_veto(GRID, moderate_strength=0.6, jihadist_strength=0.4)
    assert p[0] == 0.5
    assert np.all(p[1:] > 0.5) and np.all(np.diff(p) > 0)
    assert np.all(np.diff(veto) < 0)
    deal = [sk.regime_deal_share(float(q)) for q in p]
    assert deal[-1] > deal[0]


def test_claim_strikes_are_a_tradeoff_for_the_oppositions_backers():
    """The coalition strikes only some cells: heavier strikes would make truces last longer but
    shrink the opposition's share of any deal."""
    t = sk.tradeoff(spoiler_strength=0.4)
    assert np.all(np.diff(t["held"]) >= 0) and t["held"][-1] > t["held"][0] + 0.2
    assert np.all(np.diff(t["opposition_share"]) <= 0) and t["opposition_share"][-1] < t["opposition_share"][0]


def test_claim_attributed_attacks_do_not_break_truces():
    """Kydd & Walter (2002): spoiler violence works through mistrust; attacks that monitors
    attribute to the spoiler are not taken for breaches, so truces last longer."""
    curves = [sp.survival_curve(0.6, monitoring=m)[-1] for m in (0.0, 0.5, 0.9, 1.0)]
    assert curves[0] < curves[1] < curves[2] < curves[3]
    assert curves[3] == sp.survival_curve(0.0)[-1]
