"""The live half of an explorable: ipywidgets controls over a plotly figure, recomputed on every move."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control

# Layout keys that may change from one parameter value to the next (readouts, marked ranges).
_DYNAMIC_LAYOUT = ("title", "annotations", "shapes")


def _layout_part(fig: go.Figure) -> dict:
    layout = fig.layout.to_plotly_json()
    return {key: layout.get(key, [] if key != "title" else {}) for key in _DYNAMIC_LAYOUT}


def _same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype.kind == b.dtype.kind and bool(np.all(a == b))
    return a == b


def _changed(old: dict, new: dict) -> dict:
    """The top-level properties of ``new`` that differ from ``old`` (None resets a dropped one)."""
    changes = {k: v for k, v in new.items() if k not in old or not _same(old[k], v)}
    changes.update({k: None for k in old if k not in new and k not in ("uid", "type")})
    return changes


@dataclass
class Dashboard:
    """The live half: one ipywidgets slider per control above a plotly FigureWidget."""

    draw: Callable[..., go.Figure]
    controls: Sequence[Control]
    sliders: dict = field(init=False)
    figure: object = field(init=False)
    box: object = field(init=False)

    def __post_init__(self):
        import ipywidgets as ipw

        self.sliders = {
            c.name: ipw.FloatSlider(
                value=float(c.values[c.default_index]), min=c.low, max=c.high, step=c.step,
                description=c.label, readout_format=c.fmt, continuous_update=True,
                style={"description_width": "initial"}, layout=ipw.Layout(width="460px"),
            )
            for c in self.controls
        }
        self.figure = go.FigureWidget(self.draw(**self.params))
        for slider in self.sliders.values():
            slider.observe(self.redraw, names="value")
        self.box = ipw.VBox([*self.sliders.values(), self.figure])

    @property
    def params(self) -> dict:
        return {name: float(s.value) for name, s in self.sliders.items()}

    def redraw(self, change=None) -> None:
        """Recompute the model for the current slider values and update the figure in place."""
        new = self.draw(**self.params)
        if len(new.data) != len(self.figure.data):
            raise RuntimeError("a figure function must return the same number of traces for every input")
        with self.figure.batch_update():
            for old, trace in zip(self.figure.data, new.data):
                changes = _changed(old.to_plotly_json(), trace.to_plotly_json())
                if changes:  # validating and sending only what moved keeps a move fast
                    old.update(changes)
            layout = _changed(_layout_part(self.figure), _layout_part(new))
            if layout:
                self.figure.layout.update(layout)
