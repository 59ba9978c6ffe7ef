"""A real browser (Debian chromium, driven by playwright) on the built book served on 127.0.0.1.

Every page: no request leaves 127.0.0.1 and the console has no errors. Every chapter: every plotly
figure renders (figures are drawn as they come near the viewport: the tests draw them all) and its
title, legend and plot do not collide. The book's native controls are tested in
test_browser_controls.py. Each page is visited once per set-up (conftest.visit), and all its checks
run on that visit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BUILD, CHAPTERS, INSTRUCTOR_BUILD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
# every page of the book: the Markdown pages, the chapters, and Sphinx's index and search pages
PAGES = (
    ["index.html", "genindex.html", "search.html"]
    + [f"{md.relative_to(ROOT).with_suffix('.html')}" for md in sorted(ROOT.glob("*.md")) if md.name != "README.md"]
    + [f"instructor/{md.stem}.html" for md in sorted((ROOT / "instructor").glob("*.md"))]
    + [f"chapters/{nb.stem}.html" for nb in CHAPTERS]
)
CHAPTER_PAGES = [f"chapters/{nb.stem}.html" for nb in CHAPTERS]

FIGURES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    id: gd.id,
    rendered: !!gd._fullLayout && gd.querySelectorAll('.main-svg').length > 0,
    traces: (gd.data || []).length,
}))"""

# Overlap, in pixels, of a figure's title, legend and plot area (text boxes have a few
# pixels of slack around the glyphs, so only overlaps above OVERLAP_PX are collisions).
OVERLAP_PX = 8
LAYOUT = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const box = e => { if (!e) return null; const b = e.getBoundingClientRect();
                       return b.width && b.height ? [b.left, b.top, b.right, b.bottom] : null; };
    const overlap = (a, b) => (a && b && a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3])
        ? Math.min(a[3], b[3]) - Math.max(a[1], b[1]) : 0;
    const title = box(gd.querySelector('.gtitle')), legend = box(gd.querySelector('.legend .bg')),
          plot = box(gd.querySelector('.nsewdrag')), svg = box(gd.querySelector('.main-svg'));
    return {id: gd.id, title_legend: overlap(title, legend), title_plot: overlap(title, plot), title_clipped: title && svg ? Math.max(0, svg[1] - title[1]) : 0};
})"""

# On a phone too: every text of a figure (title, legend, panel and axis titles, annotations) lies
# within the figure's width, and no two of them overlap by more than OVERLAP_PX.
TEXTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const svg = gd.querySelector('.main-svg').getBoundingClientRect();
    const named = [['title', '.gtitle'], ['legend', '.legend .bg'], ['annotation', '.infolayer .annotation-text-g'],
                   ['x title', '.infolayer .xtitle, .infolayer [class^=x][class$=title]'],
                   ['y title', '.infolayer .ytitle, .infolayer [class^=y][class$=title]']];
    const boxes = [];
    for (const [name, selector] of named)
        for (const e of gd.querySelectorAll(selector)) {
            const b = e.getBoundingClientRect();
            if (b.width && b.height) boxes.push({name: name + ' ' + (e.textContent || '').slice(0, 30), b});
        }
    const outside = boxes.filter(x => x.b.left < svg.left - 1 || x.b.right > svg.right + 1).map(x => x.name);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, b = boxes[j].b;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0 && h > 0 && Math.min(w, h) > 8) overlaps.push(boxes[i].name + ' / ' + boxes[j].name);
    }
    return {id: gd.id, outside, overlaps};
}).filter(f => f.outside.length || f.overlaps.length)"""

# Each control in turn to its last value, the ones before it left at theirs (a state per control, the
# last with every control at its end), the figure's texts checked once it has settled (explorable.js
# marks it course-figure-settled when its texts are fitted): in the page, with no round trips.
SWEEP = f"""async () => {{
    const texts = {TEXTS}, faults = [], settled = () => new Promise(done => {{
        const poll = () => document.querySelector('.course-figure:not(.course-figure-settled)') ? requestAnimationFrame(poll) : done();
        requestAnimationFrame(poll); }});
    const check = async name => {{ await settled(); const found = texts(); if (found.length) faults.push({{after: name, found}}); }};
    const input = c => c.dispatchEvent(new Event('input', {{bubbles: true}}));
    for (const c of document.querySelectorAll('form.course-controls input[type=range], form.course-controls select')) {{
        if (c.tagName === 'SELECT') c.selectedIndex = c.options.length - 1; else c.value = c.max;
        input(c); await check(c.id + ' at its end, the controls before it at theirs');
    }}
    for (const group of document.querySelectorAll('form.course-controls fieldset.course-control-radio')) {{
        const radios = [...group.querySelectorAll('input[type=radio]')];
        radios[radios.length - 1].click(); await check(radios[radios.length - 1].id);
    }}
    return faults; }}"""

DRAW_ALL = (
    "() => Array.from(document.querySelectorAll('.course-figure'))"
    ".every(b => b.classList.contains('course-figure-ready'))"
)


def draw_all(page) -> None:
    """Draw every figure now (the book's script draws each one as it comes near the viewport)."""
    if not page.evaluate("() => !!document.querySelector('.course-figure')"):
        return
    page.wait_for_function("() => window.courseFigures !== undefined")
    page.evaluate("() => window.courseFigures.drawAll()")
    page.wait_for_function(DRAW_ALL)


@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", PAGES)
def test_page_is_offline_and_clean(visit, path, setup):
    visit.wait_until_quiet()  # everything the page fetches by itself, fetched
    assert visit.outside == [], f"requests left the site: {visit.outside}"
    assert visit.errors == [], f"console errors: {visit.errors}"


def test_built_html_names_no_cdn():
    hits = []
    assert (INSTRUCTOR_BUILD / "index.html").exists(), "build both editions first (make test's build stage)"
    for html in [*BUILD.rglob("*.html"), *INSTRUCTOR_BUILD.rglob("*.html")]:
        text = html.read_text(errors="ignore")
        hits += [
            (html.name, m)
            for m in re.findall(r"""(?:src|href)=["']((?:https?:)?//[^"']+\.(?:js|css|woff2?)[^"']*)""", text)
        ]
        hits += [(html.name, m) for m in re.findall(r"(cdn|unpkg|jsdelivr|cdnjs)", text)]
    assert hits == []


@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_chapter_figures_render_and_do_not_collide(visit, path, setup):
    page = visit.page
    draw_all(page)
    figures = page.evaluate(FIGURES)
    assert figures, "a chapter page without a single figure"
    assert all(f["rendered"] for f in figures), f"figures not rendered: {figures}"
    collisions = [f for f in page.evaluate(LAYOUT) if max(v for k, v in f.items() if k != "id") > OVERLAP_PX]
    assert collisions == [], f"title, legend or plot drawn over each other: {collisions}"
    assert visit.outside == [] and visit.errors == [], (visit.outside, visit.errors)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-output" / "screenshots"


@pytest.mark.parametrize("setup", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_accessibility_audit_finds_no_serious_violation(visit, path, setup):
    """axe-core on every page of the book, in the theme's light and dark modes."""
    page = visit.page
    page.wait_for_function(f"() => document.documentElement.dataset.theme === '{setup}'")
    draw_all(page)  # audit the figures and their controls too
    # audit the settled page, not a colour transition half-way from light to dark
    settle_colours(page)
    # light and dark are the same page (the same HTML, every figure drawn), its colours apart: in dark
    # only the rules that read colours can decide differently, and only they run again
    result = axe_serious(page, COLOUR_RULES if setup == "dark" else None)
    assert result == [], result


def settle_colours(page) -> None:
    """No colour transitions from here on (a check reads the page as it is, not half-way)."""
    if not page.evaluate("() => !!document.getElementById('course-test-no-transitions')"):
        style = page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        style.evaluate("e => { e.id = 'course-test-no-transitions'; }")  # a running transition ends at once


#: axe-core's rules whose verdict depends on the page's colours
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_serious(page, rules: list[str] | None = None) -> list:
    """axe-core's serious and critical violations on the page as it is now (every rule, or ``rules``)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (rules) => {
        const only = rules ? {runOnly: {type: 'rule', values: rules}} : {};
        const r = await axe.run(document, {resultTypes: ['violations'], ...only});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""",
        rules,
    )


@pytest.mark.parametrize("setup", ["phone", "light"])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_figure_fits_its_width_and_no_two_texts_overlap(visit, path, setup):
    """On a phone the book re-lays a figure out (explorable.js: titles wrap, side-by-side panels
    stack, the legend gets room); on the desktop it is drawn as laid out. Other states too: each
    control in turn is moved to its last value (this check moves controls last on its visit)."""
    page = visit.page
    draw_all(page)
    assert page.evaluate(TEXTS) == []
    assert page.evaluate(SWEEP) == []
    assert visit.outside == [] and visit.errors == []


# printed output (text, tables, code listings in outputs) wider than its column: cut off or hidden
# behind a sideways scroll, on a phone or at 1280 px
WIDE_OUTPUT = """() => [...document.querySelectorAll('article .cell_output pre, article .cell_output table')]
    .filter(e => e.getClientRects().length && (e.scrollWidth > e.clientWidth + 1
                 || e.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1))
    .filter(e => !(e.tagName === 'TABLE' && e.closest('.table-wrapper, .pst-scrollable-table-container')))
    .map(e => e.textContent.split('\\n').reduce((a, b) => a.length >= b.length ? a : b, '').trim().slice(0, 80))"""


@pytest.mark.parametrize("setup", ["light", "phone"])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_no_output_line_is_wider_than_its_column(visit, path, setup):
    assert visit.page.evaluate(WIDE_OUTPUT) == []


@pytest.mark.parametrize("setup", ["light", "dark"])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_screenshot_every_chapter_with_every_figure_rendered(visit, path, setup):
    page = visit.page
    draw_all(page)
    figures = page.evaluate(FIGURES)
    assert figures and all(f["rendered"] for f in figures), figures
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(  # JPEG: a full page encodes in half the time of a PNG
        path=str(SHOTS / f"{Path(path).stem}-{setup}.jpg"), full_page=True, animations="disabled", quality=85
    )
