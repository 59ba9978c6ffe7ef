"""Light pages: after the build, each page's render-blocking requests are cut.

* Sphinx's search tools and index and the theme's small helper scripts, classic scripts in ``<head>``,
  are deferred (in the same order: they act on DOMContentLoaded, which deferred scripts still precede);
* the stylesheets of each page become one file, ``_static/course-HASH.css`` (:func:`bundle_stylesheets`);
* documentation_options.js (0.4 KB of settings that inline scripts after it use) goes inline;
* the redirecting index.html names an empty icon (no request for a /favicon.ico the site lacks).

:func:`rewrite_pages` is the loop every post-build rewrite of the book uses.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path
from typing import Callable

_SEARCH_SCRIPTS = re.compile(
    r'<script src="([^"]*(?:_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js))"></script>'
)
_HELPER_SCRIPTS = re.compile(
    r'<script (data-sd-tabs-storage-prefix="[^"]*" )?src="([^"]*(?:_static/doctools\.js|_static/sphinx_highlight\.js'
    r"|_static/clipboard\.min\.js|_static/copybutton\.js|_static/scripts/sphinx-book-theme\.js"
    r'|_static/togglebutton\.js|_static/design-tabs\.js)[^"]*)"></script>'
)
_DOC_OPTIONS = re.compile(r'<script src="([^"]*_static/documentation_options\.js)[^"]*"></script>')

# Relative url(...)s are rewritten for the bundle's folder, and an @import of a local file is
# inlined where it stood (it can only stand first in a file).
_STYLESHEET_LINK = re.compile(r'[ \t]*<link (?=[^>]*rel="stylesheet")[^>]*href="([^"]+)"[^>]*>\n?')
_CSS_URL = re.compile(r'url\((["\']?)([^"\')]+)\1\)')
_CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_ABSOLUTE = ("http:", "https:", "//", "data:")


def rewrite_pages(outdir: Path, transform: Callable[[Path, str], str]) -> None:
    """Apply ``transform(page, text) -> text`` to every HTML page of the built site ``outdir``."""
    for page in Path(outdir).rglob("*.html"):
        if page.relative_to(outdir).parts[0] in ("_static", "_sources"):
            continue
        text = page.read_text(encoding="utf-8")
        new = transform(page, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _inline_css(path: Path, static: Path) -> str:
    """The stylesheet ``path`` as it reads from ``static`` (its imports inlined, its urls rewritten)."""
    css = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    css = _CSS_IMPORT.sub(lambda m: _inline_css((path.parent / m.group(1)).resolve(), static), css)
    folder = path.parent.relative_to(static).as_posix()

    def rebase(match):
        quote, url = match.groups()
        if url.startswith(("data:", "http:", "https:", "/", "#")) or folder == ".":
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    return _CSS_URL.sub(rebase, css)


def _bundle(page: Path, text: str, outdir: Path, bundles: dict) -> str:
    head_end = text.find("</head>")
    if head_end < 0:  # a redirect page (index.html) has no head of its own
        return text
    links = [m for m in _STYLESHEET_LINK.finditer(text, 0, head_end) if not m.group(1).startswith(_ABSOLUTE)]
    if len(links) < 2:
        return text
    static = (outdir / "_static").resolve()
    files = tuple((page.parent / m.group(1).split("?")[0]).resolve() for m in links)
    if files not in bundles:
        css = "\n".join(f"/* {f.relative_to(static).as_posix()} */\n{_inline_css(f, static)}" for f in files)
        name = f"course-{hashlib.sha1(css.encode('utf-8')).hexdigest()[:12]}.css"
        (static / name).write_text(css, encoding="utf-8")
        bundles[files] = name
    href = Path(os.path.relpath(static / bundles[files], page.parent.resolve())).as_posix()
    kept = [text[: links[0].start()], f'<link rel="stylesheet" href="{href}" />\n']
    for previous, link in zip(links, links[1:]):
        kept.append(text[previous.end() : link.start()])
    kept.append(text[links[-1].end() :])
    return "".join(kept)


def bundle_stylesheets(outdir: Path) -> None:
    """Replace the local stylesheet links of each page of ``outdir`` by one, to a bundle of them in the
    same order (so the same cascade), named by its content; pages with the same links share it."""
    bundles: dict = {}
    rewrite_pages(outdir, lambda page, text: _bundle(page, text, Path(outdir), bundles))


def _defer_scripts(page: Path, text: str) -> str:
    if page.name != "search.html":
        text = _SEARCH_SCRIPTS.sub(r'<script defer src="\1"></script>', text)
        text = _HELPER_SCRIPTS.sub(r'<script \1defer src="\2"></script>', text)
    return _DOC_OPTIONS.sub(
        lambda m: f"<script>{(page.parent / m.group(1)).read_text(encoding='utf-8').strip()}</script>", text
    )


def _redirect_icon(page: Path, text: str) -> str:
    """Jupyter Book's index.html, a bare redirect, names an empty icon: else the browser asks the
    site for a /favicon.ico it does not have (a 404), and an icon file would be cut off by the redirect."""
    if "</head>" in text or 'http-equiv="Refresh"' not in text or 'rel="icon"' in text:
        return text
    return '<link rel="icon" href="data:," />\n' + text


def lighten(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    rewrite_pages(Path(app.outdir), _redirect_icon)
    rewrite_pages(Path(app.outdir), _defer_scripts)
    bundle_stylesheets(Path(app.outdir))


def setup(app) -> None:
    # last: sphinx-exercise copies its stylesheet, and math_svg writes its own, in build-finished handlers
    app.connect("build-finished", lighten, priority=950)
