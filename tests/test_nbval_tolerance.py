"""The comparison of stored outputs: strict on meaning, tolerant of last-bit floating-point noise.

Unit tests of ``book_ext.nbval_tolerance.differences`` on a real stored chapter figure, and an
end-to-end run of ``pytest --nbval`` (the plugin loaded as the repository's pytest config loads it)
on small notebooks whose stored outputs were nudged by a few ULP or changed for real.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import shutil
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from conftest import ROOT

from book_ext.nbval_tolerance import GLUE_TEXT, ULPS, align_glued_floats, decode_array, differences
from widgets.contract import PLOTLY_MIME


def _stored_figures():
    """Every plotly figure stored in chapter 6 (one of the notebooks that failed on AVX-512)."""
    nb = json.loads((ROOT / "chapters" / "06_local_truces.ipynb").read_text())
    return [
        o["data"][PLOTLY_MIME]
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
        if PLOTLY_MIME in o.get("data", {})
    ]


def _map_arrays(node, fn):
    """A copy of a figure JSON with every float array (bdata or plain list) passed through fn."""
    if isinstance(node, dict) and "bdata" in node and "dtype" in node:
        arr = decode_array(node)
        if arr.dtype.kind == "f":
            arr = fn(arr.copy()).astype(arr.dtype)
        return {**node, "bdata": base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode()}
    if isinstance(node, dict):
        return {k: _map_arrays(v, fn) for k, v in node.items()}
    if isinstance(node, list) and node and all(isinstance(v, float) for v in node):
        return [float(v) for v in fn(np.asarray(node))]
    if isinstance(node, list):
        return [_map_arrays(v, fn) for v in node]
    return node


def _nudge(arr: np.ndarray, ulps: int = 3) -> np.ndarray:
    """Move every value by ``ulps`` units in the last place (up for even indices, down for odd)."""
    out = arr.copy()
    flat = out.reshape(-1)
    for i in range(flat.size):
        direction = np.inf if i % 2 == 0 else -np.inf
        for _ in range(ulps):
            flat[i] = np.nextafter(flat[i], direction)
    return out


def _count_floats(node) -> int:
    counted = []
    _map_arrays(node, lambda a: (counted.append(a.size), a)[1])
    return sum(counted)


@pytest.fixture(scope="module")
def figures():
    figs = _stored_figures()
    assert figs and _count_floats(figs[0]) > 100
    return figs


def test_every_float_moved_by_a_few_ulp_still_agrees(figures):
    for fig in figures:
        nudged = _map_arrays(fig, _nudge)
        assert nudged != fig  # the bits really changed
        assert differences(fig, nudged) == []


def test_a_one_percent_change_in_one_array_fails(figures):
    fig = figures[0]
    changed = copy.deepcopy(fig)
    trace = next(t for t in changed["data"] if isinstance(t.get("y"), dict) and "bdata" in t["y"])
    y = decode_array(trace["y"]).copy()
    y *= 1.01
    trace["y"] = {**trace["y"], "bdata": base64.b64encode(y.tobytes()).decode()}
    diff = differences(fig, changed)
    assert diff and ".y" in diff[0]


def test_a_dropped_trace_fails(figures):
    fig = figures[0]
    dropped = {**fig, "data": fig["data"][:-1]}
    assert differences(fig, dropped)


def test_a_changed_title_fails(figures):
    fig = copy.deepcopy(figures[0])
    changed = copy.deepcopy(fig)
    changed["layout"]["title"]["text"] = changed["layout"]["title"]["text"] + " "
    assert differences(fig, changed)


def test_changed_keys_types_and_integers_fail():
    ref = {"data": [{"type": "scatter", "x": [1, 2, 3], "y": [0.5, 0.25, 0.125], "name": "a"}]}
    assert differences(ref, copy.deepcopy(ref)) == []
    assert differences(ref, {"data": [{**ref["data"][0], "type": "bar"}]})
    assert differences(ref, {"data": [{**ref["data"][0], "x": [1, 2, 4]}]})
    assert differences(ref, {"data": [{**ref["data"][0], "mode": "lines"}]})
    assert differences(ref, {"data": [{**ref["data"][0], "y": [0.5, 0.25]}]})
    # NaN agrees with NaN only; infinities must match exactly
    assert differences([float("nan"), 1.0], [float("nan"), 1.0]) == []
    assert differences([float("nan"), 1.0], [0.0, 1.0])
    assert differences([float("inf"), 1.0], [1e308, 1.0])


def test_float32_arrays_get_their_own_precision():
    """Last-bit noise in a float64 result can flip the rounding of a stored float32 value."""
    y = np.linspace(0.01, 1.0, 50).astype(np.float32)
    spec = {"dtype": "f4", "bdata": base64.b64encode(y.tobytes()).decode()}
    nudged = {"dtype": "f4", "bdata": base64.b64encode(_nudge(y, 1).tobytes()).decode()}
    assert differences(spec, nudged) == []
    off = {"dtype": "f4", "bdata": base64.b64encode((y * np.float32(1.001)).tobytes()).decode()}
    assert differences(spec, off)


def test_glued_numbers_are_compared_by_meaning_and_everything_else_exactly():
    def out(text):
        return {"output_type": "display_data", "data": {GLUE_TEXT: text}, "metadata": {}}

    stored = [out("1.1296868192290825"), out("'0.60 of the prize'"), out("7"), out("np.float64(0.25)")]
    noisy = [out("1.1296868192290828"), out("'0.60 of the prize'"), out("7"), out("np.float64(0.25000000000000006)")]
    assert align_glued_floats(noisy, stored) == stored
    changed = [out("1.13"), out("'0.61 of the prize'"), out("8"), out("0.3")]
    assert [o["data"][GLUE_TEXT] for o in align_glued_floats(changed, stored)] == [
        "1.13",
        "'0.61 of the prize'",
        "8",
        "0.3",
    ]


def test_tolerance_is_a_few_ulp_not_a_percent():
    assert 4 <= ULPS <= 1024  # far below 1% (2**-7 relative) in float64 and float32 alike


# ------------------------------------------------------------------ end to end through nbval
CODE = """\
import numpy as np
import plotly.graph_objects as go
from IPython.display import display
from widgets.explorable import plotly_bundle
x = np.linspace(0.0, 3.0, 61)
fig = go.Figure([go.Scatter(x=x, y=np.exp(-1.3 * x), name="survival"),
                 go.Scatter(x=x, y=np.log1p(x) ** 1.7, name="risk")],
                layout={"title": {"text": "Two curves"}})
display(plotly_bundle(fig), raw=True)
print(f"median: {np.log(2) / 1.3:.3f}")
from myst_nb import glue
glue("median", float(np.log(2) / 1.3), display=False)
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CODE)])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


def _variant(nb, change):
    nb = copy.deepcopy(nb)
    outputs = nb.cells[0].outputs
    fig = next(o for o in outputs if PLOTLY_MIME in o.get("data", {}))
    stream = next(o for o in outputs if o.get("output_type") == "stream")
    change(fig["data"], stream, *[o["data"] for o in outputs if GLUE_TEXT in o.get("data", {})])
    return nb


def _glued(factor: float = 1.0, ulps: int = 0):
    def change(_data, _stream, glued):
        value = float(glued[GLUE_TEXT]) * factor
        for _ in range(ulps):
            value = np.nextafter(value, np.inf)
        glued[GLUE_TEXT] = repr(float(value))

    return change


def _scale_first_trace(data, _stream, *_):
    trace = data[PLOTLY_MIME]["data"][0]
    y = decode_array(trace["y"]) * 1.01
    trace["y"] = {**trace["y"], "bdata": base64.b64encode(y.tobytes()).decode()}


VARIANTS = {
    "nudged": (lambda data, s, *_: data.__setitem__(PLOTLY_MIME, _map_arrays(data[PLOTLY_MIME], _nudge)), True),
    "one_percent": (_scale_first_trace, False),
    "printed_digit": (
        lambda data, s, *_: s.__setitem__("text", s["text"].replace("median: 0.533", "median: 0.534")),
        False,
    ),
    "dropped_trace": (lambda data, s, *_: data[PLOTLY_MIME].__setitem__("data", data[PLOTLY_MIME]["data"][:1]), False),
    "title": (lambda data, s, *_: data[PLOTLY_MIME]["layout"]["title"].__setitem__("text", "Two curves!"), False),
    "glued_nudged": (_glued(ulps=3), True),  # a glued number's last bits (another CPU's kernels)
    "glued_changed": (_glued(factor=1.001), False),
}


def test_nbval_passes_noise_and_fails_real_changes(executed, tmp_path):
    assert "median: 0.533" in next(o for o in executed.cells[0].outputs if o.get("output_type") == "stream")["text"]
    # the variants inside the repository (test-output/, ignored by git), so that pytest names each
    # test by its file; one nbval run over all of them (one pytest start, a kernel per notebook)
    folder = ROOT / "test-output" / f"nbval-variants-{tmp_path.name}"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for name, (change, _) in VARIANTS.items():
            nbformat.write(_variant(executed, change), folder / f"{name}.ipynb")
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-rA",
                "--nbval",
                str(folder.relative_to(ROOT)),
                "--nbval-sanitize-with",
                str(ROOT / "tests" / "sanitize.cfg"),
                "-p",
                "no:cacheprovider",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert run.returncode in (0, 1), run.stdout[-2000:] + run.stderr[-2000:]
    outcome = {
        name: status == "PASSED"
        for status, name in re.findall(r"^(PASSED|FAILED) \S*?(\w+)\.ipynb::Cell 0", run.stdout, re.M)
    }
    assert sorted(outcome) == sorted(VARIANTS), run.stdout[-3000:]
    assert outcome == {name: passes for name, (_, passes) in VARIANTS.items()}
