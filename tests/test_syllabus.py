"""The syllabus (instructor/syllabus.md) agrees with the chapters and with its own arithmetic.

- The workload: each chapter's estimated time is read from its notebook's "Before you start" box,
  and the per-chapter table and the stated total must match; the workload table adds up.
- Every session plan (six sessions, and the four-session variant) is a table of minute ranges that
  starts at 0, leaves no gap and no overlap, and ends at 90.
- The grading weights add up to 100%, and every reading cited exists in references.bib, the
  readings the course is built on among them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "instructor" / "syllabus.md"
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
SESSION_LENGTH = 90

#: "**Estimated time:** about 45 minutes", "**Estimated time.** About 50 minutes",
#: "Estimated time: about 75 minutes": the three ways the chapters write it
ESTIMATE = re.compile(r"Estimated time[.:]?\**[.:]?\s*[Aa]bout (\d+) minutes")
RANGE_ROW = re.compile(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|", re.M)


def page() -> str:
    assert PAGE.exists(), "instructor/syllabus.md is missing"
    return PAGE.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a level-2 heading that starts with ``heading``, up to the next one."""
    m = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert m, f"the syllabus has no section '## {heading}…'"
    return m.group(1)


def estimated_minutes(path: Path) -> int:
    """The chapter's own estimated time, from the markdown of its notebook (exactly one statement)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    found = ESTIMATE.findall(text)
    assert len(found) == 1, f"{path.name}: expected one 'Estimated time … about N minutes', found {found}"
    return int(found[0])


def chapter_minutes() -> dict[int, int]:
    return {int(p.name[:2]): estimated_minutes(p) for p in CHAPTERS}


def sessions(text: str) -> dict[str, list[tuple[int, int]]]:
    """{session heading: [(start, end), ...]} for every '### Session' table in ``text``."""
    parts = re.split(r"^### (Session .*)$", text, flags=re.M)
    return {
        parts[i].strip(): [(int(a), int(b)) for a, b in RANGE_ROW.findall(parts[i + 1])]
        for i in range(1, len(parts), 2)
    }


def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))


def number(text: str) -> int:
    return int(text.replace(",", ""))


# ---------------------------------------------------------------- workload
def test_every_chapter_states_an_estimated_time():
    minutes = chapter_minutes()
    assert sorted(minutes) == list(range(1, 13)), f"chapters found: {sorted(minutes)}"
    assert all(15 <= m <= 180 for m in minutes.values()), minutes


def test_the_chapter_table_matches_the_notebooks():
    minutes = chapter_minutes()
    table = dict(
        (int(n), int(m))
        for n, m in re.findall(r"^\|\s*(\d+) [^|]+\|\s*(\d+)\s*\|\s*$", section(page(), "Workload"), re.M)
    )
    assert table == minutes, f"syllabus table {table} != notebooks {minutes}"


def test_the_stated_total_is_the_sum_of_the_chapters_estimates():
    total = sum(chapter_minutes().values())
    text = section(page(), "Workload")
    stated = re.findall(r"chapters add up to \*\*([\d,]+) minutes\*\* \((\d+) hours (\d+) minutes\)", text)
    assert stated, "the syllabus must state the chapters' total as 'add up to **N minutes** (H hours M minutes)'"
    minutes, hours, rest = stated[0]
    assert number(minutes) == total, f"the syllabus states {minutes} minutes; the notebooks add up to {total}"
    assert (int(hours), int(rest)) == divmod(total, 60)


def test_the_workload_table_adds_up():
    text = section(page(), "Workload")
    rows = dict(
        (name.strip(), number(m))
        for name, m in re.findall(r"^\| ([^|]+?) \|\s*\**([\d,]+)\**\s*\|\s*$", text, re.M)
        if not name[0].isdigit()
    )
    chapters = rows["The chapters (their own estimates)"]
    sessions_row = next(v for k, v in rows.items() if k.startswith("Six sessions"))
    assessments_key = next(k for k in rows if k.startswith("The three assessments"))
    parts = [int(x) for x in re.findall(r"(\d+)(?=[,)])", assessments_key)]
    assert chapters == sum(chapter_minutes().values())
    assert sessions_row == 6 * SESSION_LENGTH
    assert len(parts) == 3 and rows[assessments_key] == sum(parts)
    assert rows["**Total**"] == chapters + sessions_row + rows[assessments_key]


# ---------------------------------------------------------------- sessions
def check_plan(plan: dict[str, list[tuple[int, int]]], expected: int) -> None:
    assert len(plan) == expected, f"expected {expected} sessions, found {list(plan)}"
    for name, ranges in plan.items():
        assert ranges, f"{name}: no minute ranges"
        assert ranges[0][0] == 0, f"{name}: starts at {ranges[0][0]}, not 0"
        for (a, b), (c, _) in zip(ranges, ranges[1:]):
            assert a < b, f"{name}: empty range {a}–{b}"
            assert b == c, f"{name}: {a}–{b} is followed by {c}–…"
        assert ranges[-1][1] == SESSION_LENGTH, f"{name}: ends at {ranges[-1][1]}, not {SESSION_LENGTH}"
        assert sum(b - a for a, b in ranges) == SESSION_LENGTH


def test_six_sessions_of_90_minutes():
    check_plan(sessions(section(page(), "Six sessions")), 6)


def test_the_four_session_variant_has_90_minutes_each():
    check_plan(sessions(section(page(), "Four sessions")), 4)


def test_the_six_sessions_cover_every_chapter_once_in_order():
    headings = list(sessions(section(page(), "Six sessions")))
    chapters = [int(n) for h in headings for n in re.findall(r"\d+", h.split("(", 1)[1])]
    assert chapters == list(range(1, 13)), headings


def test_the_check_can_fail():
    bad = "### Session 1: x\n\n| 0–5 | a |\n| 6–90 | b |\n"
    with pytest.raises(AssertionError):
        check_plan(sessions(bad), 1)


# ---------------------------------------------------------------- readings and grading
REQUIRED_READINGS = {
    "mee2015column",
    "fearon1995",
    "stedman1997",
    "kydd2002",
    "walter1997",
    "fortna2003",
    "sundberg2013ged",
    "bell2020pax",
}


def test_every_cited_key_exists_and_the_core_readings_are_cited():
    text = page()
    cited = {k.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text) for k in group.split(",")}
    missing = cited - bib_keys()
    assert not missing, f"cited but not in references.bib: {sorted(missing)}"
    assert REQUIRED_READINGS <= cited, f"not cited: {sorted(REQUIRED_READINGS - cited)}"


def test_every_session_has_primary_readings():
    for name, body in re.findall(
        r"^### (Session .*?)$(.*?)(?=^##)", section(page(), "Six sessions") + "\n##", re.M | re.S
    ):
        assert re.search(r"\*\*Primary readings:\*\*.*\{cite:", body, re.S), f"{name}: no primary readings"


def test_the_grading_weights_add_up_to_100():
    weights = re.findall(r"^\| ([^|]+) \|\s*(\d+)%\s*\|\s*$", section(page(), "Grading"), re.M)
    names = [n for n, _ in weights]
    assert len(weights) == 4, names
    assert sum(int(w) for _, w in weights) == 100
    assert sum(n.startswith("Assessment") for n in names) == 3 and names[-1].startswith("Participation")
