"""Shared fixtures: the repository, the chapters, and (for browser tests) the built book in chromium."""
from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
BUILD = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}  # a phone's viewport, in CSS pixels
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


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


@pytest.fixture(scope="session")
def book_url():
    """The built book served on 127.0.0.1 (build it first: the `build` stage of make test)."""
    if not (BUILD / "index.html").exists():
        pytest.fail("_build/html is missing: run the strict build first (make book or make test)")
    handler = functools.partial(QuietHandler, directory=str(BUILD))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_visit(browser, book_url):
    """Open a page of the book; return (page, outside_requests, console_errors)."""
    contexts = []

    def visit(path: str, color_scheme: str = "light", viewport: dict | None = None):
        context = browser.new_context(color_scheme=color_scheme, viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        outside, errors = [], []

        def route(r):
            if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}") if r.url.startswith("http://127.0.0.1") else None)
        page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        return page, outside, errors

    yield visit
    for context in contexts:
        context.close()
