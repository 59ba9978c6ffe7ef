"""Why should a deal exist at all? Fearon's bargaining range and its veto-player extension.

Fearon (1995): two sides fight over a prize of size 1. Side A wins with probability ``p``; war
costs A a share ``cost_a`` and B a share ``cost_b`` of the prize. A split giving A the share x
beats war for A when x >= p - cost_a and for B when 1 - x >= 1 - p - cost_b, so every x in
[p - cost_a, p + cost_b] is better than war for both. Cunningham (2006): with several veto
players on one side, the deal must satisfy each of them, so the range is set by the veto player
with the lowest cost of war, and it vanishes when that player gains from fighting enough.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control, declare
from widgets.style import PALETTE, base_layout
from widgets.validate import check_int, check_range

MAX_VETO_PLAYERS = 8
#: the cost of war the course gives each side where a chapter does not vary it, as a share of the prize
COST_OF_WAR = 0.15

#: the controls of the parameters this module owns (chapters and other modules name them;
#: defaults come from each figure function's signature)
CONTROLS = declare(
    Control("p", "Balance of power (p)", 0.0, 1.0, 0.05),
    Control("cost_a", "Cost of war for A", 0.0, 0.5, 0.05, unit="of the prize"),
    Control("cost_b", "Cost of war for B", 0.0, 0.5, 0.05, unit="of the prize"),
    Control("n_veto", "Veto players on side B", 1, MAX_VETO_PLAYERS, 1, fmt=".0f"),
    Control("spoiler_gain", "Spoiler's gain from war", 0.0, 0.5, 0.05, unit="of the prize"),
)


def bargaining_range(p: float, cost_a: float, cost_b: float) -> tuple[float, float] | None:
    """Shares x of side A that both sides prefer to war: [p - cost_a, p + cost_b] within [0, 1].

    Costs may be negative (an actor that gains from fighting). Returns ``None`` when no split
    is better than war for both sides.
    """
    p = check_range("p", p, 0.0, 1.0)
    cost_a = check_range("cost_a", cost_a, -1.0, 1.0)
    cost_b = check_range("cost_b", cost_b, -1.0, 1.0)
    low, high = max(0.0, p - cost_a), min(1.0, p + cost_b)
    return None if low > high else (low, high)


def range_width(rng: tuple[float, float] | None) -> float:
    """Width of a bargaining range, 0 when there is none."""
    return 0.0 if rng is None else rng[1] - rng[0]


def veto_player_costs(n_veto: int, cost_b: float, spoiler_gain: float = 0.0, seed: int = 0) -> np.ndarray:
    """Costs of war of the ``n_veto`` veto players on side B.

    Their costs are drawn once (seeded) between half of ``cost_b`` and ``cost_b``; adding a veto
    player only adds a draw, so a larger coalition never has a higher minimum cost. If
    ``spoiler_gain`` > 0, the last veto player gains from fighting: its cost is ``-spoiler_gain``.
    """
    n_veto = check_int("n_veto", n_veto, 1, MAX_VETO_PLAYERS)
    cost_b = check_range("cost_b", cost_b, 0.0, 1.0)
    spoiler_gain = check_range("spoiler_gain", spoiler_gain, 0.0, 1.0)
    u = np.random.default_rng(seed).uniform(size=MAX_VETO_PLAYERS)
    u[0] = 0.0  # the first player pays the full cost: one veto player is Fearon's model
    costs = cost_b * (1.0 - 0.5 * u[:n_veto])
    if spoiler_gain > 0:
        costs[-1] = -spoiler_gain
    return costs


def veto_range(p: float, cost_a: float, costs_b: Sequence[float]) -> tuple[float, float] | None:
    """The bargaining range when every one of side B's veto players must prefer the deal to war."""
    costs_b = np.asarray(costs_b, dtype=float)
    if costs_b.size == 0:
        raise ValueError("costs_b must list at least one veto player")
    return bargaining_range(p, cost_a, float(costs_b.min()))


def describe_range(rng: tuple[float, float] | None) -> str:
    """The readout a reader sees, as rounded text."""
    if rng is None:
        return "No bargaining range: every split is worse than war for someone"
    return f"Bargaining range: A gets {rng[0]:.2f} to {rng[1]:.2f} (width {range_width(rng):.2f})"


# ---------------------------------------------------------------- figures
def _band(x0: float, x1: float, row: str, colour: str, name: str, width: int = 14) -> go.Scatter:
    return go.Scatter(
        x=[x0, x1],
        y=[row, row],
        mode="lines",
        line={"color": colour, "width": width},
        name=name,
        hovertemplate=f"{name}: %{{x:.2f}}<extra></extra>",
    )


def figure_range(p: float = 0.6, cost_a: float = COST_OF_WAR, cost_b: float = COST_OF_WAR) -> go.Figure:
    """The deals each side prefers to war, their overlap, and the expected outcome of war."""
    rng = bargaining_range(p, cost_a, cost_b)
    rows = ["Deal zone", "B accepts", "A accepts"]
    a_low, b_high = max(0.0, p - cost_a), min(1.0, p + cost_b)
    deal = rng if rng is not None else (p, p)
    traces = [
        _band(max(0.0, min(a_low, 1.0)), 1.0, rows[2], PALETTE["blue"], "A (government) prefers to war"),
        _band(0.0, max(0.0, min(b_high, 1.0)), rows[1], PALETTE["orange"], "B (opposition) prefers to war"),
        _band(*deal, rows[0], PALETTE["green"] if rng else "rgba(0,0,0,0)", "deal zone: both prefer", 18),
        go.Scatter(
            x=[p, p, p],
            y=rows,
            mode="markers",
            marker={"symbol": "line-ns-open", "size": 28, "color": PALETTE["vermillion"], "line": {"width": 3}},
            name="expected outcome of war, p",
            hovertemplate="p = %{x:.2f}<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=describe_range(rng), xaxis="share x of the prize that goes to side A", yaxis="", legend_rows=2
    )
    layout["xaxis"].update(range=[-0.02, 1.02])
    layout["yaxis"].update(categoryorder="array", categoryarray=rows)
    layout["height"] = 400
    return go.Figure(traces, layout)


def figure_veto(
    n_veto: int = 1, spoiler_gain: float = 0.0, p: float = 0.6, cost_a: float = 0.15, cost_b: float = 0.3
) -> go.Figure:
    """Each veto player of side B accepts only deals up to p + its cost: the deal zone shrinks."""
    n_veto = int(round(n_veto))
    costs = veto_player_costs(n_veto, cost_b, spoiler_gain)
    rng = veto_range(p, cost_a, costs)
    traces = [_band(max(0.0, p - cost_a), 1.0, "A (government)", PALETTE["blue"], "Side A accepts")]
    for j in range(MAX_VETO_PLAYERS):
        row = f"B{j + 1}"
        if j < n_veto:
            spoiler = spoiler_gain > 0 and j == n_veto - 1
            colour = PALETTE["vermillion"] if spoiler else PALETTE["orange"]
            name = f"B{j + 1} ({'gains from fighting' if spoiler else f'cost {costs[j]:.2f}'}) accepts"
            traces.append(_band(0.0, float(np.clip(p + costs[j], 0.0, 1.0)), row, colour, name))
        else:
            traces.append(go.Scatter(x=[], y=[], mode="lines", name=row, showlegend=False))
    deal = rng if rng is not None else (p, p)
    traces.append(_band(*deal, "Deal zone", PALETTE["green"] if rng else "rgba(0,0,0,0)", "Deals all accept", 18))
    rows = ["Deal zone"] + [f"B{j}" for j in range(MAX_VETO_PLAYERS, 0, -1)] + ["A (government)"]
    layout = base_layout(
        title=f"{n_veto} veto player(s) on side B. " + describe_range(rng),
        xaxis="share x of the prize that goes to side A",
        legend_rows=0,
    )
    layout["xaxis"].update(range=[-0.02, 1.02])
    layout["yaxis"].update(categoryorder="array", categoryarray=rows)
    layout["showlegend"] = False
    layout["height"] = 440
    return go.Figure(traces, layout)


def width_by_veto_players(
    spoiler_gains: Sequence[float], p: float = 0.6, cost_a: float = 0.15, cost_b: float = 0.3
) -> dict[float, list[float]]:
    """Range width for 1..MAX_VETO_PLAYERS veto players, for each spoiler gain."""
    return {
        g: [range_width(veto_range(p, cost_a, veto_player_costs(n, cost_b, g))) for n in range(1, MAX_VETO_PLAYERS + 1)]
        for g in spoiler_gains
    }


def figure_width_by_veto_players(spoiler_gains: Sequence[float] = (0.0, 0.1, 0.2)) -> go.Figure:
    """Static figure: the range shrinks as veto players are added and vanishes with a spoiler."""
    n = list(range(1, MAX_VETO_PLAYERS + 1))
    colours = [PALETTE["blue"], PALETTE["orange"], PALETTE["vermillion"], PALETTE["green"]]
    traces = [
        go.Scatter(
            x=n,
            y=w,
            mode="lines+markers",
            name=f"last veto player gains {g:.2f} from war",
            line={"color": colours[i % 4], "dash": ["solid", "dash", "dot", "dashdot"][i % 4]},
        )
        for i, (g, w) in enumerate(width_by_veto_players(spoiler_gains).items())
    ]
    layout = base_layout(
        title="Width of the bargaining range as veto players are added",
        xaxis="number of veto players on side B",
        yaxis="width of the range",
        legend_rows=2,
    )
    return go.Figure(traces, layout)
