"""Mends of the theme's faults in the built pages: accessibility, a 1.5 MB script, duplicated scripts.

* The theme's search field, colour-mode button, sidebar toggles and myst-nb's hide-input toggles have
  accessible names that miss their visible text, or none; docutils' citation list has entries of the
  wrong role (axe: label-content-name-mismatch, summary-name, aria-required-children).
* fontawesome.js (1.5 MB) draws only icons the pages do not use: the pages' icons are glyphs of the
  icon font that the theme's CSS loads anyway. The script and its files are dropped.
* Sphinx 7.4 emits sphinx-togglebutton's inline scripts twice; the sphinx-thebe loader names a CDN
  though thebe is off. Both are dropped from each page's script list.
"""

from __future__ import annotations

import re
from pathlib import Path

from book_ext.pages import rewrite_pages

_A11Y_FIXES = [
    (re.compile(r'<summary aria-label="Toggle hidden content">'), "<summary>"),
    (
        re.compile(
            r'(<button class="btn search-button-field search-button__button[^"]*" title="Search") aria-label="Search"'
        ),
        r"\1",
    ),
    (re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"'), r'\1 role="listitem"'),
    (
        re.compile(r'<summary>(<span class="toctree-toggle")'),
        r'<summary aria-label="Show or hide the pages of this section">\1',
    ),
    (re.compile(r'(<i class="theme-switch [^"]*"\s+data-mode="\w+")\s+title="[^"]*"'), r'\1 aria-hidden="true"'),
]
_FA_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def unique_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
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


def _mend(page: Path, text: str) -> str:
    for pattern, replacement in _A11Y_FIXES:
        text = pattern.sub(replacement, text)
    return _FA_SCRIPT.sub("", text)


def mend_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    rewrite_pages(outdir, _mend)
    for leftover in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / leftover).unlink(missing_ok=True)


def setup(app) -> None:
    # late, so that the scripts of every other handler are in the list
    app.connect("html-page-context", unique_scripts, priority=950)
    app.connect("build-finished", mend_pages, priority=900)
