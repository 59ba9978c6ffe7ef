"""The book's plotly renderer: deterministic ids, alt text, no plotly.js or MathJax inlined."""
from types import SimpleNamespace

from book_ext.plotly_mime import PLOTLY_MIME, PlotlyMimeRenderer
from widgets.bargaining import figure_range
from widgets.explorable import static_figure


class Doc:
    pass


def render(fig, doc):
    renderer = SimpleNamespace(renderer=SimpleNamespace(document=doc))
    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=fig.to_plotly_json())
    return PlotlyMimeRenderer.handle_mime(renderer, data, False)[0].astext()


def test_renders_a_div_with_alt_text_and_no_bundled_library():
    doc = Doc()
    html = render(static_figure(figure_range(), alt="three bars").figure, doc)
    assert 'aria-label="three bars"' in html and "Plotly.newPlot" in html
    assert len(html) < 200_000, "plotly.js must not be inlined"
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()


def test_ids_are_deterministic_and_unique_per_page():
    fig = static_figure(figure_range(), alt="x").figure
    first, again = render(fig, Doc()), render(fig, Doc())
    assert first == again
    doc = Doc()
    a, b = render(fig, doc), render(fig, doc)
    assert a != b  # the same figure twice on one page gets two ids


def test_other_mime_types_are_left_to_myst_nb():
    renderer = SimpleNamespace(renderer=SimpleNamespace(document=Doc()))
    assert PlotlyMimeRenderer.handle_mime(renderer, SimpleNamespace(mime_type="text/plain", content="x"), False) is None
