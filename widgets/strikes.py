"""Why not just strike the jihadists? A contest success function with a split opposition.

Tullock (1980) / Hirshleifer (1989): side A wins a contest with probability
``p = F_A^m / (F_A^m + F_B^m)``, where F are the sides' fighting strengths and m >= 0 how decisive
strength is; the course's one contest success function is ``widgets.redeployment.contest_success``
(chapter 3), used here. Side A is the government and its allies (strength R) and side B the
opposition, whose strength is the sum of its moderates (M) and its jihadists (J). Strikes of
intensity sigma in [0, 1] remove the share ``e * sigma`` of the jihadists' strength
(e = strike_effect, the most a full campaign removes):

    J(sigma) = J (1 - e sigma),   p(sigma) = R^m / (R^m + (M + J(sigma))^m),   v(sigma) = J(sigma) / (M + J(sigma)).

p never falls as sigma rises, while the spoiler veto v, the jihadists' share of opposition strength,
never rises: striking the spoilers weakens their hold over a truce and gives the government a
better chance in the war, so the bargain moves toward it (Fearon's range [p - c_A, p + c_B] moves
with p). The function names keep the word "regime" for side A (``regime_win_probability``), as the
course's model contract has it; the text and figures say "government".
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from widgets.bargaining import COST_OF_WAR, bargaining_range
from widgets.controls import Control, declare
from widgets.redeployment import MAX_DECISIVENESS, contest_success
from widgets.spoilers import BASELINE_HAZARD, truce_lifetimes
from widgets.style import PALETTE, base_layout
from widgets.survival import survival_from_lifetimes
from widgets.traces import lines, markers, scatter
from widgets.validate import check_array, check_int, check_range

MAX_STRENGTH = 10.0

#: the controls of the parameters this module owns (chapter 7 also names "spoiler_strength",
#: declared in widgets.spoilers, and "decisiveness", declared in widgets.redeployment)
CONTROLS = declare(
    Control("strike_intensity", "Strike intensity", 0.0, 1.0, 0.05),
    Control("strike_effect", "Share a full campaign removes", 0.0, 1.0, 0.1, fmt=".0%", unit="of jihadist strength"),
)


def _out(value: np.ndarray, like) -> float | np.ndarray:
    return float(value) if np.ndim(like) == 0 else value


def jihadist_strength_after(strike_intensity, jihadist_strength: float = 0.4, strike_effect: float = 0.8):
    """Jihadist fighting strength left after strikes of the given intensity."""
    s = check_array("strike_intensity", strike_intensity)
    jihadist_strength = check_range("jihadist_strength", jihadist_strength, 0.0, MAX_STRENGTH)
    strike_effect = check_range("strike_effect", strike_effect, 0.0, 1.0)
    return _out(jihadist_strength * (1.0 - strike_effect * s), strike_intensity)


def regime_win_probability(
    strike_intensity,
    regime_strength: float = 1.0,
    moderate_strength: float = 0.6,
    jihadist_strength: float = 0.4,
    decisiveness: float = 1.0,
    strike_effect: float = 0.8,
):
    """The government's probability of winning the war (side A, strength R, against the moderates
    and the jihadists left after strikes): non-decreasing in strike intensity.

    Accepts a number (returns a float) or an array of intensities (returns an array).
    """
    regime_strength = check_range("regime_strength", regime_strength, 0.01, MAX_STRENGTH)
    moderate_strength = check_range("moderate_strength", moderate_strength, 0.0, MAX_STRENGTH)
    decisiveness = check_range("decisiveness", decisiveness, 0.0, MAX_DECISIVENESS)
    j = np.asarray(jihadist_strength_after(strike_intensity, jihadist_strength, strike_effect))
    opposition = moderate_strength + j
    p = contest_success(regime_strength, opposition, decisiveness)
    return _out(p, strike_intensity)


def spoiler_veto(
    strike_intensity, moderate_strength: float = 0.6, jihadist_strength: float = 0.4, strike_effect: float = 0.8
):
    """The jihadists' share of opposition strength, the weight of their veto: non-increasing in strikes."""
    moderate_strength = check_range("moderate_strength", moderate_strength, 0.0, MAX_STRENGTH)
    j = np.asarray(jihadist_strength_after(strike_intensity, jihadist_strength, strike_effect))
    total = moderate_strength + j
    share = np.divide(j, total, out=np.zeros_like(j, dtype=float), where=total > 0)
    return _out(share, strike_intensity)


def regime_deal_share(p: float, cost_a: float = COST_OF_WAR, cost_b: float = COST_OF_WAR) -> float:
    """The government's share at the middle of the bargaining range (Fearon 1995) for win probability p."""
    rng = bargaining_range(p, cost_a, cost_b)
    return p if rng is None else (rng[0] + rng[1]) / 2


def truce_survival(
    strike_intensity,
    days: int = 365,
    n: int = 4_000,
    seed: int = 0,
    spoiler_type: str = "total",
    monitoring: float = 0.3,
    **opposition,
) -> float | np.ndarray:
    """Share of simulated truces still holding after ``days`` when the spoiler's strength is its veto
    (``spoiler_veto`` of ``opposition``: moderate_strength, jihadist_strength, strike_effect).

    Uses the spoiler model of chapter 05 (``widgets.spoilers``) with the same truces for every
    strike intensity, so it never falls as strikes intensify.
    """
    days = check_int("days", days, 1, 3650)
    veto = np.asarray(spoiler_veto(strike_intensity, **opposition))
    t = truce_lifetimes(
        veto.reshape(-1, 1),
        n=n,
        seed=seed,
        spoiler_type=spoiler_type,
        monitoring=monitoring,
        baseline_hazard=BASELINE_HAZARD,
    )
    s = survival_from_lifetimes(t, days)[:, -1]
    return _out(s.reshape(veto.shape), strike_intensity)


# ---------------------------------------------------------------- figures
GRID = np.round(np.linspace(0.0, 1.0, 41), 10)


def _split(spoiler_strength: float) -> tuple[float, float]:
    """Opposition as strong as the government (strength 1), of which the share spoiler_strength is jihadist."""
    spoiler_strength = check_range("spoiler_strength", spoiler_strength, 0.0, 1.0)
    return 1.0 - spoiler_strength, spoiler_strength


def figure_strikes(
    strike_intensity: float = 0.3, spoiler_strength: float = 0.4, strike_effect: float = 0.8, decisiveness: float = 1.0
) -> go.Figure:
    """The government's win probability and the spoiler veto against strike intensity."""
    s = check_range("strike_intensity", strike_intensity, 0.0, 1.0)
    m, j = _split(spoiler_strength)
    p = regime_win_probability(GRID, 1.0, m, j, decisiveness, strike_effect)
    v = spoiler_veto(GRID, m, j, strike_effect)
    p_now = regime_win_probability(s, 1.0, m, j, decisiveness, strike_effect)
    v_now = spoiler_veto(s, m, j, strike_effect)
    traces = [
        lines([0, 1], [0.5, 0.5], "even odds", PALETTE["grey"], 1, showlegend=False, hoverinfo="skip"),
        lines(
            GRID,
            p,
            "government's win probability p",
            PALETTE["blue"],
            2.5,
            hovertemplate="strikes %{x:.2f}: p = %{y:.2f}<extra></extra>",
        ),
        lines(
            GRID,
            v,
            "spoiler veto (jihadist share of opposition strength)",
            PALETTE["vermillion"],
            2.5,
            "dash",
            hovertemplate="strikes %{x:.2f}: veto %{y:.2f}<extra></extra>",
        ),
        markers(
            [s], [p_now], "p now", PALETTE["blue"], 11, showlegend=False, hovertemplate="p = %{y:.2f}<extra></extra>"
        ),
        markers(
            [s],
            [v_now],
            "veto now",
            PALETTE["vermillion"],
            11,
            "diamond",
            showlegend=False,
            hovertemplate="veto %{y:.2f}<extra></extra>",
        ),
    ]
    title = (
        f"Strike intensity {s:.2f}: government's win probability {p_now:.2f}, spoiler veto {v_now:.2f}"
        f"<br><sup>without strikes: {p[0]:.2f} and {v[0]:.2f}; opposition as strong as the government "
        f"before strikes<br>jihadist share {spoiler_strength:.2f}; a full campaign removes "
        f"{strike_effect:.0%} of jihadist strength; decisiveness m = {decisiveness:.2f}</sup>"
    )
    layout = base_layout(title=title, xaxis="strike intensity against the jihadist groups", yaxis="")
    layout["yaxis"].update(range=[0, 1])
    return go.Figure(traces, layout)


def tradeoff(
    spoiler_strength: float = 0.4, strike_effect: float = 0.8, days: int = 365, cost: float = COST_OF_WAR
) -> dict:
    """For each strike intensity on GRID: one-year truce survival and the opposition's deal share
    (each side's cost of war ``cost``)."""
    m, j = _split(spoiler_strength)
    p = regime_win_probability(GRID, 1.0, m, j, 1.0, strike_effect)
    held = truce_survival(GRID, days=days, moderate_strength=m, jihadist_strength=j, strike_effect=strike_effect)
    share = np.array([1.0 - regime_deal_share(float(q), cost, cost) for q in p])
    return {"strike_intensity": GRID, "p": p, "held": held, "opposition_share": share}


def figure_tradeoff(
    strike_intensity: float = 0.3, spoiler_strength: float = 0.4, strike_effect: float = 0.8
) -> go.Figure:
    """The backers' dilemma: strikes make truces last but shrink the opposition's share of a deal."""
    s = check_range("strike_intensity", strike_intensity, 0.0, 1.0)
    t = tradeoff(spoiler_strength, strike_effect)
    i = int(np.argmin(np.abs(GRID - s)))
    labels = [0, 20, 40]  # strike intensities 0, 0.5, 1 marked on the curve
    traces = [
        lines(
            t["held"],
            t["opposition_share"],
            "strike intensity from 0 to 1",
            PALETTE["purple"],
            2.5,
            customdata=t["strike_intensity"],
            hovertemplate="strikes %{customdata:.2f}: %{x:.0%} of truces hold a year, "
            "opposition's share %{y:.2f}<extra></extra>",
        ),
        scatter(
            x=t["held"][labels],
            y=t["opposition_share"][labels],
            mode="markers+text",
            showlegend=False,
            text=[f"strikes {GRID[k]:.1f}" for k in labels],
            textposition="top right",
            name="labels",
            marker={"color": PALETTE["grey"], "size": 6},
            hoverinfo="skip",
        ),
        markers(
            [t["held"][i]],
            [t["opposition_share"][i]],
            "now",
            PALETTE["purple"],
            13,
            "diamond",
            showlegend=False,
            hovertemplate="%{x:.0%} hold a year, opposition's share %{y:.2f}<extra></extra>",
        ),
    ]
    title = (
        f"Strike intensity {GRID[i]:.2f}: {t['held'][i]:.0%} of truces hold a year, opposition's "
        f"share {t['opposition_share'][i]:.2f}<br><sup>without strikes: {t['held'][0]:.0%} and "
        f"{t['opposition_share'][0]:.2f}; simulated truces, total spoiler; jihadist share before strikes "
        f"{spoiler_strength:.2f}<br>a full campaign removes {strike_effect:.0%} of jihadist strength; "
        f"opposition's share = middle of the bargaining range (costs of war {COST_OF_WAR:g} each)</sup>"
    )
    layout = base_layout(
        title=title,
        xaxis="share of simulated truces still holding after a year",
        yaxis="opposition's expected share of a deal",
    )
    layout["xaxis"].update(range=[0, 0.8], tickformat=".0%")
    layout["yaxis"].update(range=[0.1, 0.55])
    layout["showlegend"] = False
    return go.Figure(traces, layout)
