"""Every model has a picture: the model diagrams are inline SVG in the chapters' markdown cells.

Issue 20 asks for one diagram per model, at least for chapters 2, 5, 8 and 10, each with alt
text, readable in light and dark mode and on a phone. Each diagram is an ``<svg role="img">``
inside a ``<figure>`` with a visible ``<figcaption>``. This test checks, without a browser:

- its accessible name: ``aria-labelledby`` names a non-empty ``<title>`` and a ``<desc>`` that says
  the diagram in words;
- both colour modes: every stroke and text is drawn in ``currentColor`` (the page's text colour in
  either theme), and the only other colours are the course palette's (``widgets.style.PALETTE``),
  as accents; no black, white or grey is hard-coded;
- a phone: it scales with the column (``viewBox``, ``width="100%"``, a ``max-width``); its
  ``viewBox`` is no wider than a phone's column (358 px at a 390 px screen), so it is never drawn
  smaller than its own units there, and no text is set below 12 units;
- its weight (under 6 KB) and its place: in the model section, after the worked case and before
  the model's first display equation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import nbformat
import pytest
from conftest import ROOT

from widgets.style import PALETTE

CHAPTERS = ROOT / "chapters"
MODEL_CHAPTERS = ("02_bargaining", "05_spoilers", "08_warlords", "10_ceasefire_lab")
MAX_BYTES = 6_000
PHONE_COLUMN = 358  # px: the text column of the book at a 390 px wide screen
MIN_FONT = 12
ALLOWED_COLOURS = {"none", "currentcolor", *(c.lower() for c in PALETTE.values())} - {PALETTE["grey"].lower()}

SVG = re.compile(r'<svg\b[^>]*\brole="img".*?</svg>', re.S)
FIGURE = re.compile(r"<figure\b.*?</figure>", re.S)


def markdown(stem: str) -> str:
    nb = nbformat.read(CHAPTERS / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def all_diagrams() -> list[tuple[str, str]]:
    return [(path.stem, svg) for path in sorted(CHAPTERS.glob("*.ipynb")) for svg in SVG.findall(markdown(path.stem))]


def test_at_least_four_model_diagrams_one_in_each_model_chapter():
    found = all_diagrams()
    assert len(found) >= 4, f"only {len(found)} diagrams"
    assert set(MODEL_CHAPTERS) <= {stem for stem, _ in found}


@pytest.mark.parametrize("stem", MODEL_CHAPTERS)
def test_diagram_is_accessible_scales_and_reads_in_both_modes(stem):
    text = markdown(stem)
    figures = [f for f in FIGURE.findall(text) if SVG.search(f)]
    assert len(figures) == 1, f"{stem}: expected one diagram in a <figure>"
    figure = figures[0]
    svg_text = SVG.search(figure).group(0)
    assert len(svg_text.encode("utf-8")) < MAX_BYTES, f"{stem}: diagram of {len(svg_text.encode())} bytes"
    # a raw HTML block in markdown ends at the first blank line: the figure must have none
    assert "\n\n" not in figure and not re.search(r"\n[ \t]*\n", figure)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S)
    assert caption and len(re.sub(r"<[^>]+>", "", caption.group(1)).strip()) > 40, f"{stem}: no visible caption"

    root = ET.fromstring(svg_text)
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    assert ids, f"{stem}: no aria-labelledby"
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    tags = {by_id[i].tag for i in ids if i in by_id}
    assert tags == {"title", "desc"}, f"{stem}: aria-labelledby must name its <title> and <desc>"
    for i in ids:
        words = (by_id[i].text or "").strip()
        assert words, f"{stem}: empty <{by_id[i].tag}>"
        if by_id[i].tag == "desc":
            assert len(words) > 200, f"{stem}: the <desc> should say the diagram in words"

    # responsive, and never below its own size on a phone
    vb = [float(v) for v in root.get("viewBox", "").split()]
    assert len(vb) == 4 and 0 < vb[2] <= PHONE_COLUMN, f"{stem}: viewBox {vb}"
    assert root.get("width") == "100%" and "max-width" in (root.get("style") or "")
    assert root.get("height") is None or root.get("height") == "auto"
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert sizes and min(sizes) >= MIN_FONT, f"{stem}: text below {MIN_FONT} units"

    # light and dark: currentColor for ink, palette accents only
    assert root.get("fill") == "currentColor", f"{stem}: text must be drawn in currentColor"
    for el in root.iter():
        for attr in ("fill", "stroke", "color", "stop-color"):
            value = el.get(attr)
            if value is not None:
                assert value.lower() in ALLOWED_COLOURS, f"{stem}: {attr}={value!r} on <{el.tag}>"
        style = el.get("style") or ""
        assert not re.search(r"(?:^|;)\s*(?:fill|stroke|color)\s*:", style), f"{stem}: colour in a style"
        if el.tag in ("text", "tspan"):
            assert el.get("fill") in (None, "currentColor"), f"{stem}: text in a fixed colour"


@pytest.mark.parametrize("stem", MODEL_CHAPTERS)
def test_worked_case_and_diagram_come_before_the_equations(stem):
    text = markdown(stem)
    model = text.index("## The model")
    worked = text.index("### A worked case first", model)
    diagram = SVG.search(text).start()
    equation = text.index("$$", diagram)
    assert model < worked < diagram < equation
    assert "$$" not in text[model:diagram], f"{stem}: a display equation comes before the worked case"
