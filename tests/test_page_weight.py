"""A chapter's first visit stays light, and nothing heavy blocks its text (issue 12)."""

from __future__ import annotations

import pytest
from conftest import CHAPTERS

from benchmarks.page_weight import BUDGET_GZIP_KB, BUDGET_RAW_KB, first_visit

pytestmark = pytest.mark.browser
BLOCKING_LIMIT = 50 * 1024  # a classic <head> script (no defer/async) heavier than this holds up the text


@pytest.mark.parametrize("nb", CHAPTERS, ids=[nb.stem for nb in CHAPTERS])
def test_first_visit_is_within_budget_and_nothing_heavy_blocks(browser, book_url, nb):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # the browser resolves no host but this one (conftest.browser): outside requests are noted, not routed
        visit = first_visit(context.new_page(), f"{book_url}/chapters/{nb.stem}.html", blocked=True)
    finally:
        context.close()
    assert not visit["outside"], f"requests outside the site: {visit['outside']}"
    names = {url.rsplit("/", 1)[-1].split("?")[0] for url, _, _ in visit["resources"]}
    assert f"{nb.stem}.html" in names and "plotly.min.js" in names  # the weighing saw the page and its figures
    assert visit["gzip"] <= BUDGET_GZIP_KB * 1024, f"{visit['gzip'] / 1024:,.0f} KB gzip"
    assert visit["raw"] <= BUDGET_RAW_KB * 1024, f"{visit['raw'] / 1024:,.0f} KB raw"
    heavy = [(src, size) for src, size in visit["blocking_head_scripts"] if size > BLOCKING_LIMIT]
    assert not heavy, f"render-blocking scripts in <head>: {heavy}"


@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", ["chapters/02_bargaining.html"])
def test_theme_icons_still_show(visit, path, setup):
    # the theme's fontawesome.js is gone: its icons (navbar, colour-mode switch, search) are glyphs
    page, outside, errors = visit.page, visit.outside, visit.errors
    page.evaluate("document.fonts.ready")
    assert "fontawesome.js" not in page.content()
    for selector in (
        ".theme-switch-button .theme-switch[data-mode=auto]",
        ".search-button-field .fa-magnifying-glass",
        ".article-header-buttons .fa-download",
        ".sidebar-toggle.primary-toggle .fa-bars",
    ):
        icon = page.locator(f"{selector} >> visible=true").first
        box = icon.bounding_box()
        assert box and box["width"] > 5 and box["height"] > 0, selector  # fa-lg has line-height .05em
        glyph = page.evaluate(
            """el => { const s = getComputedStyle(el, '::before');
            return [s.content, s.fontFamily, document.fonts.check('900 16px "Font Awesome 6 Free"', s.content.replace(/"/g, ''))] }""",
            icon.element_handle(),
        )
        assert glyph[0] not in ("none", "normal", '""') and "Font Awesome" in glyph[1] and glyph[2], (selector, glyph)
    assert not outside and not errors


def test_figure_data_is_fetched_with_the_figure_not_with_the_text():
    """Each figure's data (its precomputed states) lives in _static/figures/ID.js, not in the page:
    the chapter's own HTML stays small, so its text arrives and paints first on a slow connection."""
    import gzip
    import re

    from conftest import BUILD
    from test_browser_controls import figure_data

    for nb in CHAPTERS:
        page = (BUILD / "chapters" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert 'class="course-figure-json">{' not in page, f"{nb.stem}: figure data inline"
        ids = re.findall(r'class="course-figure-json" data-figure="(\w+)"', page)
        assert ids or "course-figure" not in page
        for figure_id in ids:
            assert figure_data(figure_id)["data"], f"{nb.stem}: figure {figure_id} has no traces"
        assert len(gzip.compress(page.encode(), 6)) < 150 * 1024, f"{nb.stem}: page HTML over 150 KB gzip"


@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", ["chapters/10_ceasefire_lab.html"])
def test_a_figure_far_below_the_fold_loads_its_data_only_when_near(visit, path, setup):
    page, outside, errors = visit.page, visit.outside, visit.errors
    page.wait_for_function("() => window.courseFigures !== undefined")
    page.wait_for_timeout(300)
    far = page.evaluate("""() => [...document.querySelectorAll('.course-figure')]
        .filter(b => b.getBoundingClientRect().top > innerHeight + 400)
        .map(b => b.querySelector('script.course-figure-json').dataset.figure)""")
    assert far, "chapter 10 has figures below the fold"
    loaded = page.evaluate("(ids) => ids.filter(id => self.courseFigureData && self.courseFigureData[id])", far)
    assert loaded == [], "figure data far below the fold was fetched before it was needed"
    page.evaluate("() => window.courseFigures.drawAll()")
    page.wait_for_function("(ids) => ids.every(id => self.courseFigureData && self.courseFigureData[id])", arg=far)
    assert outside == [] and errors == []
