"""One call per interactive figure: a live dashboard in a kernel, native controls over precomputed states in the book.

A chapter author writes a *figure function* ``draw(**params) -> plotly.graph_objects.Figure``
(built from a model in the same topic module) and one call::

    explorable(figure_survival, ["spoiler_strength", "monitoring", "inducement"],
               grid={"spoiler_strength": 0.1, "monitoring": 0.25, "inducement": [0, 0.5, 1]},
               alt="Survival curves of simulated truces ...")

``controls`` are declared names (see :mod:`widgets.controls`) or ``Control`` objects. ``book`` names
the controls the static book shows (default: every control, in order; name fewer to keep the
number of states under ``MAX_STATES``); ``grid`` gives a book control a coarser grid than its live
slider: a step, or a list of values (the default value is always added).

The returned object displays as one notebook output carrying three representations:

* ``application/vnd.jupyter.widget-view+json``: an ipywidgets dashboard (one widget per control
  over the :class:`widgets.live.PlotlyView` anywidget, which receives only what changed) that
  recomputes the model on every move, for a live kernel;
* ``application/vnd.plotly.v1+json``: a static ``go.Figure`` showing the default state, with every
  combination of the book controls' values precomputed in ``layout.meta["explorable"]``. The book
  (book_ext/plotly_mime.py and book_ext/static/explorable.js) draws one native HTML control per book
  control and switches between the states with no kernel. This is also what nbval compares;
* ``text/plain``: a fixed description (alt text), identical on every run.

``layout.meta["explorable"]`` holds the precomputed states, as :mod:`widgets.contract` describes
(``SPEC_KEYS``, ``CONTROL_KEYS``). A control's ``kind`` is "range" for a number, "radio" or "select" for a choice. The book draws a
number as an ``<input type="range">`` in the parameter's own values where its book grid is even,
and as radio buttons or a ``<select>`` where it is not (book_ext/plotly_mime.py, ``html_kind``), so
that a screen reader always announces the value, never a grid position.

Both halves are built from the same ``draw`` function, so they cannot drift apart.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import PlotlyJSONEncoder, convert_to_base64

from widgets.contract import ALT_KEY, DYNAMIC_LAYOUT, META_KEY, PLOTLY_MIME
from widgets.controls import Control, resolve
from widgets.live import Dashboard

__all__ = ["Control", "Explorable", "explorable", "plotly_bundle", "static_figure", "StaticFigure", "MAX_STATES"]

#: most precomputed states one static figure may hold (page weight and precomputing time)
MAX_STATES = 800


@dataclass(frozen=True)
class BookControl:
    """One native control of the static book: the values it steps through and what the reader reads."""

    name: str
    label: str
    kind: str  # "range", "select" or "radio"
    values: tuple
    labels: tuple
    default_index: int

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "values": list(self.values),
            "labels": list(self.labels),
            "default_index": self.default_index,
        }


def book_control(control: Control, grid=None) -> BookControl:
    """The book's control for ``control``: its own values, or ``grid`` (a step, or a list of values).

    The control's default value is always one of the book values, so the figure opens where the
    live dashboard does."""
    default = control.default_value
    if grid is None:
        values = list(control.values)
    elif control.is_choice:
        if isinstance(grid, (str, bytes)) or not isinstance(grid, Sequence):
            raise ValueError(f"grid[{control.name!r}]: a choice control takes a list of its choices")
        values = []
        for v in grid:
            if v not in control.values:
                raise ValueError(f"grid[{control.name!r}]: {v!r} is not one of its choices {control.values}")
            if v not in values:
                values.append(v)
        if default not in values:
            values.append(default)
        values.sort(key=control.values.index)
    else:
        if isinstance(grid, (int, float)) and not isinstance(grid, bool):
            span = (control.high - control.low) / grid if grid > 0 else math.nan
            if not (grid > 0 and abs(span - round(span)) < 1e-9):
                raise ValueError(
                    f"grid[{control.name!r}]: step {grid} must be > 0 and divide [{control.low}, {control.high}] evenly"
                )
            raw = control.low + grid * np.arange(int(round(span)) + 1)
        elif isinstance(grid, Sequence) and not isinstance(grid, (str, bytes)) and len(grid):
            raw = np.asarray(grid, dtype=float)
        else:
            raise ValueError(f"grid[{control.name!r}]: give a step (number) or a list of values, got {grid!r}")
        if not np.all(np.isfinite(raw)) or raw.min() < control.low - 1e-12 or raw.max() > control.high + 1e-12:
            raise ValueError(f"grid[{control.name!r}]: values must lie in [{control.low}, {control.high}]")
        values = sorted({float(v) for v in np.round(raw, 10)} | {float(default)})
    labels = tuple(control.label_of(v) for v in values)
    kind = "range" if not control.is_choice else ("radio" if len(values) <= 3 else "select")
    return BookControl(control.name, control.label, kind, tuple(values), labels, values.index(default))


def _copy32(obj):
    """A copy of plotly JSON data with float arrays as float32 (7 significant digits: more than any
    figure shows). Only containers are copied; the figure function's own objects are not changed."""
    if isinstance(obj, dict):
        return {k: _copy32(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_copy32(v) for v in obj]
    if isinstance(obj, np.ndarray) and obj.dtype == np.float64:
        return obj.astype(np.float32)
    return obj


def _plain(obj) -> tuple[Any, str]:
    """``obj`` (plotly JSON with numpy arrays) as plain JSON data and its canonical text."""
    obj = _copy32(obj)
    convert_to_base64(obj)
    text = json.dumps(obj, cls=PlotlyJSONEncoder, sort_keys=True, separators=(",", ":"))
    return json.loads(text), text


def _props(fig: go.Figure) -> tuple[list[dict], dict]:
    """The figure's traces and layout as plotly JSON, read without plotly's deep copies (a figure
    function runs hundreds of times for one static figure). Nothing here is modified."""
    data = getattr(fig, "_data", None)
    layout = getattr(fig, "_layout", None)
    if not isinstance(data, list) or not isinstance(layout, dict):  # pragma: no cover - other plotly
        return [t.to_plotly_json() for t in fig.data], fig.layout.to_plotly_json()
    return data, layout


class _Store:
    """Distinct JSON values, each stored once; ``add`` returns the value's index."""

    def __init__(self):
        self.items: list = []
        self.index: dict[str, int] = {}

    def add(self, value, text: str) -> int:
        key = hashlib.sha1(text.encode()).hexdigest()
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(value)
        return self.index[key]


class Explorable:
    """An interactive figure: see the module docstring."""

    def __init__(
        self,
        draw: Callable[..., go.Figure],
        controls: Sequence,
        alt: str,
        book: Sequence[str] | None = None,
        grid: dict | None = None,
    ):
        if not controls:
            raise ValueError("controls: an explorable needs at least one control")
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt: describe the figure in words for readers who cannot see it")
        self.draw = draw
        self.controls = resolve(draw, controls)
        self.alt = alt.strip()
        by_name = {c.name: c for c in self.controls}
        if len(by_name) != len(self.controls):
            raise ValueError("controls: a control is named twice")
        if book is None:
            book = list(by_name)
        if isinstance(book, str) or not book:
            raise ValueError("book: give a non-empty list of control names")
        unknown = [b for b in book if b not in by_name]
        if unknown or len(set(book)) != len(book):
            raise ValueError(
                f"book: {unknown or list(book)} must name distinct controls of this figure ({', '.join(by_name)})"
            )
        grid = dict(grid or {})
        stray = [g for g in grid if g not in book]
        if stray:
            raise ValueError(f"grid: {stray} are not book controls of this figure (book={list(book)})")
        self.book = [book_control(by_name[name], grid.get(name)) for name in book]
        sizes = [len(b.values) for b in self.book]
        self.n_states = math.prod(sizes)
        if self.n_states > MAX_STATES:
            shape = " x ".join(f"{n} {b.name}" for n, b in zip(sizes, self.book))
            raise ValueError(
                f"grid: {shape} = {self.n_states} states, more than {MAX_STATES}; give "
                "coarser steps in grid= or fewer book controls"
            )
        self._dashboard: Dashboard | None = None
        self._json: dict | None = None

    @property
    def defaults(self) -> dict:
        """Every control at its default value (the live dashboard's opening state)."""
        return {c.name: self._param(c, c.default_value) for c in self.controls}

    @staticmethod
    def _param(control: Control, value):
        return value if control.is_choice else float(value)

    def params_at(self, indices: Sequence[int]) -> dict:
        """The figure function's keyword arguments at book value ``indices`` (others at defaults)."""
        by_name = {c.name: c for c in self.controls}
        params = self.defaults
        for b, i in zip(self.book, indices):
            params[b.name] = self._param(by_name[b.name], b.values[i])
        return params

    def fixed_text(self) -> str:
        shown = {b.name for b in self.book}
        others = [f"{c.label} = {c.label_of(c.default_value)}" for c in self.controls if c.name not in shown]
        return (" Fixed here: " + ", ".join(others) + " (run the notebook to move them).") if others else ""

    def book_json(self) -> dict:
        """The static figure as plotly JSON: the default state, and in ``layout.meta["explorable"]``
        every state of the book controls (see the module docstring). Computed once."""
        if self._json is None:
            self._json = self._compute()
        return self._json

    def static_figure(self) -> go.Figure:
        """:meth:`book_json` as a plotly Figure."""
        return go.Figure(self.book_json())

    def _compute(self) -> dict:
        traces, layouts = _Store(), _Store()
        states = []  # per state: (trace ids, layout props)
        n_traces = None
        default = tuple(b.default_index for b in self.book)
        default_fig = None
        for indices in itertools.product(*(range(len(b.values)) for b in self.book)):
            fig = self.draw(**self.params_at(indices))
            data, layout = _props(fig)
            if n_traces is None:
                n_traces = len(data)
            elif len(data) != n_traces:
                raise RuntimeError("a figure function must return the same number of traces for every input")
            states.append(([traces.add(*_plain(t)) for t in data], layout))
            if indices == default:
                default_fig = fig

        # layout keys that change between states: always the readouts, and whatever else moves
        # (the template is plotly's, the same for every state; meta is ours)
        def text(value):
            return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)

        first = {k: text(v) for k, v in states[0][1].items() if k not in ("template", "meta")}
        keys = set(DYNAMIC_LAYOUT)  # and any other layout key that differs between states
        for _, layout in states[1:]:
            names = (set(layout) | set(first)) - {"template", "meta"} - keys
            keys |= {k for k in names if k not in first or k not in layout or text(layout[k]) != first[k]}
        keys = sorted(keys)
        spec = {
            "controls": [b.to_json() for b in self.book],
            "traces": traces.items,
            "layouts": layouts.items,
            "keys": keys,
            "states": None,
        }
        rows = np.array([ids + [layouts.add(*_plain({k: layout.get(k) for k in keys}))] for ids, layout in states])
        # one row per state: its trace ids, then its layout id; as one base64 array (as plotly
        # stores arrays), so the stored notebook does not spend a line on every number
        spec["states"] = _plain({"s": rows.astype(np.uint16 if rows.max() < 2**16 else np.uint32)})[0]["s"]
        out = json.loads(default_fig.to_json())
        out["layout"]["meta"] = {ALT_KEY: self.alt.rstrip(".") + "." + self.fixed_text(), META_KEY: spec}
        return out

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
        bundle[PLOTLY_MIME] = json.loads(json.dumps(self.book_json()))  # a copy
        bundle["text/plain"] = f"Interactive figure. {self.alt}"
        return bundle


def explorable(
    draw: Callable[..., go.Figure],
    controls: Sequence,
    alt: str,
    book: Sequence[str] | None = None,
    grid: dict | None = None,
) -> Explorable:
    """One interactive figure for a chapter: live controls in a kernel, native controls in the book.

    draw: the figure function; controls: declared control names or ``Control`` objects (all live);
    alt: the figure in words; book: the names of the controls shown in the static book (default: all
    of ``controls``); grid: ``{name: step or [values]}``, a coarser book grid for some book controls.
    The book precomputes every combination of the book controls' values: at most ``MAX_STATES``."""
    return Explorable(draw, controls, alt=alt, book=book, grid=grid)


def plotly_bundle(fig: go.Figure) -> dict:
    """Plotly's own notebook output for ``fig``, without going through ``plotly.io.renderers``:
    that module imports nbformat, hence jsonschema and rfc3987-syntax, which costs a kernel
    several seconds at the first figure. The JSON is the same (numpy arrays as base64 bdata)."""
    return {PLOTLY_MIME: json.loads(fig.to_json())}


class StaticFigure:
    """A figure with no live controls (or with plotly-native ones of its own), with alt text."""

    def __init__(self, figure: go.Figure, alt: str):
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt: describe the figure in words for readers who cannot see it")
        self.figure = figure
        self.alt = alt.strip()
        figure.update_layout(meta={ALT_KEY: self.alt})

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {**plotly_bundle(self.figure), "text/plain": f"Figure. {self.alt}"}


def static_figure(fig: go.Figure, alt: str) -> StaticFigure:
    """Display ``fig`` with its alt text (in the book, under the figure and as its ARIA label)."""
    return StaticFigure(fig, alt)
