"""One look for every figure: a colour-blind-safe palette and a layout readable in light and dark mode.

The palette is Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
Backgrounds are transparent and text is a mid grey, so a figure reads on the light and the
dark theme of the book alike.
"""

from __future__ import annotations

import copy

# Okabe-Ito, ordered so the first colours differ most in lightness as well as hue.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
}
SEQUENCE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")]
# A sequential scale for heatmaps that stays readable for colour-blind readers (cividis).
HEATMAP_SCALE = "Cividis"

TEXT = "#7f7f7f"
GRID = "rgba(127,127,127,0.25)"

# The course's own plotly template, instead of plotly's default ("plotly", 7.1 KB in every figure's
# JSON). It keeps exactly what plotly's template gives the course's figures that base_layout does
# not set itself (axis standoff and automargin, zero-line width, the white lines of a second axis,
# the thin outline and hatching of bars, colour-bar outline, hover, shape and annotation defaults), and drops
# what they never use (polar, ternary, 3-D and map settings, its colour scales and colourway:
# heatmaps name HEATMAP_SCALE and base_layout sets the palette). See tests/test_style.py.
_PLOTLY_INK = "#2a3f5f"
_AXIS = {
    "gridcolor": "white",
    "linecolor": "white",
    "ticks": "",
    "title": {"standoff": 15},
    "zerolinecolor": "white",
    "automargin": True,
    "zerolinewidth": 2,
}
_PATTERN = {"fillmode": "overlay", "size": 10, "solidity": 0.2}  # the hatching of bars (chapter 3)
COURSE_TEMPLATE = {
    "layout": {
        "autotypenumbers": "strict",
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "coloraxis": {"colorbar": {"outlinewidth": 0, "ticks": ""}},
        "shapedefaults": {"line": {"color": _PLOTLY_INK}},
        "annotationdefaults": {"arrowcolor": _PLOTLY_INK, "arrowhead": 0, "arrowwidth": 1},
    },
    "data": {
        "bar": [
            {
                "type": "bar",
                "error_x": {"color": _PLOTLY_INK},
                "error_y": {"color": _PLOTLY_INK},
                "marker": {"line": {"color": "#E5ECF6", "width": 0.5}, "pattern": _PATTERN},
            }
        ],
        "scatter": [{"type": "scatter", "fillpattern": _PATTERN}],
        "heatmap": [{"type": "heatmap", "colorbar": {"outlinewidth": 0, "ticks": ""}}],
    },
}


def top_margin(title: str, legend_rows: int = 1) -> int:
    """Pixels above the plot for the title (one line per ``<br>``) and the legend above the plot."""
    return 50 + 22 * (title.count("<br>") + 1) + 26 * legend_rows


def base_layout(title: str = "", xaxis: str = "", yaxis: str = "", legend_rows: int = 1, **extra) -> dict:
    """Layout shared by all course figures (a plain dict, so it is cheap to build)."""
    layout = {
        "title": {
            "text": title,
            "x": 0.0,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 22},
            "font": {"size": 15},
        },
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"color": TEXT, "family": "sans-serif", "size": 13},
        "colorway": SEQUENCE,
        "xaxis": {"title": {"text": xaxis}, "gridcolor": GRID, "zerolinecolor": GRID},
        "yaxis": {"title": {"text": yaxis}, "gridcolor": GRID, "zerolinecolor": GRID},
        "margin": {"l": 60, "r": 20, "t": top_margin(title, legend_rows), "b": 50},
        "height": 460,
        # above the plot, clear of the axes and their ticks
        "legend": {"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "template": copy.deepcopy(COURSE_TEMPLATE),
    }
    layout.update(extra)
    return layout


def percent(x: float, below_one: bool = True) -> str:
    """A share as a whole percentage, '42%'; a positive share that would round to 0% reads '<1%'
    (``below_one=False``: '0%', as the warlords' and militias' titles have it)."""
    return "<1%" if below_one and 0.0 < x < 0.005 else f"{100 * x:.0f}%"
