"""What does a spoiler with a veto do to a truce? A daily-hazard model of ceasefire survival.

Stedman (1997) sorts spoilers by their goals: a *limited* spoiler wants something specific (a share
of power, recognition) and can be bought off; a *greedy* spoiler's demands grow and shrink with
costs and opportunities, so it can be bought off only in part; a *total* spoiler pursues all power
and sees any settlement as a loss: it attacks most and cannot be bought off. Kydd & Walter (2002):
spoiler violence works by exploiting mistrust between the parties to a deal: an attack the other
side attributes to the spoiler does no harm to the truce, one it takes for a breach is answered.

The model, for each simulated truce and each day:

* the spoiler attacks with probability ``a = MAX_ATTACK_RATE * s * intensity[type] * (1 - inducement * buyable[type])``
  where ``s`` is the spoiler strength in [0, 1];
* an attack is taken for a breach of the truce (and answered) with probability ``1 - monitoring``,
  so answered breaches occur with daily probability ``b = a * (1 - monitoring)``;
* each answered breach erodes the truce: truce i absorbs ``k_i - 1`` of them (k_i = 1, 2 or 3,
  drawn once per truce) and collapses at the k_i-th;
* independently, the truce fails with a small daily baseline hazard ``h0_i`` (other causes).

Waiting times are geometric and drawn by inversion from uniforms drawn *first*:
``T = ceil(log(U) / log(1 - h))``. With the same seed every parameter value sees the same uniforms
(common random numbers), and T never grows when h grows, so every truce's lifetime is
non-increasing in spoiler strength, exactly, not only on average.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from widgets.bargaining import COST_OF_WAR, bargaining_range, range_width
from widgets.controls import Control, declare
from widgets.style import PALETTE, base_layout
from widgets.survival import describe_median, geometric_days, median_lifetime, survival_from_lifetimes
from widgets.survival_plot import curve_trace, half_line, median_trace, survival_layout
from widgets.traces import lines, scatter
from widgets.validate import check_array, check_int, check_range

SPOILER_TYPES = ("limited", "greedy", "total")
#: relative frequency of attacks at a given strength (Stedman: total spoilers attack most)
ATTACK_INTENSITY = {"limited": 0.5, "greedy": 0.75, "total": 1.0}
#: share of its attacks an inducement can buy off (total spoilers cannot be bought off)
BUYABLE = {"limited": 1.0, "greedy": 0.5, "total": 0.0}
#: what the spoiler gains from fighting, as a share of the prize (its cost of war is minus this)
SPOILER_GAIN = {"limited": 0.1, "greedy": 0.3, "total": 1.0}
MAX_ATTACK_RATE = 0.05  # daily attack probability of the strongest (total) spoiler
BASELINE_HAZARD = 0.001  # daily chance that a truce fails for other reasons
MAX_ANSWERS = 3  # a truce collapses at its k-th answered breach, k in 1..MAX_ANSWERS
N_DEFAULT = 10_000
N_FIGURE = 4_000

#: the controls of the parameters this module owns (chapters and widgets.lab name them)
CONTROLS = declare(
    Control("spoiler_strength", "Spoiler strength", 0.0, 1.0, 0.05, 0.3),
    Control("monitoring", "Monitoring (attacks attributed)", 0.0, 1.0, 0.1, 0.3),
    Control("inducement", "Inducement to the spoiler", 0.0, 1.0, 0.1, 0.0),
    Control("concession", "Concession to the spoiler", 0.0, 1.0, 0.05, 0.5),
    Control("spoiler_type", "Spoiler type", default="total", choices=SPOILER_TYPES),
)


def _check_type(spoiler_type: str) -> str:
    if spoiler_type not in SPOILER_TYPES:
        raise ValueError(f"spoiler_type must be one of {', '.join(SPOILER_TYPES)}, got {spoiler_type!r}")
    return spoiler_type


# ---------------------------------------------------------------- the model
def attack_probability(spoiler_strength, spoiler_type: str = "total", inducement: float = 0.0):
    """Daily probability that the spoiler attacks: non-decreasing in spoiler strength."""
    s = check_array("spoiler_strength", spoiler_strength)
    _check_type(spoiler_type)
    inducement = check_range("inducement", inducement, 0.0, 1.0)
    scale = MAX_ATTACK_RATE * ATTACK_INTENSITY[spoiler_type] * (1.0 - inducement * BUYABLE[spoiler_type])
    return s * scale


def breach_probability(spoiler_strength, spoiler_type: str = "total", monitoring: float = 0.3, inducement: float = 0.0):
    """Daily probability of an attack the other side takes for a breach and answers."""
    monitoring = check_range("monitoring", monitoring, 0.0, 1.0)
    return attack_probability(spoiler_strength, spoiler_type, inducement) * (1.0 - monitoring)


def _uniforms(n: int, seed: int) -> np.ndarray:
    """All the randomness of n truces, drawn before any parameter is used (common random numbers)."""
    return 1.0 - np.random.default_rng(seed).random((n, MAX_ANSWERS + 3))  # in (0, 1]


def truce_lifetimes(
    spoiler_strength,
    n: int = N_DEFAULT,
    seed: int = 0,
    spoiler_type: str = "total",
    monitoring: float = 0.3,
    inducement: float = 0.0,
    baseline_hazard: float = BASELINE_HAZARD,
) -> np.ndarray:
    """Day on which each simulated truce collapses (float, may be ``inf``: it never does).

    ``spoiler_strength`` is a number or an array broadcastable to ``(..., n)`` (e.g. one strength
    per truce, or a column of strengths for a grid of scenarios sharing the same n truces).
    """
    n = check_int("n", n, 1, 2_000_000)
    seed = check_int("seed", seed, 0, 2**63 - 1)
    baseline_hazard = check_range("baseline_hazard", baseline_hazard, 0.0, 0.5)
    b = breach_probability(spoiler_strength, spoiler_type, monitoring, inducement)
    u = _uniforms(n, seed)
    # per-truce baseline hazard between 0.5 and 1.5 times the mean; per-truce resilience k in 1..3
    h0 = baseline_hazard * (0.5 + (1.0 - u[:, -1]))
    k = np.minimum(MAX_ANSWERS, 1 + np.floor(MAX_ANSWERS * (1.0 - u[:, -2]))).astype(int)
    t_base = geometric_days(u[:, 0], h0)
    t_breach = np.zeros(np.broadcast_shapes(np.shape(b), (n,)))
    for j in range(MAX_ANSWERS):  # loop over answered breaches, vectorised over truces
        with np.errstate(over="ignore"):
            t_breach = t_breach + np.where(j < k, geometric_days(u[:, 1 + j], b), 0.0)
    return np.minimum(t_base, t_breach)


def survival_curve(spoiler_strength: float, days: int = 365, *args, **kwargs) -> np.ndarray:
    """Share of simulated truces still holding after each day: array S of length days + 1; the
    other arguments are those of ``truce_lifetimes`` (n, seed, spoiler_type, monitoring,
    inducement, baseline_hazard).

    S[0] = 1 and S never increases. ``spoiler_strength`` = 0 gives the baseline; a higher spoiler
    strength never makes truces last longer (exactly: common random numbers for a given seed).

    spoiler_type: "limited", "greedy" or "total" (Stedman 1997); monitoring in [0, 1]: the chance an
    attack is attributed to the spoiler and not taken for a breach (Kydd & Walter 2002); inducement
    in [0, 1]: what the others offer the spoiler to stop (buys off all of a limited spoiler's attacks,
    half of a greedy one's, none of a total one's).
    """
    s = check_range("spoiler_strength", spoiler_strength, 0.0, 1.0)
    days = check_int("days", days, 1, 3650)
    return survival_from_lifetimes(truce_lifetimes(s, *args, **kwargs), days)


def median_lifetime_days(spoiler_strength: float, days: int = 365, **kwargs) -> float:
    """Median lifetime of the simulated truces for one spoiler strength (``inf`` beyond the horizon)."""
    return median_lifetime(survival_curve(spoiler_strength, days=days, **kwargs))


# ---------------------------------------------------------------- the veto
def spoiler_cost_of_war(spoiler_type: str = "total", concession: float = 0.0) -> float:
    """The spoiler's cost of war as a share of the prize: negative, it gains from fighting.

    A concession (what the others offer it for accepting, as a share of the prize) raises the
    cost of fighting for a spoiler that can be bought off; a total spoiler's stays at -1: no deal,
    however generous, is worth more to it than the fight.
    """
    _check_type(spoiler_type)
    concession = check_range("concession", concession, 0.0, 1.0)
    return float(np.clip(-SPOILER_GAIN[spoiler_type] + BUYABLE[spoiler_type] * concession, -1.0, 1.0))


def spoiler_veto_range(
    p: float, cost_a: float, cost_b: float, spoiler_type: str = "total", concession: float = 0.0
) -> tuple[float, float] | None:
    """Bargaining range when a spoiler on side B holds a veto (Fearon 1995; Cunningham 2006).

    Every veto player of side B must prefer the deal to war, so B's side of the range is set by the
    lower of the moderates' cost ``cost_b`` and the spoiler's (negative) cost of war. Built on
    ``widgets.bargaining.bargaining_range``. With a total spoiler the range is empty whatever the
    others concede (for any p, any cost_b and any cost_a < 1).
    """
    cost_b = check_range("cost_b", cost_b, -1.0, 1.0)
    return bargaining_range(p, cost_a, min(cost_b, spoiler_cost_of_war(spoiler_type, concession)))


def describe_veto(rng: tuple[float, float] | None) -> str:
    return "no bargaining range" if rng is None else f"range width {range_width(rng):.2f}"


# ---------------------------------------------------------------- figures
#: chapter 5's survival figure (the chapter and tests/test_spoilers.py): explorable(figure_survival, **SURVIVAL_FIGURE, alt=...)
SURVIVAL_FIGURE = {
    "controls": ["spoiler_strength", "monitoring", "inducement", "spoiler_type"],
    "grid": {"spoiler_strength": 0.1, "monitoring": 0.2, "inducement": [0.0, 0.5, 1.0]},
}


def figure_survival(
    spoiler_strength: float = 0.3,
    monitoring: float = 0.3,
    inducement: float = 0.0,
    spoiler_type: str = "total",
    days: int = 365,
    n: int = N_FIGURE,
) -> go.Figure:
    """Survival curves of simulated truces with this spoiler and without one; medians in the title."""
    base = survival_curve(0.0, days=days, n=n, spoiler_type=spoiler_type, monitoring=monitoring, inducement=inducement)
    curve = survival_curve(
        spoiler_strength, days=days, n=n, spoiler_type=spoiler_type, monitoring=monitoring, inducement=inducement
    )
    m, m0 = median_lifetime(curve), median_lifetime(base)
    traces = [
        curve_trace(base, "no spoiler (baseline)", PALETTE["grey"], "dash"),
        curve_trace(curve, f"{spoiler_type} spoiler, strength {spoiler_strength:.2f}", PALETTE["vermillion"]),
        half_line(days),
        median_trace(m, PALETTE["vermillion"]),
    ]
    title = (
        f"Spoiler strength {spoiler_strength:.2f}: median lifetime {describe_median(m, days)}"
        f"<br><sup>{curve[-1]:.0%} of simulated truces still holding after {days} days; without a "
        f"spoiler: median {describe_median(m0, days)}, {base[-1]:.0%} holding"
        f"<br>{spoiler_type} spoiler, monitoring {monitoring:.2f}, inducement {inducement:.2f}</sup>"
    )
    return go.Figure(traces, survival_layout(title, days))


def figure_types(
    spoiler_strength: float = 0.5, inducement: float = 0.5, monitoring: float = 0.3, days: int = 365, n: int = N_FIGURE
) -> go.Figure:
    """Limited, greedy and total spoilers of equal strength, offered the same inducement."""
    colours = {"limited": PALETTE["green"], "greedy": PALETTE["orange"], "total": PALETTE["vermillion"]}
    dashes = {"limited": "dashdot", "greedy": "dash", "total": "solid"}
    base = survival_curve(0.0, days=days, n=n, monitoring=monitoring)
    traces = [curve_trace(base, "no spoiler (baseline)", PALETTE["grey"], "dot")]
    medians = []
    for kind in SPOILER_TYPES:
        curve = survival_curve(
            spoiler_strength, days=days, n=n, spoiler_type=kind, monitoring=monitoring, inducement=inducement
        )
        medians.append(f"{kind} {describe_median(median_lifetime(curve), days)}")
        traces.append(curve_trace(curve, f"{kind} spoiler", colours[kind], dashes[kind]))
    title = (
        "Median lifetime: "
        + ", ".join(medians)
        + f"<br><sup>simulated truces; spoiler strength {spoiler_strength:.2f}, inducement "
        f"{inducement:.2f}, monitoring {monitoring:.2f}<br>an inducement buys off all of a limited "
        "spoiler's attacks, half of a greedy one's, none of a total one's</sup>"
    )
    return go.Figure(traces, survival_layout(title, days))


def figure_veto(
    concession: float = 0.5, p: float = 0.5, cost_a: float = COST_OF_WAR, cost_b: float = COST_OF_WAR
) -> go.Figure:
    """Width of the bargaining range against the concession offered to a spoiler holding a veto."""
    colours = {"limited": PALETTE["green"], "greedy": PALETTE["orange"], "total": PALETTE["vermillion"]}
    dashes = {"limited": "dashdot", "greedy": "dash", "total": "solid"}
    grid = np.round(np.linspace(0.0, 1.0, 51), 10)
    no_spoiler = range_width(bargaining_range(p, cost_a, cost_b))
    traces = [
        lines(
            [0, 1],
            [no_spoiler, no_spoiler],
            "no spoiler",
            PALETTE["grey"],
            dash="dot",
            hovertemplate="no spoiler: width %{y:.2f}<extra></extra>",
        )
    ]
    parts, now = [], []
    for kind in SPOILER_TYPES:
        widths = np.array([range_width(spoiler_veto_range(p, cost_a, cost_b, kind, float(c))) for c in grid])
        traces.append(
            lines(
                grid,
                widths,
                f"{kind} spoiler with a veto",
                colours[kind],
                2.5,
                dashes[kind],
                hovertemplate=f"{kind}: width %{{y:.2f}}<extra></extra>",
            )
        )
        rng = spoiler_veto_range(p, cost_a, cost_b, kind, concession)
        parts.append(f"{kind} " + ("none" if rng is None else f"{range_width(rng):.2f}"))
        now.append(range_width(rng))
    traces.append(
        scatter(
            x=[concession] * 3,
            y=now,
            mode="markers",
            showlegend=False,
            name="chosen concession",
            marker={"color": [colours[k] for k in SPOILER_TYPES], "size": 11},
            text=list(SPOILER_TYPES),
            hovertemplate="%{text}: width %{y:.2f}<extra></extra>",
        )
    )
    title = (
        f"Range width at concession {concession:.2f}: "
        + ", ".join(parts)
        + f"<br><sup>bargaining range with a spoiler holding a veto; without a spoiler the width is "
        f"{no_spoiler:.2f}<br>p = {p:.2f}, costs of war {cost_a:.2f} (A) and {cost_b:.2f} (B)</sup>"
    )
    layout = base_layout(
        title=title,
        xaxis="concession offered to the spoiler (share of the prize)",
        yaxis="width of the bargaining range",
    )
    layout["yaxis"].update(range=[-0.02, max(0.35, no_spoiler + 0.05)])
    return go.Figure(traces, layout)
