"""The live half of an explorable: ipywidgets controls over a plotly figure, recomputed on every move.

The figure is :class:`PlotlyView`, a small anywidget (no CDN: its ES module is ``widgets/live.js``). On a
move the kernel draws the figure, diffs it against the last one it sent, and sends only the traces
and top-level layout keys that changed, numeric arrays as binary buffers. The browser keeps the
figure per model, applies each diff and calls ``Plotly.react`` (which recomputes only what changed:
no relayout when only data moved); a diff arriving while a redraw runs is folded into one redraw of
the newest state. Slider values that pile up while the kernel is busy are already coalesced by
ipywidgets (one message in flight per model: only the newest waiting value is sent).

plotly.js comes from the installed plotly package (``package_data/plotly.min.js``): the first view
on a page asks the kernel for it once, as one binary buffer, so it works offline on any Jupyter
server (JupyterLab, Notebook 7, JupyterHub, Binder) without a server extension or a CDN.
"""

from __future__ import annotations

import base64
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

import anywidget
import numpy as np
import plotly.graph_objects as go
import traitlets

from widgets.contract import PLOTLY_CONFIG
from widgets.controls import Control

#: how many recent figures a dashboard keeps so a value moved back to is not recomputed
CACHE_FIGURES = 256

# typed arrays the browser builds from a buffer without conversion
_TYPED = {
    "f8": "Float64Array",
    "f4": "Float32Array",
    "i4": "Int32Array",
    "i2": "Int16Array",
    "i1": "Int8Array",
    "u4": "Uint32Array",
    "u2": "Uint16Array",
    "u1": "Uint8Array",
}


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


def figure_diff(old: dict | None, new: dict) -> dict | None:
    """What the browser needs to turn figure ``old`` into ``new`` (both ``fig.to_plotly_json()``:
    ``{"data": [...], "layout": {...}}``, numeric arrays kept as numpy arrays):
    ``{"traces": {index: changed properties}, "layout": changed top-level keys}``, None where a
    property was dropped; the whole figure when ``old`` is None; None when nothing changed."""
    if old is None:
        return {"full": True, "data": new["data"], "layout": new["layout"]}
    if len(old["data"]) != len(new["data"]):
        raise RuntimeError("a figure function must return the same number of traces for every input")
    traces = {str(i): c for i, (a, b) in enumerate(zip(old["data"], new["data"])) if (c := _changed(a, b))}
    layout = _changed(old["layout"], new["layout"])
    if not traces and not layout:
        return None
    return {"traces": traces, "layout": layout}


def pack(obj: Any, buffers: list) -> Any:
    """JSON-ready ``obj`` with every 1-d numeric array moved to ``buffers`` (bytes) and replaced by
    ``{"$buf": index, "dtype": ...}``: the browser wraps the bytes in a typed array, no parsing.
    Arrays come as numpy arrays or as plotly's base64 ``{"dtype", "bdata"}``; a 2-d one (with a
    ``shape``) stays in plotly's own encoding, which plotly.js decodes."""
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fiu" and obj.ndim == 1:
            arr = obj if obj.dtype.str[1:] in _TYPED else obj.astype("f8")
            buffers.append(np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<")).tobytes())
            return {"$buf": len(buffers) - 1, "dtype": arr.dtype.str[1:]}
        return pack(obj.tolist(), buffers)
    if isinstance(obj, dict):
        if set(obj) == {"dtype", "bdata"} and obj["dtype"] in _TYPED and isinstance(obj["bdata"], str):
            buffers.append(base64.b64decode(obj["bdata"]))
            return {"$buf": len(buffers) - 1, "dtype": obj["dtype"]}
        return {k: pack(v, buffers) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [pack(v, buffers) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    import plotly

    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()


_ESM = Path(__file__).with_name("live.js")  # anywidget reads the file (and watches it in development)


class PlotlyView(anywidget.AnyWidget):
    """A plotly figure in the browser that follows :meth:`show` with only what changed.

    ``figure`` is the last figure shown (a ``go.Figure``); ``data`` and ``layout`` are its own."""

    _esm = _ESM
    _uid = traitlets.Unicode().tag(sync=True)
    config = traitlets.Dict(PLOTLY_CONFIG).tag(sync=True)

    def __init__(self, figure: go.Figure, **kwargs):
        super().__init__(_uid=uuid.uuid4().hex, **kwargs)
        self.figure = figure
        self._shown = figure.to_plotly_json()
        self.rev = 0
        self.on_msg(self._on_message)

    @property
    def data(self):
        return self.figure.data

    @property
    def layout(self):
        return self.figure.layout

    def show(self, figure: go.Figure) -> dict | None:
        """Show ``figure``: send the browser only the traces and layout keys that changed.
        Returns the diff sent (None when nothing changed)."""
        new = figure.to_plotly_json()
        diff = figure_diff(self._shown, new)
        self.figure, self._shown = figure, new
        if diff is not None:
            self.rev += 1
            self._send_figure(diff)
        return diff

    def _send_figure(self, diff: dict) -> None:
        buffers: list[bytes] = []
        msg = {"kind": "figure", "rev": self.rev, **pack(diff, buffers)}
        self.send(msg, buffers)

    def _on_message(self, _widget, content, buffers) -> None:
        kind = content.get("kind") if isinstance(content, dict) else None
        if kind == "sync":  # a browser model (re)started: it gets the whole current figure
            self._send_figure(figure_diff(None, self._shown))
        elif kind == "plotly":
            self.send({"kind": "plotly"}, [_plotly_js()])


def _control_widget(c: Control):
    """A keyboard-operable ipywidgets control with the control's label as its accessible name:
    a slider for a number, toggle buttons for 2-3 choices, a dropdown for more."""
    import ipywidgets as ipw

    style = {"description_width": "initial"}
    if c.is_choice:
        options = [(label, value) for value, label in c.choices]
        kind = ipw.ToggleButtons if len(options) <= 3 else ipw.Dropdown
        return kind(options=options, value=c.values[c.default_index], description=c.label, style=style)
    return ipw.FloatSlider(
        value=float(c.values[c.default_index]),
        min=c.low,
        max=c.high,
        step=c.step,
        description=c.label,
        readout_format=c.fmt,
        continuous_update=True,
        style=style,
        layout=ipw.Layout(width="460px"),
    )


@dataclass
class Dashboard:
    """The live half: one ipywidgets input per :class:`Control` (a slider, toggle buttons or a
    dropdown) above a :class:`PlotlyView`.

    ``inputs`` maps each control's name to its input; ``view`` shows the figure (``view.figure``
    is the last figure drawn); ``box`` holds both, as the notebook displays them."""

    draw: Callable[..., go.Figure]
    controls: Sequence[Control]
    inputs: dict = field(init=False)
    view: PlotlyView = field(init=False)
    box: object = field(init=False)

    def __post_init__(self):
        import ipywidgets as ipw

        self._drawn: OrderedDict = OrderedDict()  # figures already drawn, newest last
        self.inputs = {c.name: _control_widget(c) for c in self.controls}
        self.view = PlotlyView(self.draw(**self.params))
        for widget in self.inputs.values():
            widget.observe(self.redraw, names="value")
        self.box = ipw.VBox([*self.inputs.values(), self.view])

    @property
    def params(self) -> dict:
        choice = {c.name for c in self.controls if c.is_choice}
        return {name: (w.value if name in choice else float(w.value)) for name, w in self.inputs.items()}

    def redraw(self, change=None) -> None:
        """Recompute the model for the current control values and send the figure what changed.

        A figure function is pure (its models are seeded), so a value the reader returns to (a
        slider moved back and forth in class) is not recomputed: the last figures are kept."""
        params = self.params
        key = tuple(params.items())
        figure = self._drawn.pop(key, None)
        if figure is None:
            figure = self.draw(**params)
        self._drawn[key] = figure
        if len(self._drawn) > CACHE_FIGURES:
            self._drawn.popitem(last=False)
        self.view.show(figure)
