"""nbval, strict on meaning and tolerant of floating-point noise in plotly figures.

nbval compares stored outputs with re-run ones exactly. Plotly figure outputs hold their arrays as
base64 ``bdata``, so the last bits of a float decide the result, and those bits depend on the CPU:
numpy dispatches exp/log/pow to SIMD kernels chosen at run time (AVX2, AVX-512, NEON ...), which
round differently in the last place. A notebook stored on one machine then fails on another.

This plugin changes one thing: ``application/vnd.plotly.v1+json`` outputs are compared after
decoding their arrays (``bdata`` and plain lists), numbers within a few units in the last place of
their own precision (:data:`ULPS`); every key, trace count, trace type, text, title and layout is
compared exactly. The same holds for a number stored by ``myst_nb.glue`` (its
``application/papermill.record/text/plain`` is the number's full ``repr``, which the book formats,
rounded, where the prose cites it): a glued float is compared within :data:`ULPS` too. Every other
output (printed text, HTML, ``text/plain``) is still compared by nbval itself, exactly: printed
numbers are the rounded ones a reader is told.

It is loaded for every pytest run from the repository root (``-p book_ext.nbval_tolerance`` in
pyproject.toml's addopts), so ``pytest --nbval chapters/05_spoilers.ipynb`` uses it as ``make test`` does.
"""

from __future__ import annotations

import base64
import copy
from typing import Any

import numpy as np

from widgets.contract import PLOTLY_MIME

#: allowed difference, in units of the last place (machine epsilon of the array's own dtype, relative
#: to the array's largest magnitude, at least 1): a few ULP of last-bit noise pass, a real change fails.
ULPS = 64


def decode_array(spec: dict) -> np.ndarray:
    """A plotly typed array ``{"dtype": "f8", "bdata": "...", "shape": "3, 4"}`` as numpy."""
    raw = base64.b64decode(spec["bdata"])
    arr = np.frombuffer(raw, dtype=np.dtype(spec["dtype"]))
    shape = spec.get("shape")
    if shape:
        dims = [int(d) for d in str(shape).split(",")] if not isinstance(shape, (list, tuple)) else list(shape)
        arr = arr.reshape(dims)
    return arr


def _is_typed_array(value: Any) -> bool:
    return isinstance(value, dict) and "bdata" in value and "dtype" in value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numeric_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(_is_number(v) for v in value)


def tolerance(dtype: np.dtype, ref: np.ndarray) -> float:
    """Absolute tolerance for an array of ``dtype`` whose reference values are ``ref``."""
    if dtype.kind != "f":
        return 0.0
    finite = ref[np.isfinite(ref)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return ULPS * float(np.finfo(dtype).eps) * scale


def _compare_arrays(ref: np.ndarray, test: np.ndarray, where: str) -> list[str]:
    if ref.shape != test.shape:
        return [f"{where}: shape {ref.shape} != {test.shape}"]
    if ref.dtype.kind in "fc" or test.dtype.kind in "fc":
        ref_f, test_f = ref.astype(float), test.astype(float)
        same_nan = np.isnan(ref_f) == np.isnan(test_f)
        same_inf = np.where(np.isinf(ref_f) | np.isinf(test_f), ref_f == test_f, True)
        dtype = ref.dtype if ref.dtype.kind == "f" else test.dtype
        tol = tolerance(dtype, ref_f)
        with np.errstate(invalid="ignore"):
            close = np.abs(np.nan_to_num(ref_f - test_f, nan=0.0, posinf=0.0, neginf=0.0)) <= tol
        ok = same_nan & same_inf & close
        if not np.all(ok):
            i = int(np.flatnonzero(~ok.ravel())[0])
            return [
                f"{where}[{i}]: {ref_f.ravel()[i]!r} != {test_f.ravel()[i]!r} "
                f"(tolerance {tol:.3g}, {int((~ok).sum())} of {ok.size} values differ)"
            ]
        return []
    if not np.array_equal(ref, test):
        return [f"{where}: integer or boolean arrays differ"]
    return []


def differences(ref: Any, test: Any, where: str = "figure") -> list[str]:
    """Where two plotly figure JSONs differ in meaning (empty list: they agree)."""
    if _is_typed_array(ref) or _is_typed_array(test):
        if not (_is_typed_array(ref) and _is_typed_array(test)):
            return [f"{where}: a typed array against {type(test if _is_typed_array(ref) else ref).__name__}"]
        if ref["dtype"] != test["dtype"]:
            return [f"{where}: dtype {ref['dtype']} != {test['dtype']}"]
        extra = {k: v for k, v in ref.items() if k not in ("bdata",)} != {
            k: v for k, v in test.items() if k not in ("bdata",)
        }
        if extra:
            return [f"{where}: typed-array keys or shape differ"]
        return _compare_arrays(decode_array(ref), decode_array(test), where)
    if isinstance(ref, dict) and isinstance(test, dict):
        if ref.keys() != test.keys():
            missing, added = sorted(ref.keys() - test.keys()), sorted(test.keys() - ref.keys())
            return [f"{where}: keys differ (missing {missing}, unexpected {added})"]
        out = []
        for key in ref:
            out += differences(ref[key], test[key], f"{where}.{key}")
        return out
    if _numeric_list(ref) and _numeric_list(test):
        return _compare_arrays(np.asarray(ref, dtype=float), np.asarray(test, dtype=float), where)
    if isinstance(ref, list) and isinstance(test, list):
        if len(ref) != len(test):
            return [f"{where}: {len(ref)} items != {len(test)}"]
        out = []
        for i, (a, b) in enumerate(zip(ref, test)):
            out += differences(a, b, f"{where}[{i}]")
        return out
    if _is_number(ref) and _is_number(test) and (isinstance(ref, float) or isinstance(test, float)):
        return _compare_arrays(np.asarray([ref], dtype=float), np.asarray([test], dtype=float), where)
    if type(ref) is not type(test) or ref != test:
        return [f"{where}: {ref!r} != {test!r}"]
    return []


GLUE_TEXT = "application/papermill.record/text/plain"


def _glued_float(text: Any) -> float | None:
    """The float a glue record holds (``0.1`` or ``np.float64(0.1)``), else None."""
    if isinstance(text, list):
        text = "".join(text)
    if not isinstance(text, str):
        return None
    text = text.strip()
    if text.startswith("np.float64(") and text.endswith(")"):
        text = text[len("np.float64(") : -1]
    try:
        value = float(text)
    except ValueError:
        return None
    return value if "." in text or "e" in text.lower() else None  # an int is compared exactly


def align_glued_floats(test: list, ref: list) -> list:
    """``test`` with each glued float that is within :data:`ULPS` of its stored value replaced by
    the stored text (nbval then compares everything else exactly; a real change still differs)."""
    if len(test) != len(ref):
        return test
    out = []
    for t, r in zip(test, ref):
        t_data = t.get("data") if hasattr(t, "get") else None
        r_data = r.get("data") if hasattr(r, "get") else None
        if t_data and r_data and GLUE_TEXT in t_data and GLUE_TEXT in r_data:
            a, b = _glued_float(r_data[GLUE_TEXT]), _glued_float(t_data[GLUE_TEXT])
            if a is not None and b is not None and not _compare_arrays(np.asarray([a]), np.asarray([b]), "glue"):
                t = copy.deepcopy(t)
                t["data"][GLUE_TEXT] = r_data[GLUE_TEXT]
        out.append(t)
    return out


def _split(outputs) -> tuple[list, list]:
    """(outputs without their plotly JSON, the plotly JSONs in order)."""
    rest, figures = [], []
    for output in outputs:
        data = output.get("data") if hasattr(output, "get") else None
        if data and PLOTLY_MIME in data:
            output = copy.deepcopy(output)
            figures.append(output["data"].pop(PLOTLY_MIME))
        rest.append(output)
    return rest, figures


def install() -> None:
    """Wrap nbval's output comparison (idempotent)."""
    from nbval.plugin import IPyNbCell

    original = IPyNbCell.compare_outputs
    if getattr(original, "_course_tolerant", False):
        return

    def compare_outputs(self, test, ref, skip_compare=None):
        skip = skip_compare or self.parent.skip_compare
        test_rest, test_figs = _split(test)
        ref_rest, ref_figs = _split(ref)
        if PLOTLY_MIME not in skip and (test_figs or ref_figs):
            if len(test_figs) != len(ref_figs):
                self.comparison_traceback = [
                    f" mismatch '{PLOTLY_MIME}': {len(ref_figs)} stored figures, {len(test_figs)} computed"
                ]
                return False
            for i, (r, t) in enumerate(zip(ref_figs, test_figs)):
                diff = differences(r, t, f"figure {i}")
                if diff:
                    self.comparison_traceback = [
                        f" mismatch '{PLOTLY_MIME}' (compared by meaning, {ULPS} ULP tolerance):"
                    ] + ["  " + d for d in diff[:10]]
                    return False
        return original(self, align_glued_floats(test_rest, ref_rest), ref_rest, skip_compare)

    compare_outputs._course_tolerant = True
    IPyNbCell.compare_outputs = compare_outputs


def pytest_configure(config):
    try:
        import nbval.plugin  # noqa: F401
    except ImportError:  # pragma: no cover - nbval is in requirements-dev.txt
        return
    install()
