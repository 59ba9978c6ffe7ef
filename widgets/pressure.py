"""Stated reason 2: why keep fighting instead of settling? Shifting power and commitment.

Fearon (1995) and Powell (2006): when the balance of power is expected to shift, a deal that
reflects today's balance will not reflect tomorrow's, and a promise of tomorrow's terms cannot be
enforced. Fighting can then beat every deal on offer although it is costly for both sides.

The model, per period (a prize of 1 per period; side A is the government and its allies, side B the
opposition and its backers). In period t, A's chance of prevailing is p_t; a period of war costs A a
share ``cost_a`` and B a share ``cost_b`` of that period's prize. B and its backers expect continued
military pressure to move the balance in B's favour: p falls over time. (Symbols as on the book's
notation page: patience delta, shift Delta, fading shift Delta_t with total Delta-bar, decay lambda.)

* War: each side gets its expected share minus its cost, period after period, along the expected
  path of p. With patience delta (the discount factor), B's value of war from period t is
  1 - P_t - c_B, where P_t = (1 - delta) * sum_k delta**k p_{t+k} is the discounted future balance.
* A deal must be *self-enforcing once the pressure stops*: the model assumes that a freeze ends B's
  ability to shift power, so it fixes the balance at p_t, and A will go on honouring a split x (its
  share) only if x >= p_t - c_A. A cannot credibly promise now the concessions that continued
  pressure would force later: the commitment problem.
* B prefers a deal when 1 - x >= 1 - P_t - c_B, i.e. x <= P_t + c_B.

So the deals both prefer are [p_t - c_A, P_t + c_B] (clipped to [0, 1]): Fearon's range
``bargaining_range(p_t, c_A, c_B - D_t)`` where D_t = p_t - P_t >= 0 is the *expected discounted shift*.
It lowers B's effective cost of war, which turns negative (B gains from fighting on) once D_t > c_B.
The range is empty exactly when the discounted shift exceeds the cost of war:

    D_t > c_A + c_B.

A one-time shift Delta from next period on gives D = delta * Delta. Over time the pressure is expected
to pay less and less: the shift in period t is Delta_t = Delta-bar (1 - lambda) lambda**t, adding up
to the total expected shift Delta-bar (``expected_shift``, at most p_0: A's chance cannot fall below
0) with decay lambda (``decay``). Then p_t = p_0 - Delta-bar (1 - lambda**t) and
D_t = delta Delta_t / (1 - delta lambda): the range is closed while D_t > c_A + c_B and opens for good
after that.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from widgets.bargaining import bargaining_range
from widgets.controls import Control, declare
from widgets.style import HEATMAP_SCALE, PALETTE, base_layout
from widgets.traces import lines, markers, scatter, trace
from widgets.validate import check_int, check_range

PERIODS = 24
DECAY = 0.85
P0 = 0.6
MAX_PATIENCE = 0.99

#: the controls of the parameters this module owns (chapters name them; defaults come from each
#: figure function's signature)
CONTROLS = declare(
    Control("expected_shift", "Expected shift in power", 0.0, 0.5, 0.025, fmt=".3f"),
    Control("patience", "Patience (discount factor)", 0.5, 0.95, 0.05),
    Control("cost", "Cost of war per side and period", 0.01, 0.2, 0.01),
    Control("decay", "Decay of the shift per period", 0.5, 0.95, 0.05),
)


# ---------------------------------------------------------------- the model
def commitment_range(
    p: float, shift: float, patience: float = 0.9, cost_a: float = 0.05, cost_b: float = 0.05
) -> tuple[float, float] | None:
    """Shares x of side A that both prefer to war when B expects the balance to move by ``shift``
    in its favour from the next period on (a one-time shift; p cannot fall below 0).

    The expected discounted shift is D = patience * min(shift, p); the range is
    ``bargaining_range(p, cost_a, cost_b - D)``: ``(low, high)`` within [0, 1], or ``None`` when no
    deal beats war, which happens exactly when D > cost_a + cost_b. With ``shift`` = 0 it is
    Fearon's range [p - cost_a, p + cost_b].
    """
    p = check_range("p", p, 0.0, 1.0)
    shift = check_range("shift", shift, 0.0, 1.0)
    patience = check_range("patience", patience, 0.0, MAX_PATIENCE)
    cost_a = check_range("cost_a", cost_a, 0.0, 1.0)
    cost_b = check_range("cost_b", cost_b, 0.0, 1.0)
    return bargaining_range(p, cost_a, cost_b - patience * min(shift, p))


def _check_path(expected_shift, patience, p0, periods, decay):
    p0 = check_range("p0", p0, 0.0, 1.0)
    expected_shift = check_range("expected_shift", expected_shift, 0.0, 1.0)
    patience = check_range("patience", patience, 0.0, MAX_PATIENCE)
    periods = check_int("periods", periods, 1, 1000)
    decay = check_range("decay", decay, 0.0, 0.99)
    return min(expected_shift, p0), patience, p0, periods, decay


def shift_path(expected_shift: float, periods: int = PERIODS, decay: float = DECAY, p0: float = P0) -> np.ndarray:
    """The shift B expects from period t to t + 1, for t = 0..periods: Delta-bar (1 - lambda) lambda**t,
    with Delta-bar = min(expected_shift, p0) and lambda = decay."""
    total, _, _, periods, decay = _check_path(expected_shift, 0.5, p0, periods, decay)
    return total * (1.0 - decay) * decay ** np.arange(periods + 1)


def range_over_time(
    expected_shift: float,
    patience: float = 0.9,
    cost_a: float = 0.05,
    cost_b: float = 0.05,
    p0: float = P0,
    periods: int = PERIODS,
    decay: float = DECAY,
) -> dict[str, np.ndarray]:
    """The expected balance and the bargaining range in each period while the pressure continues.

    Returns arrays over t = 0..periods: ``t``; ``p`` (A's chance if the pressure continues);
    ``future`` (P_t, the discounted future balance); ``discounted_shift`` (D_t = p_t - P_t);
    ``low`` and ``high`` (the bounds max(0, p_t - c_A) and min(1, p_t + c_B - D_t); the range is
    closed where high < low) and ``open`` (bool: some deal beats war). Vectorised over periods;
    the arithmetic is the one of ``bargaining_range``, so ``open`` agrees with it exactly.
    """
    total, patience, p0, periods, decay = _check_path(expected_shift, patience, p0, periods, decay)
    cost_a = check_range("cost_a", cost_a, 0.0, 1.0)
    cost_b = check_range("cost_b", cost_b, 0.0, 1.0)
    t = np.arange(periods + 1)
    r_t = decay**t
    p = p0 - total * (1.0 - r_t)
    shifts = total * (1.0 - decay) * r_t
    discounted = patience * shifts / (1.0 - patience * decay)
    low = np.maximum(0.0, p - cost_a)
    high = np.minimum(1.0, p + (cost_b - discounted))
    return {
        "t": t,
        "p": p,
        "future": p - discounted,
        "discounted_shift": discounted,
        "low": low,
        "high": high,
        "open": low <= high,
    }


def closed_periods(expected_shift: float, *args, **kwargs) -> int:
    """In how many of the periods 0..periods no deal beats war (the range is closed); the
    arguments are those of ``range_over_time``."""
    return int(np.sum(~range_over_time(expected_shift, *args, **kwargs)["open"]))


def describe_path(path: dict[str, np.ndarray], cost_of_war: float) -> str:
    """The readout a reader sees, as rounded text."""
    closed = int(np.sum(~path["open"]))
    n = len(path["t"])
    head = f"Discounted shift now {path['discounted_shift'][0]:.3f} vs cost of war {cost_of_war:.3f}: "
    if closed == 0:
        return head + "a deal beats war from the start"
    if closed == n:
        return head + f"no deal in any of the {n} periods shown"
    return head + f"no deal for the first {closed} period(s), a range opens in period {int(np.argmax(path['open']))}"


# ---------------------------------------------------------------- figures
def figure_range_over_time(expected_shift: float = 0.3, patience: float = 0.9, cost: float = 0.05) -> go.Figure:
    """Period by period: the deals A will keep once the pressure stops, the deals B prefers to
    fighting on, their overlap, and the periods in which there is none."""
    path = range_over_time(expected_shift, patience, cost, cost)
    t, p, low, high, is_open = path["t"], path["p"], path["low"], path["high"], path["open"]
    t_open = t[is_open]
    band_x = np.concatenate((t_open, t_open[::-1])) if t_open.size else np.array([])
    band_y = np.concatenate((high[is_open], low[is_open][::-1])) if t_open.size else np.array([])
    traces = [
        scatter(
            x=band_x,
            y=band_y,
            fill="toself",
            mode="none",
            fillcolor="rgba(0,158,115,0.35)",
            name="deals both prefer to war",
            hoverinfo="skip",
        ),
        lines(
            t,
            low,
            "least A (government) accepts and keeps",
            PALETTE["blue"],
            width=2,
            mode="lines+markers",
            marker={"size": 5},
            hovertemplate="period %{x}: A needs at least %{y:.3f}<extra></extra>",
        ),
        lines(
            t,
            high,
            "most B (opposition) concedes to A",
            PALETTE["orange"],
            width=2,
            mode="lines+markers",
            marker={"size": 5, "symbol": "diamond"},
            hovertemplate="period %{x}: B concedes at most %{y:.3f} to A<extra></extra>",
        ),
        lines(
            t,
            p,
            "expected balance p",
            PALETTE["grey"],
            dash="dash",
            hovertemplate="period %{x}: p = %{y:.3f}<extra></extra>",
        ),
        markers(
            t[~is_open],
            p[~is_open],
            "no deal",
            PALETTE["vermillion"],
            11,
            "x",
            hovertemplate="period %{x}: no deal beats war<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=describe_path(path, 2 * cost).replace(": ", ":<br>", 1),
        xaxis="period of continued pressure",
        yaxis="share of the prize to side A (government)",
    )
    layout["xaxis"].update(range=[-0.5, t[-1] + 0.5])
    layout["yaxis"].update(range=[0, 1])
    layout["height"] = 480
    layout["legend"] = {"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"}  # on top, clear of the axes
    layout["title"]["font"] = {"size": 14}
    layout["margin"] = {"l": 60, "r": 20, "t": 120, "b": 50}
    return go.Figure(traces, layout)


_TOTALS = np.linspace(0.0, 0.5, 26)
_PATIENCE = np.linspace(0.5, 0.98, 25)


def closed_periods_grid(
    cost: float = 0.05, p0: float = P0, periods: int = PERIODS, decay: float = DECAY, totals=_TOTALS, patience=_PATIENCE
) -> np.ndarray:
    """Periods without a deal, over patience (rows) x total expected shift (columns); vectorised."""
    cost = check_range("cost", cost, 0.0, 1.0)
    d = np.asarray(patience, dtype=float)[:, None, None]
    s = np.minimum(np.asarray(totals, dtype=float), p0)[None, :, None]
    t = np.arange(periods + 1)[None, None, :]
    r_t = decay**t
    p = p0 - s * (1.0 - r_t)
    discounted = d * (s * (1.0 - decay) * r_t) / (1.0 - d * decay)
    low = np.maximum(0.0, p - cost)
    high = np.minimum(1.0, p + (cost - discounted))
    return np.sum(low > high, axis=-1)


def figure_closure_map(cost: float = 0.05, decay: float = DECAY) -> go.Figure:
    """How long no deal beats war, over the total expected shift and patience, for one cost of war
    and one decay of the shift."""
    decay = check_range("decay", decay, 0.0, 0.99)
    # counts of periods (at most PERIODS + 1) as one byte each: the same picture, an eighth of the data
    z = closed_periods_grid(cost, decay=decay).astype(np.uint8)
    # boundary of the no-deal region: discounted shift in period 0 equals the cost of war
    boundary = 2 * cost * (1.0 - _PATIENCE * decay) / (_PATIENCE * (1.0 - decay))
    keep = boundary <= _TOTALS[-1]
    share = float(np.mean(z > 0))
    traces = [
        trace(
            "heatmap",
            x=_TOTALS,
            y=_PATIENCE,
            z=z,
            colorscale=HEATMAP_SCALE,
            zmin=0,
            zmax=12,
            colorbar={
                "title": {"text": "periods<br>no deal"},
                "len": 0.8,
                "tickvals": [0, 3, 6, 9, 12],
                "ticktext": ["0", "3", "6", "9", "12+"],
            },
            hovertemplate="total shift %{x:.2f}, patience %{y:.2f}: %{z} period(s) without a deal<extra></extra>",
        ),
        lines(
            boundary[keep],
            _PATIENCE[keep],
            "discounted shift in period 0 = cost of war",
            PALETTE["vermillion"],
            width=3,
            showlegend=True,
            hovertemplate="total shift %{x:.3f}, patience %{y:.2f}<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=f"Cost of war {2 * cost:.2f} per period (both sides): no deal at first in {share:.0%} "
        f"of the map, decay {decay:.2f}<br>(beyond the red line, where the discounted shift "
        "equals the cost of war)",
        xaxis="total expected shift in power",
        yaxis="patience (discount factor)",
    )
    layout["xaxis"].update(range=[_TOTALS[0] - 0.01, _TOTALS[-1] + 0.01])
    layout["yaxis"].update(range=[_PATIENCE[0] - 0.01, _PATIENCE[-1] + 0.01])
    layout["showlegend"] = False  # the title names the red line
    layout["title"]["font"] = {"size": 14}
    layout["margin"] = {"l": 60, "r": 20, "t": 80, "b": 50}
    return go.Figure(traces, layout)
