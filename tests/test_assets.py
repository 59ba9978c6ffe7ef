"""The plotly.js the book ships draws every figure of the chapters, at plotly.py's own version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from book_ext.assets import plotly_js_source
from widgets.contract import PLOTLY_MIME

ROOT = Path(__file__).resolve().parent.parent
FULL_BUNDLE = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"


def bundle_trace_types(source: Path) -> set[str]:
    """Trace types a plotly.js bundle registers (each trace module declares moduleType "trace")."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', source.read_text(encoding="utf-8")))


def bundle_version(source: Path) -> str:
    with source.open(encoding="utf-8") as f:
        head = f.read(400)
    match = re.search(r"plotly\.js(?: \([\w -]+\))? v(\d+\.\d+\.\d+)", head)
    assert match, f"no version in the header of {source}"
    return match.group(1)


def trace_types(figure: dict) -> set[str]:
    """Trace types a stored figure draws: its traces, the states of its static explorable, and
    any trace its buttons swap in."""
    traces = list(figure.get("data", []))
    layout = figure.get("layout", {})
    meta = layout.get("meta")
    explorable = meta.get("explorable") if isinstance(meta, dict) else None
    if isinstance(explorable, dict):
        stored = explorable.get("traces", [])
        traces += list(stored.values()) if isinstance(stored, dict) else list(stored)
    for menu in layout.get("updatemenus", []):
        for step in menu.get("buttons", []):
            for arg in step.get("args", [])[:1]:
                if isinstance(arg, dict) and "type" in arg:
                    kinds = arg["type"]
                    traces += [{"type": k} for k in (kinds if isinstance(kinds, list) else [kinds])]
    return {t.get("type", "scatter") for t in traces if isinstance(t, dict)}


def chapter_figures():
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            for out in cell.get("outputs", []):
                if PLOTLY_MIME in out.get("data", {}):
                    yield nb.stem, out["data"][PLOTLY_MIME]


def test_no_stored_figure_carries_plotlys_svg_slider():
    """plotly's SVG slider takes no keyboard and has no slider role: every interactive figure uses the
    book's native controls (widgets.explorable). The book refuses such a figure too (plotly_mime)."""
    with_slider = [stem for stem, fig in chapter_figures() if fig.get("layout", {}).get("sliders")]
    assert with_slider == [], f"figures with plotly's SVG slider in {sorted(set(with_slider))}"
    assert sum(1 for _ in chapter_figures()) > 20  # the scan saw the book's figures


def test_shipped_bundle_is_the_cartesian_build_at_plotly_pys_version():
    import plotly.offline

    source = plotly_js_source()
    assert source.is_file(), f"{source} is missing: run `npm ci`"
    assert bundle_version(source) == plotly.offline.get_plotlyjs_version()
    assert source.stat().st_size < 2_000_000  # the partial build, not the 4.8 MB full one
    package = json.loads((ROOT / "package.json").read_text())
    assert package["dependencies"]["plotly.js-cartesian-dist-min"] == plotly.offline.get_plotlyjs_version()


def test_every_figure_uses_only_trace_types_the_bundle_has():
    available = bundle_trace_types(plotly_js_source())
    assert {"scatter", "bar", "heatmap"} <= available
    figures = list(chapter_figures())
    assert figures, "no plotly figure in the chapters' stored outputs"
    missing = {f"{stem}: {kind}" for stem, figure in figures for kind in trace_types(figure) - available}
    assert not missing, f"trace types the shipped plotly.js cannot draw: {sorted(missing)}"


def test_the_trace_type_check_can_fail():
    available = bundle_trace_types(plotly_js_source())
    # the full bundle has far more trace types, among them ones the cartesian build lacks
    assert {"scatter3d", "choropleth", "sankey"} <= bundle_trace_types(FULL_BUNDLE) - available
    figure = {"data": [{"type": "scatter"}], "layout": {"meta": {"explorable": {"traces": [{"type": "scatter3d"}]}}}}
    assert trace_types(figure) - available == {"scatter3d"}
    assert trace_types({"data": [{"x": [1]}]}) == {"scatter"}


@pytest.mark.parametrize(
    "header, version",
    [
        ("/**\n* plotly.js (cartesian - minified) v4.1.1\n", "4.1.1"),
        ("/**\n* plotly.js v3.0.0\n", "3.0.0"),
    ],
)
def test_bundle_version_is_read_from_the_header(tmp_path, header, version):
    path = tmp_path / "plotly.js"
    path.write_text(header + "(function(){})")
    assert bundle_version(path) == version


def test_stylesheets_bundle_in_order_with_imports_inlined_and_urls_rebased(tmp_path):
    """book_ext bundles a page's stylesheets into one _static/course-HASH.css (one request before
    the first paint): same order, a local @import inlined where it stood, relative url()s rewritten
    for the bundle's folder, absolute and data: urls left alone; pages with the same links share it."""
    from book_ext.pages import bundle_stylesheets

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text("p { margin: 0 }\n")
    (static / "styles" / "theme.css").write_text('@import "../basic.css";\nh1 { color: red }\n')
    (static / "styles" / "icons.css").write_text(
        '@font-face { src: url(../vendor/fa.woff2) }\n.x { background: url("data:image/svg+xml,a\'b") }\n'
        ".y { background: url(https://example.org/z.png) }\n"
    )
    (static / "course.css").write_text(".z { background: url(img/a.png) }\n")
    (tmp_path / "chapters").mkdir()
    head = (
        '<html><head>\n  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/styles/icons.css" />\n<script>x=1</script>\n'
        '    <link rel="stylesheet" type="text/css" href="../_static/course.css?v=2" />\n</head><body></body></html>'
    )
    (tmp_path / "chapters" / "one.html").write_text(head)
    (tmp_path / "two.html").write_text(head.replace("../_static", "_static"))
    (tmp_path / "redirect.html").write_text('<meta http-equiv="Refresh" content="0; url=one.html" />')
    bundle_stylesheets(tmp_path)
    out = (tmp_path / "chapters" / "one.html").read_text()
    links = re.findall(r"<link [^>]*>", out)
    assert len(links) == 1 and re.fullmatch(
        r'<link rel="stylesheet" href="\.\./_static/course-\w{12}\.css" />', links[0]
    )
    assert "<script>x=1</script>" in out and out.index(links[0]) < out.index("<script>")
    bundles = list(static.glob("course-*.css"))
    assert len(bundles) == 1, "a second page with the same stylesheets shares the bundle"
    css = bundles[0].read_text()
    order = [css.index(s) for s in ("p { margin: 0 }", "h1 { color: red }", "url(vendor/fa.woff2)", "url(img/a.png)")]
    assert order == sorted(order) and "@import" not in css
    assert 'url("data:image/svg+xml,a\'b")' in css and "url(https://example.org/z.png)" in css
    assert f'href="_static/{bundles[0].name}"' in (tmp_path / "two.html").read_text()
    assert "Refresh" in (tmp_path / "redirect.html").read_text()  # a page without a head is left alone
