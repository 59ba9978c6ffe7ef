"""One look for every figure: a colour-blind-safe palette and a layout readable in light and dark mode.

The palette is Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
Backgrounds are transparent and text is a mid grey, so a figure reads on the light and the
dark theme of the book alike.
"""
from __future__ import annotations

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


def top_margin(title: str, legend_rows: int = 1) -> int:
    """Pixels above the plot for the title (one line per ``<br>``) and the legend above the plot."""
    return 50 + 22 * (title.count("<br>") + 1) + 26 * legend_rows


def base_layout(title: str = "", xaxis: str = "", yaxis: str = "", legend_rows: int = 1, **extra) -> dict:
    """Layout shared by all course figures (a plain dict, so it is cheap to build)."""
    layout = {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "y": 0.985, "yanchor": "top",
                  "yref": "container", "pad": {"t": 22}, "font": {"size": 15}},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"color": TEXT, "family": "sans-serif", "size": 13},
        "colorway": SEQUENCE,
        "xaxis": {"title": {"text": xaxis}, "gridcolor": GRID, "zerolinecolor": GRID},
        "yaxis": {"title": {"text": yaxis}, "gridcolor": GRID, "zerolinecolor": GRID},
        "margin": {"l": 60, "r": 20, "t": top_margin(title, legend_rows), "b": 50},
        "height": 460,
        # above the plot, so it never collides with the slider of the static figure below it
        "legend": {"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
    }
    layout.update(extra)
    return layout
