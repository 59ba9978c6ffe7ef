"""The column's stated reasons for rejecting the Aleppo freeze, as tests of the models of chapters 03 and 04,
and the sequence of events it reports, as tests of the sourced timeline of chapter 01.

Column: "Why is a ceasefire so difficult in Aleppo?", Middle East Eye, early March 2015 (mee2015column).
"""

import datetime as dt

import numpy as np

from widgets.pressure import closed_periods, commitment_range, range_over_time
from widgets.redeployment import expected_loss_elsewhere, front_odds
from widgets.timeline import COLUMN_DATE, load_timeline


# ---------------------------------------------------------------- stated reason 1 (chapter 03)
def test_claim_freeze_frees_forces_for_other_fronts():
    """A freeze in Aleppo lets the regime move forces to other fronts, where the opposition then loses more."""
    before, after = front_odds(0.5, n_fronts=3, covered_fronts=0)
    assert np.all(after > before)
    losses = expected_loss_elsewhere(np.linspace(0, 1, 11))
    assert losses[0] == 0.0 and np.all(np.diff(losses) > 0)


def test_claim_freed_forces_concentrate_on_the_fronts_left_open():
    """Freezing some fronts but not the south sends the freed forces south: each open front is hit harder."""
    before, spread = front_odds(0.5, n_fronts=3, covered_fronts=0)
    _, south_only = front_odds(0.5, n_fronts=3, covered_fronts=2)  # only the last front (the south) open
    assert south_only[2] - before[2] > spread[2] - before[2] > 0


def test_claim_a_freeze_covering_the_other_fronts_removes_the_objection():
    """The Coalition asked for a freeze covering other cities too (etilaf_freeze): then no front loses."""
    for share in (0.2, 0.6, 1.0):
        assert expected_loss_elsewhere(share, n_fronts=3, covered_fronts=3) == 0.0
        assert expected_loss_elsewhere(share, n_fronts=3, covered_fronts=2) > 0.0  # covering some is not enough


# ---------------------------------------------------------------- stated reason 2 (chapter 04)
def test_claim_continued_pressure_makes_waiting_rational():
    """Backers who expect pressure to shift the balance prefer fighting on to any deal on today's terms."""
    assert commitment_range(0.6, shift=0.0, patience=0.9, cost_a=0.05, cost_b=0.05) is not None
    assert commitment_range(0.6, shift=0.15, patience=0.9, cost_a=0.05, cost_b=0.05) is None
    assert closed_periods(0.3, patience=0.9, cost_a=0.05, cost_b=0.05) > 0
    assert closed_periods(0.0, patience=0.9, cost_a=0.05, cost_b=0.05) == 0


def test_claim_only_continued_pressure_forces_concessions():
    """Under continued pressure the most the regime will concede grows period after period."""
    path = range_over_time(0.3, patience=0.9, cost_a=0.05, cost_b=0.05)
    best_for_opposition = 1.0 - path["low"]
    assert np.all(np.diff(best_for_opposition) > 0)
    flat = range_over_time(0.0, patience=0.9, cost_a=0.05, cost_b=0.05)
    assert np.all(np.diff(1.0 - flat["low"]) == 0)  # without pressure, nothing more is conceded


def test_claim_patient_backers_hold_out_longer():
    """The more the backers weigh the future, the longer no deal beats war."""
    counts = [closed_periods(0.3, patience=d, cost_a=0.05, cost_b=0.05) for d in (0.6, 0.8, 0.9, 0.95)]
    assert counts == sorted(counts) and counts[-1] > counts[0]


# ---------------------------------------------------------------- the events the column reports (chapter 01)
def test_claim_the_freeze_was_offered_then_rejected_before_the_column():
    """Plan (30 Oct 2014), government's six-week offer (17 Feb 2015), rejection (1 Mar 2015), then the column."""
    rows = load_timeline()
    plan = next(r for r in rows if "un2014freeze" in r["source_keys"])
    offer = next(r for r in rows if "un2015sixweeks" in r["source_keys"])
    rejection = next(r for r in rows if r["kind"] == "rejection")
    assert plan["start_date"] < offer["start_date"] < rejection["start_date"]
    assert rejection["end_date"] == dt.date(2015, 3, 1) <= COLUMN_DATE
    assert plan["start_date"] == dt.date(2014, 10, 30) and offer["start_date"] == dt.date(2015, 2, 17)
