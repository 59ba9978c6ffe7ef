"""Tests of widgets.record_data (the checked loaders) and widgets.record (the record's categories,
windows, series, the PA-X reading and the figures)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import record as rc
from widgets import record_data as rd

ROOT = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=40, deadline=None)


# ---------------------------------------------------------------- the loader
def test_the_published_files_load_and_match_the_published_digests():
    ev = rd.load_ucdp()
    assert len(ev) == 11_757
    assert ev["date_start"].min() == pd.Timestamp("2016-01-01")
    assert ev["date_start"].max() == pd.Timestamp("2017-12-31")
    assert set(ev["type_of_violence"]) == {1, 2, 3}
    pax = rd.load_pax()
    assert len(pax) == 98 and (pax["Agtp"] == "IntraLocal").sum() == 76 and (pax["Stage"] == "Cea").sum() == 64
    readme = (ROOT / "data" / "README.md").read_text()
    assert rd.UCDP_PUBLISHED.sha256 in readme and rd.PAX_PUBLISHED.sha256 in readme


def test_the_loader_returns_a_copy():
    ev = rd.load_ucdp()
    ev.loc[ev.index[0], "best"] = -1
    assert rd.load_ucdp()["best"].iloc[0] != -1


@pytest.fixture
def ucdp_copy(tmp_path):
    path = tmp_path / rd.UCDP_PATH.name
    shutil.copyfile(rd.UCDP_PATH, path)
    return path


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"ucdp_ged_syria_2016_2017\.csv: file not found"):
        rd.load_ucdp(tmp_path / rd.UCDP_PATH.name)


def test_a_truncated_file_is_rejected_as_truncated(ucdp_copy):
    data = ucdp_copy.read_bytes()
    ucdp_copy.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=r"ucdp_ged_syria_2016_2017\.csv: file is truncated"):
        rd.load_ucdp(ucdp_copy)


def test_a_file_cut_at_a_line_end_is_still_truncated(ucdp_copy):
    lines = ucdp_copy.read_bytes().splitlines(keepends=True)
    ucdp_copy.write_bytes(b"".join(lines[:-1]))  # one event short, the file still parses
    with pytest.raises(ValueError, match="file is truncated"):
        rd.load_ucdp(ucdp_copy)


def test_a_changed_byte_is_rejected_as_changed(ucdp_copy):
    data = bytearray(ucdp_copy.read_bytes())
    i = data.index(b"2016-01-01", 1000)  # a date in the body: 2016-01-01 -> 2016-01-02
    data[i + 9] = ord("2")
    ucdp_copy.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"ucdp_ged_syria_2016_2017\.csv: contents changed: sha256"):
        rd.load_ucdp(ucdp_copy)


def test_a_missing_column_is_named(ucdp_copy):
    with open(ucdp_copy, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    drop = rows[0].index("where_prec")
    with open(ucdp_copy, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:drop] + r[drop + 1 :] for r in rows])
    with pytest.raises(ValueError, match=r"ucdp_ged_syria_2016_2017\.csv: missing column\(s\) where_prec"):
        rd.load_ucdp(ucdp_copy)


def test_each_failure_has_its_own_message(ucdp_copy, tmp_path):
    """Truncated, changed and missing column: three different problems, three different messages."""
    messages = []
    original = ucdp_copy.read_bytes()
    for damage in ("truncate", "change", "drop"):
        if damage == "truncate":
            ucdp_copy.write_bytes(original[:-100])
        elif damage == "change":
            ucdp_copy.write_bytes(original.replace(b"Aleppo Governorate", b"Aleppo Governorat3", 1))
        else:
            ucdp_copy.write_bytes(original.replace(b",best,", b",bext,", 1))
        with pytest.raises(ValueError) as info:
            rd.load_ucdp(ucdp_copy)
        messages.append(str(info.value).split(":")[1].strip())
    assert len(set(messages)) == 3, messages


def test_schema_checks_without_the_digest(tmp_path):
    """For another release (expected=None) the schema is still checked: types and date range."""
    path = tmp_path / "other.csv"
    ev = pd.read_csv(rd.UCDP_PATH)
    ev.head(50).to_csv(path, index=False)
    assert len(rd.load_ucdp(path, expected=None)) == 50
    bad = ev.head(50).copy()
    bad["best"] = bad["best"].astype(object)
    bad.loc[3, "best"] = "many"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="column best must hold whole numbers"):
        rd.load_ucdp(path, expected=None)
    late = ev.head(50).copy()
    late.loc[3, "date_start"] = "2019-05-01"
    late.to_csv(path, index=False)
    with pytest.raises(ValueError, match="date_start runs from 2016-01-01 to 2019-05-01"):
        rd.load_ucdp(path, expected=None)
    garbled = ev.head(50).copy()
    garbled.loc[3, "date_end"] = "1 May 2016"
    garbled.to_csv(path, index=False)
    with pytest.raises(ValueError, match="column date_end must hold dates"):
        rd.load_ucdp(path, expected=None)


def test_the_pax_loader_checks_its_file_too(tmp_path):
    path = tmp_path / rd.PAX_PATH.name
    path.write_bytes(rd.PAX_PATH.read_bytes()[:-10])
    with pytest.raises(ValueError, match=r"pax_v4_syria_agreements\.csv: file is truncated"):
        rd.load_pax(path)


# ---------------------------------------------------------------- kind of fighting
@pytest.mark.parametrize(
    "row, kind",
    [
        ((1, "Government of Syria", "Syrian insurgents"), "covered"),
        ((1, "Syrian insurgents", "Government of Syria"), "covered"),
        ((1, "Government of Syria", "IS"), "excluded"),
        ((1, "Government of Turkey", "IS"), "other"),  # excluded from the ceasefire, but not the government
        ((1, "Government of Syria", "SDF"), "other"),
        ((1, "Government of United States of America", "al-Qaida"), "other"),
        ((2, "IS", "SDF"), "jihadist_nonstate"),
        ((2, "Ahrar al-Sham", "HTS"), "jihadist_nonstate"),
        ((2, "Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", "IS"), "jihadist_nonstate"),
        ((2, "Jaysh al-Islam", "HTS, Rahman Corps"), "jihadist_nonstate"),
        ((2, "Jabhat al-Nusra", "FSA"), "jihadist_nonstate"),
        ((2, "Hawar Kilis Operations Room", "SDF"), "other"),
        ((2, "Jaysh al-Islam", "Tahrir al- Sham Army"), "other"),  # not HTS: a different group
        ((2, "Ahrar al-Sharqiya", "SDF"), "other"),  # not Ahrar al-Sham
        ((2, "ISIS fans club", "SDF"), "other"),  # names are matched whole, not as substrings
        ((3, "IS", "Civilians"), "one_sided"),
        ((3, "Government of Syria", "Civilians"), "one_sided"),
        ((3, "Syrian insurgents", "Civilians"), "one_sided"),
    ],
)
def test_classification_of_hand_made_rows(row, kind):
    assert rc.classify(*row) == kind


@pytest.mark.parametrize("bad", [0, 4, True, "1", None])
def test_classification_rejects_unknown_violence_types(bad):
    with pytest.raises(ValueError, match="type_of_violence must be 1, 2 or 3"):
        rc.classify(bad, "Government of Syria", "IS")


names = st.sampled_from(
    [
        "Government of Syria",
        "Syrian insurgents",
        "IS",
        "HTS",
        "Ahrar al-Sham",
        "SDF",
        "FSA",
        "Jaysh al-Islam",
        "Civilians",
        "Government of Turkey",
        "Jabhat Fateh al-Sham",
    ]
)
sides = st.lists(names, min_size=1, max_size=3).map(", ".join)


@FAST
@given(t=st.sampled_from([1, 2, 3]), a=sides, b=sides)
def test_every_event_gets_exactly_one_kind_and_the_order_of_sides_does_not_matter(t, a, b):
    k = rc.classify(t, a, b)
    assert k in rc.KINDS
    assert rc.classify(t, b, a) == k
    if t == 3:
        assert k == "one_sided"
    if k == "jihadist_nonstate":
        assert t == 2 and (rc.actors(a) | rc.actors(b)) & rc.JIHADIST_SIDES


def test_kinds_of_the_whole_file():
    ev = rc.load_events()
    n = ev["kind"].value_counts()
    assert (
        n["covered"]
        == (
            (ev["type_of_violence"] == 1)
            & (ev["side_a"] == "Government of Syria")
            & (ev["side_b"] == "Syrian insurgents")
        ).sum()
        == 6197
    )
    assert n["excluded"] == 2056 and n["one_sided"] == (ev["type_of_violence"] == 3).sum() == 318
    assert n.sum() == len(ev)
    # UCDP never names Nusra/JFS/HTS or Ahrar al-Sham as the government's opponent: they are inside
    # "Syrian insurgents" (the first limit of the chapter)
    assert rc.jihadist_named_in_government_fighting(ev) == 0


# ---------------------------------------------------------------- filters, windows, series
def _frame(rows):
    return pd.DataFrame(rows, columns=["date_start", "date_prec", "where_prec", "adm_1", "best", "kind"]).assign(
        date_start=lambda d: pd.to_datetime(d["date_start"])
    )


def test_precision_area_and_windows_on_hand_made_rows():
    ev = _frame(
        [
            ("2016-02-26", 1, 1, "Aleppo Governorate", 10, "covered"),  # the day before: before
            ("2016-01-30", 1, 2, "Aleppo Governorate", 5, "covered"),  # 28 days before: before
            ("2016-01-29", 1, 2, "Aleppo Governorate", 7, "covered"),  # 29 days before: outside
            ("2016-02-27", 2, 5, "Aleppo Governorate", 1, "covered"),  # the day itself: after
            ("2016-03-25", 1, 1, "Aleppo Governorate", 2, "excluded"),  # day 27 from it: after
            ("2016-03-26", 1, 1, "Aleppo Governorate", 3, "excluded"),  # day 28: outside
            ("2016-02-20", 3, 1, "Aleppo Governorate", 100, "covered"),  # dated to a week: imprecise
            ("2016-02-20", 1, 6, None, 8179, "covered"),  # country level: imprecise
            ("2016-02-20", 1, 1, "Rif Dimashq Governorate", 4, "covered"),
            ("2016-03-01", 1, 1, "Damascus Governorate", 6, "one_sided"),
        ]
    )
    strict = rc.precise(ev)
    assert len(strict) == 8
    assert len(rc.in_area(ev, "All Syria")) == 10
    assert len(rc.in_area(ev, "Damascus with Rif Dimashq")) == 2
    aleppo = rc.in_area(strict, "Aleppo")
    assert rc.before_after(aleppo, "2016-02-27", 28)["covered"] == (2, 1)
    assert rc.before_after(aleppo, "2016-02-27", 28, "deaths")["covered"] == (15, 1)
    assert rc.before_after(aleppo, "2016-02-27", 28)["excluded"] == (0, 1)
    assert rc.before_after(rc.in_area(ev, "Aleppo"), "2016-02-27", 28)["covered"] == (3, 1)
    starts, series = rc.weekly(aleppo, "2016-02-27", weeks=4)
    assert starts[0] == "2016-01-30" and starts[4] == "2016-02-27" and len(starts) == 8
    assert list(series["covered"]) == [1, 0, 0, 1, 1, 0, 0, 0]
    assert list(series["excluded"]) == [0, 0, 0, 0, 0, 0, 0, 1]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: rc.precise(rc.load_events(), max_date_prec=0), r"max_date_prec must be in \[1, 5\]"),
        (lambda: rc.precise(rc.load_events(), max_where_prec=8), r"max_where_prec must be in \[1, 7\]"),
        (lambda: rc.in_area(rc.load_events(), "Gaza"), "area must be one of"),
        (lambda: rc.window(rc.load_events(), "2016-02-27", 0, "before"), r"days must be in \[1, 366\]"),
        (lambda: rc.window(rc.load_events(), "not a date", 7, "before"), "date must be a date"),
        (lambda: rc.window(rc.load_events(), "2016-02-27", 7, "during"), "side must be one of"),
        (lambda: rc.total(rc.load_events(), "injuries"), "measure must be one of"),
        (lambda: rc.weekly(rc.load_events(), "2016-02-27", 0), r"weeks must be in \[1, 52\]"),
        (lambda: rc.figure_weekly(weeks_around=13), r"weeks_around must be in \[2, 12\]"),
        (lambda: rc.figure_before_after(window_days=3), r"window_days must be in \[7, 84\]"),
        (lambda: rc.figure_before_after(ceasefire="2016-03-01"), "ceasefire must be one of"),
        (lambda: rc.figure_weekly(precision="loose"), "precision must be one of"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@FAST
@given(day=st.integers(0, 700), days=st.integers(1, 120), area=st.sampled_from(list(rc.AREAS)))
def test_windows_partition_and_weekly_series_add_up(day, days, area):
    """Before and after never overlap and together make the 2 x days window; weekly totals over the
    w weeks either side equal the 7w-day windows, kind by kind."""
    date = pd.Timestamp("2016-01-01") + pd.Timedelta(days=day)
    ev = rc.in_area(rc.precise(rc.load_events()), area)
    b, a = rc.window(ev, date, days, "before"), rc.window(ev, date, days, "after")
    assert not set(b.index) & set(a.index)
    both = rc.window(ev, date - pd.Timedelta(days=days), 2 * days, "after")
    assert len(both) == len(b) + len(a)
    weeks = max(1, days // 7)
    _, series = rc.weekly(ev, date, weeks)
    counts = rc.before_after(ev, date, 7 * weeks)
    for k in rc.KINDS:
        assert series[k][:weeks].sum() == counts[k][0] and series[k][weeks:].sum() == counts[k][1]


@FAST
@given(day=st.integers(0, 700), days=st.integers(1, 60))
def test_a_wider_window_never_counts_fewer_and_areas_add_up(day, days):
    date = pd.Timestamp("2016-01-01") + pd.Timedelta(days=day)
    ev = rc.precise(rc.load_events())
    narrow, wide = rc.before_after(ev, date, days), rc.before_after(ev, date, days + 7)
    for k in rc.KINDS:
        assert wide[k][0] >= narrow[k][0] and wide[k][1] >= narrow[k][1]
    dam = rc.before_after(rc.in_area(ev, "Damascus with Rif Dimashq"), date, days)
    d1 = rc.before_after(rc.in_area(ev, "Damascus"), date, days)
    d2 = rc.before_after(rc.in_area(ev, "Rif Dimashq"), date, days)
    assert all(dam[k] == (d1[k][0] + d2[k][0], d1[k][1] + d2[k][1]) for k in rc.KINDS)


def test_change():
    assert rc.change(72, 29) == pytest.approx(-43 / 72)
    assert rc.change(0, 5) is None and rc.change(4, 4) == 0


# ---------------------------------------------------------------- the example, counted independently
def _independent_count(path: Path, governorate: str, first: dt.date, last: dt.date) -> tuple[int, int]:
    """Government vs Syrian insurgents, dated within a week, placed below country level, first day in
    [first, last]: events and best-estimate deaths, read with the csv module (no pandas, no widgets)."""
    events = deaths = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not (
                row["type_of_violence"] == "1"
                and row["side_a"] == "Government of Syria"
                and row["side_b"] == "Syrian insurgents"
                and row["adm_1"] == governorate
            ):
                continue
            if int(row["date_prec"]) > 2 or int(row["where_prec"]) >= 6:
                continue
            if first <= dt.date.fromisoformat(row["date_start"]) <= last:
                events += 1
                deaths += int(row["best"])
    return events, deaths


def test_aleppo_before_and_after_27_february_2016_against_an_independent_count():
    cease = dt.date(2016, 2, 27)
    path = ROOT / "data" / "ucdp_ged_syria_2016_2017.csv"
    before = _independent_count(path, "Aleppo Governorate", cease - dt.timedelta(days=28), cease - dt.timedelta(days=1))
    after = _independent_count(path, "Aleppo Governorate", cease, cease + dt.timedelta(days=27))
    assert before == (72, 775) and after == (29, 82)  # the numbers
    t = rc.record_table("2016-02-27", "Aleppo", 28, "strict")
    assert (t.loc["covered", "events_before"], t.loc["covered", "deaths_before"]) == before
    assert (t.loc["covered", "events_after"], t.loc["covered", "deaths_after"]) == after


def test_the_precision_filter_and_the_huge_imprecise_event():
    ev = rc.load_events()
    assert len(rc.precise(ev)) == 11_458
    big = ev.loc[ev["best"].idxmax()]
    assert big["best"] == 8179 and big["where_prec"] == 6 and big["date_prec"] == 5
    assert big.name not in rc.precise(ev).index


# ---------------------------------------------------------------- PA-X
@pytest.mark.parametrize(
    "text, names",
    [
        ("Āhrār al-Shām and Katā’ib al-Jihād al-Islāmī", ("Ahrar al-Sham",)),
        ("Harakat aḥrāru a-Shām al-islāmiyah", ("Ahrar al-Sham",)),
        ("Ahrar Al Sham Abu Al Saad [Signed] Hayat Tahrir Al Sham", ("Nusra/JFS/HTS", "Ahrar al-Sham")),
        ("Hayʼat Tahrīr al-Shām", ("Nusra/JFS/HTS",)),
        ("Jabhat Al Nusrah [Signed]", ("Nusra/JFS/HTS",)),
        ("Jabhat Fatah al-Sham in Kansafra", ("Nusra/JFS/HTS",)),
        ("Islamic State in Iraq and the Levant (ISIS; ISIL)", ("IS",)),
        ("rebel factions fighting under the banner of Jaysh al-Fatah", ("Jaysh al-Fatah (coalition)",)),
        ("Ahrar al-Sharqiyyah [Signature]", ()),
        ("Jabhat Tahrīr Suria; Jabhat al- Shamiyya", ()),
        ("the statement is in response to their call", ()),
        (None, ()),
    ],
)
def test_jihadist_names_in_signatory_text(text, names):
    assert rc.jihadist_names(text) == names


def test_every_matched_agreement_was_read_by_hand():
    reading = rc.load_reading()
    matched = rc.jihadist_agreements()
    assert list(reading["AgtId"]) == list(matched["AgtId"]) and len(reading) == 52
    assert set(reading["counterpart"]) <= set(rc.COUNTERPARTS)
    # a source key is given exactly where the table says what followed, and it is in the bibliography
    bib = (ROOT / "references.bib").read_text()
    for _, r in reading.iterrows():
        assert bool(r["source_key"]) == bool(r["what_followed"])
        if r["source_key"]:
            assert "{" + r["source_key"] + "," in bib


def test_the_reading_is_checked_against_the_matched_rows(tmp_path):
    path = tmp_path / "reading.csv"
    rows = list(csv.reader(open(rc.READING_PATH, newline="", encoding="utf-8")))
    csv.writer(open(path, "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(rows[:-1])
    with pytest.raises(ValueError, match=r"not the agreements matched in code \(unread: \[2285\]"):
        rc.load_reading(path)
    bad = [r[:] for r in rows]
    bad[1][4] = "friends"
    csv.writer(open(path, "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(bad)
    with pytest.raises(ValueError, match="counterpart 'friends' is not one of"):
        rc.load_reading(path)
    bad = [r[:] for r in rows]
    bad[1][1] = "2012-09-02"
    csv.writer(open(path, "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(bad)
    with pytest.raises(ValueError, match="agreement 1864 is dated 2012-09-02, PA-X says 2012-09-01"):
        rc.load_reading(path)


def test_agreement_counts_by_an_independent_tally():
    s = rc.agreements_summary()
    with open(rc.READING_PATH, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["signed_as"] in ("party", "member of a signing coalition")]
    tally = Counter(r["counterpart"] for r in rows)
    assert s["signed"] == len(rows)
    assert s["with_government"] == tally["government"] + tally["Russia"]
    assert s["with_one_another"] == tally["one another"]
    assert s["before_column"] == sum(r["date"] < "2015-03-01" for r in rows)
    assert s["signed"] == s["with_government"] + s["with_one_another"] + s["with_other_armed_groups"] + s["with_others"]
    assert rc.counterpart_table()["all"].sum() == s["signed"]


def test_agreements_markdown_has_one_row_per_agreement():
    md = rc.agreements_markdown(cite=True)
    assert md.count("\n") == 2 + 52
    assert "{footcite:p}`newarab2015zabadani`" in md and "not in the sources at hand" in md


# ---------------------------------------------------------------- figures and controls
def test_controls_are_declared_here():
    from widgets.controls import REGISTRY

    for name in ("ceasefire", "area", "measure", "weeks_around", "window_days", "precision"):
        assert REGISTRY[name][0] == "widgets.record"


def assert_constant_traces_and_finite(figures) -> None:
    """The same number of traces for every input, and no NaN plotted (x holds dates or categories)."""
    assert len({len(fig.data) for fig in figures}) == 1
    for fig in figures:
        for trace in fig.data:
            assert np.all(np.isfinite(np.asarray(trace.y, dtype=float)))


@pytest.mark.parametrize("ceasefire", list(rc.CEASEFIRES))
def test_figures_keep_their_traces_and_plot_no_nan(ceasefire):
    figs = [
        rc.figure_weekly(ceasefire, area, measure, weeks_around=weeks)
        for area in ("All Syria", "Quneitra", "Tartus")
        for measure in rc.MEASURES
        for weeks in (2, 12)
    ]
    assert_constant_traces_and_finite(figs)
    figs = [
        rc.figure_before_after(ceasefire, area, measure, precision, days)
        for area in ("All Syria", "Tartus")
        for measure in rc.MEASURES
        for days in (7, 84)
        for precision in rc.PRECISIONS
    ]
    assert_constant_traces_and_finite(figs)


def test_figure_titles_state_the_numbers_and_the_limits():
    title = rc.figure_before_after().layout.title.text
    assert "covered (government vs Syrian insurgents) 72 to 29 (-60%)" in title
    assert "dated within a week and placed below country level" in title
    assert "includes Nusra/JFS and Ahrar al-Sham" in title
    deaths = rc.figure_before_after(measure="deaths").layout.title.text
    assert "775 to 82" in deaths
    weekly = rc.figure_weekly(weeks_around=4).layout.title.text
    assert "undercount" in weekly and "do not show cause" in weekly


def test_the_book_figures_stay_within_the_state_limit_and_small():
    import gzip

    from widgets.explorable import explorable

    fig = explorable(rc.figure_before_after, **rc.BEFORE_AFTER_FIGURE, alt="test")
    assert fig.n_states <= 800
    size = len(gzip.compress(json.dumps(fig.book_json()).encode()))
    assert size < 100_000
