"""Math typeset at build time (book_ext/math_svg.py): SVG a reader sees, MathML a screen reader reads,
each page carrying its own glyphs, and a TeX error failing the strict build."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from book_ext.math_svg import Typesetter

USES = re.compile(r'<use [^>]*xlink:href="#([^"]+)"')
IDS = re.compile(r'<path [^>]*id="([^"]+)"')


@pytest.fixture(scope="module")
def typesetter():
    t = Typesetter()
    yield t
    t.close()


def test_a_formula_is_an_svg_in_the_text_colour_with_its_mathml_for_screen_readers(typesetter):
    html = typesetter.svg(r"p - c_A < 1", display=False, page="a")
    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert 'aria-hidden="true"' in svg and 'role="img"' in svg
    assert 'fill="currentColor"' in html  # follows the theme's text colour, light or dark
    mathml = re.search(r"<mjx-assistive-mml [^>]*><math [^>]*>(.*)</math></mjx-assistive-mml>", html).group(1)
    assert "<mi>p</mi><mo>−</mo><msub><mi>c</mi><mi>A</mi></msub><mo>&lt;</mo><mn>1</mn>" == mathml
    display = typesetter.svg(r"\sum_{k \ge 0} \delta^k", display=True, page="a")
    assert 'display="true"' in display and "<munder>" in display


def test_a_tex_error_is_an_error_not_red_text(typesetter):
    with pytest.raises(ValueError, match=r"Undefined control sequence \\nosuchmacro"):
        typesetter.svg(r"x + \nosuchmacro{y}", display=False, page="a")
    with pytest.raises(ValueError, match="Missing close brace"):
        typesetter.svg(r"\frac{1}{2", display=True, page="a")
    # and the process goes on typesetting
    assert "<svg" in typesetter.svg(r"\boldsymbol{x}", display=False, page="a")


def test_each_page_carries_the_glyphs_its_formulas_use_and_only_those(typesetter):
    first = typesetter.svg(r"\alpha + \beta", display=False, page="one")
    glyphs_one = typesetter.glyphs("one")
    second = typesetter.svg(r"\gamma", display=False, page="two")
    glyphs_two = typesetter.glyphs("two")
    assert typesetter.glyphs("one") == ""  # page one was written before page two began
    assert set(USES.findall(first)) <= set(IDS.findall(glyphs_one))
    assert set(USES.findall(second)) == set(IDS.findall(glyphs_two))  # gamma alone, not alpha or beta
    assert 'style="display: none;"' in glyphs_one and 'aria-hidden="true"' in glyphs_one


def strict_html_build(source, out) -> subprocess.CompletedProcess:
    """Sphinx's HTML build of ``source`` into ``out``, warnings as errors (as the book's build)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_strict_build_fails_on_a_tex_error(tmp_path):
    (tmp_path / "conf.py").write_text("extensions = ['book_ext.math_svg']\nhtml_math_renderer = 'course_svg'\n")
    (tmp_path / "index.rst").write_text("Good :math:`a^2`, bad :math:`\\nosuchmacro`.\n\n.. math:: e = m c^2\n")
    build = strict_html_build(tmp_path, tmp_path / "out")
    assert build.returncode != 0
    assert "TeX error" in build.stderr and "nosuchmacro" in build.stderr
    (tmp_path / "index.rst").write_text("Good :math:`a^2`.\n\n.. math:: e = m c^2\n")
    build = strict_html_build(tmp_path, tmp_path / "out2")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "out2" / "index.html").read_text()
    assert page.count("<mjx-container") == 2 and "MJX-SVG-global-cache" in page
    assert "mathjax" not in re.sub(r'class="[^"]*"', "", page).lower()  # no MathJax script, no config
    assert (tmp_path / "out2" / "_static" / "vendor" / "math.css").is_file()
