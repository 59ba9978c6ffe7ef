"""The assessments (instructor/assessment*.md): complete, and their model answers' numbers computed.

Each assessment page has the task, a rubric whose weights add up to 100% on four levels, what a
strong answer contains and a model answer. Every number the model answers state is recomputed
here with the course's own functions, at the settings the page gives, formatted as the page
prints it, and looked up in the page (whitespace and blockquote markers do not matter). After a
change to a model or to the data, a failure names the sentence to update: the code is the source
of truth.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from widgets import lab, warlords
from widgets import record as rc
from widgets.record_data import UCDP_DATES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "instructor"
PAGES = ["assessment_memo.md", "assessment_record.md", "assessment_argument_map.md"]
SECTIONS = ["## The task, as handed to students", "## Rubric", "## What a strong answer contains", "## Model answer"]


def raw(name: str) -> str:
    path = GUIDE / name
    assert path.exists(), f"instructor/{name} is missing"
    return path.read_text(encoding="utf-8")


def text(name: str) -> str:
    """The page with blockquote markers removed and whitespace normalised."""
    lines = [re.sub(r"^\s*(>\s?)+", "", line) for line in raw(name).splitlines()]
    return " ".join(" ".join(lines).split())


def assert_stated(name: str, fragments: list[str]) -> None:
    page = text(name)
    missing = [f for f in (" ".join(f.split()) for f in fragments) if f not in page]
    assert not missing, (
        f"instructor/{name} no longer agrees with the code; expected these fragments "
        f"(computed now):\n  " + "\n  ".join(missing)
    )


def minus(s: str) -> str:
    """The page prints a typographic minus sign."""
    return s.replace("-", "−")


# ---------------------------------------------------------------- every page
@pytest.mark.parametrize("name", PAGES)
def test_each_assessment_has_task_rubric_strong_answer_and_model_answer(name):
    page = raw(name)
    positions = [page.find(s) for s in SECTIONS]
    assert all(p >= 0 for p in positions), f"{name}: missing {[s for s, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions), f"{name}: sections out of order"


@pytest.mark.parametrize("name", PAGES)
def test_each_rubric_has_four_levels_and_weights_adding_to_100(name):
    rubric = raw(name).split("## Rubric", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in rubric.splitlines() if line.startswith("| Criterion"))
    assert [c.strip()[:2] for c in header.strip("|").split("|")[1:]] == ["4:", "3:", "2:", "1:"], header
    rows = [line for line in rubric.splitlines() if line.startswith("| **")]
    weights = [int(re.search(r"\((\d+)%\)", row).group(1)) for row in rows]
    assert len(rows) >= 4 and sum(weights) == 100, (name, weights)
    assert all(len(row.strip("|").split("|")) == 5 for row in rows), f"{name}: a row without four levels"


def test_every_cited_key_exists():
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))
    for name in [*PAGES, "assessments.md"]:
        cited = {k.strip() for g in re.findall(r"\{cite:[pt]\}`([^`]+)`", raw(name)) for k in g.split(",")}
        assert cited <= keys, f"{name}: not in references.bib: {sorted(cited - keys)}"


def test_the_overview_links_every_assessment_and_weights_match_the_syllabus():
    overview = raw("assessments.md")
    syllabus = raw("syllabus.md")
    for name in PAGES:
        assert f"({name})" in overview, f"assessments.md does not link {name}"
    weights = [int(w) for w in re.findall(r"\| (\d+)% \|", overview)]
    assert weights == [30, 30, 20]
    for n, w in zip((1, 2, 3), weights):
        assert re.search(rf"\| Assessment {n}:[^|]*\| {w}% \|", syllabus), f"syllabus weight of assessment {n}"


# ---------------------------------------------------------------- assessment 1: the memo (chapter 10)
N = lab.N_FIGURE
STATUS_QUO = lab.COLUMN_SCENARIO
DESIGN = STATUS_QUO.replace(monitoring=1, guarantees=1, guaranteed_share=1, exclude_spoiler=True, coverage=1)
#: the measures the memo removes one at a time: (row label, the lever back at the status quo)
REMOVED = [
    ("monitoring (back to 0.3)", {"monitoring": 0.3}),
    ("third-party guarantees", {"guarantees": 0.0}),
    ("full guaranteed share (back to 0.3)", {"guaranteed_share": 0.3}),
    ("exclusion of the spoiler", {"exclude_spoiler": False}),
    ("freezing the other fronts", {"coverage": 0.0}),
]


def days(median: float) -> str:
    return lab.describe_median(median)


def pct1(x: float) -> str:
    """A share of attempts as the memo prints it: one decimal (the status quo's is "under 1%")."""
    return f"{100 * x:.1f}%"


def test_memo_status_quo_and_design():
    sq, d = lab.summary(STATUS_QUO, n=N), lab.summary(DESIGN, n=N)
    assert sq["agreement"] < 0.01 and sq["median"] < lab.TARGET_DAYS
    assert d["median"] >= lab.TARGET_DAYS and d["agreement"] >= lab.TARGET_DEAL  # both targets met
    assert_stated(
        "assessment_memo.md",
        [
            f"median lifetime of at least {lab.TARGET_DAYS} days",
            f"a deal in at least {lab.percent(lab.TARGET_DEAL)} of attempts",
            f"in the lab it is agreed in under 1% of attempts and, if agreed, half the truces are gone within "
            f"{sq['median']:.0f} days",
            f"median lifetime of {days(d['median'])}, and a deal is agreed in {pct1(d['agreement'])} of attempts",
            f"| Median lifetime of an agreed truce | {days(sq['median'])} | {days(d['median'])} |",
            f"| Agreed truces still holding after 90 days | {lab.percent(sq['holding_90'])} | "
            f"{lab.percent(d['holding_90'])} |",
            f"| Deal agreed, share of attempts | under 1% | {pct1(d['agreement'])} |",
            f"| Truce days per attempt, first year | {sq['expected_days']:.1f} | {d['expected_days']:.1f} |",
            f"| Government's win probability | {sq['regime_p']:.2f} | {d['regime_p']:.2f} |",
        ],
    )


def test_memo_the_commanders_set_the_ceiling():
    d = lab.summary(DESIGN, n=N)
    accept = warlords.acceptance_share(
        DESIGN.warlord_incentive, DESIGN.guaranteed_share, lab.effective_credibility(DESIGN)
    )
    assert d["parts"]["spoiler"] == 1.0 and d["parts"]["opposition"] == 1.0
    assert d["agreement"] == pytest.approx(d["parts"]["commanders"])
    assert_stated(
        "assessment_memo.md",
        [
            f"brings {lab.percent(accept)} of the simulated commanders to accept, and the chance that all three "
            f"do to {pct1(d['parts']['commanders'])}",
        ],
    )


def test_memo_every_measure_is_needed():
    rows = []
    for label, change in REMOVED:
        r = lab.summary(DESIGN.replace(**change), n=N)
        # without it, one of the two targets is missed
        assert r["median"] < lab.TARGET_DAYS or r["agreement"] < lab.TARGET_DEAL, label
        rows.append(f"| {label} | {days(r['median'])} | {pct1(r['agreement'])} | {r['expected_days']:.1f} |")
    assert_stated("assessment_memo.md", rows)


def test_memo_separation_strikes_and_other_seeds():
    half, full = lab.summary(DESIGN.replace(separation=0.5), n=N), lab.summary(DESIGN.replace(separation=1), n=N)
    strikes = lab.summary(DESIGN.replace(strike_intensity=0.5), n=N)
    seeds = {s: lab.summary(DESIGN, n=N, seed=s) for s in (1, 2)}
    big = lab.summary(DESIGN, n=10_000)
    two_levers = lab.summary(STATUS_QUO.replace(monitoring=1, separation=1), n=N)
    assert half["agreement"] == full["agreement"] == lab.summary(DESIGN, n=N)["agreement"]
    assert all(lab.TARGET_DEAL <= r["agreement"] < 0.25 for r in seeds.values())
    assert two_levers["agreement"] < 0.01
    assert full["median"] == float("inf")  # beyond the 365-day horizon
    assert_stated(
        "assessment_memo.md",
        [
            f"(median {days(half['median'])} at 0.5; beyond 365 days at 1, with {full['expected_days']:.1f} truce days "
            f"per attempt)",
            f"the median lifetime falls to {days(strikes['median'])} and the government's win probability rises to "
            f"{strikes['regime_p']:.2f}",
            f"the median is {days(seeds[1]['median'])} (seed 1) and {days(seeds[2]['median'])} (seed 2), and with "
            f"10,000 simulated truces {days(big['median'])}",
            f"(monitoring and separation, median {days(two_levers['median'])}) without noticing that such a deal is "
            f"agreed in under 1% of attempts",
        ],
    )


def test_memo_the_book_figure_title():
    fig = lab.figure_challenge(monitoring=1, guarantees=1, guaranteed_share=1, exclude_spoiler=True, coverage=1)
    first_line = fig.layout.title.text.split("<br>")[0]
    assert_stated("assessment_memo.md", [f"`{first_line}`"])


# ---------------------------------------------------------------- assessment 2: test one claim (chapter 11)
CEASEFIRE = "2016-02-27"
AREAS = ["Aleppo", "Damascus with Rif Dimashq", "Idlib", "Hama", "Homs", "Daraa"]
FLOOR = 20  # fewer covered events before: too few to judge
FALL = -0.25  # a fall of at least 25%


def covered(area: str, days: int = 28, precision: str = "strict") -> pd.Series:
    return rc.record_table(CEASEFIRE, area, days, precision).loc["covered"]


def verdict(events_before: int, before: float, after: float) -> str:
    if events_before < FLOOR:
        return "too few to judge"
    return "fallen" if rc.change(before, after) <= FALL else "not fallen"


def change(before: float, after: float) -> str:
    return minus(f"{rc.change(before, after):+.0%}")


def test_record_the_plan_s_areas_are_those_with_covered_fighting():
    for area in rc.BOOK_AREAS[1:]:
        c = covered(area)
        has = c.events_before + c.events_after > 0
        assert has == (area in AREAS), area


def test_record_the_main_table():
    rows, verdicts = [], {}
    for area in [*AREAS, "All Syria"]:
        c = covered(area)
        verdicts[area] = verdict(c.events_before, c.events_before, c.events_after)
        rows.append(
            f"| {area} | {c.events_before} | {c.events_after} | "
            f"{change(c.events_before, c.events_after)} | {verdicts[area]} |"
        )
    judged = [a for a in AREAS if verdicts[a] != "too few to judge"]
    fell = [a for a in judged if verdicts[a] == "fallen"]
    not_fallen = [a for a in judged if verdicts[a] == "not fallen"]
    assert not_fallen == ["Hama"]
    hama = covered("Hama")
    before_fell = sum(covered(a).events_before for a in fell)
    before_all = sum(covered(a).events_before for a in AREAS)
    words = {4: "four", 5: "five"}
    assert_stated(
        "assessment_record.md",
        rows
        + [
            f"covered fighting fell in {words[len(fell)]} of the {words[len(judged)]} areas that can be judged",
            f"in Hama it did not ({hama.events_before} events before, {hama.events_after} after)",
            f"the four areas that fell had {before_fell} of the {before_all} covered events in the six areas",
        ],
    )


def test_record_the_robustness_table():
    rows = []
    for area in AREAS:
        c56, c28 = covered(area, 56), covered(area)
        rows.append(
            f"| {area} | {c56.events_before} → {c56.events_after} ({change(c56.events_before, c56.events_after)}) | "
            f"{verdict(c56.events_before, c56.events_before, c56.events_after)} | "
            f"{c28.deaths_before} → {c28.deaths_after} ({change(c28.deaths_before, c28.deaths_after)}) | "
            f"{verdict(c28.events_before, c28.deaths_before, c28.deaths_after)} |"
        )
    assert_stated("assessment_record.md", rows)


def test_record_all_events_change_nothing_at_28_days():
    for area in AREAS:
        assert (covered(area, 28, "strict") == covered(area, 28, "all")).all(), area
    assert_stated(
        "assessment_record.md", ["With all events counted, the 28-day numbers of all six areas are unchanged"]
    )


def test_record_the_dates_without_a_ceasefire():
    events = rc.precise(rc.load_events())
    feb = covered("All Syria")
    feb_change = rc.change(feb.events_before, feb.events_after)
    start = UCDP_DATES[0] + pd.Timedelta(days=28)
    end = UCDP_DATES[1] + pd.Timedelta(days=1) - pd.Timedelta(days=28)
    ceasefires = [pd.Timestamp(d) for d in rc.CEASEFIRES]
    dates = [d for d in pd.date_range(start, end, freq="7D") if all(abs((d - c).days) >= 56 for c in ceasefires)]
    changes = [rc.change(*rc.before_after(events, d, 28)["covered"]) for d in dates]
    falls = sum(c is not None and c <= feb_change for c in changes)
    assert_stated(
        "assessment_record.md",
        [
            f"fall by as much ({abs(feb_change):.0%}) over 28 days",
            f"Of {len(dates)} dates on a weekly grid from {dates[0].day} {dates[0]:%B %Y} to {dates[-1].day} "
            f"{dates[-1]:%B %Y}, each at least 56 days from all three 2016 ceasefires (so that no window overlaps "
            f"theirs), {falls} show a fall of at least {abs(feb_change):.0%}",
        ],
    )
