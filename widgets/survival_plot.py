"""Drawing survival curves: the pieces every survival figure draws (chapters 5 and 10).

A curve sampled every few days, its Kaplan–Meier band (``widgets.survival.survival_band``), the
median lifetime and the axes. They return plain dicts (plotly validates them once, in ``go.Figure``).
"""

from __future__ import annotations

import numpy as np

from widgets.style import PALETTE, base_layout
from widgets.traces import lines, scatter

#: survival curves are drawn every SAMPLE_DAYS days (a point every few pixels: the same picture,
#: a fifth of the data in the notebook and the book's precomputed states)
SAMPLE_DAYS = 5


def curve_trace(
    curve: np.ndarray,
    name: str,
    colour: str,
    dash: str = "solid",
    width: float = 2.5,
    every: int = SAMPLE_DAYS,
    hover: str = "day %{x}: %{y:.0%} still holding",
) -> dict:
    """A survival curve (index = day) as a line, one point every ``every`` days and the last day;
    days as ``x0``/``dx`` where they are evenly spaced, shares as float32 (small notebooks and pages)."""
    days = len(curve) - 1
    if days % every == 0:
        x = {"x0": 0, "dx": every}
        y = np.asarray(curve)[::every]
    else:
        idx = np.r_[np.arange(0, days, every), days]
        x, y = {"x": idx}, np.asarray(curve)[idx]
    return scatter(
        **x,
        y=np.asarray(y, dtype=np.float32),
        mode="lines",
        name=name,
        line={"color": colour, "dash": dash, "width": width},
        hovertemplate=hover + "<extra>" + name + "</extra>",
    )


def band_traces(band: dict, every: int = SAMPLE_DAYS, name: str = "95% band (Kaplan–Meier)") -> list[dict]:
    """A confidence band (``survival_band``'s dict) as two lines sampled like the curve, the upper
    one filled down to the lower one: no x values stored (``x0``/``dx``), so each state of a static
    figure carries only the two edges."""
    lower = curve_trace(band["lower"], name + ", lower edge", "rgba(0,114,178,0)", width=0, every=every)
    upper = curve_trace(band["upper"], name, "rgba(0,114,178,0)", width=0, every=every)
    for trace in (lower, upper):
        del trace["hovertemplate"]
        trace["hoverinfo"] = "skip"
    lower["showlegend"] = False
    upper.update(fill="tonexty", fillcolor="rgba(0,114,178,0.2)")
    return [lower, upper]


def half_line(days: int) -> dict:
    """A thin line at half the truces, across the horizon: the median lifetime is where a curve
    crosses it."""
    return lines([0, days], [0.5, 0.5], "half the truces", PALETTE["grey"], width=1, showlegend=False, hoverinfo="skip")


def median_trace(median: float, colour: str, name: str = "median lifetime") -> dict:
    """A dotted drop from half the truces to the axis at the median lifetime (an empty trace when
    more than half outlast the horizon, so a figure keeps the same traces in every state)."""
    if np.isinf(median):
        return scatter(x=[], y=[], mode="lines", name=name, showlegend=False)
    return lines(
        [median, median],
        [0.0, 0.5],
        name,
        colour,
        width=1.5,
        dash="dot",
        showlegend=False,
        hovertemplate=f"{name}: day %{{x:.0f}}<extra></extra>",
    )


def survival_layout(
    title: str,
    days: int,
    yaxis: str = "share of simulated truces still holding",
    xaxis: str = "days since the truce began",
) -> dict:
    """Axes of a survival figure: the share still holding (0-100%) against days."""
    layout = base_layout(title=title, xaxis=xaxis, yaxis=yaxis)
    layout["yaxis"].update(range=[0, 1.02], tickformat=".0%")
    layout["xaxis"].update(range=[0, days])
    return layout
