"""One call per interactive figure: a live dashboard in a kernel, plotly-native sliders in the book.

A chapter author writes a *figure function* ``draw(**params) -> plotly.graph_objects.Figure``
(built from a model in the same topic module) and one call::

    explorable(draw, [Control("spoiler_strength", "Spoiler strength", 0, 1, 0.1, 0.3)],
               alt="Survival curves of simulated truces ...")

The returned object displays as one notebook output carrying three representations:

* ``application/vnd.jupyter.widget-view+json``: an ipywidgets dashboard (a slider per control and a
  plotly ``FigureWidget``) that recomputes the model on every move, for a live kernel;
* ``application/vnd.plotly.v1+json``: a static ``go.Figure`` whose plotly-native slider steps
  through the precomputed figures for the first control (the others at their defaults), which
  works with no kernel: this is what the HTML book shows and what nbval compares;
* ``text/plain``: a fixed description (alt text), identical on every run.

Both halves are built from the same ``draw`` function, so they cannot drift apart.
"""
from __future__ import annotations

import json
from typing import Callable, Sequence

import plotly.graph_objects as go

from widgets.controls import Control
from widgets.live import Dashboard, _layout_part

__all__ = ["Control", "Explorable", "explorable", "plotly_bundle", "static_figure", "StaticFigure"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class Explorable:
    """An interactive figure: see the module docstring."""

    def __init__(self, draw: Callable[..., go.Figure], controls: Sequence[Control], alt: str,
                 static: str | None = None):
        if not controls:
            raise ValueError("an explorable needs at least one control")
        if not alt.strip():
            raise ValueError("alt: describe the figure in words for readers who cannot see it")
        self.draw = draw
        self.controls = list(controls)
        self.alt = alt.strip()
        names = [c.name for c in self.controls]
        self.static_control = self.controls[names.index(static) if static else 0]
        self._dashboard: Dashboard | None = None

    @property
    def defaults(self) -> dict:
        return {c.name: float(c.values[c.default_index]) for c in self.controls}

    def static_figure(self) -> go.Figure:
        """All steps of the static control precomputed, one plotly slider to move between them."""
        ctl = self.static_control
        figures = [self.draw(**{**self.defaults, ctl.name: float(v)}) for v in ctl.values]
        per_step = len(figures[0].data)
        if any(len(f.data) != per_step for f in figures):
            raise RuntimeError("a figure function must return the same number of traces for every input")
        active = ctl.default_index
        static = go.Figure(layout=figures[active].layout)
        steps = []
        for i, (value, fig) in enumerate(zip(ctl.values, figures)):
            for trace in fig.data:
                trace = trace.to_plotly_json()
                trace["visible"] = i == active
                static.add_trace(trace)
            visible = [j // per_step == i for j in range(per_step * len(figures))]
            steps.append({
                "method": "update",
                "label": format(value, ctl.fmt),
                "args": [{"visible": visible}, _layout_part(fig)],
            })
        others = [f"{c.label} = {format(self.defaults[c.name], c.fmt)}"
                  for c in self.controls if c is not ctl]
        fixed = (" Fixed here: " + ", ".join(others) + " (run the notebook to move them).") if others else ""
        static.update_layout(
            sliders=[{
                "active": active,
                "currentvalue": {"prefix": f"{ctl.label}: "},
                "pad": {"t": 45},
                "steps": steps,
            }],
            meta={"alt": self.alt.rstrip(".") + "." + fixed},
            height=(static.layout.height or 420) + 90,
        )
        return static

    def dashboard(self) -> Dashboard:
        if self._dashboard is None:
            self._dashboard = Dashboard(self.draw, self.controls)
        return self._dashboard

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {}
        try:
            from IPython import get_ipython

            live = get_ipython() is not None and getattr(get_ipython(), "kernel", None) is not None
        except ImportError:  # pragma: no cover - IPython ships with ipykernel
            live = False
        if live:
            bundle.update(self.dashboard().box._repr_mimebundle_())
        bundle.update(plotly_bundle(self.static_figure()))
        bundle["text/plain"] = f"Interactive figure. {self.alt}"
        return bundle


def explorable(draw: Callable[..., go.Figure], controls: Sequence[Control], alt: str,
               static: str | None = None) -> Explorable:
    """One interactive figure for a chapter: live sliders in a kernel, plotly sliders in the book."""
    return Explorable(draw, controls, alt=alt, static=static)


def plotly_bundle(fig: go.Figure) -> dict:
    """Plotly's own notebook output for ``fig``, without going through ``plotly.io.renderers``:
    that module imports nbformat, hence jsonschema and rfc3987-syntax, which costs a kernel
    several seconds at the first figure. The JSON is the same (numpy arrays as base64 bdata)."""
    return {PLOTLY_MIME: json.loads(fig.to_json())}


class StaticFigure:
    """A figure with no live controls (or with plotly-native ones of its own), with alt text."""

    def __init__(self, figure: go.Figure, alt: str):
        if not alt.strip():
            raise ValueError("alt: describe the figure in words for readers who cannot see it")
        self.figure = figure
        self.alt = alt.strip()
        figure.update_layout(meta={"alt": self.alt})

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {**plotly_bundle(self.figure), "text/plain": f"Figure. {self.alt}"}


def static_figure(fig: go.Figure, alt: str) -> StaticFigure:
    """Display ``fig`` with its alt text (in the book, under the figure and as its ARIA label)."""
    return StaticFigure(fig, alt)
