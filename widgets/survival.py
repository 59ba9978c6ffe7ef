"""Kaplan–Meier survival curves with pointwise confidence bands, in numpy.

For a sample of lifetimes, some of them *right-censored* (we only know the truce was still holding
when observation stopped), the Kaplan–Meier estimate of the share still holding after time t is

    S(t) = prod over event times t_i <= t of (1 - d_i / n_i),

with d_i the collapses at t_i and n_i the truces still at risk just before t_i. Greenwood's formula
gives its variance, ``Var S(t) = S(t)^2 * sum_{t_i <= t} d_i / (n_i (n_i - d_i))``, and a pointwise
confidence band either ``S +- z se`` clipped to [0, 1] ("linear", the conventional Greenwood band)
or on the log(-log S) scale ("log-log", the exponential Greenwood band). These are the formulas of
``scipy.stats.ecdf`` on ``scipy.stats.CensoredData`` (tests/test_survival.py checks that the two
agree); where scipy's formulas are undefined (0 * inf once every truce has collapsed) this module
returns the point estimate instead of NaN.

Simulated truces are observed up to a horizon (e.g. 365 days): ``censor_at`` turns lifetimes
(possibly ``inf``: the truce never collapses) into observed times and event flags.

The last section holds the pieces every survival figure draws (chapters 5, 10 and 11): a curve
sampled every few days, its Kaplan–Meier band, the median lifetime and the axes. They return plain
dicts (plotly validates them once, in ``go.Figure``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.style import PALETTE, base_layout
from widgets.validate import check_int, check_range

METHODS = ("linear", "log-log")
#: survival curves are drawn every SAMPLE_DAYS days (a point every few pixels: the same picture,
#: a fifth of the data in the notebook and the book's precomputed states)
SAMPLE_DAYS = 5


@dataclass(frozen=True)
class KaplanMeier:
    """The estimate at each distinct observed time (events and censorings), as scipy reports it."""

    time: np.ndarray  # distinct observed times, increasing
    survival: np.ndarray  # S(t) just after each time
    lower: np.ndarray  # pointwise confidence band
    upper: np.ndarray
    at_risk: np.ndarray  # n_i: still under observation just before t_i
    events: np.ndarray  # d_i: collapses at t_i

    def evaluate(self, t) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The step functions (survival, lower, upper) at times ``t`` (right-continuous; 1 before
        the first observed time)."""
        t = np.asarray(t, dtype=float)
        i = np.searchsorted(self.time, t, side="right") - 1
        pad = lambda a: np.concatenate(([1.0], a))  # noqa: E731 - index -1 -> before the first time
        return pad(self.survival)[i + 1], pad(self.lower)[i + 1], pad(self.upper)[i + 1]


def censor_at(lifetimes, horizon: float) -> tuple[np.ndarray, np.ndarray]:
    """Observed times and event flags when observation stops at ``horizon``.

    A lifetime ``<= horizon`` is an observed collapse; a longer one (or ``inf``) is right-censored
    at the horizon.
    """
    horizon = check_range("horizon", horizon, 0.0, 1e9)
    t = np.asarray(lifetimes, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError("lifetimes must be a non-empty one-dimensional array")
    if np.any(np.isnan(t)) or np.any(t < 0):
        raise ValueError("lifetimes must be >= 0 (inf allowed: never collapses), got NaN or negative values")
    observed = t <= horizon
    return np.where(observed, t, horizon), observed


def _z(confidence: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def kaplan_meier(times, observed=None, confidence: float = 0.95, method: str = "linear") -> KaplanMeier:
    """Kaplan–Meier estimate with a pointwise confidence band (Greenwood).

    ``times``: observed times (finite, >= 0); ``observed``: True for a collapse, False for a
    right-censored truce (default: all observed). ``method``: "linear" or "log-log", as in
    ``scipy.stats.ecdf(...).sf.confidence_interval``.
    """
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError("times must be a non-empty one-dimensional array")
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("times must be finite and >= 0 (censor infinite lifetimes with censor_at)")
    if observed is None:
        died = np.ones(t.size, dtype=bool)
    else:
        died = np.asarray(observed)
        if died.shape != t.shape or died.dtype != bool:
            raise ValueError("observed must be a boolean array of the same length as times")
    confidence = check_range("confidence", confidence, 0.0, 1.0)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")

    order = np.argsort(t, kind="stable")
    t, died = t[order], died[order]
    first = np.flatnonzero(np.diff(t, prepend=-np.inf) > 0)  # first index of each distinct time
    time = t[first]
    at_risk = t.size - first
    events = np.add.reduceat(died.astype(np.int64), first)
    survival = np.cumprod((at_risk - events) / at_risk)

    with np.errstate(divide="ignore", invalid="ignore"):
        greenwood = np.cumsum(events / (at_risk * (at_risk - events)))  # inf once n_i == d_i
        z = _z(confidence)
        if method == "linear":
            se = survival * np.sqrt(greenwood)
            lower, upper = survival - z * se, survival + z * se
        else:
            log_s = np.log(survival)
            se = np.sqrt(greenwood) / np.abs(log_s)
            lnl = np.log(-log_s)
            lower, upper = np.exp(-np.exp(lnl + z * se)), np.exp(-np.exp(lnl - z * se))
    # where the formulas are undefined (S = 1 with no events yet, S = 0 after the last truce
    # collapsed) the band is the point estimate itself: never NaN
    undefined = np.isnan(lower) | np.isnan(upper)
    lower = np.clip(np.where(undefined, survival, lower), 0.0, 1.0)
    upper = np.clip(np.where(undefined, survival, upper), 0.0, 1.0)
    return KaplanMeier(time, survival, lower, upper, at_risk, events)


def survival_band(lifetimes, days: int, confidence: float = 0.95, method: str = "linear") -> dict[str, np.ndarray]:
    """Kaplan–Meier curve and band of lifetimes right-censored at ``days``, on the days 0..days.

    Returns ``{"survival", "lower", "upper"}``, arrays of length days + 1 (day 0: all holding).
    """
    days = check_int("days", days, 1, 3650)
    times, observed = censor_at(lifetimes, days)
    km = kaplan_meier(times, observed, confidence, method)
    s, lo, hi = km.evaluate(np.arange(days + 1))
    return {"survival": s, "lower": lo, "upper": hi}


# ---------------------------------------------------------------- drawing survival curves
def curve_trace(
    curve: np.ndarray,
    name: str,
    colour: str,
    dash: str = "solid",
    width: float = 2.5,
    every: int = SAMPLE_DAYS,
    hover: str = "day %{x}: %{y:.0%} still holding",
) -> dict:
    """A survival curve (index = day) as a line, one point every ``every`` days and the last day;
    days as ``x0``/``dx`` where they are evenly spaced, shares as float32 (small notebooks and pages)."""
    days = len(curve) - 1
    if days % every == 0:
        x = {"x0": 0, "dx": every}
        y = np.asarray(curve)[::every]
    else:
        idx = np.r_[np.arange(0, days, every), days]
        x, y = {"x": idx}, np.asarray(curve)[idx]
    return {
        "type": "scatter",
        **x,
        "y": np.asarray(y, dtype=np.float32),
        "mode": "lines",
        "name": name,
        "line": {"color": colour, "dash": dash, "width": width},
        "hovertemplate": hover + "<extra>" + name + "</extra>",
    }


def band_traces(band: dict, every: int = SAMPLE_DAYS, name: str = "95% band (Kaplan–Meier)") -> list[dict]:
    """A confidence band (``survival_band``'s dict) as two lines sampled like the curve, the upper
    one filled down to the lower one: no x values stored (``x0``/``dx``), so each state of a static
    figure carries only the two edges."""
    lower = curve_trace(band["lower"], name + ", lower edge", "rgba(0,114,178,0)", width=0, every=every)
    upper = curve_trace(band["upper"], name, "rgba(0,114,178,0)", width=0, every=every)
    for trace in (lower, upper):
        del trace["hovertemplate"]
        trace["hoverinfo"] = "skip"
    lower["showlegend"] = False
    upper.update(fill="tonexty", fillcolor="rgba(0,114,178,0.2)")
    return [lower, upper]


def half_line(days: int) -> dict:
    """A thin line at half the truces, across the horizon: the median lifetime is where a curve
    crosses it."""
    return {
        "type": "scatter",
        "x": [0, days],
        "y": [0.5, 0.5],
        "mode": "lines",
        "name": "half the truces",
        "showlegend": False,
        "line": {"color": PALETTE["grey"], "width": 1},
        "hoverinfo": "skip",
    }


def median_trace(median: float, colour: str, name: str = "median lifetime") -> dict:
    """A dotted drop from half the truces to the axis at the median lifetime (an empty trace when
    more than half outlast the horizon, so a figure keeps the same traces in every state)."""
    if np.isinf(median):
        return {"type": "scatter", "x": [], "y": [], "mode": "lines", "name": name, "showlegend": False}
    return {
        "type": "scatter",
        "x": [median, median],
        "y": [0.0, 0.5],
        "mode": "lines",
        "name": name,
        "showlegend": False,
        "line": {"color": colour, "dash": "dot", "width": 1.5},
        "hovertemplate": f"{name}: day %{{x:.0f}}<extra></extra>",
    }


def survival_layout(
    title: str,
    days: int,
    yaxis: str = "share of simulated truces still holding",
    xaxis: str = "days since the truce began",
) -> dict:
    """Axes of a survival figure: the share still holding (0-100%) against days."""
    layout = base_layout(title=title, xaxis=xaxis, yaxis=yaxis)
    layout["yaxis"].update(range=[0, 1.02], tickformat=".0%")
    layout["xaxis"].update(range=[0, days])
    return layout
