"""Tests of widgets.local_truces (SIMULATED districts and their analysis) and data/local_truces.csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import unit
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import local_truces as lt
from widgets.spoilers import truce_lifetimes

ROOT = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=30, deadline=None)


# ---------------------------------------------------------------- simulation
def test_simulation_shapes_ranges_and_seed():
    sim = lt.simulate_districts(0.6, 50, seed=3)
    assert sim["influence"].shape == sim["lifetime"].shape == sim["held"].shape == (50,)
    assert np.all((sim["influence"] >= 0) & (sim["influence"] <= 1))
    assert sim["held"].dtype == bool
    assert np.array_equal(sim["held"], sim["lifetime"] > 180)
    again = lt.simulate_districts(0.6, 50, seed=3)
    assert np.array_equal(sim["lifetime"], again["lifetime"])
    assert not np.array_equal(sim["influence"], lt.simulate_districts(0.6, 50, seed=4)["influence"])


@FAST
@given(a=unit, b=unit, n=st.integers(2, 300), seed=st.integers(0, 1000))
def test_stronger_spoilers_never_let_more_truces_hold(a, b, n, seed):
    lo, hi = min(a, b), max(a, b)
    weak, strong = lt.simulate_districts(lo, n, seed=seed), lt.simulate_districts(hi, n, seed=seed)
    assert np.array_equal(weak["influence"], strong["influence"])
    assert np.all(strong["lifetime"] <= weak["lifetime"])
    assert strong["held"].sum() <= weak["held"].sum()


def test_without_spoilers_influence_does_not_matter():
    sim = lt.simulate_districts(0.0, 200, seed=1)
    assert np.array_equal(sim["lifetime"], truce_lifetimes(0.0, n=200, seed=1))


# ---------------------------------------------------------------- analysis
def test_band_table_counts_and_shares():
    x = np.array([0.0, 0.1, 0.2, 0.5, 0.9, 1.0])
    y = np.array([1, 1, 0, 1, 0, 0])
    t = lt.band_table(x, y)
    assert list(t["count"]) == [3, 1, 2]
    assert list(t["held"]) == [2, 1, 0]
    assert np.allclose(t["share"], [2 / 3, 1.0, 0.0])
    empty = lt.band_table(np.array([0.1, 0.2]), np.array([1, 0]))
    assert list(empty["count"]) == [2, 0, 0] and list(empty["share"]) == [0.5, 0.0, 0.0]


def test_logistic_fit_recovers_known_coefficients():
    rng = np.random.default_rng(11)
    x = rng.random(20_000)
    p = 1 / (1 + np.exp(-(0.5 - 3.0 * (x - 0.5))))
    y = rng.random(20_000) < p
    a, b = lt.fit_logistic(x, y)
    assert abs(a - 0.5) < 0.1 and abs(b + 3.0) < 0.2


def test_logistic_fit_stays_finite_when_districts_separate():
    x = np.linspace(0, 1, 12)
    for y in (x < 0.5, x > 0.5, np.zeros(12), np.ones(12)):
        a, b = lt.fit_logistic(x, y)
        assert np.isfinite(a) and np.isfinite(b)
    assert lt.fit_logistic(x, x < 0.5)[1] < 0 < lt.fit_logistic(x, x > 0.5)[1]


def test_analysis_intervals_are_ordered_and_narrow_with_more_districts():
    def width(n):
        sim = lt.simulate_districts(0.6, n, seed=2)
        res = lt.analyse(sim["influence"], sim["held"], seed=2)
        lo, hi = res["difference_interval"]
        assert -1 <= lo <= hi <= 1
        s_lo, s_hi = res["slope_interval"]
        assert s_lo <= s_hi
        assert np.all(res["curve_low"] <= res["curve_high"])
        assert np.all((res["curve"] >= 0) & (res["curve"] <= 1))
        return hi - lo

    assert width(400) < width(40)


def test_analysis_is_seeded():
    sim = lt.simulate_districts(0.6, 40, seed=0)
    r1 = lt.analyse(sim["influence"], sim["held"], seed=0)
    r2 = lt.analyse(sim["influence"], sim["held"], seed=0)
    assert r1["difference_interval"] == r2["difference_interval"]
    assert "bootstrap interval" in lt.describe(r1)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: lt.simulate_districts(1.5), "spoiler_strength"),
        (lambda: lt.simulate_districts(0.5, n_districts=1), "n_districts"),
        (lambda: lt.simulate_districts(0.5, horizon=0), "horizon"),
        (lambda: lt.simulate_districts(0.5, monitoring=-0.1), "monitoring"),
        (lambda: lt.analyse([0.1, 1.2], [1, 0]), "influence"),
        (lambda: lt.analyse([0.1, 0.2], [1, 2]), "held"),
        (lambda: lt.analyse([0.1, 0.2], [1, 0], level=0.2), "level"),
    ],
)
def test_bad_input_raises_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------- the real cases
def bib_keys() -> set[str]:
    return set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()))


def test_case_table_columns_rows_and_sources():
    with open(ROOT / "data" / "local_truces.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == lt.CASE_COLUMNS
        rows = list(reader)
    assert [r["name"] for r in rows] == ["Barzeh", "Moadamiyeh", "Homs Old City", "Yarmouk", "Zabadani", "al-Waer"]
    keys = bib_keys()
    for r in rows:
        assert all(r[c].strip() for c in lt.CASE_COLUMNS), r["name"]
        cited = [k.strip() for k in r["source_key"].split(",")]  # one key, or several for MyST's cite roles
        assert cited and set(cited) <= keys, r["source_key"]
    assert lt.load_cases() == rows


def test_yarmouk_break_date_is_marked_unconfirmed():
    yarmouk = next(r for r in lt.load_cases() if r["name"] == "Yarmouk")
    assert "unconfirmed" in yarmouk["end_or_status"]
    assert not re.search(r"\d|March|Mar", yarmouk["end_or_status"])


def test_barzeh_is_coded_held_to_january_2017_with_what_followed():
    barzeh = next(r for r in lt.load_cases() if r["name"] == "Barzeh")
    assert barzeh["outcome"].startswith("held")
    for words in ("January 2017", "offensive", "February 2017", "evacuation agreement", "May 2017"):
        assert words in barzeh["end_or_status"], words
    assert {"upi2017barzeh", "syriadirect2017barzeh", "trt2017barzeh"} <= set(barzeh["source_key"].split(","))
    # the source text names Syria Deeply first (the truce's start): its key comes first too
    assert barzeh["source"].startswith("Syria Deeply")
    assert barzeh["source_key"].split(",")[0] == "syriadeeply2014barzeh"


def test_case_table_speaks_of_the_government_not_the_regime():
    text = " ".join(v for r in lt.load_cases() for k, v in r.items() if k != "source")
    assert "regime" not in text.lower()


def test_case_table_markdown_has_every_case():
    md = lt.cases_markdown()
    assert md.count("\n") == 2 + 6
    for name in ("Barzeh", "Moadamiyeh", "Homs Old City", "Yarmouk", "Zabadani", "al-Waer"):
        assert f"| {name} |" in md


def test_load_cases_rejects_a_wrong_table(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,place\nX,Y\n")
    with pytest.raises(ValueError, match="columns"):
        lt.load_cases(bad)


# ---------------------------------------------------------------- figure
def test_district_figure_is_labelled_simulated_and_keeps_its_traces():
    figs = [lt.figure_districts(spoiler_strength=s, n_districts=n) for s in (0.0, 0.6, 1.0) for n in (10, 100)]
    assert len({len(f.data) for f in figs}) == 1
    for f in figs:
        assert f.layout.title.text.startswith("SIMULATED")
        assert "SIMULATED" in f.layout.xaxis.title.text
        assert "nan" not in f.layout.title.text.lower()
    assert any("SIMULATED" in (t.name or "") for t in figs[0].data)
