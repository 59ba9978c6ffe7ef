"""What happened: a sourced timeline of ceasefire efforts in Syria, 2013-2016.

The data live in ``data/timeline.csv``, one row per event, hand-coded from the course's list of
sources (every row names a key of ``references.bib`` and a human-readable source). Columns:

* ``start_date`` (ISO ``YYYY-MM-DD``) and optional ``end_date``;
* ``date_precision``: ``day``, or ``month`` when the source gives only the month (the date is
  then the first of that month and is shown as "Feb 2015 (month only)");
* ``place``, ``kind`` (one of :data:`KINDS`), ``event`` (a short neutral paraphrase), ``outcome``;
* ``source_key``: one or more keys of ``references.bib`` separated by ``;``, and ``source``.

Events that no source at hand confirms are left out of the file (see chapter 01).
The loader uses only the standard library; the figure is plotly.

The figure has two controls, declared here: the **period** shown (the zoom) and the **lane** of
events shown. In the book they are native, keyboard-operable controls over precomputed states
(``widgets.explorable``); plotly's range slider under the plot adds a finer zoom by mouse or touch.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import textwrap
from pathlib import Path

import plotly.graph_objects as go

from widgets.controls import Control, declare
from widgets.style import PALETTE, base_layout, top_margin
from widgets.traces import lines, markers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "timeline.csv"
DEFAULT_BIB = ROOT / "references.bib"

COLUMNS = ("start_date", "end_date", "date_precision", "place", "kind", "event", "outcome", "source_key", "source")
REQUIRED = ("start_date", "date_precision", "place", "kind", "event", "outcome", "source_key", "source")
PRECISIONS = ("day", "month")
#: kinds of event, grouped into the lanes of the figure (lane name, colour, marker symbol)
LANES = {
    "Proposals and statements": (("proposal", "statement"), PALETTE["blue"], "diamond"),
    "Truces and agreements": (("truce", "agreement"), PALETTE["green"], "circle"),
    "Rejections and collapses": (("rejection", "collapse", "suspension"), PALETTE["vermillion"], "x"),
    "Strikes": (("strike",), PALETTE["purple"], "triangle-down"),
    "Evacuations": (("evacuation",), PALETTE["orange"], "square"),
}
KINDS = tuple(kind for kinds, _, _ in LANES.values() for kind in kinds)
FIRST_YEAR, LAST_YEAR = 2013, 2016
#: the column appeared in early March 2015 (inferred from the events it reports: no date in the copies seen)
COLUMN_DATE = dt.date(2015, 3, 1)
#: the periods a reader can zoom to: (value, label, first day, last day); None = the whole file
PERIODS = (
    ("all", "all years", None, None),
    ("2014", "2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
    ("freeze", "the freeze episode (Oct 2014 - Mar 2015)", dt.date(2014, 10, 1), dt.date(2015, 3, 31)),
    ("2015", "2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
    ("2016", "2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
)
#: the lanes a reader can show: "all", or one lane of LANES
LANE_CHOICES = (("all", "all kinds"),) + tuple((lane, lane.lower()) for lane in LANES)

#: the controls of this module's figure (chapter 01 names them)
CONTROLS = declare(
    Control("period", "Period shown", default="all", choices=tuple((v, label) for v, label, _, _ in PERIODS)),
    Control("lane", "Events shown", default="all", choices=LANE_CHOICES),
)


def bib_keys(path: str | Path | None = None) -> set[str]:
    """The citation keys defined in a BibTeX file (``references.bib`` by default)."""
    text = Path(path or DEFAULT_BIB).read_text(encoding="utf-8")
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def _parse_date(value: str, column: str, where: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise ValueError(f"{where}: {column} must be an ISO date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {column} must be a valid date, got {value!r}") from None


def load_timeline(path: str | Path | None = None, bib: str | Path | None = None) -> list[dict]:
    """Read and validate the timeline; return one dict per event, in date order.

    Each dict has the CSV columns (``start_date`` and ``end_date`` as ``datetime.date``,
    ``end_date`` may be ``None``) plus ``source_keys``, a tuple of citation keys.
    Raises ``ValueError`` naming the row and the column for a missing column or value, a bad
    date or precision, an unknown kind, an end before its start, a date outside 2013-2016, a
    source key missing from the BibTeX file (``references.bib`` unless ``bib`` is given; pass
    ``bib=False`` to skip that check), or rows out of date order.
    """
    path = Path(path or DEFAULT_PATH)
    known = None if bib is False else bib_keys(bib)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        rows = []
        for line, raw in enumerate(reader, start=2):
            where = f"{path.name} line {line}"
            row = {k: (raw.get(k) or "").strip() for k in COLUMNS}
            for column in REQUIRED:
                if not row[column]:
                    raise ValueError(f"{where}: {column} must not be empty")
            row["start_date"] = _parse_date(row["start_date"], "start_date", where)
            row["end_date"] = _parse_date(row["end_date"], "end_date", where) if row["end_date"] else None
            if row["date_precision"] not in PRECISIONS:
                raise ValueError(
                    f"{where}: date_precision must be one of {', '.join(PRECISIONS)}, got {row['date_precision']!r}"
                )
            if row["date_precision"] == "month" and row["start_date"].day != 1:
                raise ValueError(
                    f"{where}: start_date with date_precision 'month' must be the first "
                    f"of the month, got {row['start_date']}"
                )
            for column in ("start_date", "end_date"):
                d = row[column]
                if d is not None and not FIRST_YEAR <= d.year <= LAST_YEAR:
                    raise ValueError(f"{where}: {column} must be in {FIRST_YEAR}-{LAST_YEAR}, got {d}")
            if row["end_date"] is not None and row["end_date"] < row["start_date"]:
                raise ValueError(f"{where}: end_date must not be before start_date")
            if row["kind"] not in KINDS:
                raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}, got {row['kind']!r}")
            keys = tuple(k.strip() for k in row["source_key"].split(";") if k.strip())
            if not keys:
                raise ValueError(f"{where}: source_key must name at least one reference")
            if known is not None:
                unknown = [k for k in keys if k not in known]
                if unknown:
                    raise ValueError(f"{where}: source_key {', '.join(unknown)} is not in references.bib")
            row["source_keys"] = keys
            if rows and row["start_date"] < rows[-1]["start_date"]:
                raise ValueError(
                    f"{where}: rows must be in date order (start_date {row['start_date']} "
                    f"comes after {rows[-1]['start_date']})"
                )
            rows.append(row)
    if not rows:
        raise ValueError(f"{path.name}: no events")
    return rows


def date_label(row: dict) -> str:
    """A date as the reader sees it: '6 Jan 2014', 'Feb 2015 (month only)', '12-19 Sep 2016'."""
    start, end = row["start_date"], row.get("end_date")
    if row.get("date_precision") == "month":
        return f"{start:%b %Y} (month only)"
    if end is None or end == start:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} - {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} - {end.day} {end:%b %Y}"


def lane_of(kind: str) -> str:
    """The figure lane an event kind belongs to."""
    for lane, (kinds, _, _) in LANES.items():
        if kind in kinds:
            return lane
    raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")


def count_by_kind(rows: list[dict]) -> dict[str, int]:
    """How many events of each kind (kinds with no event omitted)."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    return counts


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _hover(row: dict) -> str:
    return (
        f"<b>{date_label(row)}</b>, {row['place']}<br>{_wrap(row['event'])}"
        f"<br><i>Outcome:</i> {_wrap(row['outcome'])}<br><i>Source:</i> {_wrap(row['source'])}"
    )


def period_range(period: str, rows: list[dict] | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day of ``period`` (one of :data:`PERIODS`); for "all", the span of
    ``rows`` (the data file by default) with a margin of 45 days on either side."""
    for value, _, first, last in PERIODS:
        if value == period:
            if first is not None:
                return first, last
            rows = load_timeline() if rows is None else rows
            start = min(r["start_date"] for r in rows)
            end = max(r["end_date"] or r["start_date"] for r in rows)
            return start - dt.timedelta(days=45), end + dt.timedelta(days=45)
    raise ValueError(f"period must be one of {', '.join(v for v, _, _, _ in PERIODS)}, got {period!r}")


def in_period(row: dict, first: dt.date, last: dt.date) -> bool:
    """Whether the event overlaps the days ``first`` to ``last``."""
    return row["start_date"] <= last and (row["end_date"] or row["start_date"]) >= first


def figure_timeline(
    path: str | Path | None = None, rows: list[dict] | None = None, period: str = "all", lane: str = "all"
) -> go.Figure:
    """The timeline: one lane per kind of event, hover for event, outcome and source.

    ``period`` zooms to one of :data:`PERIODS`; ``lane`` shows one lane of :data:`LANES` (or "all").
    The title says how many events are in view. The range slider under the plot zooms further by
    mouse or touch. Events with an end date are drawn as a bar from start to end. Every lane keeps
    its two traces (an empty one when the lane is hidden), so states differ only in their data.
    """
    rows = load_timeline(path) if rows is None else rows
    first, last = period_range(period, rows)
    if lane != "all" and lane not in LANES:
        raise ValueError(f"lane must be 'all' or one of {', '.join(LANES)}, got {lane!r}")
    traces = []
    for name, (kinds, colour, symbol) in LANES.items():
        sel = [r for r in rows if r["kind"] in kinds and lane in ("all", name)]
        seg_x, seg_y = [], []
        for r in sel:
            if r["end_date"] is not None and r["end_date"] != r["start_date"]:
                seg_x += [r["start_date"].isoformat(), r["end_date"].isoformat(), None]
                seg_y += [name, name, None]
        traces.append(
            lines(seg_x, seg_y, f"{name} (duration)", colour, 8, opacity=0.5, hoverinfo="skip", showlegend=False)
        )
        traces.append(
            markers(
                [r["start_date"].isoformat() for r in sel],
                [name] * len(sel),
                name,
                colour,
                13,
                symbol,
                marker={"line": {"width": 1, "color": "white"}},
                hovertext=[_hover(r) for r in sel],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    shown = [r for r in rows if lane in ("all", lane_of(r["kind"])) and in_period(r, first, last)]
    period_label = dict((v, lab) for v, lab, _, _ in PERIODS)[period]
    lane_label = dict(LANE_CHOICES)[lane]
    years = f"{rows[0]['start_date'].year}-{max(r['end_date'] or r['start_date'] for r in rows).year}"
    title = (
        f"Ceasefire efforts in Syria, {years}: {len(rows)} sourced events"
        f"<br><sup>in view: {len(shown)} ({period_label}, {lane_label})</sup>"
    )
    layout = base_layout(title=title, xaxis="", yaxis="")
    layout["xaxis"].update(
        type="date", range=[first.isoformat(), last.isoformat()], rangeslider={"visible": True, "thickness": 0.08}
    )
    layout["yaxis"].update(categoryorder="array", categoryarray=list(LANES)[::-1], automargin=True)
    layout["height"] = 480
    layout["margin"] = {"l": 20, "r": 20, "t": top_margin(title, legend_rows=0), "b": 30}
    layout["showlegend"] = False  # the lanes are labelled on the y axis
    layout["hoverlabel"] = {"align": "left"}
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": COLUMN_DATE.isoformat(),
            "x1": COLUMN_DATE.isoformat(),
            "y0": 0,
            "y1": 1,
            "line": {"color": PALETTE["grey"], "dash": "dot", "width": 2},
        }
    ]
    layout["annotations"] = [
        {
            "x": COLUMN_DATE.isoformat(),
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "text": "the column (early Mar 2015, inferred)",
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": 11},
        }
    ]
    return go.Figure(traces, layout)
