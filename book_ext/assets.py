"""The book's figure assets, served from the site itself: plotly.js and the figure script and style.

plotly.js is npm's cartesian partial build, at plotly.py's own plotly.js version (tests/test_assets.py
checks both); book_ext/static/ holds explorable.js and explorable.css. All of them are copied into
``_static/vendor/`` of the built site (not ``_static/``: jupyter-book would add every script there to
every page). explorable.css is on every page (0.9 KB, so that every page shares one stylesheet
bundle); explorable.js only on pages with a figure, deferred: it never holds up the text, draws each
figure as it nears the viewport and fetches plotly.js from beside itself for the first one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from widgets.contract import CLASSES

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
STATIC_DIR = Path(__file__).resolve().parent / "static"
FIGURE_JS = "vendor/explorable.js"
FIGURE_CSS = "vendor/explorable.css"


def plotly_js_source() -> Path:
    """The plotly.js the book ships: the cartesian partial build (scatter, bar, heatmap, ...)."""
    return NODE_MODULES / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"


def add_figure_script(app, pagename, templatename, context, doctree) -> None:
    if CLASSES["figure"] in context.get("body", ""):
        app.add_js_file(FIGURE_JS, priority=101, loading_method="defer")


def copy_assets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    vendor = Path(app.outdir) / "_static" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    if not plotly_js_source().is_file():
        raise RuntimeError(f"plotly.js is missing at {plotly_js_source()}: run `npm ci` (make book does)")
    shutil.copyfile(plotly_js_source(), vendor / "plotly.min.js")
    for asset in STATIC_DIR.iterdir():
        shutil.copyfile(asset, vendor / asset.name)


def setup(app) -> None:
    app.add_css_file(FIGURE_CSS, priority=101)
    app.connect("html-page-context", add_figure_script, priority=900)
    app.connect("build-finished", copy_assets, priority=900)
