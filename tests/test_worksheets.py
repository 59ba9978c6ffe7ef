"""The chapters' printable worksheets (book_ext/worksheets.py): their questions, and the PDFs the build prints.

The first tests need no build: the questions read from a hand-made notebook, the page written from
them, the link on a chapter page. Those marked ``browser`` read the built book (``make book``, or the
build stage of ``make test``): for every chapter, its PDF exists, is A4 on every page, holds every
question of the chapter as text and no answer or solution; its page fits the printable width in
chromium; and the print refuses a page that asks for anything outside the site or runs past the paper.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from conftest import BUILD, CHAPTERS, load_notebook
from test_feedback import blocks, pairs

from book_ext import worksheets as ws

ids = [nb.stem for nb in CHAPTERS]
A4_PT = (595.28, 841.89)
MM_PT = 72 / 25.4


def md_cell(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def figure_cell(title: str, tags=()) -> dict:
    fig = {"data": [{"type": "scatter", "y": [1, 2]}], "layout": {"title": {"text": title}, "meta": {"alt": title}}}
    return {
        "cell_type": "code",
        "metadata": {"tags": list(tags)},
        "source": "",
        "outputs": [{"output_type": "display_data", "data": {"application/vnd.plotly.v1+json": fig}, "metadata": {}}],
    }


def glue_cell(name: str, value: str) -> dict:
    prefix = "application/papermill.record/"
    output = {
        "output_type": "display_data",
        "data": {prefix + "text/plain": value},
        "metadata": {"scrapbook": {"name": name, "mime_prefix": prefix}},
    }
    return {"cell_type": "code", "metadata": {}, "source": "", "outputs": [output]}


NOTEBOOK = {
    "cells": [
        md_cell("# A hand-made chapter\n\n## Try this: the first lever\n\nSome text."),
        glue_cell("width", "0.30000000000000004"),
        md_cell(
            ":::{admonition} Guiding questions\n:class: tip margin\n"
            "1. Move **The lever** from 0 to 1. Does the line\n   move, or *only* shift?\n"
            "2) With $p = 0.6$ and $\\lambda$ small, the width is {glue:text}`width:.2f`: why?\n:::\n"
        ),
        figure_cell("The first figure"),
        md_cell(
            ":::{dropdown} What you should see\n1. SECRET-ANSWER-ONE it moves.\n2. SECRET-ANSWER-TWO because.\n:::\n"
        ),
        md_cell(
            "## Exercises\n\n:::{exercise}\n:label: ex-x\nDo it.\n:::\n\n:::{solution} ex-x\nSECRET-SOLUTION\n:::\n"
        ),
        figure_cell("The tagged figure", tags=[ws.FIGURE_TAG]),
        md_cell(
            "## Check yourself\n\n```{admonition} Check yourself\n:class: note\n"
            "- Can you state the rule,\n  in one line?\n- Can you read $c_A$ off the figure?\n```\n\n"
            ":::{dropdown} Check yourself: answers\n- SECRET-CHECK-ONE\n- SECRET-CHECK-TWO\n:::\n"
        ),
    ]
}
EXPECTED = [
    ("Try this: the first lever", "guiding", ["Move The lever from 0 to 1. Does the line move, or only shift?",
                                              "With p = 0.6 and λ small, the width is 0.30: why?"]),
    ("Check yourself", "check", ["Can you state the rule, in one line?", "Can you read cA off the figure?"]),
]  # fmt: skip


def sheet_of(nb: dict, tmp_path: Path) -> ws.Worksheet:
    path = tmp_path / "07_hand_made.ipynb"
    path.write_text(json.dumps(nb))
    return ws.read_worksheet(path)


def test_questions_read_from_a_hand_made_notebook(tmp_path):
    sheet = sheet_of(NOTEBOOK, tmp_path)
    assert sheet.title == "A hand-made chapter"
    found = [(s.title, s.kind, [ws.plain_text(q, sheet.glue) for q in s.questions]) for s in sheet.sections]
    assert found == EXPECTED
    assert sheet.figure["layout"]["title"]["text"] == "The tagged figure"  # the tag wins over the first figure
    untagged = json.loads(json.dumps(NOTEBOOK).replace(ws.FIGURE_TAG, "other-tag"))
    assert ws.key_figure(untagged)["layout"]["title"]["text"] == "The first figure"


def test_the_page_asks_every_question_and_answers_none(tmp_path):
    sheet = sheet_of(NOTEBOOK, tmp_path)
    page = ws.worksheet_html(sheet, ws.figure_block(sheet.figure, "abc"), "../_static", "The book")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    for _, _, questions in EXPECTED:
        assert all(q in text for q in questions), (questions, text)
    assert "SECRET" not in page and "What you should see" not in page
    assert "<strong>The lever</strong>" in page and "<em>only</em>" in page
    assert 'data-figure="abc"' in page and "The tagged figure" in page  # the key figure and its caption
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page)  # only the site's own files


def test_math_the_worksheet_cannot_print_as_text_fails_loudly():
    assert ws.plain_text("$\\Delta p \\le c_{A}$") == "Δ p ≤ cA"
    with pytest.raises(ValueError, match="frac"):
        ws.inline_html("$\\frac{1}{2}$")


def test_without_chromium_the_build_says_how_to_install_it(monkeypatch, tmp_path):
    import book_ext.chromium

    monkeypatch.setattr(book_ext.chromium, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(RuntimeError, match="make chromium"):
        ws.print_pdfs([(tmp_path / "page.html", "T")])


def test_the_chapter_page_links_to_its_worksheet_under_its_title():
    body = '<section id="x"><h1>Title<a class="headerlink" href="#x">#</a></h1><p>Text</p></section>'
    linked = ws.insert_link(body, "chapters/05_spoilers")
    assert linked.index("</h1>") < linked.index(ws.LINK_TEXT) < linked.index("<p>Text")
    assert f'<a href="../worksheets/05_spoilers.pdf" type="application/pdf">{ws.LINK_TEXT}</a>' in linked


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_each_chapter_gives_its_worksheet_every_question_the_feedback_test_counts(path):
    """Two parsers, one count: this module's and tests/test_feedback.py's."""
    sheet = ws.read_worksheet(path)
    found = blocks(
        "\n".join("".join(c["source"]) for c in load_notebook(path)["cells"] if c["cell_type"] == "markdown")
    )
    for kind in ("guiding", "check"):
        expected = sum(b.items() for b in pairs(found, kind)[0])
        assert sum(len(s.questions) for s in sheet.sections if s.kind == kind) == expected > 0, kind
    assert sheet.figure is not None


# --- The built book ----------------------------------------------------------------------------------------------


def normal(text: str) -> str:
    """Text compared without its spacing and ligatures: the PDF's line breaks fall anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def missing_questions(sheet: ws.Worksheet, pdf_text: str) -> list[str]:
    have = normal(pdf_text)
    asked = [ws.plain_text(q, sheet.glue) for s in sheet.sections for q in s.questions]
    return [q for q in asked + [sheet.title] if normal(q) not in have]


def answer_texts(markdown: str) -> list[str]:
    """The answers of a chapter: items of its answer dropdowns and lines of its solutions, as text
    (math left out: none of it can be on a worksheet), 25 characters and longer."""
    texts = []
    for block in ws.directive_blocks(markdown):
        if block.name == "dropdown" or block.name.startswith("solution"):
            texts += ws.list_items(block.lines) or [line for line in block.lines if line != ws.NESTED]
    plain = [re.sub(r"\{[\w:-]+\}`[^`]*`|\$[^$]*\$|[*`]", "", t).strip() for t in texts]
    return [t for t in plain if len(t) >= 25]


def leaked_answers(markdown: str, pdf_text: str) -> list[str]:
    have = normal(pdf_text)
    return [a for a in answer_texts(markdown) if normal(a[:60]) in have]


def test_the_pdf_checks_can_fail(tmp_path):
    sheet = sheet_of(NOTEBOOK, tmp_path)
    full = " ".join([sheet.title] + [q for _, _, qs in EXPECTED for q in qs])
    assert missing_questions(sheet, full) == []
    assert missing_questions(sheet, full.replace("Can you read cA off the figure?", "")) == [
        "Can you read cA off the figure?"
    ]
    markdown = ws.notebook_markdown(NOTEBOOK)
    assert leaked_answers(markdown, full) == []
    assert leaked_answers(markdown, full + "SECRET-ANSWER-TWO because.") == ["SECRET-ANSWER-TWO because."]


def pdf_of(path: Path):
    pdf = BUILD / ws.worksheet_path(f"chapters/{path.stem}")
    assert pdf.is_file(), f"{pdf} is missing: the build prints it (make book)"
    return pypdf.PdfReader(pdf)


def pdf_text(reader) -> tuple[str, list]:
    """The PDF's text, and where each run of it starts that lies outside the printable width."""
    left, right = ws.MARGIN_MM * MM_PT - 1, A4_PT[0] - ws.MARGIN_MM * MM_PT
    outside = []

    def visit(text, cm, tm, font, size):
        x = pypdf.mult(tm, cm)[4]
        if text.strip() and not left <= x < right:
            outside.append((round(x), text.strip()[:40]))

    return "\n".join(page.extract_text(visitor_text=visit) for page in reader.pages), outside


@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_the_worksheet_pdf_asks_every_question_on_a4_within_the_margins_and_answers_none(path):
    reader = pdf_of(path)
    text, outside = pdf_text(reader)
    sheet = ws.read_worksheet(path)
    assert missing_questions(sheet, text) == []
    assert leaked_answers(ws.notebook_markdown(load_notebook(path)), text) == []
    assert "What you should see" not in text and "Check yourself: answers" not in text
    for number, page in enumerate(reader.pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(a - b) < 1.0 for a, b in zip(size, A4_PT)), f"page {number} is {size} pt, not A4"
    assert 1 <= len(reader.pages) <= 8
    assert outside == [], "text that starts outside the printable width"


@pytest.mark.browser
def test_every_chapter_page_links_to_its_worksheet():
    for path in CHAPTERS:
        page = (BUILD / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        link = f'<a href="../worksheets/{path.stem}.pdf" type="application/pdf">{ws.LINK_TEXT}</a>'
        assert link in page, path.stem
        assert page.index("</h1>") < page.index(link)


@pytest.mark.browser
def test_every_worksheet_page_fits_the_paper_with_its_figure_drawn(browser):
    context = browser.new_context(viewport={"width": ws.PRINT_WIDTH_PX, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.emulate_media(media="print")
    try:
        for path in CHAPTERS:
            page.goto((BUILD / ws.worksheet_path(f"chapters/{path.stem}", ".html")).resolve().as_uri())
            assert page.evaluate("() => window.worksheet.ready()") == [], path.stem
            svg = page.evaluate(
                "() => [...document.querySelectorAll('.main-svg')].map(s => s.getBoundingClientRect().width)"
            )
            assert svg and 0 < max(svg) <= ws.PRINT_WIDTH_PX, (path.stem, svg)
            assert page.locator("figcaption").inner_text().strip(), path.stem
    finally:
        context.close()


def worksheet_page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "sheet.html"
    script = (Path(ws.__file__).parent / "static" / "worksheet.js").resolve().as_uri()
    page.write_text(
        f'<!DOCTYPE html><html><head><script src="{script}"></script></head><body><main>{body}</main></body></html>'
    )
    return page


@pytest.mark.browser
def test_printing_refuses_a_page_that_asks_outside_the_site(tmp_path):
    page = worksheet_page(tmp_path, '<p>Text</p><img alt="" src="http://example.org/pixel.png">')
    with pytest.raises(RuntimeError, match="outside the site.*example.org"):
        ws.print_pdfs([(page, "T")])


@pytest.mark.browser
def test_printing_refuses_a_page_wider_than_the_paper(tmp_path):
    page = worksheet_page(tmp_path, f'<div style="width:{ws.PRINT_WIDTH_PX + 40}px">Too wide</div>')
    with pytest.raises(RuntimeError, match="wider than the printable width"):
        ws.print_pdfs([(page, "T")])
    assert ws.print_pdfs([(worksheet_page(tmp_path, "<p>Fits</p>"), "T")])[0].stat().st_size > 0


@pytest.mark.browser
def test_a_figure_text_past_its_drawing_counts_as_too_wide(browser, tmp_path):
    svg = '<svg class="main-svg" width="200" height="50"><text x="150" y="20">a title that runs on</text></svg>'
    page = browser.new_page(viewport={"width": ws.PRINT_WIDTH_PX, "height": 900})
    try:
        page.goto(worksheet_page(tmp_path, svg).as_uri())
        assert page.evaluate("() => window.worksheet.tooWide()") == ['text "a title that runs on"']
        page.goto(worksheet_page(tmp_path, svg.replace('x="150"', 'x="0"')).as_uri())
        assert page.evaluate("() => window.worksheet.tooWide()") == []
    finally:
        page.close()


@pytest.mark.browser
def test_printing_stops_at_once_at_a_figure_whose_data_is_missing(tmp_path):
    sheet = sheet_of(NOTEBOOK, tmp_path)
    static = (BUILD / "_static").resolve().as_uri()
    page = tmp_path / "sheet.html"
    page.write_text(ws.worksheet_html(sheet, ws.figure_block(sheet.figure, "no-such-figure"), static, "The book"))
    with pytest.raises(RuntimeError, match="not drawn.*no-such-figure.js"):
        ws.print_pdfs([(page, "T")])
