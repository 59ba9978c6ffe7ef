"""Sampling simulated truces and estimating their survival, in numpy (drawing: ``widgets.survival_plot``).

What every simulating model shares (chapters 5, 10 and 11): the sampler of waiting times
(``geometric_days``), the share of simulated truces still holding on each day
(``survival_from_lifetimes``) and the median lifetime read off such a curve.

Kaplan–Meier curves with pointwise confidence bands: for a sample of lifetimes, some of them
*right-censored* (we only know the truce was still holding when observation stopped), the
Kaplan–Meier estimate of the share still holding after time t is

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.validate import check_int, check_range

METHODS = ("linear", "log-log")


# ---------------------------------------------------------------- sampling simulated truces
def geometric_days(u: np.ndarray, h) -> np.ndarray:
    """Geometric waiting time (days, >= 1) with daily probability h, by inversion of uniforms u in (0, 1].

    Non-increasing in h for fixed u; infinite when h = 0. The one sampler of every model that
    simulates waiting times (the spoilers of chapter 5, the lab of chapter 10).
    """
    rate = -np.log1p(-np.minimum(h, 1.0 - 1e-12))  # >= 0, non-decreasing in h
    with np.errstate(divide="ignore", over="ignore"):
        t = np.ceil(-np.log(u) / rate)  # -log(u) >= 0; h = 0 (or a subnormal h) gives inf
    return np.maximum(t, 1.0)


def survival_from_lifetimes(lifetimes: np.ndarray, days: int) -> np.ndarray:
    """Share of truces still holding at the end of each day 0..days (last axis = truces)."""
    t = np.minimum(np.asarray(lifetimes), days + 1).astype(np.int64)  # lifetimes >= 1, so S[0] = 1
    lead = t.shape[:-1]
    rows = int(np.prod(lead)) if lead else 1
    t = t.reshape(rows, t.shape[-1])
    offset = (np.arange(rows) * (days + 2))[:, None]
    counts = np.bincount((t + offset).ravel(), minlength=rows * (days + 2)).reshape(rows, days + 2)
    dead = np.cumsum(counts[:, : days + 1], axis=1)
    s = 1.0 - dead / t.shape[-1]
    return s.reshape(*lead, days + 1) if lead else s[0]


def median_lifetime(curve: np.ndarray) -> float:
    """First day by which half the truces have collapsed; ``inf`` if more than half outlast the curve."""
    curve = np.asarray(curve, dtype=float)
    if curve.ndim != 1 or curve.size < 1:
        raise ValueError("curve must be a one-dimensional survival curve")
    below = np.flatnonzero(curve <= 0.5)
    return float(below[0]) if below.size else math.inf


def describe_median(median: float, days: int) -> str:
    """'41 days', or '> 365 days' when more than half the truces outlast the horizon."""
    return f"> {days} days" if math.isinf(median) else f"{median:.0f} days"


# ---------------------------------------------------------------- Kaplan–Meier
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
