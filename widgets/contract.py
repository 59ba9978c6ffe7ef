"""The figure contract between Python and the browser, in one place.

Python writes a figure (``widgets.explorable``, ``widgets.live``), the book renders it as HTML
(``book_ext.plotly_mime``), and JavaScript draws it (``book_ext/static/explorable.js`` in the book,
``widgets/live.js`` in JupyterLab). What they must agree on is defined here and nowhere else:

* the notebook output types (:data:`PLOTLY_MIME`, :data:`WIDGET_MIME`);
* the plotly.js config both views draw with (:data:`PLOTLY_CONFIG`);
* the precomputed states of an explorable in ``layout.meta`` (:data:`META_KEY`, :data:`SPEC_KEYS`,
  :data:`CONTROL_KEYS`, :data:`CONTROL_KINDS`);
* the HTML class names (:data:`CLASSES`).

This module imports nothing, so the book's Sphinx extension and the notebooks' widgets can both use
it. tests/test_contract.py checks that the JavaScript and CSS use exactly these names.
"""

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: plotly's modebar without its logo and without the buttons that upload a figure to plotly's cloud
#: ("Share chart..."); the same in the book and in the live view
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud"],
}

#: ``layout.meta[META_KEY]`` holds an explorable's precomputed states; ``layout.meta["alt"]`` its alt text
META_KEY = "explorable"
ALT_KEY = "alt"
#: the keys of ``layout.meta[META_KEY]``::
#:
#:     {"controls": [control, ...],          # one per book control (CONTROL_KEYS)
#:      "traces":   [trace, ...],            # every distinct trace once (float arrays as float32)
#:      "layouts":  [{key: value}, ...],     # every distinct set of the layout keys that change
#:      "keys":     [key, ...],              # those layout keys (title, annotations, shapes, ...)
#:      "states":   {"dtype", "bdata", "shape": "S, T+1"}}
#:                  # one row per state, row-major over the controls: its T trace ids, then its layout id
SPEC_KEYS = ("controls", "traces", "layouts", "keys", "states")
#: the keys of one control in ``controls``
CONTROL_KEYS = ("name", "label", "kind", "values", "labels", "default_index")
#: a control's ``kind``: a number is "range"; a choice is "radio" (up to three) or "select"
CONTROL_KINDS = ("range", "select", "radio")
#: layout keys that always belong to a state (readouts, marked ranges)
DYNAMIC_LAYOUT = ("title", "annotations", "shapes")

#: the HTML class names written by book_ext/plotly_mime.py and read by the scripts and stylesheet
CLASSES = {
    "figure": "course-figure",  # the whole block: role="figure", data-plot=the plot's id
    "explorable": "course-explorable",  # ... of a figure with controls
    "ready": "course-figure-ready",  # set by explorable.js once drawn
    "settled": "course-figure-settled",  # ... and once its texts are fitted to its width
    "controls": "course-controls",  # the <form> of native controls
    "control": "course-control",  # one control: its label and input
    "control_range": "course-control-range",
    "control_select": "course-control-select",
    "control_radio": "course-control-radio",
    "radio": "course-radio",  # one radio button's label
    "plot": "course-plot",  # where plotly.js draws
    "figure_json": "course-figure-json",  # <script type="application/json">: the figure's data
    "alt": "course-figure-alt",  # the alt text under the figure
    "live_figure": "course-live-figure",  # the live view's plot (widgets/live.js)
}
