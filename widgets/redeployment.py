"""Stated reason 1: does a local freeze just move the war? A multi-front contest.

Each front is a contest (Tullock 1980; Hirshleifer 1989): with forces F_A of the government and its
allies (side A) and F_B of the opposition (side B) on a front, side A takes the front with probability

    p = F_A^m / (F_A^m + F_B^m),

where m >= 0 is the *decisiveness* of fighting (m = 1 is Tullock's lottery; m = 0 makes every
contest a coin toss between two sides that both fight; a large m makes the stronger side win
almost surely). ``contest_success`` is the one contest success function of the course: chapter 7's
``widgets.strikes`` uses it too.

The government holds forces on Aleppo and on ``n_fronts`` other fronts. A freeze in Aleppo stops the
fighting there and frees a share ``freed_share`` (f) of the government's Aleppo forces, which move in
equal parts to the other fronts that are *not* frozen as well (the first ``covered_fronts``, n_f). The opposition's forces elsewhere stay
where they are (the Aleppo groups are local; chapter text discusses this assumption). On a frozen
front nobody attacks, so the odds there do not change.

The opposition's objection is measured by its *extra expected loss elsewhere*: the sum over the
other, still-contested fronts of the rise in side A's chance of taking them,
``sum_j v_j (p_j(after) - p_j(before))``, in "expected fronts" (every front has value v_j = 1
unless given). It is >= 0, never falls as ``freed_share`` rises (p rises with F_A), and is exactly
0 when the freeze covers every other front (``covered_fronts == n_fronts``): the condition the
Syrian National Coalition set for accepting a freeze.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control, declare
from widgets.style import GRID, PALETTE, base_layout
from widgets.traces import bars, lines, markers
from widgets.validate import check_array, check_int, check_range

MAX_FRONTS = 6
MAX_FORCES = 10.0
FIGURE_FRONTS = 3
FRONT_NAMES = tuple(f"Front {j + 1}" for j in range(MAX_FRONTS))
#: the range of the decisiveness m that the contest success function accepts
MAX_DECISIVENESS = 10.0

#: the controls of the parameters this module owns (chapters 3 and 7 name them; decisiveness
#: serves both chapters' figures)
CONTROLS = declare(
    Control(
        "freed_share", "Share of forces freed", 0.0, 1.0, 0.05, fmt=".0%", unit="of the government's Aleppo forces"
    ),
    Control("covered_fronts", "Other fronts frozen too", 0, FIGURE_FRONTS, 1, fmt=".0f", unit=f"of {FIGURE_FRONTS}"),
    Control("decisiveness", "Decisiveness of fighting (m)", 0.0, 3.0, 0.25),
)


def _scalar(value):
    """A 0-d numpy array as its Python number (anything else unchanged), for check_range."""
    return value.item() if isinstance(value, np.ndarray) else value


def _check_forces(name: str, value, n: int, low: float) -> np.ndarray:
    """A number (the same on every front) or one number per front, each finite and in [low, MAX_FORCES]."""
    if np.ndim(value) == 0:
        return np.full(n, check_range(name, _scalar(value), low, MAX_FORCES))
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers in [{low:g}, {MAX_FORCES:g}], got {value!r}") from None
    if arr.shape != (n,):
        raise ValueError(f"{name} must be one number or {n} numbers (one per front), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < low) or np.any(arr > MAX_FORCES):
        raise ValueError(f"{name} must be in [{low:g}, {MAX_FORCES:g}], got values outside it")
    return arr


# ---------------------------------------------------------------- the model
def contest_success(regime, opposition, decisiveness: float = 1.0) -> np.ndarray:
    """Side A's chance of winning a contest: F_A^m / (F_A^m + F_B^m) (Tullock 1980; Hirshleifer 1989).

    ``regime`` is side A's force (the government's), ``opposition`` side B's. Arrays broadcast.
    Forces must be >= 0 and the decisiveness m in [0, 10]. A side with no forces against one that
    has some loses (also at m = 0, where two sides that both fight have even odds); when neither
    side has forces the odds are even. Non-decreasing in A's forces, non-increasing in B's.
    """
    m = check_range("decisiveness", decisiveness, 0.0, MAX_DECISIVENESS)
    a = np.asarray(regime, dtype=float)
    b = np.asarray(opposition, dtype=float)
    if not (np.all(np.isfinite(a)) and np.all(a >= 0)):
        raise ValueError("regime forces must be finite and >= 0")
    if not (np.all(np.isfinite(b)) and np.all(b >= 0)):
        raise ValueError("opposition forces must be finite and >= 0")
    am, bm = a**m, b**m
    total = am + bm
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(total > 0, am / np.where(total > 0, total, 1.0), 0.5)
    p = np.where((b == 0) & (a > 0), 1.0, np.where((a == 0) & (b > 0), 0.0, p))  # no forces, no win
    return p


def redeployed_forces(
    freed_share, n_fronts: int = FIGURE_FRONTS, covered_fronts: int = 0, regime_aleppo: float = 1.0, regime_other=1.0
) -> np.ndarray:
    """The government's forces on each of the other fronts after a freeze in Aleppo.

    The freed forces ``freed_share * regime_aleppo`` go in equal parts to the fronts that are not
    frozen; the first ``covered_fronts`` fronts are frozen too and keep their forces. Returns an
    array of shape ``(*shape(freed_share), n_fronts)``. With every front frozen, the freed forces
    have nowhere to fight: they stay idle and no front changes.
    """
    s = check_array("freed_share", freed_share)
    n_fronts = check_int("n_fronts", n_fronts, 1, MAX_FRONTS)
    covered = check_int("covered_fronts", covered_fronts, 0, n_fronts)
    regime_aleppo = check_range("regime_aleppo", regime_aleppo, 0.0, MAX_FORCES)
    base = _check_forces("regime_other", regime_other, n_fronts, 0.0)
    open_fronts = np.arange(n_fronts) >= covered
    per_front = np.where(open_fronts, 1.0 / max(n_fronts - covered, 1), 0.0)
    if covered == n_fronts:
        per_front = np.zeros(n_fronts)
    return base + (s[..., None] * regime_aleppo) * per_front


def front_odds(
    freed_share,
    n_fronts: int = FIGURE_FRONTS,
    covered_fronts: int = 0,
    decisiveness: float = 1.0,
    regime_aleppo: float = 1.0,
    regime_other=1.0,
    opposition_other=1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """The government's chance of taking each other front before and after the freeze.

    Returns ``(before, after)``, each of shape ``(*shape(freed_share), n_fronts)``; on a frozen front
    (the first ``covered_fronts``) ``after`` equals ``before``: nobody attacks there.
    """
    s = check_array("freed_share", freed_share)
    n_fronts = check_int("n_fronts", n_fronts, 1, MAX_FRONTS)
    forces_b = _check_forces("opposition_other", opposition_other, n_fronts, 0.01)
    forces_a = _check_forces("regime_other", regime_other, n_fronts, 0.0)
    after_forces = redeployed_forces(s, n_fronts, covered_fronts, regime_aleppo, forces_a)
    before = np.broadcast_to(contest_success(forces_a, forces_b, decisiveness), after_forces.shape)
    after = contest_success(after_forces, forces_b, decisiveness)
    frozen = np.arange(n_fronts) < covered_fronts
    after = np.where(frozen, before, np.maximum(after, before))  # guard against 1-ulp rounding
    return np.array(before), after


def expected_loss_elsewhere(freed_share, *args, front_values=1.0, **kwargs) -> np.ndarray | float:
    """The opposition's extra expected loss on the other fronts caused by the freed forces; the
    other arguments are those of ``front_odds``.

    ``sum_j v_j (p_j(after) - p_j(before))`` over the other fronts, in expected fronts lost
    (``front_values`` v_j: one number or one per front, default 1). A float for a scalar
    ``freed_share``, an array of the same shape for an array. Always >= 0; non-decreasing in
    ``freed_share``; 0 when ``freed_share`` is 0 or the freeze covers every other front.
    """
    before, after = front_odds(freed_share, *args, **kwargs)
    values = _check_forces("front_values", front_values, after.shape[-1], 0.0)
    loss = np.sum((after - before) * values, axis=-1)
    return float(loss) if np.ndim(loss) == 0 else loss


def describe_loss(freed_share: float, covered_fronts: int, loss: float, n_fronts: int = FIGURE_FRONTS) -> str:
    """The readout a reader sees, as rounded text."""
    frozen = (
        "no other front frozen"
        if covered_fronts == 0
        else "all other fronts frozen too"
        if covered_fronts >= n_fronts
        else f"{covered_fronts} of {n_fronts} other fronts frozen too"
    )
    return (
        f"Freeing {freed_share:.0%} of the government's Aleppo forces ({frozen}): "
        f"opposition's extra expected loss elsewhere {loss:+.3f} fronts"
    )


# ---------------------------------------------------------------- figures
_GRID = np.linspace(0.0, 1.0, 41)


def figure_redeployment(
    freed_share: float = 0.3, covered_fronts: float = 0, decisiveness: float = 1.0, regime_aleppo: float = 1.0
) -> go.Figure:
    """Left: the government's odds on each other front before and after the freeze. Right: the
    opposition's extra expected loss elsewhere as the freed share grows, with the current value."""
    n = FIGURE_FRONTS
    covered = int(round(covered_fronts))
    s = check_range("freed_share", freed_share, 0.0, 1.0)
    before, after = front_odds(s, n, covered, decisiveness, regime_aleppo)
    curve = expected_loss_elsewhere(_GRID, n, covered, decisiveness, regime_aleppo)
    loss = expected_loss_elsewhere(s, n, covered, decisiveness, regime_aleppo)
    names = list(FRONT_NAMES[:n])
    frozen = np.arange(n) < covered
    traces = [
        bars(
            names,
            before,
            "before the freeze",
            PALETTE["grey"],
            hovertemplate="%{x}, before: %{y:.3f}<extra></extra>",
            xaxis="x",
            yaxis="y",
        ),
        bars(
            names,
            after,
            "after the freeze in Aleppo",
            [PALETTE["green"] if f else PALETTE["vermillion"] for f in frozen],
            marker={"pattern": {"shape": ["/" if f else "" for f in frozen]}},
            text=["frozen" if f else f"{a - b:+.3f}" for f, a, b in zip(frozen, after, before)],
            textposition="outside",
            hovertemplate="%{x}, after: %{y:.3f}<extra></extra>",
            xaxis="x",
            yaxis="y",
        ),
        lines(
            _GRID,
            curve,
            "extra expected loss elsewhere",
            PALETTE["blue"],
            width=3,
            xaxis="x2",
            yaxis="y2",
            hovertemplate="freed %{x:.0%}: %{y:+.3f} fronts<extra></extra>",
        ),
        markers(
            [s],
            [loss],
            "current share freed",
            PALETTE["vermillion"],
            12,
            "diamond",
            xaxis="x2",
            yaxis="y2",
            hovertemplate="freed %{x:.0%}: %{y:+.3f} fronts<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=describe_loss(s, covered, loss, n).replace("): ", "):<br>"),
        xaxis="",
        yaxis="government's chance of taking the front",
    )
    layout["xaxis"].update(domain=[0.0, 0.42], title={"text": "other fronts (first ones frozen if covered)"})
    layout["yaxis"].update(range=[0, 1.05])
    layout["xaxis2"] = {
        "domain": [0.55, 1.0],
        "anchor": "y2",
        "range": [-0.02, 1.02],
        "tickformat": ".0%",
        "title": {"text": "share of the government's Aleppo forces freed"},
        "gridcolor": GRID,
    }
    layout["yaxis2"] = {
        "anchor": "x2",
        "range": [-0.01, 0.65],
        "title": {"text": "extra expected fronts lost"},
        "gridcolor": GRID,
    }
    layout["barmode"] = "group"
    layout["height"] = 460
    layout["margin"] = {"l": 60, "r": 20, "t": 110, "b": 50}
    layout["legend"] = {"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"}  # on top, clear of the axes
    layout["title"]["font"] = {"size": 14}
    return go.Figure(traces, layout)


def loss_by_coverage(
    decisiveness: float = 1.0, n_fronts: int = FIGURE_FRONTS, regime_aleppo: float = 1.0, grid=_GRID
) -> dict[int, np.ndarray]:
    """Extra expected loss elsewhere over the freed share, for each number of other fronts frozen."""
    return {c: expected_loss_elsewhere(grid, n_fronts, c, decisiveness, regime_aleppo) for c in range(n_fronts + 1)}


def figure_loss_by_coverage(
    decisiveness: float = 1.0, freed_share: float = 1.0, regime_aleppo: float = 1.0
) -> go.Figure:
    """One curve per number of other fronts frozen with Aleppo: only a freeze covering all of them
    takes the extra loss to zero; covering some concentrates the freed forces on the rest. The
    markers and the title give the values at ``freed_share``."""
    s = check_range("freed_share", freed_share, 0.0, 1.0)
    curves = loss_by_coverage(decisiveness, FIGURE_FRONTS, regime_aleppo)
    at = {c: expected_loss_elsewhere(s, FIGURE_FRONTS, c, decisiveness, regime_aleppo) for c in curves}
    dashes = ["solid", "dash", "dot", "dashdot"]
    colours = [PALETTE["vermillion"], PALETTE["orange"], PALETTE["sky"], PALETTE["green"]]
    traces = [
        lines(
            _GRID,
            y,
            f"{c} of {FIGURE_FRONTS} other fronts frozen",
            colours[c],
            width=3,
            dash=dashes[c],
            hovertemplate="freed %{x:.0%}: %{y:+.3f} fronts<extra></extra>",
        )
        for c, y in curves.items()
    ]
    traces.append(
        markers(
            [s] * len(at),
            list(at.values()),
            "current share freed",
            colours[: len(at)],
            10,
            "diamond",
            showlegend=False,
            marker={"line": {"color": PALETTE["grey"], "width": 1}},
            customdata=list(at),
            hovertemplate="%{customdata} frozen, freed %{x:.0%}: %{y:+.3f} fronts<extra></extra>",
        )
    )
    title = (
        f"{s:.0%} of the government's Aleppo forces freed (decisiveness m = {decisiveness:.2f}): "
        "extra loss elsewhere<br>"
        + ", ".join(f"{v:+.3f}" for v in at.values())
        + " fronts with "
        + ", ".join(str(c) for c in at)
        + f" of {FIGURE_FRONTS} other fronts frozen"
    )
    layout = base_layout(
        title=title, xaxis="share of the government's Aleppo forces freed", yaxis="extra expected fronts lost"
    )
    layout["xaxis"].update(tickformat=".0%")
    layout["yaxis"].update(range=[-0.01, 0.65])
    layout["title"]["font"] = {"size": 14}
    layout["margin"] = {"l": 60, "r": 20, "t": 110, "b": 50}
    layout["legend"] = {"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"}
    return go.Figure(traces, layout)
