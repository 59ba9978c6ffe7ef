"""Did truces hold where jihadists were weak? SIMULATED districts, analysed as a data analyst would.

Every number this module produces about districts is SIMULATED: there is no data set of Syrian
local truces with a measure of jihadist influence that could be used here. Each simulated district
i has a jihadist influence phi_i in [0, 1]; its truce runs through the spoiler model of
``widgets.spoilers`` with spoiler strength s * phi_i, where s is the spoiler strength where
jihadists dominate. A truce "held" (y_i = 1) if it outlasted the horizon. The analysis: the share
of truces that held by influence band, a logistic curve P(y_i = 1) = 1 / (1 + exp(-(alpha_0 +
alpha_1 (phi_i - 1/2)))) fitted to the outcomes, and bootstrap intervals showing how sure one can
be with this many districts (the notation is the book's: notation.md).

Controls: this module declares ``n_districts``; its figure also names ``spoiler_strength`` and
``monitoring``, declared in ``widgets.spoilers``.

The real truces of the chapter are in ``data/local_truces.csv`` (a small hand-coded table, each row
citing its source); ``load_cases`` reads it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control, declare
from widgets.spoilers import truce_lifetimes
from widgets.style import PALETTE, base_layout
from widgets.traces import lines, scatter
from widgets.validate import check_int, check_range

CASES_PATH = Path(__file__).resolve().parent.parent / "data" / "local_truces.csv"
CASE_COLUMNS = ("name", "place", "start_date", "end_or_status", "outcome", "source_key", "source")
BAND_EDGES = (0.0, 1 / 3, 2 / 3, 1.0)
BAND_LABELS = ("low influence", "medium influence", "high influence")
RIDGE = 0.1  # a weak penalty keeps the fit finite when a few districts separate perfectly
N_BOOT = 200
LEVEL = 0.9  # the bootstrap intervals' coverage
HORIZON = 180  # a truce "held" if it lasted more than this many days

#: the controls of the parameters this module owns (chapter 06 names them)
CONTROLS = declare(
    Control("n_districts", "Number of simulated districts", 10, 100, 10, fmt=".0f"),
)


# ---------------------------------------------------------------- simulation
def simulate_districts(
    spoiler_strength: float = 0.6,
    n_districts: int = 40,
    horizon: int = HORIZON,
    monitoring: float = 0.3,
    spoiler_type: str = "total",
    seed: int = 0,
) -> dict:
    """SIMULATED districts: jihadist influence, truce lifetime (days) and whether the truce held.

    ``spoiler_strength`` is the strength of the spoiler where jihadists dominate (influence 1);
    a district with influence phi_i faces a spoiler of strength ``spoiler_strength * phi_i``.
    With a fixed seed, a stronger spoiler never lets more truces hold (common random numbers).
    """
    spoiler_strength = check_range("spoiler_strength", spoiler_strength, 0.0, 1.0)
    n_districts = check_int("n_districts", n_districts, 2, 100_000)
    horizon = check_int("horizon", horizon, 1, 3650)
    seed = check_int("seed", seed, 0, 2**63 - 1)
    influence = np.random.default_rng((seed, 6)).random(n_districts)  # a stream apart from the truces'
    lifetime = truce_lifetimes(
        spoiler_strength * influence, n=n_districts, seed=seed, spoiler_type=spoiler_type, monitoring=monitoring
    )
    return {"influence": influence, "lifetime": lifetime, "held": lifetime > horizon, "horizon": horizon}


# ---------------------------------------------------------------- analysis
def _check_xy(influence, held) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(influence, dtype=float)
    y = np.asarray(held, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or x.size < 2:
        raise ValueError("influence and held must be one-dimensional arrays of the same length (>= 2)")
    if not np.all(np.isfinite(x)) or np.any(x < 0) or np.any(x > 1):
        raise ValueError("influence must be in [0, 1]")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("held must be 0/1 (or booleans)")
    return x, y


def band_index(influence) -> np.ndarray:
    """0, 1, 2 for low, medium and high influence (thirds of [0, 1])."""
    return np.clip(np.searchsorted(BAND_EDGES[1:-1], np.asarray(influence), side="right"), 0, 2)


def band_table(influence, held) -> dict:
    """Districts, truces held and share held in each influence band (share 0 for an empty band)."""
    x, y = _check_xy(influence, held)
    band = band_index(x)
    count = np.bincount(band, minlength=3)
    kept = np.bincount(band, weights=y, minlength=3)
    share = np.divide(kept, count, out=np.zeros(3), where=count > 0)
    return {"label": BAND_LABELS, "count": count, "held": kept.astype(int), "share": share}


def _fit_batch(x: np.ndarray, y: np.ndarray, ridge: float = RIDGE, iterations: int = 50) -> np.ndarray:
    """Penalised logistic fits P(held) = 1 / (1 + exp(-(alpha_0 + alpha_1 (phi - 0.5)))), one per
    row of x (the influences phi) and y (held or not).

    Newton's method, vectorised over rows (2 x 2 systems solved in closed form). Returns (rows, 2).
    """
    xc = x - 0.5
    coef = np.zeros((x.shape[0], 2))
    for _ in range(iterations):
        eta = coef[:, :1] + coef[:, 1:] * xc
        mu = 1.0 / (1.0 + np.exp(-eta))
        w = mu * (1.0 - mu)
        r = y - mu
        g0 = r.sum(axis=1) - ridge * coef[:, 0]
        g1 = (r * xc).sum(axis=1) - ridge * coef[:, 1]
        h00 = w.sum(axis=1) + ridge
        h01 = (w * xc).sum(axis=1)
        h11 = (w * xc * xc).sum(axis=1) + ridge
        det = h00 * h11 - h01 * h01
        step0 = (h11 * g0 - h01 * g1) / det
        step1 = (h00 * g1 - h01 * g0) / det
        coef[:, 0] += step0
        coef[:, 1] += step1
        if max(np.abs(step0).max(), np.abs(step1).max()) < 1e-10:
            break
    return coef


def fit_logistic(influence, held) -> tuple[float, float]:
    """Intercept alpha_0 (at influence 0.5) and slope alpha_1 of the fitted logistic curve of
    P(held) on influence."""
    x, y = _check_xy(influence, held)
    a, b = _fit_batch(x[None, :], y[None, :])[0]
    return float(a), float(b)


def logistic_curve(coef, grid) -> np.ndarray:
    coef = np.atleast_2d(coef)
    return 1.0 / (1.0 + np.exp(-(coef[:, :1] + coef[:, 1:] * (np.asarray(grid) - 0.5))))


def analyse(influence, held, n_boot: int = N_BOOT, level: float = LEVEL, seed: int = 0, grid_points: int = 51) -> dict:
    """Share held by band, the fitted curve and bootstrap intervals (resampling districts, seeded).

    ``difference`` is the share held in the low band minus the share in the high band;
    its interval uses the bootstrap samples in which both bands have districts.
    """
    x, y = _check_xy(influence, held)
    n_boot = check_int("n_boot", n_boot, 10, 100_000)
    level = check_range("level", level, 0.5, 0.999)
    seed = check_int("seed", seed, 0, 2**63 - 1)
    table = band_table(x, y)
    coef = _fit_batch(x[None, :], y[None, :])[0]
    idx = np.random.default_rng((seed, 7)).integers(0, x.size, size=(n_boot, x.size))
    xb, yb = x[idx], y[idx]
    coefs = _fit_batch(xb, yb)
    grid = np.linspace(0.0, 1.0, grid_points)
    q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    curves = logistic_curve(coefs, grid)
    band = band_index(xb)
    n_low, n_high = (band == 0).sum(axis=1), (band == 2).sum(axis=1)
    ok = (n_low > 0) & (n_high > 0)
    diffs = ((yb * (band == 0)).sum(axis=1)[ok] / n_low[ok]) - ((yb * (band == 2)).sum(axis=1)[ok] / n_high[ok])
    has_both = table["count"][0] > 0 and table["count"][2] > 0
    return {
        "table": table,
        "coef": coef,
        "slope": float(coef[1]),
        "slope_interval": tuple(float(v) for v in np.percentile(coefs[:, 1], q)),
        "grid": grid,
        "curve": logistic_curve(coef, grid)[0],
        "curve_low": np.percentile(curves, q[0], axis=0),
        "curve_high": np.percentile(curves, q[1], axis=0),
        "difference": float(table["share"][0] - table["share"][2]) if has_both else 0.0,
        "difference_interval": (tuple(float(v) for v in np.percentile(diffs, q)) if diffs.size else (-1.0, 1.0)),
        "level": level,
        "n": int(x.size),
    }


def simulated_analysis(
    spoiler_strength: float = 0.6, n_districts: int = 40, monitoring: float = 0.3, seed: int = 0
) -> dict:
    """``analyse`` of ``simulate_districts`` with one seed for both: what ``figure_districts`` shows."""
    sim = simulate_districts(spoiler_strength, n_districts, monitoring=monitoring, seed=seed)
    return analyse(sim["influence"], sim["held"], seed=seed)


def excludes_zero(interval) -> bool:
    """Whether an interval ``(low, high)`` lies wholly above or wholly below zero."""
    return interval[0] > 0 or interval[1] < 0


def points(share: float) -> str:
    """A difference of shares in percentage points, as text with a typographic minus: '−12'."""
    return f"{100 * share:.0f}".replace("-", "−")


def describe(result: dict) -> str:
    """The readout: share held in the low and high bands and the interval of their difference."""
    t = result["table"]
    lo, hi = result["difference_interval"]
    return (
        f"held in {t['share'][0]:.0%} of low-influence vs {t['share'][2]:.0%} of high-influence districts: "
        f"difference {100 * result['difference']:.0f} points, {result['level']:.0%} bootstrap interval "
        f"{100 * lo:.0f} to {100 * hi:.0f}"
    )


# ---------------------------------------------------------------- the real cases
def load_cases(path: str | Path = CASES_PATH) -> list[dict]:
    """The hand-coded table of real local truces, one dict per row (all fields are text)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or tuple(rows[0].keys()) != CASE_COLUMNS:
        raise ValueError(f"{path} must have the columns {', '.join(CASE_COLUMNS)}")
    return rows


def cases_markdown(path: str | Path = CASES_PATH, cite: bool = False) -> str:
    """The case table as Markdown; with ``cite``, each source is cited with MyST's footcite role."""
    head = "| Truce | Place | Began | End or status | Outcome | Source |\n|---|---|---|---|---|---|\n"
    body = "".join(
        f"| {r['name']} | {r['place']} | {r['start_date']} | {r['end_or_status']} | {r['outcome']} | "
        f"{r['source']}" + (f" {{footcite:p}}`{r['source_key']}`" if cite else "") + " |\n"
        for r in load_cases(path)
    )
    return head + body


# ---------------------------------------------------------------- figures
def figure_districts(
    spoiler_strength: float = 0.6,
    n_districts: float = 40,
    monitoring: float = 0.3,
    horizon: int = HORIZON,
    seed: int = 0,
) -> go.Figure:
    """SIMULATED districts: truce held (1) or broke (0) against jihadist influence, with the share
    held in each band, the fitted logistic curve and its bootstrap band."""
    n_districts = int(round(n_districts))
    sim = simulate_districts(spoiler_strength, n_districts, horizon, monitoring, seed=seed)
    res = analyse(sim["influence"], sim["held"], seed=seed)
    jitter = 0.06 * (np.random.default_rng((seed, 8)).random(n_districts) - 0.5)
    t = res["table"]
    mids = [(BAND_EDGES[i] + BAND_EDGES[i + 1]) / 2 for i in range(3)]
    colours = np.where(sim["held"], PALETTE["blue"], PALETTE["vermillion"])
    traces = [
        {
            "type": "bar",
            "x": mids,
            "y": t["share"],
            "width": [1 / 3 - 0.01] * 3,
            "name": "share held in the band",
            "marker": {"color": PALETTE["sky"], "opacity": 0.35},
            "customdata": np.stack([t["held"], t["count"]], axis=1),
            "hovertemplate": "%{customdata[0]} of %{customdata[1]} held (%{y:.0%})<extra>SIMULATED</extra>",
        },
        scatter(
            x=np.concatenate([res["grid"], res["grid"][::-1]]),
            y=np.concatenate([res["curve_high"], res["curve_low"][::-1]]),
            fill="toself",
            mode="lines",
            line={"width": 0},
            fillcolor="rgba(0,114,178,0.18)",
            hoverinfo="skip",
            name=f"{res['level']:.0%} bootstrap band",
        ),
        lines(
            res["grid"],
            res["curve"],
            "fitted logistic curve",
            PALETTE["blue"],
            2.5,
            hovertemplate="influence %{x:.2f}: P(held) %{y:.2f}<extra></extra>",
        ),
        scatter(
            x=sim["influence"],
            y=sim["held"] + jitter,
            mode="markers",
            name="SIMULATED district",
            marker={"color": colours, "size": 7, "opacity": 0.8, "line": {"width": 0}},
            hovertemplate="influence %{x:.2f}<extra>SIMULATED district</extra>",
        ),
    ]
    lo, hi = res["difference_interval"]
    title = (
        f"SIMULATED: held in {t['share'][0]:.0%} of low- vs {t['share'][2]:.0%} of high-influence districts"
        f"<br><sup>difference {100 * res['difference']:.0f} points, {res['level']:.0%} bootstrap interval "
        f"{100 * lo:.0f} to {100 * hi:.0f}<br>{n_districts} SIMULATED districts, spoiler strength "
        f"{spoiler_strength:.2f}, monitoring {monitoring:.2f}; held = lasted more than {horizon} days</sup>"
    )
    layout = base_layout(
        title=title,
        xaxis="jihadist influence in the district (SIMULATED)",
        yaxis="truce held (1) or broke (0); share held",
    )
    layout["yaxis"].update(range=[-0.08, 1.08], tickvals=[0, 0.25, 0.5, 0.75, 1])
    layout["xaxis"].update(range=[-0.02, 1.02])
    return go.Figure(traces, layout)
