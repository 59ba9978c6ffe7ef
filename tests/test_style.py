"""The shared palette stays distinguishable for readers with colour-vision deficiencies."""

import itertools

import numpy as np
import pytest

from widgets.style import PALETTE, SEQUENCE, base_layout

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def to_lab(hex_colour: str, matrix: np.ndarray) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(matrix @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", CVD)
def test_figure_colours_are_distinguishable(vision):
    # CIE76 distance; about 10 is clearly distinguishable side by side in a plot legend.
    worst = min(
        np.linalg.norm(to_lab(a, CVD[vision]) - to_lab(b, CVD[vision])) for a, b in itertools.combinations(SEQUENCE, 2)
    )
    assert worst > 10, f"{vision}: two palette colours are {worst:.1f} apart"


def test_a_confusable_pair_fails_the_check():
    # the check can fail: pure red and green collapse for a deuteranope
    red, green = to_lab("#FF0000", CVD["deuteranopia"]), to_lab("#00A000", CVD["deuteranopia"])
    assert np.linalg.norm(red - green) < 20


def test_layout_is_transparent_and_uses_the_palette():
    layout = base_layout("t", "x", "y")
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert layout["colorway"] == SEQUENCE
    assert set(SEQUENCE) <= set(PALETTE.values())


# --- the course's lean plotly template -------------------------------------------------------

import copy  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

import plotly.io as pio  # noqa: E402

from widgets.contract import PLOTLY_MIME  # noqa: E402
from widgets.style import COURSE_TEMPLATE  # noqa: E402

CHAPTER_FIGURES = [
    (nb.stem, out["data"][PLOTLY_MIME])
    for nb in sorted((Path(__file__).resolve().parent.parent / "chapters").glob("*.ipynb"))
    for cell in json.loads(nb.read_text())["cells"]
    for out in cell.get("outputs", [])
    if PLOTLY_MIME in out.get("data", {})
]
# Parts of plotly's template that no course figure uses: other kinds of subplots, and the
# template's colour scales (every heatmap names HEATMAP_SCALE; see the check below).
UNUSED = {"polar", "ternary", "scene", "geo", "mapbox", "colorscale"}


def _under(defaults, own):
    """``own`` with ``defaults`` filled in where it sets nothing (how a template applies)."""
    if not isinstance(defaults, dict) or not isinstance(own, dict):
        return copy.deepcopy(own)
    merged = copy.deepcopy(defaults)
    for key, value in own.items():
        merged[key] = _under(defaults.get(key), value)
    return merged


def effective(figure: dict, template: dict) -> dict:
    """What plotly.js draws from: the figure's layout and traces with the template applied."""
    tlayout = template.get("layout", {})
    layout = {k: v for k, v in figure.get("layout", {}).items() if k != "template"}
    out = {"layout": {}, "data": []}
    for key in set(layout) | set(tlayout):
        if key in UNUSED:
            continue
        if key in ("xaxis", "yaxis"):
            continue
        out["layout"][key] = _under(tlayout.get(key), layout.get(key))
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))] + ["xaxis", "yaxis"]:
        out["layout"][name] = _under(tlayout.get(name[:5]), layout.get(name, {}))
    for trace in figure.get("data", []):
        kind = trace.get("type", "scatter")
        tdefault = (template.get("data", {}).get(kind) or [{}])[0]
        trace = _under(tdefault, trace)
        shape = trace.get("marker", {}).get("pattern", {}).get("shape", "")
        if "pattern" in trace.get("marker", {}) and not any(shape if isinstance(shape, list) else [shape]):
            del trace["marker"]["pattern"]  # a pattern without a shape draws nothing
        out["data"].append(trace)
    return out


def test_course_template_is_small():
    size = len(json.dumps(COURSE_TEMPLATE, separators=(",", ":")))
    assert size < 1500, f"the figure template takes {size} bytes in every figure"
    assert len(json.dumps(pio.templates["plotly"].to_plotly_json())) > 5000  # what it replaces


def test_figures_carry_the_course_template_not_plotlys():
    from widgets.bargaining import figure_range

    layout = figure_range().to_plotly_json()["layout"]
    assert len(json.dumps(layout["template"], separators=(",", ":"))) < 1500
    assert len(json.dumps(layout, separators=(",", ":"))) < 3000
    assert "polar" not in layout["template"]["layout"]


def test_every_stored_figure_looks_the_same_with_the_course_template():
    assert CHAPTER_FIGURES, "no plotly figure found in the chapters' stored outputs"
    reference = pio.templates["plotly"].to_plotly_json()
    for stem, figure in CHAPTER_FIGURES:
        for trace in figure["data"]:
            if trace.get("type") in ("heatmap", "contour", "histogram2d"):
                assert "colorscale" in trace, f"{stem}: a heatmap relies on the template's colour scale"
        assert "coloraxis" not in figure["layout"] or "colorscale" in figure["layout"]["coloraxis"]
        assert effective(figure, COURSE_TEMPLATE) == effective(figure, reference), stem


def test_the_look_check_can_fail():
    # dropping a default the figures rely on (the axis title standoff) is caught
    stem, figure = CHAPTER_FIGURES[0]
    leaner = copy.deepcopy(COURSE_TEMPLATE)
    del leaner["layout"]["xaxis"]["title"]
    assert effective(figure, leaner) != effective(figure, pio.templates["plotly"].to_plotly_json())
