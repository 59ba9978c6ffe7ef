"""One way to build a plotly trace: a plain dict, which ``go.Figure`` validates once.

Building ``go.Scatter`` first would validate twice, and figure functions run on every slider move
and hundreds of times for one static book figure. The figure is the same either way: plotly orders
a trace's properties itself.

``lines``, ``markers`` and ``bars`` cover the common shapes (a coloured line; coloured points;
coloured bars); anything
else a trace needs is passed on as it is (``hovertemplate``, ``showlegend``, ``xaxis`` ...).
"""

from __future__ import annotations

import numpy as np


def trace(kind: str, **props) -> dict:
    """A trace of type ``kind`` ("scatter", "bar", "heatmap" ...) with ``props``."""
    return {"type": kind, **props}


def scatter(**props) -> dict:
    return trace("scatter", **props)


def bar(**props) -> dict:
    return trace("bar", **props)


def lines(
    x,
    y,
    name: str,
    colour: str,
    width: float | None = None,
    dash: str | None = None,
    shape: str | None = None,
    **props,
) -> dict:
    """A scatter trace drawn as a line of one colour, ``shape`` "hv" for steps (``mode`` may be
    overridden, e.g. "lines+markers")."""
    line = {"color": colour}
    for key, value in (("width", width), ("dash", dash), ("shape", shape)):
        if value is not None:
            line[key] = value
    return scatter(**{"x": x, "y": y, "mode": "lines", "name": name, "line": line, **props})


def steps(x, y, name: str, colour: str, dash: str | None = None, **props) -> dict:
    """A share that changes only at the points of a grid: a line of steps, 3 px wide, its points
    stored as float32 (half the size of the static figure)."""
    return lines(np.asarray(x, np.float32), np.asarray(y, np.float32), name, colour, 3, dash, "hv", **props)


def markers(x, y, name: str, colour, size: float, symbol: str | None = None, **props) -> dict:
    """A scatter trace of points, all in ``colour`` (or one colour per point) and ``size``."""
    marker = {"color": colour, "size": size}
    if symbol is not None:
        marker["symbol"] = symbol
    return scatter(x=x, y=y, mode="markers", name=name, marker={**marker, **props.pop("marker", {})}, **props)


def bars(x, y, name: str, colour, **props) -> dict:
    """A bar trace, all in ``colour`` (or one colour per bar); more ``marker`` props may be passed."""
    return bar(x=x, y=y, name=name, marker={"color": colour, **props.pop("marker", {})}, **props)
