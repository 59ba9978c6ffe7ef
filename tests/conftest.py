"""Shared fixtures: the repository, the chapters, and (for browser tests) the built book in chromium.

Browser tests share page visits: ``visit(path, setup)`` opens a chapter of the built book once per
set-up (desktop light, desktop dark, phone) and every check of that page and set-up runs on the same
visit; a page without figures is opened once on the desktop, and its dark checks run after its light
ones with the reader's colour scheme switched to dark. Each set-up has one browser context (one HTTP
cache) with one tab, which goes from page to page as a reader does. The tests are ordered so that the checks of
one visit run together (see ``pytest_collection_modifyitems``): first those that need the page as it
loads (figures drawn only as they near the viewport), then those that read it, last those that move
its controls.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from hypothesis import strategies as st

from book_ext.chromium import LOCAL_URLS, NO_OTHER_HOSTS, launch

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
BUILD = ROOT / "_build" / "html"  # the student edition (make book)
INSTRUCTOR_BUILD = ROOT / "_build" / "instructor" / "html"  # the instructor edition (make book-instructor)
PHONE = {"width": 390, "height": 844}  # a phone's viewport, in CSS pixels
#: a share in [0, 1], the range of most of the course's parameters (a hypothesis strategy; no NaN)
unit = st.floats(0.0, 1.0, allow_nan=False)


def assert_constant_traces_and_finite(figures) -> None:
    """A figure function must keep its trace count for every input and never plot a NaN."""
    import numpy as np

    counts = set()
    for fig in figures:
        counts.add(len(fig.data))
        for trace in fig.data:
            for key in ("x", "y"):
                values = getattr(trace, key)
                if values is not None and len(values):
                    assert np.all(np.isfinite(np.asarray(values, dtype=float)))
    assert len(counts) == 1


def declared_controls(module) -> dict[str, str]:
    """A topic module's controls ({name: label}), asserting that each is the control ``widgets.controls.lookup``
    finds for its name: declared once, in the module that owns it."""
    from widgets.controls import lookup

    assert all(lookup(name) is control for name, control in module.CONTROLS.items())
    return {name: control.label for name, control in module.CONTROLS.items()}


def load_notebook(path: Path) -> dict:
    return json.loads(path.read_text())


@pytest.fixture
def jupyter_lab(tmp_path):
    """JupyterLab started as `make lab` starts it (the project's lab_config.py), serving tmp_path.

    Yields (base_url, token) once the server answers."""
    from benchmarks.live_latency import start_lab  # one way to start it, shared with make bench

    server, url, token = start_lab(tmp_path)
    yield url, token
    server.terminate()
    server.wait(10)


def built(path: str) -> Path:
    """The built file of a page: the instructor guide's pages are in the instructor edition only."""
    return (INSTRUCTOR_BUILD if path.startswith("instructor/") else BUILD) / path


def _serve(folder: Path, command: str):
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder.relative_to(ROOT)} is missing: build it first ({command}, or make test)")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def book_url():
    """The student edition served on 127.0.0.1 (the `build` stage of make test builds it)."""
    server, url = _serve(BUILD, "make book")
    yield url
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw, NO_OTHER_HOSTS)
        yield browser
        browser.close()


#: the three set-ups a page is checked in: colour scheme and viewport
SETUPS = {
    "light": ("light", {"width": 1280, "height": 900}),
    "dark": ("dark", {"width": 1280, "height": 900}),
    "phone": ("light", PHONE),
}

# Within one visit, checks run in this order (a test not named here runs after the readers and
# before the movers): the page as it loads, then reading it, then moving its controls.
VISIT_ORDER = [
    # as it loads: figures far below the fold are not drawn yet
    "test_figures_are_drawn_as_they_come_near_the_viewport",
    "test_a_figure_far_below_the_fold_loads_its_data_only_when_near",
    "test_page_is_offline_and_clean",
    # reading it, every figure drawn, every control at its default
    "test_chapter_figures_render_and_do_not_collide",
    "test_theme_icons_still_show",
    "test_a_screen_reader_meets_each_formula_once_as_math",
    "test_formulas_are_drawn_in_the_text_colour",
    "test_on_a_phone_nothing_is_wider_than_the_screen_and_axe_finds_no_serious_fault",
    "test_accessibility_audit_finds_no_serious_violation",
    "test_no_output_line_is_wider_than_its_column",
    "test_screenshot_every_chapter_with_every_figure_rendered",
    None,  # any other test
    # moving its controls
    "test_every_figure_control_works_by_keyboard",
    "test_a_restored_or_mouse_moved_control_shows_its_state",
    "test_every_figure_fits_its_width_and_no_two_texts_overlap",
]


def _visit_key(item):
    """(path, set-up order, check order) of a test that uses a shared visit, else None."""
    if "visit" not in getattr(item, "fixturenames", ()) or not hasattr(item, "callspec"):
        return None
    params = item.callspec.params
    if "path" not in params or "setup" not in params:
        raise pytest.UsageError(f"{item.nodeid}: a test using `visit` is parametrized by path and setup")
    name = item.originalname
    check = VISIT_ORDER.index(name) if name in VISIT_ORDER else VISIT_ORDER.index(None)
    return (params["path"], list(SETUPS).index(params["setup"]), check)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's hook, which reads the xdist_group marks
def pytest_collection_modifyitems(session, config, items):
    """Group the checks of each shared visit together (one page load per page and set-up)."""
    keyed = [(i, _visit_key(item)) for i, item in enumerate(items)]
    for i, key in keyed:  # with pytest-xdist (--dist loadgroup), one worker runs all checks of a page
        if key is not None:
            items[i].add_marker(pytest.mark.xdist_group(key[0]))
    # the order the workers take them in (make test passes --no-loadscope-reorder): the longest first, so that
    # both workers end together; then the other tests, each chapter's visits, and the shorter pages' visits
    others = sorted((items[i] for i, key in keyed if key is None), key=lambda item: not item.nodeid.startswith(LONGEST))
    shared = sorted(
        (k for k in keyed if k[1] is not None), key=lambda k: (not k[1][0].startswith("chapters/"), k[1], k[0])
    )
    items[:] = others + [items[i] for i, _ in shared]


#: the longest tests of the browser stage (JupyterLab about 50 s on its worker, the archive's fresh environment
#: 20 to 40 s)
LONGEST = ("tests/test_live_jupyterlab.py::", "tests/test_archive.py::test_the_archive_installs")


class Visit:
    """One page of the book, open in chromium, with what it requested outside the site, the errors
    its console showed so far and how many of its requests are still in flight."""

    def __init__(self, page):
        self.page, self.outside, self.errors, self.in_flight = page, [], [], set()

    def wait_until_quiet(self, quiet_ms: int = 150) -> None:
        """Wait until no request of the page has been in flight for ``quiet_ms``."""
        from benchmarks.page_weight import wait_until_quiet

        wait_until_quiet(self.page, self.in_flight, quiet_ms)


class _Tab:
    """The one page of a set-up's browser context, reused from visit to visit as a reader follows the book's
    links (a new page per visit costs chromium about 0.4 s more). Its events go to the visit whose document
    made the request or shows the error: a request of the page before, failing as the next one loads, is not
    the next one's error."""

    def __init__(self, context, scheme: str):
        self.page, self.scheme, self.page_scheme, self.visit, owner = context.new_page(), scheme, None, None, {}

        def request(r):
            visit = owner[r] = self.visit
            visit.in_flight.add(r)
            if not r.url.startswith(LOCAL_URLS):
                visit.outside.append(r.url)  # the browser cannot reach it (NO_OTHER_HOSTS): noted, and failed

        def finished(r):
            owner.pop(r, self.visit).in_flight.discard(r)

        def failed(r):
            visit = owner.pop(r, self.visit)
            visit.in_flight.discard(r)
            if r.url.startswith("http://127.0.0.1") and visit is self.visit:
                visit.errors.append(f"failed: {r.url}")

        def response(r):
            if r.status >= 400:
                owner.get(r.request, self.visit).errors.append(f"{r.status}: {r.url}")

        page = self.page
        page.on("request", request)  # no page.route: routing would turn off the HTTP cache
        page.on("requestfinished", finished)
        page.on("requestfailed", failed)
        page.on("response", response)
        page.on("console", lambda m: self.visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.visit.errors.append(str(e)))

    def open(self, url: str) -> Visit:
        """Load ``url`` in this tab, in the set-up's colour scheme, as a new visit."""
        self.visit = Visit(self.page)
        if self.scheme != self.page_scheme:
            self.page.emulate_media(color_scheme=self.scheme)  # a switched page's scheme back to the set-up's
        self.page_scheme = self.scheme
        self.page.goto(url, wait_until="load")  # checks that need the network quiet wait for it themselves
        return self.visit

    def switch_scheme(self, scheme: str) -> None:
        """The reader's colour scheme switched on the page as it is (the theme follows at once)."""
        self.page.emulate_media(color_scheme=scheme)
        self.page_scheme = scheme

    def rest(self) -> None:
        """Leave the page empty while another set-up's tab is in use."""
        self.visit = Visit(self.page)
        self.page.goto("about:blank")


@pytest.fixture(scope="session")
def _visits(browser, book_url):
    """One browser context per set-up (its HTTP cache shared, as a reader's browser shares it between
    pages of the book), each with one tab, and one page open at a time."""
    contexts, tabs, current, instructor = {}, {}, {}, []  # current: {(path, setup): the tab showing it}

    def visit(path: str, setup: str) -> Visit:
        key = (path, setup)
        twin = (path, {"light": "dark", "dark": "light"}.get(setup))
        if key not in current and twin in current and not path.startswith("chapters/"):
            # a page without figures: its dark set-up is its light visit with the reader's colour scheme
            # switched (the theme follows it at once, as when a reader's system turns dark)
            current[key] = current.pop(twin)
            current[key].switch_scheme(SETUPS[setup][0])
        if key not in current:
            for tab in current.values():
                if tab is not tabs.get(setup):
                    tab.rest()
            current.clear()
            if setup not in tabs:
                scheme, viewport = SETUPS[setup]
                contexts[setup] = browser.new_context(color_scheme=scheme, viewport=viewport)
                tabs[setup] = _Tab(contexts[setup], scheme)
            site = book_url
            if path.startswith("instructor/"):  # the instructor guide: served from the instructor edition
                if not instructor:
                    instructor.extend(_serve(INSTRUCTOR_BUILD, "make book-instructor"))
                site = instructor[1]
            tabs[setup].open(f"{site}/{path}")
            current[key] = tabs[setup]
        return current[key].visit

    yield visit
    for context in contexts.values():
        context.close()
    if instructor:
        instructor[0].shutdown()


@pytest.fixture
def visit(_visits, request):
    """The shared visit of this test's page (``path``) in its set-up (``setup``): see the module docstring."""
    params = request.node.callspec.params
    if request.config.getoption("loadgroup", default=False) and "@" not in request.node.nodeid.rsplit("]", 1)[-1]:
        # under --dist loadgroup a worker names a grouped test nodeid@group and the controller sends a group to
        # one worker; when that stops (pytest-xdist#1386: pytest 9.2 ignores the renaming), each check would open
        # its own visit on any worker and pass, slower: fail instead
        pytest.fail(
            "pytest-xdist did not group this test with the other checks of its page visit: keep the pytest "
            "that requirements-dev.txt pins (pytest-xdist#1386)"
        )
    return _visits(params["path"], params["setup"])
