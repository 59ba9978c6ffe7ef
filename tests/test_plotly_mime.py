"""The book's plotly renderer: deterministic ids, alt text, labelled native controls for explorables,
no inline plotting script, no plotly.js or MathJax inlined, no "Share chart" button."""

import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest

from book_ext.plotly_mime import PlotlyMimeRenderer
from widgets.bargaining import figure_range
from widgets.contract import PLOTLY_CONFIG, PLOTLY_MIME
from widgets.explorable import Control, explorable, static_figure


class Doc:
    pass


def render_json(fig_json, doc):
    renderer = SimpleNamespace(renderer=SimpleNamespace(document=doc))
    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=fig_json)
    return PlotlyMimeRenderer.handle_mime(renderer, data, False)[0].astext()


def render(fig, doc):
    return render_json(json.loads(fig.to_json()), doc)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside labels, legends and outputs."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.texts, self.open = [], {}, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("label", "legend", "output", "option", "script"):
            self.open.append((tag, dict(attrs), []))

    def handle_data(self, data):
        for _, _, parts in self.open:
            parts.append(data)

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            t, attrs, parts = self.open.pop()
            self.texts.setdefault(t, []).append((attrs, "".join(parts).strip()))

    def all(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def explorable_html():
    def draw(kind="total", colour="red", a=0.5, b=0.25):
        return go.Figure(
            [go.Scatter(x=[0, 1], y=[a, b], name=f"{kind} {colour}")], {"title": {"text": f"a {a}"}, "height": 420}
        )

    exp = explorable(
        draw,
        [
            Control("a", "Spoiler strength", 0, 1, 0.25, unit="of the maximum"),
            Control("kind", "Spoiler type", choices=("limited", "greedy", "total")),
            Control("colour", "Colour", choices=("red", "green", "blue", "black")),
            Control("b", "b", 0, 1, 0.25),
        ],
        alt="a test figure",
        book=["a", "kind", "colour"],
    )
    return render_json(exp.book_json(), Doc())


def test_renders_a_figure_block_with_alt_text_and_no_bundled_library():
    html = render(static_figure(figure_range(), alt="three bars").figure, Doc())
    assert html.startswith('<div class="course-figure" role="figure" aria-label="three bars"')
    assert '<p class="course-figure-alt">three bars</p>' in html
    assert "Plotly.newPlot" not in html, "the book's script draws the figure; no inline call"
    assert len(html) < 200_000, "plotly.js must not be inlined"
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()


def test_the_book_json_is_embedded_safely_with_the_modebar_config():
    fig = static_figure(figure_range(), alt="x").figure
    fig.update_layout(title_text="a </script><script>alert(1)</script> title")
    html = render(fig, Doc())
    blocks = re.findall(r'<script type="application/json" class="course-figure-json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, "the title must not end the JSON block early"
    payload = json.loads(blocks[0])
    assert payload["layout"]["title"]["text"].startswith("a </script>")
    assert payload["config"] == PLOTLY_CONFIG and "sendChartToCloud" in PLOTLY_CONFIG["modeBarButtonsToRemove"]
    assert len(payload["data"]) == len(fig.data)


def test_ids_are_deterministic_and_unique_per_page():
    fig = static_figure(figure_range(), alt="x").figure
    first, again = render(fig, Doc()), render(fig, Doc())
    assert first == again
    doc = Doc()
    a, b = render(fig, doc), render(fig, doc)
    assert a != b  # the same figure twice on one page gets two ids
    ids = [Elements(x).all("div", **{"class": "plotly-graph-div course-plot"})[0]["id"] for x in (a, b)]
    assert ids[0] != ids[1] and all(i.startswith("plotly-") for i in ids)


def test_an_explorable_gets_one_labelled_native_control_per_book_control():
    html = explorable_html()
    el = Elements(html)
    assert el.all("div")[0]["class"] == "course-figure course-explorable"
    assert len(el.all("form", **{"class": "course-controls"})) == 1
    # a range input with a visible label, a readout and aria-valuetext, stepping through the
    # parameter's own values (a screen reader announces 0.5, never a grid position)
    (rng,) = el.all("input", type="range")
    assert (rng["min"], rng["max"], rng["step"], rng["value"]) == ("0", "1", "0.25", "0.5")
    assert rng["aria-valuetext"] == "0.50 of the maximum"
    labels = {a.get("for"): text for a, text in el.texts["label"] if a.get("for")}
    assert labels[rng["id"]] == "Spoiler strength"
    outputs = {a["for"]: text for a, text in el.texts["output"]}
    assert outputs[rng["id"]] == "0.50 of the maximum"
    # three choices: radio buttons in a fieldset with a legend, the default checked
    radios = el.all("input", type="radio")
    assert len(radios) == 3 and len({r["name"] for r in radios}) == 1
    assert [("checked" in r) for r in radios] == [False, False, True]
    assert [text for _, text in el.texts["legend"]] == ["Spoiler type"]
    assert [text for a, text in el.texts["label"] if not a.get("for")] == ["limited", "greedy", "total"]
    # four choices: a labelled select
    (select,) = el.all("select")
    assert labels[select["id"]] == "Colour"
    assert [text for _, text in el.texts["option"]] == ["red", "green", "blue", "black"]
    assert ["selected" in o for o in el.all("option")] == [True, False, False, False]
    # every control says which book control it moves, and every id is unique
    assert sorted(a["data-index"] for t, a in el.tags if "data-index" in a) == ["0", "1", "1", "1", "2"]
    ids = [a["id"] for _, a in el.tags if "id" in a]
    assert len(ids) == len(set(ids))
    # the plot target keeps the figure's height (no jump when it is drawn)
    assert "height:420px" in el.all("div", **{"class": "plotly-graph-div course-plot"})[0]["style"]


def test_a_figure_with_plotlys_own_svg_slider_is_refused():
    # plotly's SVG slider takes no keyboard and has no slider role: the build stops at it
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1])])
    fig.update_layout(sliders=[{"steps": [{"label": "a", "method": "update", "args": [{}]}]}], meta={"alt": "old"})
    with pytest.raises(ValueError, match="SVG slider"):
        render(fig, Doc())


def _control(values, labels, kind="range"):
    return {"name": "x", "label": "X", "kind": kind, "values": values, "labels": labels, "default_index": 1}


def test_a_range_counts_in_the_readouts_units():
    from book_ext.plotly_mime import controls_html

    # percentages: the range runs 0..100 in steps of 5, as the readout reads
    html = controls_html(
        {"controls": [_control([0, 0.05, 0.1, 0.15], ["0% of it", "5% of it", "10% of it", "15% of it"])]}, "p"
    )
    (rng,) = Elements(html).all("input", type="range")
    assert (rng["min"], rng["max"], rng["step"], rng["value"], rng["data-scale"]) == ("0", "15", "5", "5", "100")
    # steps that are not exact in binary: the attributes are the short decimal values
    html = controls_html({"controls": [_control([0.05, 0.15, 0.25, 0.35], ["0.05", "0.15", "0.25", "0.35"])]}, "q")
    (rng,) = Elements(html).all("input", type="range")
    assert (rng["min"], rng["max"], rng["step"], rng["value"], rng["data-scale"]) == (
        "0.05",
        "0.35",
        "0.1",
        "0.15",
        "1",
    )


@pytest.mark.parametrize("values, kind", [([0.0, 0.3, 1.0], "radio"), ([0.5, 0.7, 0.85, 0.95], "select")])
def test_an_uneven_grid_is_a_control_whose_value_is_the_value_itself(values, kind):
    from book_ext.plotly_mime import controls_html, html_kind

    labels = [f"{v:.2f}" for v in values]
    assert html_kind(_control(values, labels)) == kind
    el = Elements(controls_html({"controls": [_control(values, labels)]}, "u"))
    assert el.all("input", type="range") == []
    shown = [text for _, text in el.texts["option" if kind == "select" else "label"]]
    assert shown == labels  # what a screen reader announces for each choice is the value


def test_an_unknown_control_kind_is_refused():
    from book_ext.plotly_mime import controls_html

    with pytest.raises(ValueError, match="controls"):
        controls_html(
            {
                "controls": [
                    {
                        "name": "a",
                        "label": "A",
                        "kind": "knob",
                        "values": [0, 1],
                        "labels": ["0", "1"],
                        "default_index": 0,
                    }
                ]
            },
            "x",
        )


def test_other_mime_types_are_left_to_myst_nb():
    renderer = SimpleNamespace(renderer=SimpleNamespace(document=Doc()))
    assert PlotlyMimeRenderer.handle_mime(renderer, SimpleNamespace(mime_type="text/plain", content="x"), False) is None
