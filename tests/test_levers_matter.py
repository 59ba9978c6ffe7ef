"""Every lever the text says matters must move the model: edits that silently drop one are caught.

Each test here was written against a concrete model mutation that left the rest of the suite green
(issue 10): separation of forces ignored in the lab's warlord hazard, the opposition ignored in the
phase diagram, patronage ignored in the militia model, the legend rows ignored in the figure layout.
``benchmarks/mutations.py`` (run by ``make bench``) checks many more such edits.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import lab, militias, style, warlords


@settings(max_examples=30, deadline=None)
@given(unit, st.floats(0.05, 1.0))
def test_separation_of_forces_lowers_the_warlord_hazard_by_its_stated_share(incentive, separation):
    """warlord_hazard = WARLORD_HAZARD * (1 - accepting share) * (1 - SEPARATION_EFFECT * separation)."""
    open_lines = lab.Levers(warlord_incentive=incentive, guaranteed_share=0.2)
    separated = open_lines.replace(separation=separation)
    h_open, h_sep = lab.warlord_hazard(open_lines), lab.warlord_hazard(separated)
    assert h_sep == pytest.approx(h_open * (1.0 - lab.SEPARATION_EFFECT * separation), rel=1e-12, abs=1e-15)
    if h_open > 0:
        assert h_sep < h_open


def test_the_warlord_hazard_is_positive_when_commanders_refuse():
    lv = lab.Levers(warlord_incentive=1.0, guaranteed_share=0.0)
    assert lab.warlord_hazard(lv) == pytest.approx(lab.WARLORD_HAZARD, rel=0.05)
    assert lab.warlord_hazard(lv.replace(separation=1.0)) == pytest.approx(
        lab.WARLORD_HAZARD * (1 - lab.SEPARATION_EFFECT), rel=0.05
    )


@pytest.mark.parametrize("freed_share, coverage", [(0.6, 0.0), (1.0, 0.25)])
def test_phase_diagram_counts_the_oppositions_refusal_cell_by_cell(freed_share, coverage):
    """The vectorised phase diagram equals holding_share at every sampled cell, also when freeing
    forces makes the opposition likely to refuse the freeze (its factor below 1)."""
    lv = lab.Levers(freed_share=freed_share, coverage=coverage, guaranteed_share=0.5)
    assert lab.agreement_parts(lv)["opposition"] < 0.9
    strengths, incentives = [0.0, 0.5, 1.0], [0.0, 0.6]
    grid = lab.phase_diagram(lv, strengths=strengths, incentives=incentives, n=lab.N_PHASE)
    for i, w in enumerate(incentives):
        for j, s in enumerate(strengths):
            cell = lv.replace(spoiler_strength=s, warlord_incentive=w)
            assert grid[i, j] == pytest.approx(lab.holding_share(cell, n=lab.N_PHASE), abs=1e-12)


def test_phase_diagram_falls_when_the_opposition_loses_more_elsewhere():
    calm = lab.phase_diagram(lab.Levers(), strengths=[0.2], incentives=[0.2])
    costly = lab.phase_diagram(lab.Levers(freed_share=1.0), strengths=[0.2], incentives=[0.2])
    assert costly[0, 0] < calm[0, 0]


@settings(max_examples=25, deadline=None)
@given(st.floats(0.05, 1.0), unit, unit, st.floats(0.0, 2.0))
def test_obedience_thresholds_divide_the_gap_by_patronage_plus_arrest(incentive, share, credibility, arrest):
    """Threshold_i = (rents_i - promise_i) / (patronage_i + arrest_penalty) where rents exceed the promise."""
    n = 400
    d = warlords.draw_commanders(n, seed=0)
    rents = incentive * d["base"]
    promise = credibility * d["patience"] ** warlords.DEFAULT_DELAY * share
    expected = np.where(rents > promise, (rents - promise) / (d["patronage"] + arrest), 0.0)
    got = militias.obedience_thresholds(incentive, share, credibility, arrest, n=n, seed=0)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_more_patronage_at_stake_means_more_obedience():
    """With no arrest penalty only patronage deters: commanders obey at finite central control."""
    shares = [
        militias.obedience_share(k, warlord_incentive=0.5, guaranteed_share=0.0, arrest_penalty=0.0)
        for k in (0.25, 0.5, 1.0)
    ]
    assert shares[0] < shares[1] < shares[2] and shares[2] > 0.5


def test_each_legend_row_adds_room_above_the_plot():
    assert style.top_margin("A title", legend_rows=2) > style.top_margin("A title", legend_rows=1)
    assert style.top_margin("A title", legend_rows=0) < style.top_margin("A title", legend_rows=1)
    one = style.base_layout("A title", legend_rows=1)["margin"]["t"]
    three = style.base_layout("A title", legend_rows=3)["margin"]["t"]
    assert three - one == 2 * (style.top_margin("A title", 2) - style.top_margin("A title", 1))


def test_each_title_line_adds_room_above_the_plot():
    assert style.top_margin("one<br>two") > style.top_margin("one")
