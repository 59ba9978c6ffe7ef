"""What the record shows: the column's claims held against real event data and real agreements.

Two published data sets (``data/README.md``), read by :mod:`widgets.record_data` after their schema
and bytes are checked:

* UCDP GED, Syria 2016-2017: one row per event of lethal organised violence. Every category the
  course uses is derived here, in code, from UCDP's own columns:

  - *precision*: an event is kept if it is dated within a week (``date_prec`` <= 2) and placed below
    country level (``where_prec`` < 6);
  - *area*: a governorate, Damascus with Rif Dimashq, or all Syria (:data:`AREAS`);
  - *kind of fighting* (:func:`classify`): what the 2016 ceasefires covered (the government against
    UCDP's aggregate "Syrian insurgents", which includes Nusra/Jabhat Fateh al-Sham and Ahrar
    al-Sham); what they excluded (the government against IS); fighting among non-state groups in
    which Nusra/Jabhat Fateh al-Sham/HTS, Ahrar al-Sham or IS is named; one-sided violence against
    civilians; everything else;
  - *windows*: the ``days`` before a date (``[d - days, d)``) and from it (``[d, d + days)``), by
    the event's first day ``date_start``; *weeks* ``[d + 7k, d + 7k + 7)``.

  For a kind of fighting k, a window and a measure (events, or UCDP's best estimate of deaths),
  N_k^before and N_k^after are the totals, and the change is (N_k^after - N_k^before) / N_k^before.

* PA-X, Syria: the agreements whose signatories (``Part``, free text) name a jihadist group are
  matched in code (:func:`jihadist_names`); each matched row was then read by hand, and what was
  read is the course's own table ``data/pax_jihadist_agreements.csv`` (who signed, with whom, what
  followed where a cited source says so). :func:`load_reading` checks that the two agree.

Controls: this module declares ``ceasefire``, ``area``, ``measure``, ``weeks_around``,
``window_days`` and ``precision`` (chapter 11 names them). Nothing here can show cause.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from widgets.controls import Control, declare, takes
from widgets.record_data import DATA_DIR, load_pax, load_ucdp
from widgets.style import PALETTE, base_layout
from widgets.traces import bars, lines
from widgets.validate import check_int, check_range

# ---------------------------------------------------------------- the course's categories
GOVERNMENT = "Government of Syria"
INSURGENTS = "Syrian insurgents"
#: UCDP's names for the groups the column calls jihadist (UCDP writes "IS" for the Islamic State;
#: Jabhat al-Nusra appears in the 2016-2017 release under its later names)
JIHADIST_SIDES = frozenset({"Jabhat al-Nusra", "Jabhat Fateh al-Sham", "HTS", "Ahrar al-Sham", "IS"})
ISLAMIC_STATE = "IS"

KINDS = ("covered", "excluded", "jihadist_nonstate", "one_sided", "other")
KIND_LABELS = {
    "covered": "government vs Syrian insurgents (covered)",
    "excluded": "government vs IS (excluded)",
    "jihadist_nonstate": "non-state fighting naming Nusra/JFS/HTS, Ahrar al-Sham or IS",
    "one_sided": "one-sided violence against civilians",
    "other": "all other fighting",
}
KIND_SHORT = {
    "covered": "covered",
    "excluded": "excluded",
    "jihadist_nonstate": "jihadist non-state",
    "one_sided": "one-sided",
    "other": "other",
}
KIND_COLOURS = {
    "covered": PALETTE["blue"],
    "excluded": PALETTE["vermillion"],
    "jihadist_nonstate": PALETTE["orange"],
    "one_sided": PALETTE["purple"],
    "other": PALETTE["grey"],
}

#: the three 2016 ceasefires: the day each took effect
CEASEFIRES = {
    "2016-02-27": "27 Feb 2016: cessation of hostilities (US and Russia)",
    "2016-09-12": "12 Sep 2016: truce (US and Russia)",
    "2016-12-30": "30 Dec 2016: nationwide ceasefire (Russia and Turkey)",
}
CEASEFIRE_SHORT = {
    "2016-02-27": "27 February 2016",
    "2016-09-12": "12 September 2016",
    "2016-12-30": "30 December 2016",
}

#: areas by the UCDP governorates (adm_1) they hold; None is all Syria (events with no governorate too)
AREAS = {
    "All Syria": None,
    "Aleppo": ("Aleppo Governorate",),
    "Damascus with Rif Dimashq": ("Damascus Governorate", "Rif Dimashq Governorate"),
    "Idlib": ("Idlib Governorate",),
    "Hama": ("Hamah Governorate",),
    "Homs": ("Homs Governorate",),
    "Daraa": ("Daraa Governorate",),
    "Deir ez-Zor": ("Deir ez Zor Governorate",),
    "Raqqa": ("Ar Raqqah Governorate",),
    "Hasakah": ("Al Hasakah Governorate",),
    "Latakia": ("Latakia Governorate",),
    "Quneitra": ("Quneitra Governorate",),
    "Suwayda": ("As Suwayda Governorate",),
    "Tartus": ("Tartus Governorate",),
    "Damascus": ("Damascus Governorate",),
    "Rif Dimashq": ("Rif Dimashq Governorate",),
}
BOOK_AREAS = [
    "All Syria",
    "Aleppo",
    "Damascus with Rif Dimashq",
    "Idlib",
    "Hama",
    "Homs",
    "Daraa",
    "Deir ez-Zor",
    "Raqqa",
]
MEASURES = ("events", "deaths")
MAX_DATE_PREC = 2  # dated within a week (1 the exact day, 2 a span of two to six days)
MAX_WHERE_PREC = 5  # placed below country level (6 and 7 are the country or beyond)
PRECISIONS = ("strict", "all")
COLUMN_DATE = pd.Timestamp("2015-03-01")  # the column was written in early March 2015 (inferred)

#: the controls of the parameters this module owns (chapter 11 names them)
CONTROLS = declare(
    Control("ceasefire", "Ceasefire", choices=tuple(CEASEFIRES.items()), default="2016-02-27"),
    Control("area", "Area", choices=tuple(AREAS), default="Aleppo"),
    Control(
        "measure",
        "Measure",
        choices=(("events", "events"), ("deaths", "deaths (UCDP best estimate)")),
        default="events",
    ),
    Control("weeks_around", "Weeks before and after", 2, 12, 1, default=8, fmt=".0f", unit="weeks"),
    Control("window_days", "Window before and after", 7, 84, 7, default=28, fmt=".0f", unit="days"),
    Control(
        "precision",
        "Events counted",
        choices=(
            ("strict", "dated within a week, placed below country level"),
            ("all", "all events, however imprecise"),
        ),
        default="strict",
    ),
)


def _check_choice(name: str, value, allowed) -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, got {value!r}")
    return value


def _date(name: str, value) -> pd.Timestamp:
    try:
        out = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None
    if pd.isna(out):
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), got {value!r}")
    return out.normalize()


# ---------------------------------------------------------------- kind of fighting
def actors(side: str) -> frozenset:
    """The actors named on one side of a UCDP event ("Ahrar al-Sham, HTS" names two)."""
    if not isinstance(side, str):
        return frozenset()
    return frozenset(a.strip() for a in side.split(",") if a.strip())


def classify(type_of_violence: int, side_a: str, side_b: str) -> str:
    """The course's kind of fighting of one UCDP event (one of :data:`KINDS`).

    ``type_of_violence`` is UCDP's: 1 state-based, 2 non-state, 3 one-sided.

    * "covered": state-based, the government against "Syrian insurgents";
    * "excluded": state-based, the government against IS;
    * "jihadist_nonstate": non-state, with Nusra/Jabhat Fateh al-Sham/HTS, Ahrar al-Sham or IS named
      on either side;
    * "one_sided": one-sided violence (by anyone, against civilians);
    * "other": the rest (Turkey, Iraq or the US against IS, non-state fighting naming none of them, ...).
    """
    if isinstance(type_of_violence, bool) or type_of_violence not in (1, 2, 3):
        raise ValueError(f"type_of_violence must be 1, 2 or 3 (UCDP's codes), got {type_of_violence!r}")
    sides = {side_a, side_b}
    if type_of_violence == 1:
        if sides == {GOVERNMENT, INSURGENTS}:
            return "covered"
        if sides == {GOVERNMENT, ISLAMIC_STATE}:
            return "excluded"
        return "other"
    if type_of_violence == 2:
        return "jihadist_nonstate" if (actors(side_a) | actors(side_b)) & JIHADIST_SIDES else "other"
    return "one_sided"


def kinds(events: pd.DataFrame) -> np.ndarray:
    """:func:`classify` of every row of a UCDP frame."""
    return np.array(
        [classify(int(t), a, b) for t, a, b in zip(events["type_of_violence"], events["side_a"], events["side_b"])],
        dtype=object,
    )


_EVENTS: pd.DataFrame | None = None


def load_events() -> pd.DataFrame:
    """The checked UCDP events with their ``kind`` (see :func:`classify`); computed once."""
    global _EVENTS
    if _EVENTS is None:
        ev = load_ucdp()
        ev["kind"] = kinds(ev)
        _EVENTS = ev
    return _EVENTS


# ---------------------------------------------------------------- filters
def precise(
    events: pd.DataFrame, max_date_prec: int = MAX_DATE_PREC, max_where_prec: int = MAX_WHERE_PREC
) -> pd.DataFrame:
    """Events dated at least as precisely as ``max_date_prec`` (UCDP: 1 the day ... 5 the year) and
    placed at least as precisely as ``max_where_prec`` (1 the exact place ... 7 beyond the country)."""
    max_date_prec = check_int("max_date_prec", max_date_prec, 1, 5)
    max_where_prec = check_int("max_where_prec", max_where_prec, 1, 7)
    return events[(events["date_prec"] <= max_date_prec) & (events["where_prec"] <= max_where_prec)]


def with_precision(events: pd.DataFrame, precision: str = "strict") -> pd.DataFrame:
    """ "strict": :func:`precise` at the course's thresholds; "all": every event."""
    _check_choice("precision", precision, PRECISIONS)
    return precise(events) if precision == "strict" else events


def in_area(events: pd.DataFrame, area: str) -> pd.DataFrame:
    """Events in ``area`` (a key of :data:`AREAS`); "All Syria" keeps every event."""
    _check_choice("area", area, tuple(AREAS))
    governorates = AREAS[area]
    return events if governorates is None else events[events["adm_1"].isin(governorates)]


def window(events: pd.DataFrame, date, days: int, side: str) -> pd.DataFrame:
    """Events whose first day falls in the ``days`` before ``date`` (side "before": [d - days, d))
    or from it (side "after": [d, d + days))."""
    d = _date("date", date)
    days = check_int("days", days, 1, 366)
    _check_choice("side", side, ("before", "after"))
    lo, hi = (d - pd.Timedelta(days=days), d) if side == "before" else (d, d + pd.Timedelta(days=days))
    start = events["date_start"]
    return events[(start >= lo) & (start < hi)]


def total(events: pd.DataFrame, measure: str = "events") -> int:
    """The number of events, or the sum of UCDP's best estimate of deaths."""
    _check_choice("measure", measure, MEASURES)
    return int(len(events)) if measure == "events" else int(events["best"].sum())


def before_after(events: pd.DataFrame, date, days: int = 28, measure: str = "events") -> dict:
    """{kind: (before, after)} for every kind of :data:`KINDS` (``events`` must carry ``kind``)."""
    before, after = window(events, date, days, "before"), window(events, date, days, "after")
    return {k: (total(before[before["kind"] == k], measure), total(after[after["kind"] == k], measure)) for k in KINDS}


def change(before: float, after: float) -> float | None:
    """(after - before) / before, or None when nothing happened before."""
    return None if before == 0 else float((after - before) / before)


def weekly(events: pd.DataFrame, date, weeks: int = 8, measure: str = "events") -> tuple[list[str], dict]:
    """Weekly totals by kind in the ``weeks`` weeks before ``date`` and the ``weeks`` from it.

    Returns the first day of each week (YYYY-MM-DD) and {kind: array of 2 * weeks totals}; week k
    (k = -weeks ... weeks - 1) is [d + 7k, d + 7k + 7)."""
    d = _date("date", date)
    weeks = check_int("weeks", weeks, 1, 52)
    _check_choice("measure", measure, MEASURES)
    offset = (events["date_start"] - d).dt.days.to_numpy()
    week = np.floor_divide(offset, 7) + weeks
    keep = (week >= 0) & (week < 2 * weeks)
    weights = None if measure == "events" else events["best"].to_numpy(dtype=float)
    kind = events["kind"].to_numpy()
    series = {}
    for k in KINDS:
        m = keep & (kind == k)
        series[k] = np.bincount(week[m], weights=None if weights is None else weights[m], minlength=2 * weeks).astype(
            int
        )
    starts = [(d + pd.Timedelta(days=7 * k)).strftime("%Y-%m-%d") for k in range(-weeks, weeks)]
    return starts, series


def record_table(
    ceasefire="2016-02-27", area: str = "Aleppo", days: int = 28, precision: str = "strict"
) -> pd.DataFrame:
    """Events and deaths before and after a ceasefire (its date, or any date) by kind of fighting,
    from the checked data."""
    ev = in_area(with_precision(load_events(), precision), area)
    ev_counts = before_after(ev, ceasefire, days, "events")  # a ceasefire's date, or any date
    de_counts = before_after(ev, ceasefire, days, "deaths")
    return pd.DataFrame(
        {
            "events_before": [ev_counts[k][0] for k in KINDS],
            "events_after": [ev_counts[k][1] for k in KINDS],
            "deaths_before": [de_counts[k][0] for k in KINDS],
            "deaths_after": [de_counts[k][1] for k in KINDS],
        },
        index=list(KINDS),
    )


def dropped_by_precision(area: str = "Aleppo", date="2016-02-27", days: int = 28) -> dict:
    """How many events of the windows around ``date`` in ``area`` the precision filter leaves out,
    and their deaths."""
    ev = in_area(load_events(), area)
    both = pd.concat([window(ev, date, days, "before"), window(ev, date, days, "after")])
    kept = precise(both)
    return {
        "events": len(both) - len(kept),
        "deaths": int(both["best"].sum() - kept["best"].sum()),
        "of_events": len(both),
    }


def jihadist_named_in_government_fighting(events: pd.DataFrame) -> int:
    """State-based events of the government in which a jihadist group other than IS is named as a side
    (UCDP folds them into "Syrian insurgents": the count is what shows it)."""
    named = JIHADIST_SIDES - {ISLAMIC_STATE}
    sb = events[
        (events["type_of_violence"] == 1) & ((events["side_a"] == GOVERNMENT) | (events["side_b"] == GOVERNMENT))
    ]
    return int(sum(bool((actors(a) | actors(b)) & named) for a, b in zip(sb["side_a"], sb["side_b"])))


# ---------------------------------------------------------------- PA-X: agreements jihadist groups signed
#: patterns on normalised text (lower case, no diacritics or apostrophes); group label -> pattern
JIHADIST_PATTERNS = {
    "Nusra/JFS/HTS": r"\bnusrah?\b|\bfat[ae]h al-? ?sham\b|\btahrir al-? ?sham\b|\bhts\b",
    "Ahrar al-Sham": r"\bahraru? al?-? ?sham\b",
    "IS": r"\bislamic state\b|\bisis\b|\bisil\b|\bdaesh\b",
    "Jaysh al-Fatah (coalition)": r"\bjaysh al-fatah\b|\bjaish al-fatah\b",
}
READING_PATH = DATA_DIR / "pax_jihadist_agreements.csv"
READING_COLUMNS = (
    "AgtId",
    "date",
    "jihadist_signatory",
    "signed_as",
    "counterpart",
    "other_signatories",
    "reading",
    "what_followed",
    "source_key",
)
COUNTERPARTS = (
    "government",
    "Russia",
    "one another",
    "other armed groups",
    "Kurdish-led forces",
    "local councils or elders",
    "none (a joint statement)",
    "unclear",
)


def normalise(text) -> str:
    """Lower case, without diacritics or apostrophes, single spaces ("Āhrār al-Shām" -> "ahrar al-sham")."""
    if not isinstance(text, str):
        return ""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[’‘ʼ'`]", "", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def jihadist_names(text) -> tuple[str, ...]:
    """The jihadist groups (labels of :data:`JIHADIST_PATTERNS`) that a signatory text names."""
    t = normalise(text)
    return tuple(label for label, pattern in JIHADIST_PATTERNS.items() if re.search(pattern, t))


def jihadist_agreements(pax: pd.DataFrame | None = None) -> pd.DataFrame:
    """The PA-X agreements whose signatories (``Part``) name a jihadist group, with a ``named`` column."""
    pax = load_pax() if pax is None else pax
    named = pax["Part"].map(jihadist_names)
    out = pax[named.map(bool)].copy()
    out["named"] = named[named.map(bool)].map("; ".join)
    return out.sort_values(["Dat", "AgtId"], kind="stable")


def load_reading(path: str | Path = READING_PATH, pax: pd.DataFrame | None = None) -> pd.DataFrame:
    """The hand-read table of the matched agreements, joined to PA-X (title, date, stage).

    Raises ValueError if a column is missing, a counterpart is not one of :data:`COUNTERPARTS`, a
    date disagrees with PA-X, or the rows are not exactly the agreements matched in code."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name}: file not found at {path}")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or tuple(rows[0]) != READING_COLUMNS:
        raise ValueError(f"{path.name} must have the columns {', '.join(READING_COLUMNS)}")
    table = pd.DataFrame(rows)
    table["AgtId"] = table["AgtId"].astype(int)
    bad = sorted(set(table["counterpart"]) - set(COUNTERPARTS))
    if bad:
        raise ValueError(f"{path.name}: counterpart {bad[0]!r} is not one of {', '.join(COUNTERPARTS)}")
    matched = jihadist_agreements(pax)
    missing = sorted(set(matched["AgtId"]) - set(table["AgtId"]))
    extra = sorted(set(table["AgtId"]) - set(matched["AgtId"]))
    if missing or extra:
        raise ValueError(
            f"{path.name}: not the agreements matched in code (unread: {missing}, "
            f"not matched: {extra}); read the new rows and update the table"
        )
    out = table.merge(matched[["AgtId", "Agt", "Dat", "Stage", "Agtp", "named"]], on="AgtId", validate="1:1")
    wrong = out[out["date"] != out["Dat"].dt.strftime("%Y-%m-%d")]
    if len(wrong):
        raise ValueError(
            f"{path.name}: agreement {wrong['AgtId'].iloc[0]} is dated {wrong['date'].iloc[0]}, "
            f"PA-X says {wrong['Dat'].iloc[0]:%Y-%m-%d}"
        )
    return out.sort_values(["Dat", "AgtId"], kind="stable").reset_index(drop=True)


def agreements_summary(reading: pd.DataFrame | None = None) -> dict:
    """Counts the chapter glues: matched, signed as a party (or through a signing coalition), at the
    ceasefire stage, with the government or Russia, with one another, before the column (March
    2015), and in 2016."""
    r = load_reading() if reading is None else reading
    signed = r[r["signed_as"].isin(["party", "member of a signing coalition"])]
    return {
        "matched": len(r),
        "signed": len(signed),
        "uncertain": len(r) - len(signed),
        "ceasefire_stage": int((signed["Stage"] == "Cea").sum()),
        "with_government": int(signed["counterpart"].isin(["government", "Russia"]).sum()),
        "with_one_another": int((signed["counterpart"] == "one another").sum()),
        "with_other_armed_groups": int((signed["counterpart"] == "other armed groups").sum()),
        "with_others": int(
            (~signed["counterpart"].isin(["government", "Russia", "one another", "other armed groups"])).sum()
        ),
        "before_column": int((signed["Dat"] < COLUMN_DATE).sum()),
        "before_column_ceasefires": int(((signed["Dat"] < COLUMN_DATE) & (signed["Stage"] == "Cea")).sum()),
        "in_2016": int((signed["Dat"].dt.year == 2016).sum()),
        "with_source": int((r["source_key"] != "").sum()),
        "first": signed["Dat"].min(),
        "last": signed["Dat"].max(),
    }


def counterpart_table(reading: pd.DataFrame | None = None) -> pd.DataFrame:
    """Agreements a jihadist group signed, by counterpart and period (before the column, 2015 after
    it to 2016, 2017 on)."""
    r = load_reading() if reading is None else reading
    signed = r[r["signed_as"].isin(["party", "member of a signing coalition"])]
    period = np.where(
        signed["Dat"] < COLUMN_DATE,
        "before March 2015",
        np.where(signed["Dat"].dt.year <= 2016, "March 2015 to 2016", "2017 to 2019"),
    )
    t = pd.crosstab(signed["counterpart"], period)
    cols = [c for c in ("before March 2015", "March 2015 to 2016", "2017 to 2019") if c in t.columns]
    order = [c for c in COUNTERPARTS if c in t.index]
    t = t.loc[order, cols]
    t["all"] = t.sum(axis=1)
    return t


def _md(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def agreements_markdown(reading: pd.DataFrame | None = None, cite: bool = False) -> str:
    """The hand-read table as Markdown; with ``cite``, sources are cited with MyST's footcite role."""
    r = load_reading() if reading is None else reading
    head = (
        "| Date | PA-X | Agreement | Jihadist signatory (as read) | Signed with | What the row says | "
        "What followed |\n|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for _, x in r.iterrows():
        followed = x["what_followed"] or "not in the sources at hand"
        if cite and x["source_key"]:
            followed += f" {{footcite:p}}`{x['source_key']}`"
        signed = x["jihadist_signatory"] + ("" if x["signed_as"] == "party" else f" ({x['signed_as']})")
        lines.append(
            f"| {x['Dat']:%d %b %Y} | {x['AgtId']} | {_md(x['Agt'])} | {_md(signed)} | "
            f"{_md(x['counterpart'])} | {_md(x['reading'])} | {_md(followed)} |"
        )
    return head + "\n".join(lines) + "\n"


# ---------------------------------------------------------------- figures
#: chapter 11's before-and-after figure (the chapter and tests/test_record.py):
#: explorable(figure_before_after, **BEFORE_AFTER_FIGURE, alt=...)
BEFORE_AFTER_FIGURE = {
    "controls": ["ceasefire", "area", "measure", "window_days", "precision"],
    "grid": {"area": BOOK_AREAS, "window_days": [7, 14, 28, 56]},
}


@dataclass(frozen=True)
class Selection:
    """What a record figure shows, checked: the events around one ceasefire in one area, at one
    precision, counted as events or as deaths (``measure``, also the unit of the counts)."""

    ceasefire: str = "2016-02-27"
    area: str = "Aleppo"
    measure: str = "events"
    precision: str = "strict"

    def __post_init__(self):
        _check_choice("ceasefire", self.ceasefire, tuple(CEASEFIRES))
        _check_choice("area", self.area, tuple(AREAS))
        _check_choice("measure", self.measure, MEASURES)
        _check_choice("precision", self.precision, PRECISIONS)

    def events(self) -> pd.DataFrame:
        """The events of the area at the precision."""
        return in_area(with_precision(load_events(), self.precision), self.area)


def _precision_note(precision: str) -> str:
    return (
        "events dated within a week and placed below country level"
        if precision == "strict"
        else "all events, however imprecise"
    )


def _per_week(values) -> str:
    return f"{np.mean(values):.1f}"


@takes(Selection(), "ceasefire area measure precision")
def figure_weekly(sel: Selection, weeks_around: float = 8) -> go.Figure:
    """Weekly events (or deaths) by kind of fighting, ``weeks_around`` weeks either side of a ceasefire."""
    weeks = int(round(check_range("weeks_around", weeks_around, 2, 12)))
    ceasefire, unit = sel.ceasefire, sel.measure
    starts, series = weekly(sel.events(), ceasefire, weeks, unit)
    traces = [
        lines(
            starts,
            series[k].astype(float),
            KIND_SHORT[k],
            KIND_COLOURS[k],
            width=3 if k in ("covered", "excluded") else 1.5,
            dash="solid" if k in ("covered", "excluded") else "dot",
            mode="lines+markers",
            marker={"size": 5},
            hovertemplate=f"week from %{{x}}: %{{y}} {unit}<extra>{KIND_LABELS[k]}</extra>",
        )
        for k in KINDS
    ]
    cov, exc = series["covered"], series["excluded"]
    # every line short enough for the book's column (the longest area, deaths, 12 weeks)
    title = (
        f"{sel.area}: {unit} per week by kind of fighting,<br>{weeks} weeks either side of "
        f"{CEASEFIRE_SHORT[ceasefire]}<br><sup>covered (government vs Syrian insurgents): "
        f"{_per_week(cov[:weeks])} per week before, {_per_week(cov[weeks:])} after;<br>excluded (government vs IS): "
        f"{_per_week(exc[:weeks])} before, {_per_week(exc[weeks:])} after<br>UCDP GED, {_precision_note(sel.precision)};<br>"
        "news-based counts undercount; they describe, they do not show cause</sup>"
    )
    layout = base_layout(title=title, xaxis="week beginning", yaxis=f"{unit} per week", legend_rows=1, height=560)
    d = pd.Timestamp(ceasefire)
    lo = (d - pd.Timedelta(days=7 * weeks + 3)).strftime("%Y-%m-%d")
    hi = (d + pd.Timedelta(days=7 * weeks - 4)).strftime("%Y-%m-%d")
    layout["xaxis"].update(type="date", range=[lo, hi])
    layout["yaxis"].update(rangemode="tozero")
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": ceasefire,
            "x1": ceasefire,
            "y0": 0,
            "y1": 1,
            "line": {"color": PALETTE["grey"], "width": 2, "dash": "dash"},
        }
    ]
    layout["annotations"] = [
        {
            "x": ceasefire,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": "ceasefire",
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "xshift": 4,
        }
    ]
    return go.Figure(traces, layout)


@takes(Selection(), "ceasefire area measure precision")
def figure_before_after(sel: Selection, window_days: float = 28) -> go.Figure:
    """Events (or deaths) in the ``window_days`` before and after a ceasefire, by kind of fighting."""
    days = int(round(check_range("window_days", window_days, 7, 84)))
    ceasefire, unit = sel.ceasefire, sel.measure
    counts = before_after(sel.events(), ceasefire, days, unit)
    x = [KIND_SHORT[k] for k in KINDS]
    before = np.array([counts[k][0] for k in KINDS], dtype=float)
    after = np.array([counts[k][1] for k in KINDS], dtype=float)

    def kind_bars(counts_by_kind, when, colour):
        return bars(
            x,
            counts_by_kind,
            f"{days} days {when}",
            colour,
            text=[f"{v:.0f}" for v in counts_by_kind],
            textposition="outside",
            hovertemplate=f"%{{x}}: %{{y}} {unit} in the {days} days {when}<extra></extra>",
        )

    traces = [kind_bars(before, "before", PALETTE["sky"]), kind_bars(after, "from the ceasefire", PALETTE["blue"])]

    def said(k):
        b, a = counts[k]
        c = change(b, a)
        return f"{b} to {a}" + ("" if c is None else f" ({c:+.0%})")

    title = (
        f"{sel.area}, {CEASEFIRE_SHORT[ceasefire]}: {unit} {days} days before and after<br><sup>covered "
        f"(government vs Syrian insurgents) {said('covered')}; excluded (government vs IS) "
        f'{said("excluded")}<br>UCDP GED, {_precision_note(sel.precision)}; "Syrian insurgents" '
        "includes Nusra/JFS and Ahrar al-Sham</sup>"
    )
    layout = base_layout(title=title, xaxis="kind of fighting", yaxis=unit, barmode="group")
    layout["yaxis"].update(rangemode="tozero", range=[0, max(1.0, before.max(), after.max()) * 1.18])
    return go.Figure(traces, layout)


def describe_before_after(
    ceasefire: str = "2016-02-27", area: str = "Aleppo", days: int = 28, precision: str = "strict"
) -> str:
    """One line per kind: events (deaths) before and after, as the chapter prints them."""
    t = record_table(ceasefire, area, days, precision)
    out = []
    for k in KINDS:
        r = t.loc[k]
        out.append(
            f"{KIND_SHORT[k]:>18}: {r.events_before:4d} events ({r.deaths_before:5d} deaths) before, "
            f"{r.events_after:4d} ({r.deaths_after:5d}) after"
        )
    return "\n".join(out)
