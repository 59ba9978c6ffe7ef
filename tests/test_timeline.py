"""The sourced timeline: the data file parses, every row is dated and sourced, and bad files fail loudly."""

import csv
import datetime as dt

import pytest

from widgets.controls import lookup
from widgets.timeline import (
    COLUMNS,
    DEFAULT_PATH,
    KINDS,
    LANES,
    PERIODS,
    bib_keys,
    count_by_kind,
    date_label,
    figure_timeline,
    lane_of,
    load_timeline,
)

ROWS = load_timeline()


def write(tmp_path, rows, columns=COLUMNS):
    path = tmp_path / "timeline.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


GOOD = {
    "start_date": "2015-02-17",
    "end_date": "",
    "date_precision": "day",
    "place": "Aleppo",
    "kind": "proposal",
    "event": "An offer",
    "outcome": "Rejected",
    "source_key": "un2015sixweeks",
    "source": "United Nations",
}


def test_the_file_parses_into_events_2013_to_2016():
    assert len(ROWS) >= 15
    assert all(2013 <= r["start_date"].year <= 2016 for r in ROWS)
    with DEFAULT_PATH.open(newline="") as handle:
        assert tuple(csv.DictReader(handle).fieldnames) == COLUMNS


def test_every_row_has_a_date_and_a_source():
    for r in ROWS:
        assert isinstance(r["start_date"], dt.date)
        assert r["source"] and r["source_keys"]
        assert r["event"] and r["outcome"] and r["place"]


def test_every_source_key_is_in_references_bib():
    keys = bib_keys()
    assert "mee2015column" in keys  # the parser finds real keys
    used = {k for r in ROWS for k in r["source_keys"]}
    assert used <= keys, used - keys


def test_dates_are_in_order_and_ends_follow_starts():
    starts = [r["start_date"] for r in ROWS]
    assert starts == sorted(starts)
    assert all(r["end_date"] is None or r["end_date"] >= r["start_date"] for r in ROWS)


def test_month_only_dates_are_marked_and_on_the_first():
    month_only = [r for r in ROWS if r["date_precision"] == "month"]
    assert month_only, "the Moadamiyeh siege (Feb 2015) is known only to the month"
    assert all(r["start_date"].day == 1 for r in month_only)
    assert all("month only" in date_label(r) for r in month_only)


def test_unconfirmed_items_are_left_out():
    # SOURCES.md marks the Yarmouk truce dates and the SNC's undated position as unconfirmed
    text = " ".join(r["event"] for r in ROWS).lower()
    assert "yarmouk" not in text
    assert all(k != "etilaf_freeze" for r in ROWS for k in r["source_keys"])


def test_key_dates_match_the_sources():
    by_date = {r["start_date"]: r for r in ROWS}
    assert by_date[dt.date(2014, 10, 30)]["kind"] == "proposal"  # de Mistura's freeze plan
    assert by_date[dt.date(2015, 2, 17)]["source_keys"] == ("un2015sixweeks",)
    assert by_date[dt.date(2016, 2, 27)]["kind"] == "truce"  # cessation of hostilities
    assert by_date[dt.date(2016, 12, 15)]["end_date"] == dt.date(2016, 12, 22)


def test_later_events_are_reported_where_they_bear_on_a_row():
    by_date = {r["start_date"]: r for r in ROWS}
    barzeh = by_date[dt.date(2014, 1, 6)]
    assert all(w in barzeh["outcome"] for w in ("January 2017", "February 2017", "May 2017"))
    assert {"syriadirect2017barzeh", "trt2017barzeh"} <= set(barzeh["source_keys"])
    convoy = by_date[dt.date(2016, 9, 19)]  # both findings, attributed, and the denials
    assert {"unboi2016convoy", "coi2017convoy"} <= set(convoy["source_keys"])
    assert "did not establish" in convoy["outcome"] and "Syrian air forces" in convoy["outcome"]
    assert "denied" in convoy["outcome"]
    listing = by_date[dt.date(2016, 4, 26)]  # Ahrar al-Sham was not designated
    assert listing["end_date"] == dt.date(2016, 5, 11) and "Ahrar al-Sham" in listing["event"]
    assert "Jabhat Fateh al-Sham" in by_date[dt.date(2016, 7, 28)]["event"]


def test_date_labels():
    row = dict(GOOD, start_date=dt.date(2015, 2, 28), end_date=dt.date(2015, 3, 1))
    assert date_label(row) == "28 Feb - 1 Mar 2015"
    assert date_label(dict(GOOD, start_date=dt.date(2016, 9, 12), end_date=dt.date(2016, 9, 19))) == "12-19 Sep 2016"
    assert date_label(dict(GOOD, start_date=dt.date(2014, 1, 6), end_date=None)) == "6 Jan 2014"


def test_every_kind_has_a_lane():
    assert {lane_of(k) for k in KINDS} == set(LANES)
    assert sum(count_by_kind(ROWS).values()) == len(ROWS)
    with pytest.raises(ValueError, match="kind"):
        lane_of("picnic")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"start_date": ""}, "start_date must not be empty"),
        ({"start_date": "17/02/2015"}, "start_date must be an ISO date"),
        ({"start_date": "2015-02-30"}, "start_date must be a valid date"),
        ({"start_date": "2019-01-01"}, "start_date must be in 2013-2016"),
        ({"end_date": "2015-01-01"}, "end_date must not be before start_date"),
        ({"date_precision": "year"}, "date_precision must be one of"),
        ({"date_precision": "month"}, "first of the month"),
        ({"kind": "picnic"}, "kind must be one of"),
        ({"source": ""}, "source must not be empty"),
        ({"source_key": "nosuchkey2099"}, "source_key nosuchkey2099 is not in references.bib"),
        ({"source_key": " ; "}, "source_key must name at least one reference"),
    ],
)
def test_bad_rows_raise_value_error_naming_the_column(tmp_path, change, message):
    with pytest.raises(ValueError, match=message):
        load_timeline(write(tmp_path, [dict(GOOD, **change)]))


def test_rows_out_of_order_are_rejected(tmp_path):
    later = dict(GOOD, start_date="2016-01-01")
    with pytest.raises(ValueError, match="date order"):
        load_timeline(write(tmp_path, [later, GOOD]))


def test_missing_column_is_rejected(tmp_path):
    columns = tuple(c for c in COLUMNS if c != "outcome")
    row = {k: v for k, v in GOOD.items() if k != "outcome"}
    with pytest.raises(ValueError, match="missing column.*outcome"):
        load_timeline(write(tmp_path, [row], columns))


def test_a_good_file_loads_and_several_keys_are_allowed(tmp_path):
    rows = load_timeline(write(tmp_path, [dict(GOOD, source_key="un2015sixweeks; un2014freeze")]))
    assert rows[0]["source_keys"] == ("un2015sixweeks", "un2014freeze")
    unchecked = load_timeline(write(tmp_path, [dict(GOOD, source_key="anything")]), bib=False)
    assert unchecked[0]["source_keys"] == ("anything",)


def test_figure_has_one_point_per_event_with_hover_and_zoom():
    fig = figure_timeline()
    points = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in points) == len(ROWS)
    assert all("Source:" in h and "Outcome:" in h for t in points for h in t.hovertext)
    assert fig.layout.xaxis.rangeslider.visible
    assert not fig.layout.updatemenus  # zoom by the book's native controls, not plotly's SVG buttons
    assert lookup("period").values == [v for v, *_ in PERIODS] and "2015" in lookup("period").values
    assert len(figure_timeline(rows=ROWS[:3]).data) == len(fig.data)  # same traces whatever the data


def test_period_zooms_and_lane_filters_and_the_title_counts_what_is_in_view():
    year = figure_timeline(period="2015")
    assert tuple(year.layout.xaxis.range) == ("2015-01-01", "2015-12-31")
    in_2015 = sum(1 for r in ROWS if r["start_date"].year == 2015 or (r["end_date"] and r["end_date"].year == 2015))
    assert f"in view: {in_2015} " in year.layout.title.text
    lane = next(iter(LANES))
    only = figure_timeline(lane=lane)
    shown = [t for t in only.data if t.mode == "markers" and len(t.x)]
    assert [t.name for t in shown] == [lane] and len(only.data) == len(year.data)
    for bad in ({"period": "1999"}, {"lane": "picnic"}):
        try:
            figure_timeline(**bad)
        except ValueError as e:
            assert next(iter(bad)) in str(e)
        else:
            raise AssertionError(bad)
