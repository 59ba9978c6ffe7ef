"""Sphinx extension for the course book: light, offline pages whose text paints first.

* copies plotly.js (the npm cartesian partial build, at plotly.py's own plotly.js version) from
  ``node_modules`` into ``_static/vendor/`` of the built site; loads it only on pages that have a
  figure, deferred;
* typesets the math at build time (:mod:`book_ext.math_svg`): pages carry SVG, and load no MathJax;
* drops the theme's 1.5 MB ``fontawesome.js``: the icons on the pages are drawn by the theme's
  icon font, which its CSS loads anyway (see _FA_SCRIPT);
* bundles the stylesheets of each page into one file, and inlines documentation_options.js;
* launch buttons (Binder, a JupyterHub through nbgitpuller) for the repository the book is built
  from: ``repository.url`` in _config.yml, else the git remote ``origin``; none without either;
* mends accessibility faults of the theme's navbar buttons (see _A11Y_FIXES);
* removes duplicated inline scripts (Sphinx 7.4 emits sphinx-togglebutton's twice) and the
  sphinx-thebe loader (thebe is off; its loader names a CDN).

The plotly figures themselves are rendered by :mod:`book_ext.plotly_mime`, a myst-nb mime plugin.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from widgets.contract import CLASSES

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
# The book's own scripts and styles for figures (native controls, lazy rendering), from book_ext/static/.
STATIC_DIR = Path(__file__).resolve().parent / "static"
FIGURE_JS = "vendor/explorable.js"
FIGURE_CSS = "vendor/explorable.css"


def plotly_js_source() -> Path:
    """The plotly.js the book ships: the cartesian partial build (scatter, bar, heatmap, ...).

    tests/test_assets.py checks that it has every trace type the chapters use and that its
    version is the one plotly.py bundles."""
    return NODE_MODULES / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"


def _on_page(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if CLASSES["figure"] in body:
        # explorable.js (deferred: it never blocks the text) draws each figure as it comes near the
        # viewport, and fetches plotly.js from beside itself for the first one
        app.add_js_file(FIGURE_JS, priority=101, loading_method="defer")
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
        scripts[:] = unique


def _copy_assets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    vendor = outdir / "_static" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    if not plotly_js_source().is_file():
        raise RuntimeError(f"plotly.js is missing at {plotly_js_source()}: run `npm ci` (make book does)")
    shutil.copyfile(plotly_js_source(), vendor / "plotly.min.js")
    for asset in STATIC_DIR.iterdir():
        shutil.copyfile(asset, vendor / asset.name)
    _mend_theme_accessibility(outdir)
    _lighten_pages(outdir)


# The theme's search field and colour-mode button have accessible names that do not contain their
# visible text (axe: label-content-name-mismatch, serious). Mend the built pages.
_A11Y_FIXES = [
    # myst-nb names every hide-input toggle "Toggle hidden content" while it shows "Show code cell
    # source" (axe: label-content-name-mismatch): let the visible text name it
    (re.compile(r'<summary aria-label="Toggle hidden content">'), '<summary>'),
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


# The theme loads a 1.5 MB script, fontawesome.js, that draws only icons the pages do not use (its
# own brand icons): the pages' icons are glyphs of the icon font that the theme's CSS loads anyway
# (`<i class="fa-solid fa-sun">` and the admonition icons). Drop the script and its files.
_FA_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


# The theme also loads Sphinx's search tools and the whole search index (~90 KB) on every page,
# as classic scripts in <head>: deferred (in the same order), they no longer hold up the text.
_SEARCH_SCRIPTS = re.compile(r'<script src="([^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js))"></script>')


# The theme's and Sphinx's small helper scripts (doctools, highlighting, copy buttons, toggles, tabs)
# are classic scripts in <head>: on a slow connection each one holds up the first paint. They act
# on DOMContentLoaded, which deferred scripts still precede, and read the inline settings that
# follow them in <head> only then: deferred in the same order, they behave as before.
# documentation_options.js stays a classic script (inlined: see _DOC_OPTIONS): inline scripts after it use it.
_HELPER_SCRIPTS = re.compile(
    r'<script (data-sd-tabs-storage-prefix="[^"]*" )?src="([^"]*(?:_static/doctools\.js|_static/sphinx_highlight\.js'
    r'|_static/clipboard\.min\.js|_static/copybutton\.js|_static/scripts/sphinx-book-theme\.js'
    r'|_static/togglebutton\.js|_static/design-tabs\.js)[^"]*)"></script>')

# Each figure's data (its precomputed states can weigh a few hundred KB) leaves the page for a
# small script of its own in _static/figures/, which explorable.js loads when the figure comes
# near the viewport: the text of a chapter arrives, and paints, first. A script, not a JSON fetch,
# so that the book also works opened from disk (file://), where fetch() is refused.
_FIGURE_JSON = re.compile(r'<script type="application/json" class="course-figure-json">(.*?)</script>', re.S)
FIGURE_DATA_DIR = "_static/figures"


def _move_figure_data(page: Path, text: str, outdir: Path) -> str:
    import hashlib

    def out(match):
        payload = match.group(1)  # already safe JSON (plotly_mime escapes <, > and &)
        digest = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
        target = outdir / FIGURE_DATA_DIR / f"{digest}.js"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f'(self.courseFigureData = self.courseFigureData || {{}})["{digest}"] = {payload};\n',
                              encoding="utf-8")
        return f'<script type="application/json" class="course-figure-json" data-figure="{digest}"></script>'

    return _FIGURE_JSON.sub(out, text)


# The theme and its extensions link 14 stylesheets, each one a round trip before the first paint
# on a slow connection. They become one file, in the same order (so the same cascade), named by
# its content: _static/course-HASH.css. Relative url(...)s are rewritten for the bundle's folder,
# and an @import of a local file is inlined where it stood (it can only stand first in a file).
_STYLESHEET_LINK = re.compile(r'[ \t]*<link (?=[^>]*rel="stylesheet")[^>]*href="([^"]+)"[^>]*>\n?')
_CSS_URL = re.compile(r'url\((["\']?)([^"\')]+)\1\)')
_CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def _inline_css(path: Path, static: Path) -> str:
    """The stylesheet ``path`` as it reads from ``static`` (its imports inlined, its urls rewritten)."""
    import posixpath

    css = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    css = _CSS_IMPORT.sub(lambda m: _inline_css((path.parent / m.group(1)).resolve(), static), css)
    folder = path.parent.relative_to(static).as_posix()

    def rebase(match):
        quote, url = match.groups()
        if url.startswith(("data:", "http:", "https:", "/", "#")) or folder == ".":
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    return _CSS_URL.sub(rebase, css)


def _bundle_stylesheets(page: Path, text: str, outdir: Path, bundles: dict) -> str:
    head_end = text.find("</head>")
    if head_end < 0:  # a redirect page (index.html) has no head of its own
        return text
    links = [m for m in _STYLESHEET_LINK.finditer(text, 0, head_end)
             if not m.group(1).startswith(("http:", "https:", "//", "data:"))]
    if len(links) < 2:
        return text
    static = (outdir / "_static").resolve()
    files = tuple((page.parent / m.group(1).split("?")[0]).resolve() for m in links)
    if files not in bundles:
        import hashlib

        css = "\n".join(f"/* {f.relative_to(static).as_posix()} */\n{_inline_css(f, static)}" for f in files)
        name = f"course-{hashlib.sha1(css.encode('utf-8')).hexdigest()[:12]}.css"
        (static / name).write_text(css, encoding="utf-8")
        bundles[files] = name
    href = Path(os.path.relpath(static / bundles[files], page.parent.resolve())).as_posix()
    start = links[0].start()
    kept = [text[:start], f'<link rel="stylesheet" href="{href}" />\n']
    for previous, link in zip(links, links[1:]):
        kept.append(text[previous.end():link.start()])
    kept.append(text[links[-1].end():])
    return "".join(kept)


# documentation_options.js (0.4 KB of settings) is one more blocking request: its text goes inline.
_DOC_OPTIONS = re.compile(r'<script src="([^"]*_static/documentation_options\.js)[^"]*"></script>')


def _inline_documentation_options(page: Path, text: str) -> str:
    def inline(match):
        source = (page.parent / match.group(1)).read_text(encoding="utf-8").strip()
        return f"<script>{source}</script>"

    return _DOC_OPTIONS.sub(inline, text)


def _lighten_pages(outdir: Path) -> None:
    bundles: dict = {}
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] in ("_static", "_sources"):
            continue
        text = original = page.read_text(encoding="utf-8")
        text = _FA_SCRIPT.sub("", text)
        if page.name != "search.html":
            text = _SEARCH_SCRIPTS.sub(r'<script defer src="\1"></script>', text)
            text = _HELPER_SCRIPTS.sub(r'<script \1defer src="\2"></script>', text)
        text = _move_figure_data(page, text, outdir)
        text = _bundle_stylesheets(page, text, outdir, bundles)
        text = _inline_documentation_options(page, text)
        if text != original:
            page.write_text(text, encoding="utf-8")
    for leftover in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / leftover).unlink(missing_ok=True)


_REMOTE = re.compile(r"^(?:https?://(?:[^@/]+@)?|git@|ssh://git@)(github\.com|gitlab\.com|bitbucket\.org)[:/]"
                     r"([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


def repository_url_from_remote(remote: str) -> str:
    """The https address of a GitHub/GitLab/Bitbucket remote (credentials dropped), else ""."""
    match = _REMOTE.match(remote.strip())
    return f"https://{match.group(1)}/{match.group(2)}/{match.group(3)}" if match else ""


def _git_origin() -> str:
    import subprocess

    try:
        return subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _configure_launch_buttons(app, config):
    """Launch buttons need the repository's address: _config.yml's, else git's origin, else none."""
    options = config.html_theme_options
    launch = dict(options.get("launch_buttons") or {})
    url = (options.get("repository_url") or "").strip() or repository_url_from_remote(_git_origin())
    if url:
        options["repository_url"] = url
    elif any(launch.get(key) for key in ("binderhub_url", "jupyterhub_url")):
        from sphinx.util import logging

        logging.getLogger(__name__).info("no repository URL (repository.url in _config.yml or a git "
                                         "remote origin): the book shows no launch button")
        launch["binderhub_url"] = launch["jupyterhub_url"] = ""
        options["launch_buttons"] = launch


def setup(app):
    from book_ext import math_svg

    math_svg.setup(app)
    # on every page (0.9 KB), so that every page shares one stylesheet bundle
    app.add_css_file(FIGURE_CSS, priority=101)
    app.connect("config-inited", _configure_launch_buttons)
    # late, so that the scripts of every other handler are in the list
    app.connect("html-page-context", _on_page, priority=900)
    # last: sphinx-exercise copies its stylesheet in its own build-finished handler
    app.connect("build-finished", _copy_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
