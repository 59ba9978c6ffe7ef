"""myst-nb mime renderer: plotly's own notebook output (application/vnd.plotly.v1+json) to HTML.

The notebooks keep plotly's default output, so JupyterLab renders them. The book turns the JSON into::

    <div class="course-figure" role="figure" aria-label="ALT">
      <form class="course-controls">...</form>       (explorables: one native control per book control)
      <div class="course-plot" id="plotly-..."></div>  (book_ext/static/explorable.js draws it here)
      <script type="application/json">FIGURE</script>
      <p class="course-figure-alt">ALT</p>
    </div>

with deterministic ids, no inline script to run, and no plotly.js or MathJax inlined
(:mod:`book_ext.assets` loads the local explorable.js on pages with figures, which fetches plotly.js).
After the build each figure's data leaves its page for a script of its own (:func:`move_figure_data`). The controls
are rendered here, on the server, from ``layout.meta["explorable"]`` (see widgets/contract.py), so
they are in the page, labelled and focusable before any script runs; the script makes them move
the figure. A figure without that meta is drawn as it is. A figure carrying plotly's own SVG slider
(``layout.sliders``: no keyboard, no slider role) is refused: draw it with ``explorable(book=...)``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from docutils import nodes

from book_ext.pages import rewrite_pages
from widgets.contract import ALT_KEY, CLASSES, CONTROL_KINDS, META_KEY, PLOTLY_CONFIG, PLOTLY_MIME

DEFAULT_HEIGHT = 450  # plotly.js's own default height


def _attr(text) -> str:
    return html.escape(str(text), quote=True)


def _script_json(value) -> str:
    """JSON safe inside <script type="application/json"> (no '</' or '<!--' can end it early)."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_LEADING = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(%?)")


def _num(x: float) -> str:
    """A number as an HTML attribute: the shortest text of its value (0.6, not 0.6000000000000001)."""
    return format(round(float(x), 10), ".10g").replace("e+", "e")


def native_scale(labels) -> int:
    """What the reader reads, per unit of the parameter: 100 where every label is a percentage
    ("5% of the forces" for 0.05), else 1. A range control counts in the readout's units, so the
    value a screen reader announces is the number the reader sees."""
    marks = [_LEADING.match(str(label)) for label in labels]
    return 100 if marks and all(m and m.group(2) == "%" for m in marks) else 1


def even_step(values, scale: int = 1) -> float | None:
    """The step of ``values`` (times ``scale``) if they are evenly spaced, else None."""
    scaled = [round(float(v) * scale, 10) for v in values]
    if len(scaled) < 2:
        return None
    steps = [b - a for a, b in zip(scaled, scaled[1:])]
    if steps[0] <= 0 or any(abs(s - steps[0]) > 1e-9 * max(1.0, abs(steps[0])) for s in steps):
        return None
    return round(steps[0], 10)


def html_kind(control: dict) -> str:
    """The native control the book draws for one control of ``layout.meta.explorable``.

    A number on an even grid is an ``<input type="range">`` whose min, max, step and value are the
    parameter's own values (in its readout's units), so every browser announces the value itself,
    never a grid position. A number on an uneven grid is a group of radio buttons (up to three
    values) or a ``<select>``: there too, what a screen reader announces is the value's label.
    Choices are radio buttons (up to three) or a ``<select>``, as ``kind`` says."""
    return _native(control)[0]


def _native(control: dict) -> tuple[str, int, float | None]:
    """(the HTML kind of :func:`html_kind`, the range's scale, its step): worked out once per control."""
    kind = control["kind"]
    if kind not in CONTROL_KINDS:
        raise ValueError(f"controls: unknown control kind {kind!r} for {control['name']!r}")
    if kind != "range":
        return kind, 1, None
    scale = native_scale(control["labels"])
    step = even_step(control["values"], scale)
    if step is not None:
        return "range", scale, step
    return ("radio" if len(control["values"]) <= 3 else "select"), 1, None


def controls_html(spec: dict, prefix: str) -> str:
    """One labelled native control per entry of ``spec["controls"]`` (widgets/explorable.py)."""
    parts = []
    for i, c in enumerate(spec.get("controls", [])):
        cid = f"{prefix}-c{i}"
        labels, default = c["labels"], int(c["default_index"])
        name = _attr(c["name"])
        kind, scale, step = _native(c)
        if kind == "range":
            values = [float(v) * scale for v in c["values"]]
            parts.append(
                f'<div class="{CLASSES["control"]} {CLASSES["control_range"]}">'
                f'<label for="{cid}">{html.escape(c["label"])}</label>'
                f'<input type="range" id="{cid}" name="{name}" min="{_num(values[0])}" max="{_num(values[-1])}" '
                f'step="{_num(step)}" value="{_num(values[default])}" '
                f'aria-valuetext="{_attr(labels[default])}" data-index="{i}" data-scale="{scale}">'
                f'<output id="{cid}-out" for="{cid}" aria-hidden="true">{html.escape(labels[default])}</output>'
                f"</div>"
            )
        elif kind == "select":
            options = "".join(
                f'<option value="{j}"{" selected" if j == default else ""}>{html.escape(label)}</option>'
                for j, label in enumerate(labels)
            )
            parts.append(
                f'<div class="{CLASSES["control"]} {CLASSES["control_select"]}">'
                f'<label for="{cid}">{html.escape(c["label"])}</label>'
                f'<select id="{cid}" name="{name}" data-index="{i}">{options}</select></div>'
            )
        else:
            options = "".join(
                f'<label class="{CLASSES["radio"]}"><input type="radio" id="{cid}-{j}" name="{cid}" value="{j}"'
                f'{" checked" if j == default else ""} data-index="{i}"> {html.escape(label)}</label>'
                for j, label in enumerate(labels)
            )
            parts.append(
                f'<fieldset class="{CLASSES["control"]} {CLASSES["control_radio"]}">'
                f"<legend>{html.escape(c['label'])}</legend>{options}</fieldset>"
            )
    return f'<form class="{CLASSES["controls"]}" id="{prefix}-controls">' + "".join(parts) + "</form>"


def figure_payload(fig: dict) -> str:
    """What explorable.js draws from, as safe JSON text: the figure's data and layout with the book's config."""
    return _script_json({"data": fig.get("data", []), "layout": fig.get("layout") or {}, "config": PLOTLY_CONFIG})


def figure_data_id(payload: str) -> str:
    """The name of the data script (_static/figures/ID.js) that :func:`move_figure_data` writes for ``payload``."""
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def figure_html(fig: dict, div_id: str) -> str:
    """The whole figure block for plotly JSON ``fig`` (see the module docstring)."""
    layout = fig.get("layout") or {}
    if layout.get("sliders"):
        raise ValueError(
            f"{div_id}: this figure carries plotly's SVG slider (layout.sliders), which takes no "
            "keyboard and has no slider role; give the figure native controls with "
            "widgets.explorable.explorable(..., book=[...]) instead"
        )
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    alt = meta.get(ALT_KEY, "") if isinstance(meta.get(ALT_KEY, ""), str) else ""
    spec = meta.get(META_KEY) if isinstance(meta.get(META_KEY), dict) else None
    height = layout.get("height") if isinstance(layout.get("height"), (int, float)) else DEFAULT_HEIGHT
    label = _attr(alt or "Interactive figure")
    form = controls_html(spec, div_id) if spec else ""
    classes = CLASSES["figure"] + (" " + CLASSES["explorable"] if spec else "")
    return (
        f'<div class="{classes}" role="figure" aria-label="{label}" data-plot="{div_id}">'
        + form
        + f'<div id="{div_id}" class="plotly-graph-div {CLASSES["plot"]}" '
        f'style="height:{int(height)}px;width:100%"></div>'
        + f'<script type="application/json" class="{CLASSES["figure_json"]}">{figure_payload(fig)}</script>'
        + (f'<p class="{CLASSES["alt"]}">{html.escape(alt)}</p>' if alt else "")
        + "</div>"
    )


class PlotlyMimeRenderer:
    # Below the widget view (10): the static figure wins in the HTML book.
    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5), ("singlehtml", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        fig = data.content if isinstance(data.content, dict) else json.loads(data.content)
        text = json.dumps(fig, sort_keys=True)
        digest = hashlib.sha1(text.encode()).hexdigest()[:10]
        document = renderer.renderer.document
        counts = document.__dict__.setdefault("_plotly_ids", {})
        counts[digest] = counts.get(digest, 0) + 1
        div_id = f"plotly-{digest}-{counts[digest]}"
        return [nodes.raw(text=figure_html(fig, div_id), format="html", classes=["output", "text_html"])]


# Each figure's data (its precomputed states can weigh a few hundred KB) leaves the page for a small
# script of its own in _static/figures/, which explorable.js loads when the figure comes near the
# viewport: the text of a chapter arrives, and paints, first. A script, not a JSON fetch, so that the
# book also works opened from disk (file://), where fetch() is refused.
_FIGURE_JSON = re.compile(rf'<script type="application/json" class="{CLASSES["figure_json"]}">(.*?)</script>', re.S)
FIGURE_DATA_DIR = "_static/figures"


def move_figure_data(outdir: Path) -> None:
    """Move the figure data of every page of the built site ``outdir`` to _static/figures/HASH.js."""
    outdir = Path(outdir)

    def out(match):
        payload = match.group(1)  # already safe JSON (_script_json escapes <, > and &)
        digest = figure_data_id(payload)
        target = outdir / FIGURE_DATA_DIR / f"{digest}.js"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'(self.courseFigureData = self.courseFigureData || {{}})["{digest}"] = {payload};\n', encoding="utf-8"
            )
        return f'<script type="application/json" class="{CLASSES["figure_json"]}" data-figure="{digest}"></script>'

    rewrite_pages(outdir, lambda page, text: _FIGURE_JSON.sub(out, text))


def _move_figure_data(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        move_figure_data(Path(app.outdir))


def setup(app) -> None:
    """The renderer itself is a myst-nb plugin (an entry point in pyproject.toml); the build moves
    the figures' data out of the pages."""
    app.connect("build-finished", _move_figure_data, priority=900)
