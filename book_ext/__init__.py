"""Sphinx extension for the course book: offline plotly and MathJax, and a clean console.

* copies plotly.js from the installed plotly package, and MathJax from ``node_modules``, into
  ``_static/vendor/`` of the built site, and loads plotly.js only on pages that have a figure;
* mends two accessibility faults of the theme's navbar buttons (see _A11Y_FIXES);
* removes duplicated inline scripts (Sphinx 7.4 emits sphinx-togglebutton's twice) and the
  sphinx-thebe loader (thebe is off; its loader names a CDN).

The plotly figures themselves are rendered by :mod:`book_ext.plotly_mime`, a myst-nb mime plugin.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

PLOTLY_JS = "vendor/plotly.min.js"
# The book's own scripts and styles for figures (native controls, lazy rendering), from book_ext/static/.
STATIC_DIR = Path(__file__).resolve().parent / "static"
FIGURE_JS = "vendor/explorable.js"
FIGURE_CSS = "vendor/explorable.css"
MATHJAX_DIR = Path(__file__).resolve().parent.parent / "node_modules" / "mathjax" / "es5"
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions", "a11y", "sre", "ui")


def _plotly_js_source() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _on_page(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if "plotly-graph-div" in body or "course-figure" in body:
        app.add_js_file(PLOTLY_JS, priority=100)
        # after plotly.js (same or later priority keeps the order); deferred: it never blocks the text
        app.add_js_file(FIGURE_JS, priority=101, loading_method="defer")
        app.add_css_file(FIGURE_CSS, priority=101)
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for script in scripts:
            filename = str(getattr(script, "filename", script) or "")
            attributes = getattr(script, "attributes", {}) or {}
            if "sphinx-thebe" in filename or "THEBE_JS_URL" in attributes.get("body", ""):
                continue  # thebe is off: its loader would point at a CDN
            key = (filename, tuple(sorted(attributes.items())))
            if key not in seen:
                seen.add(key)
                unique.append(script)
        context["script_files"] = unique


def _copy_assets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    _mend_theme_accessibility(Path(app.outdir))
    vendor = Path(app.outdir) / "_static" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_plotly_js_source(), vendor / "plotly.min.js")
    for asset in STATIC_DIR.iterdir():
        shutil.copyfile(asset, vendor / asset.name)
    if not MATHJAX_DIR.is_dir():
        raise RuntimeError(f"MathJax is missing at {MATHJAX_DIR}: run `npm ci` (make book does)")
    target = vendor / "mathjax"
    if target.exists():
        shutil.rmtree(target)
    # The combined TeX + CommonHTML component, the fonts it loads, and the components it may
    # load on demand (TeX extensions, accessibility, speech rule engine): ~8 MB, all local.
    for part in MATHJAX_PARTS:
        src = MATHJAX_DIR / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target / part)


# The theme's search field and colour-mode button have accessible names that do not contain their
# visible text (axe: label-content-name-mismatch, serious). Mend the built pages.
_A11Y_FIXES = [
    (re.compile(r'(<button class="btn search-button-field search-button__button[^"]*" title="Search") aria-label="Search"'),
     r"\1"),
    # docutils' citation list has role="list" but its entries role="doc-biblioentry" (aria-required-children)
    (re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"'), r'\1 role="listitem"'),
    # the sidebar's expand/collapse toggles are icon-only <summary> elements (summary-name)
    (re.compile(r'<summary>(<span class="toctree-toggle")'), r'<summary aria-label="Show or hide the pages of this section">\1'),
    (re.compile(r'(<i class="theme-switch [^"]*"\s+data-mode="\w+")\s+title="[^"]*"'), r'\1 aria-hidden="true"'),
]


def _mend_theme_accessibility(outdir: Path) -> None:
    for page in outdir.rglob("*.html"):
        text = original = page.read_text(encoding="utf-8")
        for pattern, replacement in _A11Y_FIXES:
            text = pattern.sub(replacement, text)
        if text != original:
            page.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _on_page)
    app.connect("build-finished", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
