"""myst-nb mime renderer: plotly's own notebook output (application/vnd.plotly.v1+json) to HTML.

The notebooks keep plotly's default output, so JupyterLab renders them; the book turns the JSON
into a ``<div>`` plus the ``Plotly.newPlot`` call, with a deterministic id and no plotly.js or
MathJax inlined (:mod:`book_ext` loads the local plotly.js on pages with figures).
"""
from __future__ import annotations

import hashlib
import html
import json

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyMimeRenderer:
    # Below the widget view (10): the static figure wins in the HTML book.
    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5),
                               ("singlehtml", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        import plotly.io as pio

        fig = data.content if isinstance(data.content, dict) else json.loads(data.content)
        text = json.dumps(fig, sort_keys=True)
        digest = hashlib.sha1(text.encode()).hexdigest()[:10]
        document = renderer.renderer.document
        counts = document.__dict__.setdefault("_plotly_ids", {})
        counts[digest] = counts.get(digest, 0) + 1
        div_id = f"plotly-{digest}-{counts[digest]}"
        alt = (fig.get("layout", {}).get("meta") or {}).get("alt", "") if isinstance(fig.get("layout", {}).get("meta"), dict) else ""
        body = pio.to_html(fig, include_plotlyjs=False, include_mathjax=False, full_html=False,
                           div_id=div_id, validate=False,
                           config={"displaylogo": False, "responsive": True})
        label = html.escape(alt or "Interactive figure", quote=True)
        wrapped = (f'<div class="course-figure" role="figure" aria-label="{label}">{body}'
                   + (f'<p class="course-figure-alt">{html.escape(alt)}</p>' if alt else "") + "</div>")
        return [nodes.raw(text=wrapped, format="html", classes=["output", "text_html"])]
