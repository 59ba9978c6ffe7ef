"""Two editions from one source (book_ext/editions.py).

The student edition (``make book``, ``_build/html``) has neither the instructor guide nor the solution of an
assessed exercise in any file of its output (pages, ``_sources`` copies, search index, the archive's
members); the instructor edition (``make book-instructor``, ``_build/instructor/html``) has both. The
stripping helpers are tested on hand-made notebooks and pages; the tests marked ``built`` read the built
editions, in the browser stage of ``make test`` (after its build stage has built both).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from conftest import CHAPTERS, load_notebook

from book_ext.editions import (
    ASSESSED,
    edition_of,
    is_assessed,
    student_markdown,
    student_notebook,
    student_notebook_text,
)

ROOT = Path(__file__).resolve().parent.parent
STUDENT = ROOT / "_build" / "html"
INSTRUCTOR = ROOT / "_build" / "instructor" / "html"
GUIDE_PAGES = sorted((ROOT / "instructor").glob("*.md"))
# the exercises whose solutions only the instructor edition has, one per assessment (instructor/assessments.md)
ASSESSED_EXERCISES = {
    "01_the_column": "ex-column-stated",  # assessment 3, an argument map of another op-ed
    "10_ceasefire_lab": "ex-lab-design",  # assessment 1, the ceasefire-design memo
    "11_the_record": "ex-record-whom",  # assessment 2, test one claim
}
# the instructor pages' addresses, as a link, a docname in the search index or a path in an archive has them
GUIDE_ADDRESS = re.compile(r"instructor/(?:index|syllabus|assessment|\d\d_)")


def cell(kind="markdown", source="text", tags=None, **extra) -> dict:
    metadata = {"tags": tags} if tags is not None else {}
    out = {"cell_type": kind, "id": f"c{abs(hash((kind, source))) % 10**8}", "metadata": metadata, "source": source}
    if kind == "code":
        out.update(execution_count=1, outputs=[])
    return out | extra


def notebook(*cells) -> dict:
    return {"cells": list(cells), "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


# --- the helpers, on hand-made notebooks and pages ---------------------------------------------------


def test_student_notebook_drops_the_assessed_cells_and_nothing_else():
    nb = notebook(
        cell(source="```{exercise}\n:label: ex\nQuestion\n```"),
        cell(source="```{solution} ex\nThe secret answer\n```", tags=[ASSESSED]),
        cell(source="```{solution} other\nA practice answer\n```", tags=["hide-input"]),
        cell("code", "print(1)", tags=["hide-input", ASSESSED]),
        cell(source="no metadata tags at all"),
    )
    del nb["cells"][4]["metadata"]
    before = json.dumps(nb, sort_keys=True)
    out = student_notebook(nb)
    assert [c["source"] for c in out["cells"]] == [
        "```{exercise}\n:label: ex\nQuestion\n```",
        "```{solution} other\nA practice answer\n```",
        "no metadata tags at all",
    ]
    assert out["metadata"] == nb["metadata"] and out["nbformat"] == 4
    assert json.dumps(nb, sort_keys=True) == before, "the input notebook must not be changed"
    assert not any(is_assessed(c) for c in out["cells"])


def test_student_notebook_text_keeps_a_notebook_without_assessed_cells_byte_for_byte():
    plain = json.dumps(notebook(cell(source="a"), cell("code", "1")), indent=2) + "\n"  # not nbformat's layout
    assert student_notebook_text(plain) is plain
    tagged = json.dumps(notebook(cell(source="kept"), cell(source="The secret answer", tags=[ASSESSED])), indent=1)
    out = student_notebook_text(tagged)
    assert "The secret answer" not in out and "kept" in out
    assert json.loads(out)["nbformat_minor"] == 5


def test_student_markdown_drops_only_instructor_blocks():
    page = (
        "Intro.\n\n"
        "````{only} instructor\n- The [guide](instructor/index.md).\n```{note}\nnested\n```\n````\n\n"
        ":::{only} instructor\nColon fenced [syllabus](instructor/syllabus.md).\n:::\n"
        "```{only} not instructor\nThe guide is in the instructor edition.\n```\n"
        "```{only} html\nFor the web.\n```\n"
        "End.\n"
    )
    out = student_markdown(page)
    assert "instructor/index.md" not in out and "instructor/syllabus.md" not in out and "nested" not in out
    for kept in ("Intro.", "The guide is in the instructor edition.", "For the web.", "End."):
        assert kept in out
    assert student_markdown("No blocks here.\n") == "No blocks here.\n"


def test_the_edition_follows_the_toc():
    assert edition_of(["intro", "chapters/01_the_column", "instructor/index"]) == "instructor"
    assert edition_of(["intro", "chapters/01_the_column"]) == "student"
    assert edition_of([]) == "student"


def toc_files(toc: dict) -> list[str]:
    found = []

    def walk(entries):
        for entry in entries:
            found.append(entry.get("file") or entry.get("glob"))
            walk(entry.get("sections", []))

    for part in toc["parts"]:
        walk(part["chapters"])
    return found


def test_the_instructor_toc_is_the_student_toc_and_the_guide():
    student = yaml.safe_load((ROOT / "_toc.yml").read_text())
    instructor = yaml.safe_load((ROOT / "_toc_instructor.yml").read_text())
    assert not any(f.startswith("instructor/") for f in toc_files(student)), "_toc.yml is the student edition's"
    guide = [f for f in toc_files(instructor) if f.startswith("instructor/")]
    assert [f for f in toc_files(instructor) if f not in guide] == toc_files(student), (
        "_toc_instructor.yml must list the same pages as _toc.yml, in the same order, plus the instructor guide"
    )
    assert guide[0] == "instructor/index"
    named = {f for f in guide if "*" not in f} | {
        p.relative_to(ROOT).with_suffix("").as_posix() for g in guide if "*" in g for p in ROOT.glob(g + ".md")
    }
    assert named == {p.relative_to(ROOT).with_suffix("").as_posix() for p in GUIDE_PAGES}


def text_of(c: dict) -> str:
    return "".join(c["source"])


def test_each_assessed_exercise_says_so_and_only_its_solution_is_tagged():
    found = {}
    for path in CHAPTERS:
        cells = load_notebook(path)["cells"]
        for i, c in enumerate(cells):
            if not is_assessed(c):
                continue
            if c["cell_type"] == "code":  # the check of an assessed solution's numbers
                _assert_only_assessed_cells_read_its_glue(path.stem, cells, c)
                continue
            text = text_of(c).strip()
            match = re.fullmatch(r"```\{solution\} ([\w-]+)\n.*\n```", text, re.DOTALL)
            assert c["cell_type"] == "markdown" and match, (
                f"{path.stem}: an assessed Markdown cell must be one solution directive and nothing else (so the "
                f"student edition loses the solution, not the exercise): {text[:80]!r}"
            )
            label = match.group(1)
            assert "```{solution}" not in text[3:], f"{path.stem}: one solution per assessed cell"
            exercise = text_of(cells[i - 1])
            assert f":label: {label}\n" in exercise, f"{path.stem}: the exercise {label} must come just before"
            said = exercise[exercise.index(f":label: {label}") :]
            assert "*Assessed.*" in said and "with your instructor" in said, (
                f"{path.stem}: exercise {label} must say that it is assessed and its solution is with the instructor"
            )
            found[path.stem] = label
    assert found == ASSESSED_EXERCISES


def _assert_only_assessed_cells_read_its_glue(stem: str, cells: list, code: dict) -> None:
    """A code cell tagged assessed is hidden and computes numbers that only assessed solutions read (the
    student edition drops it: a page that read its glue would not build)."""
    assert "hide-input" in code["metadata"].get("tags", []), f"{stem}: an assessed code cell is hidden"
    keys = set(re.findall(r"""glue\(\s*f?["']([\w{}]+)["']""", text_of(code)))
    assert keys, f"{stem}: an assessed code cell glues the numbers of a solution"
    for other in cells:
        if other is code or is_assessed(other):
            continue
        read = {k for k in keys if re.search(rf"\b{re.escape(k)}\b", text_of(other))}
        assert not read, f"{stem}: a cell the student edition keeps reads the assessed glue {sorted(read)}"


# --- looking for text in every file of a built site, zip members included --------------------------------


def words_runs(text: str, words: int = 7) -> list[str]:
    """Runs of at least ``words`` plain words (letters and spaces, within one line): text that every
    output format (HTML with smart quotes, a notebook's JSON, Markdown) keeps verbatim."""
    runs = []
    for line in text.splitlines():
        if line.lstrip().startswith(("|", ":", "```", "#", "<")):
            continue
        for run in re.findall(r"[A-Za-z][A-Za-z ]+[A-Za-z]", line):
            if len(run.split()) >= words:
                runs.append(" ".join(run.split()))
    return runs


def public_text() -> str:
    """Everything the student edition is built from or packs into its archive."""
    parts = [p.read_text() for p in sorted(ROOT.glob("*.md")) if p.name != "README.md"]
    parts += [p.read_text() for p in sorted((ROOT / "widgets").glob("*.py"))]
    parts += [(ROOT / "data" / "README.md").read_text(), (ROOT / "references.bib").read_text()]
    for path in CHAPTERS:
        parts += [text_of(c) for c in load_notebook(path)["cells"] if not is_assessed(c)]
    return "\n".join(parts)


def needles() -> dict[str, list[str]]:
    """Distinctive text of each instructor page and each assessed solution, found nowhere in the student
    edition's sources: up to three runs of words each."""
    public = public_text()
    found = {}
    sources = [(f"instructor/{p.name}", p.read_text()) for p in GUIDE_PAGES]
    for path in CHAPTERS:
        cells = [c for c in load_notebook(path)["cells"] if is_assessed(c)]
        sources += [(f"{path.stem}: assessed", text_of(c)) for c in cells if c["cell_type"] == "markdown"]
        for c in cells:
            if c["cell_type"] == "code":  # its code's longer lines without quotes (JSON escapes quotes)
                lines = [line.strip() for line in text_of(c).splitlines()]
                found[f"{path.stem}: assessed check"] = [
                    line for line in lines if len(line) >= 40 and not re.search("[\"'#]", line) and line not in public
                ]
    for name, text in sources:
        runs = [r for r in dict.fromkeys(words_runs(text)) if r not in public and "Instructor edition only" not in r]
        found[name] = sorted(runs, key=len, reverse=True)[:3]  # the longest: the least likely to recur by chance
    return found


def test_every_instructor_page_and_assessed_solution_has_distinctive_text():
    found = needles()
    assert len([n for n in found if n.startswith("instructor/")]) == len(GUIDE_PAGES) >= 10
    assert len([n for n in found if n.endswith("assessed")]) == len(ASSESSED_EXERCISES)
    for name, runs in found.items():
        assert len(runs) >= (1 if name.endswith("check") else 2), f"{name}: too little distinctive text to look for"


def files_and_members(root: Path):
    """(name, bytes) of every file under ``root``, of every member of every zip among them, and the
    decompressed text of Sphinx's objects.inv and of any gzip file."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        name = path.relative_to(root).as_posix()
        yield name, data
        if path.name == "objects.inv":  # four lines of header, then zlib
            yield f"{name}!inflated", zlib.decompress(data.split(b"\n", 4)[4])
        if data[:2] == b"\x1f\x8b":
            yield f"{name}!gunzipped", gzip.decompress(data)
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for member in zf.namelist():
                    yield f"{name}!{member}", zf.read(member)


def leaks(root: Path, looked_for: dict[str, list[str]]) -> list[str]:
    """Where any of the text of ``looked_for``, an instructor page's address or an instructor file turns up."""
    targets = [(name, run.encode()) for name, runs in looked_for.items() for run in runs]
    found = []
    for name, data in files_and_members(root):
        if re.search(r"(^|/|!)instructor/", name):
            found.append(f"{name}: an instructor file")
        text = data.decode("utf-8", errors="ignore")
        if GUIDE_ADDRESS.search(text):
            found.append(f"{name}: the address {GUIDE_ADDRESS.search(text).group(0)}")
        found += [f"{name}: text of {source}: {run.decode()!r}" for source, run in targets if run in data]
    return found


def test_the_search_finds_a_leak_in_a_page_a_source_copy_and_an_archive_member(tmp_path):
    looked_for = needles()
    secret = looked_for["10_ceasefire_lab: assessed"][0]
    guide = looked_for["instructor/syllabus.md"][0]
    (tmp_path / "_sources").mkdir()
    (tmp_path / "page.html").write_text("<p>nothing to see</p>")
    assert leaks(tmp_path, looked_for) == []
    (tmp_path / "_sources" / "ch.ipynb").write_text(json.dumps({"source": [secret + " and more\n"]}))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pack/notes.md", f"Text: {guide}.")
        zf.writestr("pack/instructor/x.txt", "")
    (tmp_path / "pack.zip").write_bytes(buffer.getvalue())
    (tmp_path / "intro.html").write_text('<a href="instructor/index.html">guide</a>')
    header = b"# Sphinx inventory version 2\n# Project: x\n# Version:\n# zlib compressed\n"
    (tmp_path / "objects.inv").write_bytes(header + zlib.compress(b"instructor/syllabus std:doc -1 x -\n"))
    (tmp_path / "old.js.gz").write_bytes(gzip.compress(secret.encode()))
    found = "\n".join(leaks(tmp_path, looked_for))
    assert "objects.inv!inflated: the address instructor/syllabus" in found
    assert f"old.js.gz!gunzipped: text of 10_ceasefire_lab: assessed: {secret!r}" in found
    assert f"_sources/ch.ipynb: text of 10_ceasefire_lab: assessed: {secret!r}" in found
    assert f"pack.zip!pack/notes.md: text of instructor/syllabus.md: {guide!r}" in found
    assert "pack.zip!pack/instructor/x.txt: an instructor file" in found
    assert "intro.html: the address instructor/index" in found


# --- the built editions (the browser stage of make test, after the build stage) -------------------------


def built(root: Path) -> Path:
    if not (root / "index.html").exists():
        pytest.fail(f"{root.relative_to(ROOT)} is missing: build both editions first (scripts/book.sh both)")
    return root


@pytest.mark.built
def test_the_student_edition_has_no_instructor_guide_and_no_assessed_solution_in_any_file():
    found = leaks(built(STUDENT), needles())
    assert not found, "the student edition leaks:\n" + "\n".join(found[:20])
    # and it still has the practice solutions of the same chapters
    page = (STUDENT / "chapters" / "10_ceasefire_lab.html").read_text()
    assert "There is no free design" not in page and "Stedman" in page and "solution" in page


@pytest.mark.built
def test_the_instructor_edition_has_the_guide_and_every_assessed_solution():
    root = built(INSTRUCTOR)
    for page in GUIDE_PAGES:
        assert (root / "instructor" / f"{page.stem}.html").exists(), f"instructor/{page.stem}.html is missing"
    everything = {name: data for name, data in files_and_members(root)}
    for source, runs in needles().items():
        for run in runs:
            where = [name for name, data in everything.items() if run.encode() in data]
            if source.startswith("instructor/"):
                assert f"instructor/{Path(source).stem}.html" in where, f"{run!r} of {source} is not on its page"
            else:
                chapter = source.split(":")[0]
                for expected in (
                    # an assessed check's code is on its page too, split by the syntax highlighter's tags
                    *([] if source.endswith("check") else [f"chapters/{chapter}.html"]),
                    f"_sources/chapters/{chapter}.ipynb",
                    f"ceasefire-notebooks.zip!ceasefire-notebooks/chapters/{chapter}.ipynb",
                ):
                    assert expected in where, f"{run!r} of {source} is missing from {expected}"
    assert b'href="instructor/index.html"' in everything["intro.html"]
