"""Every number glued into prose is defined: each `{glue}`-family role or directive in a chapter's
markdown names a key that the chapter's stored outputs define, and the intro and the instructor
guide use only keys that some chapter defines.

myst-nb stores a glued value as a code-cell output whose metadata carries
``{"scrapbook": {"name": key, "mime_prefix": ...}}``; the keys are read with myst-nb's own
extractor, so this test follows the format of the installed myst-nb.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest
from myst_nb import glue as myst_glue
from myst_nb.ext.glue import extract_glue_data_cell

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
PAGES = [ROOT / "intro.md", *sorted((ROOT / "instructor").glob("*.md"))]

# {glue}`key`, {glue:}`key`, {glue:any}`key`, {glue:text}`key:.2f`, {glue:md}`key:myst`, ...
ROLE = re.compile(r"\{glue(?::[a-z]*)?\}`([^`]+)`")
# ```{glue} key, ```{glue:} key, ```{glue:figure} key, :::{glue:md} key, ... (backtick or colon fences)
DIRECTIVE = re.compile(r"^[ \t]*(?:`{3,}|:{3,})\{glue(?::[a-z]*)?\}[ \t]+(\S+)", re.MULTILINE)


def glue_references(markdown: str) -> set[str]:
    """The glue keys a page's markdown uses (a role's format spec after ':' is dropped; a
    cross-document prefix 'path::key' is kept)."""
    keys = set()
    for ref in ROLE.findall(markdown):
        doc, sep, key = ref.rpartition("::")
        keys.add(doc + sep + key.split(":", 1)[0].strip())
    keys.update(DIRECTIVE.findall(markdown))
    return keys


def defined_keys(nb) -> set[str]:
    """The glue keys a notebook's stored outputs define, as myst-nb extracts them."""
    keys = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            keys.update(key for key, _ in extract_glue_data_cell(copy.deepcopy(cell)))
    return keys


def markdown_of(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def undefined_in_chapter(nb) -> set[str]:
    """Keys a chapter uses but does not define (keys prefixed with another document are
    checked against that document by ``undefined_in_page``)."""
    return {k for k in glue_references(markdown_of(nb)) if "::" not in k} - defined_keys(nb)


def undefined_in_page(markdown: str, by_chapter: dict[str, set[str]]) -> set[str]:
    """Keys a non-chapter page uses that no chapter defines (or, for 'chapters/NN_x::key',
    that the named chapter does not define)."""
    every = set().union(*by_chapter.values()) if by_chapter else set()
    missing = set()
    for ref in glue_references(markdown):
        doc, sep, key = ref.rpartition("::")
        if sep:
            stem = Path(doc).stem
            if key not in by_chapter.get(stem, set()):
                missing.add(ref)
        elif key not in every:
            missing.add(ref)
    return missing


def read(path: Path):
    return nbformat.read(path, as_version=4)


# ---------------------------------------------------------------- the book
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_glued_key_in_a_chapter_is_defined_by_its_outputs(path):
    assert not undefined_in_chapter(read(path)), f"{path.name}: glue keys used but never glued"


def test_intro_and_instructor_guide_use_only_keys_a_chapter_defines():
    by_chapter = {p.stem: defined_keys(read(p)) for p in CHAPTERS}
    for page in PAGES:
        missing = undefined_in_page(page.read_text(encoding="utf-8"), by_chapter)
        assert not missing, f"{page.relative_to(ROOT)}: no chapter glues {sorted(missing)}"


def test_no_chapter_glues_one_key_twice():
    for path in CHAPTERS:
        names = [
            key
            for cell in read(path).cells
            if cell.cell_type == "code"
            for key, _ in extract_glue_data_cell(copy.deepcopy(cell))
        ]
        assert len(names) == len(set(names)), f"{path.name}: duplicate glue keys"


# ---------------------------------------------------------------- the checker itself
def glued_output(name: str, value) -> dict:
    """The output that ``myst_nb.glue(name, value)`` displays, captured without a kernel."""
    captured = []
    from IPython.core import display_functions

    original = display_functions.publish_display_data
    display_functions.publish_display_data = lambda data, metadata=None, **kw: captured.append((data, metadata))
    try:
        myst_glue(name, value)
    finally:
        display_functions.publish_display_data = original
    data, metadata = captured[0]
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def synthetic(markdown: str, glued: dict[str, object]):
    code = nbformat.v4.new_code_cell("from myst_nb import glue")
    code.outputs = [glued_output(k, v) for k, v in glued.items()]
    return nbformat.v4.new_notebook(cells=[code, nbformat.v4.new_markdown_cell(markdown)])


def test_the_capture_matches_myst_nb_format():
    out = glued_output("median_days", 64)
    assert out["metadata"]["scrapbook"]["name"] == "median_days"
    assert out["data"]["text/plain"] == "64"


def test_roles_and_directives_are_all_found():
    md = (
        "A {glue}`a` b {glue:}`b` c {glue:any}`c` d {glue:text}`d:.1%` e {glue:md}`e:myst`\n"
        "```{glue:figure} f\n:name: fig-f\n```\n"
        ":::{glue:math} g\n:label: eq-g\n:::\n"
        "```{glue} h\n```\n"
        "and {glue:text}`chapters/05_spoilers::i:.0f`\n"
    )
    assert glue_references(md) == {"a", "b", "c", "d", "e", "f", "g", "h", "chapters/05_spoilers::i"}
    assert glue_references("no glue here, only {cite:p}`fearon1995` and ```{note}\n```") == set()


def test_a_defined_key_passes_and_an_undefined_key_fails():
    good = synthetic("The median is {glue:text}`median_days:.0f` days.", {"median_days": 64.0})
    assert defined_keys(good) == {"median_days"}
    assert undefined_in_chapter(good) == set()
    bad = synthetic(
        "The median is {glue:text}`median_dayz:.0f` days and\n```{glue:figure} fig_km\n```\n", {"median_days": 64.0}
    )
    assert undefined_in_chapter(bad) == {"median_dayz", "fig_km"}


def test_a_page_outside_the_chapters_fails_on_a_key_no_chapter_defines():
    by_chapter = {"05_spoilers": {"median_days"}, "10_ceasefire_lab": {"max_share"}}
    assert undefined_in_page("{glue:text}`median_days` and {glue}`max_share`", by_chapter) == set()
    assert undefined_in_page("{glue:text}`typed_by_hand`", by_chapter) == {"typed_by_hand"}
    assert undefined_in_page("{glue:text}`chapters/10_ceasefire_lab::median_days`", by_chapter) == {
        "chapters/10_ceasefire_lab::median_days"
    }
