"""The book's native figure controls in a real browser (Debian chromium, driven by playwright).

On every chapter page: every control of every figure is reachable with Tab, has an accessible name,
and its accessible value (read from chromium's accessibility tree) is the parameter's value that the
readout and the figure show, before and after an arrow key (or choosing an option) changes the
figure's data or title. A control that announces a grid position instead of the value fails.
Also counts the book controls per figure, for the minimums of the static book (issue 11). That no
stored figure carries plotly's own SVG slider is checked without a browser (test_assets.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import BUILD, CHAPTERS
from test_browser import draw_all

CHAPTER_PAGES = [f"chapters/{nb.stem}.html" for nb in CHAPTERS]


# ---------------------------------------------------------------- counting book controls
class _Figures(HTMLParser):
    """Per course figure of a built page: its plot id, alt text and book controls."""

    def __init__(self, text: str):
        super().__init__()
        self.figures = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "course-figure" in (a.get("class") or "").split():
            self.figures.append({"id": a.get("data-plot"), "alt": a.get("aria-label", ""), "controls": set()})
        elif self.figures and tag in ("input", "select") and "data-index" in a:
            self.figures[-1]["controls"].add(a["data-index"])  # a radio group is one control


def figure_data(figure_id: str) -> dict:
    """The figure JSON the built book moved out of its page into _static/figures/ID.js."""
    text = (BUILD / "_static" / "figures" / f"{figure_id}.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("] = ") + 4 :].rstrip().rstrip(";"))


def book_controls(page_html: str) -> list[dict]:
    """[{id, alt, controls: number of book controls}] for each figure of a built page."""
    return [{**f, "controls": len(f["controls"])} for f in _Figures(page_html).figures]


def chapter_controls(stem: str) -> list[dict]:
    return book_controls((BUILD / "chapters" / f"{stem}.html").read_text(encoding="utf-8"))


def interactive(figures: list[dict]) -> list[dict]:
    return [f for f in figures if f["controls"]]


def test_counting_reads_ranges_selects_and_radio_groups():
    html = (
        '<div class="course-figure" data-plot="a" aria-label="A"><form>'
        '<input type="range" data-index="0"><select data-index="1"></select>'
        '<input type="radio" data-index="2"><input type="radio" data-index="2"></form></div>'
        '<div class="course-figure" data-plot="b" aria-label="B"></div>'
    )
    figs = book_controls(html)
    assert [(f["id"], f["controls"]) for f in figs] == [("a", 3), ("b", 0)]


# ---------------------------------------------------------------- minimums of the static book
@pytest.mark.browser  # reads the built book
def test_chapter_5_survival_figure_has_at_least_three_book_controls():
    figs = [f for f in chapter_controls("05_spoilers") if f["alt"].startswith("Survival curves of simulated truces")]
    assert figs and figs[0]["controls"] >= 3, figs


@pytest.mark.browser  # reads the built book
def test_chapter_10_lab_figure_has_at_least_four_book_controls():
    assert max(f["controls"] for f in chapter_controls("10_ceasefire_lab")) >= 4


@pytest.mark.browser  # reads the built book
def test_at_least_two_book_controls_per_interactive_figure_on_average():
    figs = [f for nb in CHAPTERS for f in interactive(chapter_controls(nb.stem))]
    assert figs and sum(f["controls"] for f in figs) / len(figs) >= 2


# ---------------------------------------------------------------- every control, by keyboard
def _ax(cdp, root: int, element_id: str) -> dict:
    """Chromium's accessible role, name and value of the element with id ``element_id`` (``root``: the
    document's node in the CDP session ``cdp``)."""
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#{element_id}"})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    get = lambda k: (ax.get(k) or {}).get("value")  # noqa: E731
    return {
        "role": get("role"),
        "name": get("name"),
        "value": get("value"),
        "valuetext": next((p["value"]["value"] for p in ax.get("properties", []) if p["name"] == "valuetext"), None),
    }


# What a control, its readout and its figure say now: the control's book value (the spec's), what
# its readout shows, whether the drawn traces are those of the state the controls select, and whether
# the control is at its last value.
STATE_OF = """([plot, control]) => {
    const f = window.courseFigures.figures.find(f => f.plot.id === plot);
    const e = document.getElementById(control), i = Number(e.dataset.index);
    const c = f.spec.controls[i], index = f.indices()[i], out = document.getElementById(control + '-out');
    const sum = a => { let s = 0; if (a && a.length !== undefined && typeof a !== 'string')
        for (let j = 0; j < a.length; j++) s += (a[j] && a[j].length !== undefined) ? sum(a[j]) : (Number(a[j]) || 0);
        return s; };
    const title = l => (l.title && l.title.text) || '';
    const fp = fig => JSON.stringify([title(fig.layout), fig.data.map(t => [sum(t.x), sum(t.y), sum(t.z), t.name || ''])]);
    const axes = l => JSON.stringify([l.xaxis && l.xaxis.range, l.yaxis && l.yaxis.range]);
    const group = Array.from(document.getElementsByName(e.name));
    const atEnd = e.type === 'range' ? Number(e.value) === Number(e.max)
        : e.type === 'select-one' ? e.selectedIndex === e.options.length - 1 : group.indexOf(e) === group.length - 1;
    const state = f.figure();
    return {type: e.type, index, label: c.labels[index], value: c.values[index] * Number(e.dataset.scale || 1),
            readout: out ? out.textContent : null, atEnd,
            shown: fp(f.plot), state: fp(state), shownAxes: axes(f.plot.layout), stateAxes: axes(state.layout)};
}"""
# the figure control that has the focus (its id), or null
ACTIVE_CONTROL = """() => { const e = document.activeElement;
    return e && e.closest && e.closest('.course-figure') && e.dataset.index !== undefined ? e.id : null; }"""
# Focus where Tab to the control ``id`` starts: the control before it (a radio group's checked button, as
# Tab leaves a group from there), or, for the page's first control, the last element before it that Tab
# stops at (a link of the text), or the top of the page.
FOCUS_BEFORE = """([before, id]) => {
    if (before) { let e = document.getElementById(before);
        if (e.type === 'radio' && !e.checked) e = Array.from(document.getElementsByName(e.name)).find(r => r.checked) || e;
        e.focus(); return; }
    const target = document.getElementById(id);
    const stops = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
                     && (e.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING));
    document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);
    for (const e of stops.reverse()) { e.focus(); if (document.activeElement === e) return; } }"""
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _decimals(text: str) -> int:
    match = NUMBER.search(text)
    return len(match.group().split(".")[1]) if match and "." in match.group() else 0


def _agree(page, cdp, root: int, plot: str, control: str) -> tuple[dict, dict]:
    """Assert that the control's accessible value (chromium's accessibility tree) is the value the
    readout and the figure show; return the accessible node and the state (STATE_OF)."""
    st = page.evaluate(STATE_OF, [plot, control])
    ax = _ax(cdp, root, control)
    assert ax["name"] and ax["name"].strip(), f"{control} has no accessible name: {ax}"
    if st["type"] == "range":
        assert ax["role"] == "slider", ax
        announced = ax["valuetext"] or str(ax["value"])
        match = NUMBER.search(announced or "")
        assert match, f"{control}: announces no number: {ax}"
        assert abs(float(match.group()) - st["value"]) <= 1e-6 * max(1.0, abs(st["value"])), (
            f"{control}: the accessibility tree says {announced!r}, not the value {st['value']} "
            f"(grid position {st['index']}?)"
        )
        assert st["readout"] == st["label"], f"{control}: readout {st['readout']!r}, state {st['label']!r}"
        shown = float(NUMBER.search(st["readout"]).group())
        assert abs(shown - st["value"]) <= 0.5 * 10 ** -_decimals(st["readout"]) + 1e-9, (st, announced)
    elif st["type"] == "select-one":
        assert ax["role"] == "combobox" and ax["value"] == st["label"], (ax, st)
    else:
        assert ax["role"] == "radio" and ax["name"].strip() == st["label"], (ax, st)
    assert (st["shown"], st["shownAxes"]) == (st["state"], st["stateAxes"]), (
        f"{plot}: the figure is not the state its controls select"
    )
    return ax, st


@pytest.mark.browser
@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_figure_control_works_by_keyboard(visit, path, setup):
    page = visit.page
    draw_all(page)
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('.course-figure')).map(b => ({
        id: b.dataset.plot, controls: Array.from(b.querySelectorAll('form [data-index]')).map(e => ({
            id: e.id, type: e.type, index: e.dataset.index, checked: e.checked}))}))""")
    # the DOM has the controls the built HTML declares (what book_controls counts)
    counted = {f["id"]: f["controls"] for f in chapter_controls(path.split("/")[-1][:-5])}
    assert {f["id"]: len({c["index"] for c in f["controls"]}) for f in figures} == counted

    # The Tab stops of the figures' controls in document order, the order Tab must reach them in (a radio group
    # is one stop: its checked button). Each is reached by Tab: the first from the last element before it that
    # Tab stops at, each other from the control before it, past any link or button of the text in between but
    # no other figure control.
    stops = [(f["id"], c["id"]) for f in figures for c in f["controls"] if c["type"] != "radio" or c["checked"]]
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    previous = None
    for plot, control in stops:
        page.evaluate(FOCUS_BEFORE, [previous, control])
        for _ in range(300):
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE_CONTROL)
            if active is not None:
                break
        assert active == control, f"Tab from {previous or 'the text before it'} reached {active}, not {control}"
        previous = control
        before_ax, before = _agree(page, cdp, root, plot, control)
        kind = before["type"]
        page.keyboard.press(
            "ArrowLeft"
            if before["atEnd"] and kind == "range"
            else "ArrowUp"
            if before["atEnd"]
            else "ArrowRight"
            if kind != "select-one"
            else "ArrowDown"
        )
        moved = page.evaluate("() => document.activeElement.id")  # a radio group moves focus to the chosen button
        page.wait_for_function(
            f"([p, c, b]) => {{ const s = ({STATE_OF})([p, c]); return s.shown + s.shownAxes !== b && s.shown === s.state; }}",
            arg=[plot, moved, before["shown"] + before["shownAxes"]],
            timeout=3000,
        )
        after_ax, _ = _agree(page, cdp, root, plot, moved)
        if kind == "range":
            assert (after_ax["valuetext"], after_ax["value"]) != (before_ax["valuetext"], before_ax["value"])
    cdp.detach()  # the page goes on to the next visit
    assert visit.outside == [] and visit.errors == [], (visit.outside, visit.errors)


@pytest.mark.browser
@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", ["chapters/05_spoilers.html"])
def test_figures_are_drawn_as_they_come_near_the_viewport(visit, path, setup):
    page, errors = visit.page, visit.errors
    page.wait_for_function("() => window.courseFigures !== undefined")
    page.wait_for_timeout(300)
    ready = page.evaluate(
        "() => Array.from(document.querySelectorAll('.course-figure')).map(b => [b.dataset.plot, "
        "b.classList.contains('course-figure-ready'), b.getBoundingClientRect().top])"
    )
    far = [r for r in ready if r[2] > 900 + 400]
    assert far and not any(r[1] for r in far), "figures far below the fold are drawn before they are needed"
    last = far[-1][0]
    page.locator(f"#{last}").scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => document.querySelector('[data-plot=\"{last}\"]').classList.contains('course-figure-ready')"
    )
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("setup", ["light"])
@pytest.mark.parametrize("path", ["chapters/05_spoilers.html"])
def test_a_restored_or_mouse_moved_control_shows_its_state(visit, path, setup):
    """Mouse and touch move the same native input; the state follows its value."""
    page, errors = visit.page, visit.errors
    draw_all(page)
    box = page.locator(".course-explorable").first
    plot = box.get_attribute("data-plot")
    rng = box.locator("input[type=range]").first
    rng.scroll_into_view_if_needed()
    rid = rng.get_attribute("id")
    before = page.evaluate(f"(p) => {{ const s = ({STATE_OF})([p, '{rid}']); return s.shown + s.shownAxes; }}", plot)
    b = rng.bounding_box()
    page.mouse.click(b["x"] + b["width"] - 3, b["y"] + b["height"] / 2)  # click the far end of the track
    page.wait_for_function(
        f"([p, b]) => {{ const s = ({STATE_OF})([p, '{rid}']); return s.shown + s.shownAxes !== b; }}",
        arg=[plot, before],
        timeout=3000,
    )
    assert rng.input_value() == rng.get_attribute("max")
    title = page.evaluate(f"() => document.getElementById('{plot}').layout.title.text")
    label = page.evaluate(f"() => document.getElementById('{rng.get_attribute('id')}-out').textContent")
    assert re.search(re.escape(label.split()[0]), title), (label, title)
    cdp = page.context.new_cdp_session(page)
    _agree(page, cdp, cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"], plot, rng.get_attribute("id"))
    cdp.detach()  # the page goes on to the next visit
    assert errors == []
