"""Math typeset at build time: the book's pages carry SVG, not MathJax.

A Sphinx HTML math renderer (``html_math_renderer: course_svg`` in _config.yml). Each formula is
typeset once, while the page is written, by MathJax 3 running in node (``book_ext/tex2svg.js``, one
process for the whole build): an SVG drawn in ``currentColor`` (so it follows the light or dark
theme), with the formula's MathML beside it for screen readers. The glyph shapes a page uses are
stored once on that page, in a hidden ``<svg>`` at the start of its body. A reader's browser runs
no MathJax: no 1 MB script to parse on a phone and no reflow as formulas appear, and the math
shows the same opened from disk, offline, or with JavaScript off.

A TeX error is a Sphinx warning at the formula (so the strict build fails), never red text on a page.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes

WORKER = Path(__file__).resolve().parent / "tex2svg.js"
MATH_CSS = "vendor/math.css"
# A display formula wider than a phone's column shrinks to fit it (whole, no sideways scrolling).
EXTRA_CSS = """
mjx-container[jax="SVG"][display="true"] { margin: 0.5em 0; }
mjx-container[jax="SVG"][display="true"] > svg { max-width: 100%; height: auto; }
"""


class Typesetter:
    """One node process running MathJax, asked one formula at a time (JSON lines)."""

    def __init__(self):
        self._process = None
        self.page = None  # the page whose glyphs the process holds

    def _ask(self, request: dict) -> dict:
        if self._process is None:
            node = shutil.which("node")
            if node is None:
                raise RuntimeError("node is not on PATH: the book's math is typeset at build time by MathJax in node")
            if not (WORKER.parent.parent / "node_modules" / "mathjax").is_dir():
                raise RuntimeError("MathJax is missing from node_modules: run `npm ci` (make book does)")
            self._process = subprocess.Popen(
                [node, str(WORKER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
            atexit.register(self.close)
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the MathJax process ({WORKER.name}) stopped")
        return json.loads(line)

    def svg(self, tex: str, display: bool, page: str) -> str:
        """The formula as HTML (SVG plus assistive MathML); ValueError on a TeX error."""
        if page != self.page:
            self._ask({"cmd": "reset"})
            self.page = page
        answer = self._ask({"tex": tex, "display": display})
        if "error" in answer:
            raise ValueError(answer["error"])
        return answer["html"]

    def glyphs(self, page: str) -> str:
        """The hidden <svg> with the glyph shapes of ``page``'s formulas ("" if it has none)."""
        return self._ask({"cmd": "glyphs"})["html"] if page == self.page else ""

    def css(self) -> str:
        return self._ask({"cmd": "css"})["css"] + EXTRA_CSS

    def close(self):
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None


TYPESETTER = Typesetter()


def _typeset(translator, node, tex: str, display: bool) -> str:
    try:
        return TYPESETTER.svg(tex, display, translator.builder.current_docname)
    except ValueError as error:
        from sphinx.util import logging

        logging.getLogger(__name__).warning("TeX error in %r: %s", tex, error, location=node)
        return f'<code class="math-error">{translator.encode(tex)}</code>'


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_typeset(self, node, node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    """As sphinx.ext.mathjax's: equation number and permalink, blank-line-separated parts aligned."""
    from sphinx.locale import _
    from sphinx.util.math import get_node_equation_number

    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["nowrap"]:
        tex = node.astext()
    else:
        if node["number"]:
            self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
            self.add_permalink_ref(node, _("Link to this equation"))
            self.body.append("</span>")
        parts = [part for part in node.astext().split("\n\n") if part.strip()]
        parts = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts]
        tex = r"\\".join(parts)
        if len(parts) > 1:
            tex = rf"\begin{{align}}\begin{{aligned}}{tex}\end{{aligned}}\end{{align}}"
    self.body.append(_typeset(self, node, tex, display=True) + "</div>\n")
    raise nodes.SkipNode


def add_glyphs(app, pagename, templatename, context, doctree) -> None:
    """html-page-context: put the page's glyph shapes at the start of its body, once."""
    if app.builder.math_renderer_name != "course_svg" or "MathJax" not in context.get("body", ""):
        return
    glyphs = TYPESETTER.glyphs(pagename)
    if glyphs:
        context["body"] = glyphs + context["body"]


def write_css(app, exception) -> None:
    if exception is None and app.builder.format == "html" and app.builder.math_renderer_name == "course_svg":
        target = Path(app.outdir) / "_static" / MATH_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TYPESETTER.css(), encoding="utf-8")
    TYPESETTER.close()


def setup(app) -> None:
    app.add_html_math_renderer("course_svg", (visit_math, None), (visit_displaymath, None))
    app.add_css_file(MATH_CSS)
    app.connect("html-page-context", add_glyphs, priority=400)
    app.connect("build-finished", write_css, priority=400)  # before book_ext bundles the stylesheets
