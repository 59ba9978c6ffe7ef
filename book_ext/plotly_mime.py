"""myst-nb mime renderer: plotly's own notebook output (application/vnd.plotly.v1+json) to HTML.

The notebooks keep plotly's default output, so JupyterLab renders them. The book turns the JSON into::

    <div class="course-figure" role="figure" aria-label="ALT">
      <form class="course-controls">...</form>       (explorables: one native control per book control)
      <div class="course-plot" id="plotly-..."></div>  (book_ext/static/explorable.js draws it here)
      <script type="application/json">FIGURE</script>
      <p class="course-figure-alt">ALT</p>
    </div>

with deterministic ids, no inline script to run, and no plotly.js or MathJax inlined
(:mod:`book_ext` loads the local plotly.js and explorable.js on pages with figures). The controls
are rendered here, on the server, from ``layout.meta["explorable"]`` (see widgets/explorable.py), so
they are in the page, labelled and focusable before any script runs; the script makes them move
the figure. Figures without that meta (plain figures, or older outputs with plotly's own slider)
are drawn as they are.
"""
from __future__ import annotations

import hashlib
import html
import json

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: plotly's modebar, without "Share chart..." (it uploads the figure to plotly's cloud) or the logo
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendChartToCloud"]}
DEFAULT_HEIGHT = 450  # plotly.js's own default height


def _attr(text) -> str:
    return html.escape(str(text), quote=True)


def _script_json(value) -> str:
    """JSON safe inside <script type="application/json"> (no '</' or '<!--' can end it early)."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def controls_html(spec: dict, prefix: str) -> str:
    """One labelled native control per entry of ``spec["controls"]`` (widgets/explorable.py)."""
    parts = []
    for i, c in enumerate(spec.get("controls", [])):
        cid = f"{prefix}-c{i}"
        labels, default = c["labels"], int(c["default_index"])
        name = _attr(c["name"])
        if c["kind"] == "range":
            parts.append(
                f'<div class="course-control course-control-range">'
                f'<label for="{cid}">{html.escape(c["label"])}</label>'
                f'<input type="range" id="{cid}" name="{name}" min="0" max="{len(labels) - 1}" step="1" '
                f'value="{default}" aria-valuetext="{_attr(labels[default])}" data-index="{i}">'
                f'<output id="{cid}-out" for="{cid}" aria-hidden="true">{html.escape(labels[default])}</output>'
                f"</div>")
        elif c["kind"] == "select":
            options = "".join(f'<option value="{j}"{" selected" if j == default else ""}>{html.escape(label)}</option>'
                              for j, label in enumerate(labels))
            parts.append(
                f'<div class="course-control course-control-select">'
                f'<label for="{cid}">{html.escape(c["label"])}</label>'
                f'<select id="{cid}" name="{name}" data-index="{i}">{options}</select></div>')
        elif c["kind"] == "radio":
            options = "".join(
                f'<label class="course-radio"><input type="radio" id="{cid}-{j}" name="{cid}" value="{j}"'
                f'{" checked" if j == default else ""} data-index="{i}"> {html.escape(label)}</label>'
                for j, label in enumerate(labels))
            parts.append(f'<fieldset class="course-control course-control-radio">'
                         f'<legend>{html.escape(c["label"])}</legend>{options}</fieldset>')
        else:
            raise ValueError(f"controls: unknown control kind {c['kind']!r} for {c['name']!r}")
    return (f'<form class="course-controls" id="{prefix}-controls">'
            + "".join(parts) + "</form>")


def figure_html(fig: dict, div_id: str) -> str:
    """The whole figure block for plotly JSON ``fig`` (see the module docstring)."""
    layout = fig.get("layout") or {}
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    alt = meta.get("alt", "") if isinstance(meta.get("alt", ""), str) else ""
    spec = meta.get("explorable") if isinstance(meta.get("explorable"), dict) else None
    height = layout.get("height") if isinstance(layout.get("height"), (int, float)) else DEFAULT_HEIGHT
    label = _attr(alt or "Interactive figure")
    form = controls_html(spec, div_id) if spec else ""
    payload = {"data": fig.get("data", []), "layout": layout, "config": CONFIG}
    return (f'<div class="course-figure{" course-explorable" if spec else ""}" role="figure" '
            f'aria-label="{label}" data-plot="{div_id}">'
            + form
            + f'<div id="{div_id}" class="plotly-graph-div course-plot" style="height:{int(height)}px;width:100%"></div>'
            + f'<script type="application/json" class="course-figure-json">{_script_json(payload)}</script>'
            + (f'<p class="course-figure-alt">{html.escape(alt)}</p>' if alt else "")
            + "</div>")


class PlotlyMimeRenderer:
    # Below the widget view (10): the static figure wins in the HTML book.
    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5),
                               ("singlehtml", PLOTLY_MIME, 5)]

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
