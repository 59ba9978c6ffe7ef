"""The built book's math and styles, as a reader meets them (issue 12: light pages that paint first).

Math is typeset at build time (book_ext/math_svg.py): every page's formulas are SVG drawing on the
page's own glyphs, with MathML for screen readers, and no page loads MathJax. Every page links one
stylesheet. On a phone's width nothing is wider than the screen, and axe finds no serious fault.
"""

from __future__ import annotations

import re

import pytest
from conftest import CHAPTERS, built
from test_browser import PAGES, axe_serious, draw_all, settle_colours

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [p for p in PAGES if p != "index.html"])  # index.html: a redirect
def test_every_formula_is_typeset_from_the_page_itself(path):
    html = built(path).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert not re.search(r"<script[^>]*(mathjax|tex-chtml)", html, re.I) and "window.MathJax" not in html
    stylesheets = re.findall(r'<link [^>]*rel="stylesheet"[^>]*>', head)
    assert len(stylesheets) == 1 and re.search(r'href="(\.\./)*_static/course-\w+\.css"', stylesheets[0]), stylesheets
    # no TeX left for a script to find
    text = re.sub(r"<(script|style|pre|code)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r'class="math[^"]*">\s*\\[(\[]', text), "untypeset math"
    uses = set(re.findall(r'<use [^>]*xlink:href="#(MJX-[^"]+)"', html))
    defined = set(re.findall(r'<path [^>]*id="(MJX-[^"]+)"', html))
    assert uses <= defined, f"glyphs used but not on the page: {sorted(uses - defined)[:5]}"
    assert html.count('id="MJX-SVG-global-cache"') == (1 if uses else 0)
    # prose typeset as math (a stray or unpaired $ in the source) reads as run-together italics
    prose = [
        re.sub(r"<[^>]+>", "", m)
        for m in re.findall(r"<math [^>]*>(.*?)</math>", html)
        if re.search(r"(?:<mi>[a-zA-Z]</mi>){8,}", m)
    ]
    assert prose == [], prose


@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", ["chapters/04_pressure.html"])
def test_a_screen_reader_meets_each_formula_once_as_math(visit, path, setup):
    page, outside, errors = visit.page, visit.outside, visit.errors
    counts = page.evaluate("""() => ({
        formulas: document.querySelectorAll('mjx-container').length,
        math: document.querySelectorAll('mjx-container > mjx-assistive-mml > math').length,
        hidden_svg: document.querySelectorAll('mjx-container > svg[aria-hidden="true"]').length,
        drawn: [...document.querySelectorAll('mjx-container > svg')].filter(s => {
            const b = s.getBoundingClientRect(); return b.width > 2 && b.height > 2; }).length,
    })""")
    assert counts["formulas"] > 40
    assert counts["math"] == counts["hidden_svg"] == counts["drawn"] == counts["formulas"], counts
    # chromium's accessibility tree exposes the MathML: the first inline formula is the range [p − c_A, p + c_B]
    first = page.locator("mjx-container").first
    assert first.get_by_role("math").count() == 1
    assert re.sub(r"\s+", "", first.locator("math").text_content()).startswith("[p−cA,")
    assert outside == [] and errors == []


@pytest.mark.parametrize("setup", ["light", "dark"])
@pytest.mark.parametrize("path", ["chapters/04_pressure.html"])
def test_formulas_are_drawn_in_the_text_colour(visit, path, setup):
    page = visit.page
    page.wait_for_function(f"() => document.documentElement.dataset.theme === '{setup}'")
    settle_colours(page)
    colours = page.evaluate("""() => {
        const p = document.querySelector('article p mjx-container').closest('p');
        const g = p.querySelector('mjx-container svg g[fill]');
        return [getComputedStyle(p).color, getComputedStyle(g).fill, getComputedStyle(document.body).backgroundColor];
    }""")
    text, fill, background = colours
    assert fill == text and fill != background, colours


@pytest.mark.parametrize("setup", ["phone"])
@pytest.mark.parametrize("path", ["notation.html", *[f"chapters/{nb.stem}.html" for nb in CHAPTERS]])
def test_on_a_phone_nothing_is_wider_than_the_screen_and_axe_finds_no_serious_fault(visit, path, setup):
    page, outside, errors = visit.page, visit.outside, visit.errors
    draw_all(page)
    # a formula or figure past the screen's edge is cut off, unless a scrolling box (a wide table) holds it
    wide = page.evaluate("""() => [...document.querySelectorAll('article mjx-container, article .course-figure')]
        .filter(e => {
            for (let a = e.parentElement; a && a.tagName !== 'ARTICLE'; a = a.parentElement)
                if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return false;
            return e.getBoundingClientRect().right > innerWidth + 1; })
        .map(e => (e.querySelector('math') || e).textContent.slice(0, 60))""")
    assert wide == [], wide
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert axe_serious(page) == []
    assert outside == [] and errors == []
