"""The ceasefire lab: every chapter's reason in one model. Is a deal agreed, and how long does it hold?

The lab does not re-implement the chapters' models; it wires them together.

**Is a deal agreed?** Every veto holder must accept (Cunningham 2006):

* the commanders who hold a veto: ``widgets.warlords.all_accept_probability`` (chapter 8), with
  the credibility of the promised share raised by third-party guarantees (Walter 1997):
  ``credibility_eff = credibility + (1 - credibility) * guarantees``;
* the spoiler, if it is inside the process: it blocks a deal when the bargaining range with its veto
  is empty (``widgets.spoilers.spoiler_veto_range``, chapter 5, at the balance of power p that
  strikes produce, ``widgets.strikes.regime_win_probability``, chapter 7), and it holds that veto
  with probability equal to its strength: here spoiler strength is a *veto probability*. An
  *excluded* spoiler (Stedman 1997: the custodians' answer to a total spoiler) has no veto, but
  then it cannot be offered an inducement either;
* the opposition's moderates, who refuse a freeze with a probability equal to the extra loss it
  causes them on the other fronts (``widgets.redeployment.expected_loss_elsewhere``, chapter 3), as
  a share of the worst case (all the government's Aleppo forces freed, no other front frozen).

    P(deal) = P(commanders) * (1 - s_eff * blocks) * (1 - L(freed, coverage) / L_worst)

**How long does it hold?** An agreed truce collapses at the first of three independent clocks:

* the spoiler's attacks taken for breaches: ``widgets.spoilers.truce_lifetimes`` (chapter 5), with
  the spoiler's strength after strikes (``widgets.strikes.spoiler_veto``, chapter 7), the monitoring
  lever as its attribution (Fortna's monitoring; Kydd & Walter 2002), and a baseline hazard lowered
  by third-party guarantees and by separation of forces (Fortna 2003, 2004: mechanisms found in
  ceasefires between states, borrowed here for local truces in a civil war);
* commanders who still prefer the war economy fighting on: daily hazard
  ``WARLORD_HAZARD * (1 - acceptance_share) * (1 - SEPARATION_EFFECT * separation)`` (chapter 8;
  separated forces have fewer lines where local fights can start);
* strikes that go on against an *excluded* spoiler during the truce and hit a party to it, taken
  for a breach: daily hazard ``STRIKE_SPILLOVER * strike_intensity * (1 - separation)``.

Every lever is normalised to [0, 1]. With the other levers neutral the lab reduces exactly to the
chapter models (tests/test_lab.py): no warlord incentives, no strikes, no guarantees or separation
give chapter 5's survival curve for the same seed; no spoiler and no forces freed give chapter 8's
agreement probability. The effect sizes are illustrative, not estimated (Fortna reports that these
mechanisms help ceasefires last, not by how much in Syria).

Common random numbers: the spoiler model draws its uniforms from ``default_rng(seed)`` first, the
lab's two extra clocks from an independent stream of the same seed, before any lever is used, so
each simulated truce's lifetime moves monotonically with every lever, exactly. Waiting times are
drawn with chapter 5's sampler (``widgets.survival.geometric_days``).

The module is laid out as: the levers and the scenarios; the controls it owns; the model
(agreement, survival, what the lab reports); words for titles; the figures.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, fields, replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from widgets import bargaining, redeployment, spoilers, strikes, survival, warlords
from widgets.controls import Control, declare, takes
from widgets.style import HEATMAP_SCALE, PALETTE, base_layout, percent
from widgets.survival import geometric_days, median_lifetime, survival_band, survival_from_lifetimes
from widgets.survival_plot import band_traces, curve_trace, half_line, median_trace, survival_layout
from widgets.traces import bars, lines, markers
from widgets.validate import check_int, check_range

WARLORD_HAZARD = 0.006  # daily chance of a collapse from local fighting if no commander accepted
STRIKE_SPILLOVER = 0.02  # daily chance, at full strike intensity, that a strike hits a party
GUARANTEE_EFFECT = 0.5  # share of the baseline hazard a full third-party guarantee removes
SEPARATION_EFFECT = 0.5  # share of the baseline hazard a full separation of forces removes
COST_A = COST_B = bargaining.COST_OF_WAR  # costs of war of the government and of the opposition's moderates
DAYS = 365
TARGET_DAYS = 180  # the design challenge: median lifetime of an agreed truce, in days
TARGET_DEAL = 0.15  # the harder challenge: and a deal agreed in this share of attempts
N_DEFAULT = 10_000
N_FIGURE = 2_000
N_PHASE = 1_000
PHASE_GRID = np.round(np.linspace(0.0, 1.0, 11), 10)
BAND_DAYS = 15  # the Kaplan-Meier band is smooth: drawn every 15 days (light book states)
_FRONTS = redeployment.FIGURE_FRONTS


# ---------------------------------------------------------------- the levers and the scenarios
@dataclass(frozen=True)
class Levers:
    """Every setting of the lab, validated; all numbers in [0, 1] (``veto_players`` 1..8)."""

    spoiler_strength: float = 0.0
    spoiler_type: str = "total"
    warlord_incentive: float = 0.0
    guaranteed_share: float = 0.5
    credibility: float = 0.8
    veto_players: int = 3
    strike_intensity: float = 0.0
    freed_share: float = 0.0
    coverage: float = 0.0
    monitoring: float = 0.3
    guarantees: float = 0.0
    separation: float = 0.0
    exclude_spoiler: bool = False
    inducement: float = 0.0

    def __post_init__(self):
        for name in UNIT_LEVERS:
            object.__setattr__(self, name, check_range(name, getattr(self, name), 0.0, 1.0))
        if self.spoiler_type not in spoilers.SPOILER_TYPES:
            raise ValueError(
                f"spoiler_type must be one of {', '.join(spoilers.SPOILER_TYPES)}, got {self.spoiler_type!r}"
            )
        object.__setattr__(
            self, "veto_players", check_int("veto_players", self.veto_players, 1, warlords.MAX_VETO_PLAYERS)
        )
        if not isinstance(self.exclude_spoiler, (bool, np.bool_)):
            raise ValueError(f"exclude_spoiler must be True or False, got {self.exclude_spoiler!r}")
        object.__setattr__(self, "exclude_spoiler", bool(self.exclude_spoiler))

    def replace(self, **changes) -> "Levers":
        return replace(self, **changes)


#: the levers that are shares in [0, 1] (every float field of Levers)
UNIT_LEVERS = tuple(f.name for f in fields(Levers) if f.type == "float")


#: Every lever neutral: no spoiler, no war rents, no strikes, no forces freed, no Fortna mechanism
#: beyond chapter 5's default attribution (monitoring 0.3).
NEUTRAL = Levers()
#: The column's scenario: the settings that encode the column's *view* of Aleppo in early 2015 (a
#: strong total spoiler inside the process, high war rents, a modest and half-credible share on
#: offer, half the government's Aleppo forces freed for other fronts). A reading, not a measurement.
COLUMN_SCENARIO = NEUTRAL.replace(
    spoiler_strength=0.8, warlord_incentive=0.8, guaranteed_share=0.3, credibility=0.5, freed_share=0.5
)  # the spoiler is total and monitoring 0.3, as in NEUTRAL
#: Illustrative settings resembling the design of the February 2016 Cessation of Hostilities: a
#: cessation for the whole country (every other front covered), a strong total spoiler, commanders
#: offered a sizeable share, two outside sponsors (modest guarantees), no separation of forces.
#: Chosen to read, not estimated from the events. Written as what it changes in the column's
#: scenario (the same total spoiler, forces freed and monitoring).
COH_LIKE = COLUMN_SCENARIO.replace(
    spoiler_strength=0.6, warlord_incentive=0.3, guaranteed_share=0.8, credibility=0.6, coverage=1.0, guarantees=0.3
)


LEVER_NAMES = tuple(f.name for f in fields(Levers))
#: Where the lab's figures start: a middling spoiler and middling war rents, with a generous and
#: credible share on offer (the rest neutral).
LAB_START = NEUTRAL.replace(spoiler_strength=0.5, warlord_incentive=0.5, guaranteed_share=0.8)


def _levers(levers: Levers | None, kwargs: dict) -> Levers:
    if levers is None:
        return Levers(**kwargs)
    if not isinstance(levers, Levers):
        raise ValueError(f"levers must be a Levers, got {type(levers).__name__}")
    return levers.replace(**kwargs) if kwargs else levers


# ---------------------------------------------------------------- the controls this module owns
#: the lab's own levers (the others are declared by the chapters' modules and named here)
CONTROLS = declare(
    Control("guarantees", "Third-party guarantees", 0.0, 1.0, 0.1, 0.0),
    Control("separation", "Separation of forces", 0.0, 1.0, 0.1, 0.0),
    Control("coverage", "Share of other fronts frozen too", 0.0, 1.0, 0.25, 0.0),
    Control("exclude_spoiler", "Exclude the spoiler", default=False, choices=((False, "no"), (True, "yes"))),
)


# ---------------------------------------------------------------- the model: agreement
def effective_spoiler_strength(lv: Levers) -> float:
    """The spoiler's strength after strikes: its share of opposition strength (chapter 7)."""
    if lv.strike_intensity == 0.0:
        return lv.spoiler_strength  # no strikes: the spoiler keeps its strength (exactly)
    return float(strikes.spoiler_veto(lv.strike_intensity, 1.0 - lv.spoiler_strength, lv.spoiler_strength))


def regime_win_probability(lv: Levers) -> float:
    """The government's chance of winning the war at this strike intensity (chapter 7)."""
    return float(
        strikes.regime_win_probability(lv.strike_intensity, 1.0, 1.0 - lv.spoiler_strength, lv.spoiler_strength)
    )


def effective_credibility(lv: Levers) -> float:
    """Credibility of the promised share once third parties guarantee it (Walter 1997)."""
    return lv.credibility + (1.0 - lv.credibility) * lv.guarantees


def effective_inducement(lv: Levers) -> float:
    """An excluded spoiler is offered nothing: the inducement reaches only a spoiler brought in."""
    return 0.0 if lv.exclude_spoiler else lv.inducement


@lru_cache(maxsize=64)
def _loss(freed_share: float, covered: int) -> float:
    return float(redeployment.expected_loss_elsewhere(freed_share, _FRONTS, covered))


def loss_elsewhere(freed_share: float, coverage: float) -> float:
    """The opposition's extra expected loss on the other fronts (chapter 3), with ``coverage`` the
    share of the other fronts frozen too (interpolated between whole fronts)."""
    freed_share = check_range("freed_share", freed_share, 0.0, 1.0)
    coverage = check_range("coverage", coverage, 0.0, 1.0)
    k = coverage * _FRONTS
    lo = min(int(math.floor(k)), _FRONTS)
    frac = k - lo
    low = _loss(freed_share, lo)
    if frac == 0.0:
        return low
    return (1.0 - frac) * low + frac * _loss(freed_share, min(lo + 1, _FRONTS))


def agreement_parts(levers: Levers | None = None, seed: int = 0, **kwargs) -> dict[str, float]:
    """The probability that each veto holder accepts, and that all do (a deal is agreed).

    Keys: ``commanders`` (all commanders holding a veto accept, chapter 8), ``spoiler`` (the spoiler
    does not block it, chapters 5 and 7), ``opposition`` (the moderates accept the freeze despite
    the forces it frees, chapter 3) and ``deal`` (their product).
    """
    lv = _levers(levers, kwargs)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    commanders = warlords.all_accept_probability(
        lv.warlord_incentive, lv.guaranteed_share, effective_credibility(lv), veto_players=lv.veto_players, seed=seed
    )
    if lv.exclude_spoiler:
        spoiler = 1.0
    else:
        rng = spoilers.spoiler_veto_range(
            regime_win_probability(lv), COST_A, COST_B, lv.spoiler_type, effective_inducement(lv)
        )
        spoiler = 1.0 - effective_spoiler_strength(lv) * (rng is None)
    worst = _loss(1.0, 0)
    opposition = 1.0 - min(1.0, loss_elsewhere(lv.freed_share, lv.coverage) / worst)
    return {
        "commanders": float(commanders),
        "spoiler": float(spoiler),
        "opposition": float(opposition),
        "deal": float(commanders * spoiler * opposition),
    }


def agreement_probability(levers: Levers | None = None, seed: int = 0, **kwargs) -> float:
    """Probability that every veto holder accepts: a deal is agreed."""
    return agreement_parts(levers, seed=seed, **kwargs)["deal"]


# ---------------------------------------------------------------- the model: survival
def baseline_hazard(lv: Levers) -> float:
    """Chapter 5's daily baseline hazard, lowered by guarantees and separation (Fortna 2003)."""
    return (
        spoilers.BASELINE_HAZARD * (1.0 - GUARANTEE_EFFECT * lv.guarantees) * (1.0 - SEPARATION_EFFECT * lv.separation)
    )


def warlord_hazard(lv: Levers, seed: int = 0) -> float:
    """Daily hazard of a collapse from commanders who still prefer the war economy; separation of
    forces (a demilitarised zone) halves it at most: fewer lines where local fights can start."""
    share = warlords.acceptance_share(lv.warlord_incentive, lv.guaranteed_share, effective_credibility(lv), seed=seed)
    return WARLORD_HAZARD * (1.0 - share) * (1.0 - SEPARATION_EFFECT * lv.separation)


def spillover_hazard(lv: Levers) -> float:
    """Daily hazard that strikes on an excluded spoiler hit a party to the truce."""
    if not lv.exclude_spoiler:
        return 0.0
    return STRIKE_SPILLOVER * lv.strike_intensity * (1.0 - lv.separation)


@lru_cache(maxsize=16)
def _extra_uniforms(n: int, seed: int) -> np.ndarray:
    """The uniforms of the lab's own two clocks: a stream of ``seed`` independent of the spoiler
    model's (``default_rng`` of the seed's first spawned child), drawn before any lever is used."""
    child = np.random.SeedSequence(seed).spawn(1)[0]
    u = 1.0 - np.random.default_rng(child).random((n, 2))  # in (0, 1]
    u.setflags(write=False)
    return u


def _spoiler_lifetimes(lv: Levers, n: int, seed: int, strength=None) -> np.ndarray:
    s = effective_spoiler_strength(lv) if strength is None else strength
    return spoilers.truce_lifetimes(
        s,
        n=n,
        seed=seed,
        spoiler_type=lv.spoiler_type,
        monitoring=lv.monitoring,
        inducement=effective_inducement(lv),
        baseline_hazard=baseline_hazard(lv),
    )


def lifetimes(levers: Levers | None = None, n: int = N_DEFAULT, seed: int = 0, **kwargs) -> np.ndarray:
    """Day on which each of ``n`` simulated *agreed* truces collapses (``inf``: never)."""
    lv = _levers(levers, kwargs)
    n = check_int("n", n, 1, 2_000_000)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    u = _extra_uniforms(n, seed)
    t = _spoiler_lifetimes(lv, n, seed)
    t = np.minimum(t, geometric_days(u[:, 0], warlord_hazard(lv, seed)))
    return np.minimum(t, geometric_days(u[:, 1], spillover_hazard(lv)))


def survival_curve(
    levers: Levers | None = None, days: int = DAYS, n: int = N_DEFAULT, seed: int = 0, **kwargs
) -> np.ndarray:
    """Share of agreed truces still holding after each day 0..days (S[0] = 1, never increasing)."""
    days = check_int("days", days, 1, 3650)
    return survival_from_lifetimes(lifetimes(levers, n=n, seed=seed, **kwargs), days)


# ---------------------------------------------------------------- the model: what the lab reports
def summary(
    levers: Levers | None = None, days: int = DAYS, n: int = N_DEFAULT, seed: int = 0, band: bool = False, **kwargs
) -> dict:
    """What the lab reports: agreement, median lifetime, share holding at 90 days, and more.

    ``agreement``: probability a deal is agreed; ``median``: median lifetime of agreed truces in
    days (``inf``: beyond the horizon); ``holding_90``: share of agreed truces still holding after
    90 days; ``holding_90_attempts``: share of attempts that give a truce still holding after 90
    days; ``expected_days``: expected days of truce in the first ``days`` per attempt; ``curve``;
    and with ``band=True`` the Kaplan–Meier curve with its 95% band (``km``).
    """
    lv = _levers(levers, kwargs)
    days = check_int("days", days, 90, 3650)
    parts = agreement_parts(lv, seed=seed)
    t = lifetimes(lv, n=n, seed=seed)
    curve = survival_from_lifetimes(t, days)
    out = {
        "levers": lv,
        "parts": parts,
        "agreement": parts["deal"],
        "curve": curve,
        "median": median_lifetime(curve),
        "holding_90": float(curve[90]),
        "holding_90_attempts": parts["deal"] * float(curve[90]),
        "expected_days": parts["deal"] * float(curve[1:].sum()),  # sum of P(holding on day t), t = 1..days
        "regime_p": regime_win_probability(lv),
    }
    if band:
        out["km"] = survival_band(t, days)
    return out


def holding_share(levers: Levers | None = None, day: int = 90, n: int = N_DEFAULT, seed: int = 0, **kwargs) -> float:
    """Share of attempts at a truce that give a deal still holding after ``day`` days."""
    day = check_int("day", day, 1, 3650)
    lv = _levers(levers, kwargs)
    t = lifetimes(lv, n=n, seed=seed)
    return agreement_probability(lv, seed=seed) * float(np.count_nonzero(t > day)) / t.size


def phase_diagram(
    levers: Levers | None = None,
    strengths=PHASE_GRID,
    incentives=PHASE_GRID,
    day: int = 90,
    n: int = N_PHASE,
    seed: int = 0,
    **kwargs,
) -> np.ndarray:
    """Share of attempts giving a truce still holding after ``day`` days, for every spoiler
    strength (columns) and warlord incentive (rows); the other levers as given.

    Vectorised: all strengths share one call of the spoiler model; equals ``holding_share`` cell
    by cell for the same n and seed.
    """
    lv = _levers(levers, kwargs)
    day = check_int("day", day, 1, 3650)
    n = check_int("n", n, 1, 200_000)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    strengths = np.asarray(strengths, dtype=float)
    incentives = np.asarray(incentives, dtype=float)
    if strengths.ndim != 1 or incentives.ndim != 1 or strengths.size == 0 or incentives.size == 0:
        raise ValueError("strengths and incentives must be non-empty one-dimensional grids")
    rows = [lv.replace(spoiler_strength=float(s)) for s in strengths]  # validates every strength
    cols = [lv.replace(warlord_incentive=float(w)) for w in incentives]
    s_eff = np.array([effective_spoiler_strength(r) for r in rows])
    t_spoiler = _spoiler_lifetimes(lv, n, seed, strength=s_eff[:, None])  # (S, n)
    u = _extra_uniforms(n, seed)
    t_war = geometric_days(u[:, 0][None, :], np.array([warlord_hazard(c, seed) for c in cols])[:, None])  # (W, n)
    t_other = np.minimum(t_spoiler, geometric_days(u[:, 1], spillover_hazard(lv)))
    holding = np.count_nonzero(np.minimum(t_war[:, None, :], t_other[None, :, :]) > day, axis=-1) / n
    p_spoiler = np.array([agreement_parts(r, seed=seed)["spoiler"] for r in rows])
    p_rest = np.array([agreement_parts(c, seed=seed) for c in cols])
    p_commanders = np.array([p["commanders"] for p in p_rest])
    p_opposition = p_rest[0]["opposition"]
    return p_commanders[:, None] * p_spoiler[None, :] * p_opposition * holding


def phase_at(z: np.ndarray, spoiler_strength: float, warlord_incentive: float, grid=PHASE_GRID) -> float:
    """The cell of a ``phase_diagram`` (on ``grid``, both axes) nearest to a spoiler strength and a
    warlord incentive: ``phase_at(z, 0.8, 0.8)`` is the column's cell."""
    grid = np.asarray(grid, dtype=float)
    i = int(np.argmin(np.abs(grid - check_range("spoiler_strength", spoiler_strength))))
    j = int(np.argmin(np.abs(grid - check_range("warlord_incentive", warlord_incentive))))
    return float(z[j, i])


def cessation_curves(
    strike_intensity: float = 0.5, separation: float = 0.0, monitoring: float = 0.3, days: int = DAYS, n: int = N_FIGURE
) -> dict[str, dict]:
    """Share of attempts with a truce in force on each day under CoH-like settings, with the
    total spoiler excluded (strikes on it go on during the truce, at ``strike_intensity``) or
    inside the process with a veto (no strikes on a party to the truce)."""
    out = {}
    for key, excluded in (("excluded", True), ("included", False)):
        lv = COH_LIKE.replace(
            exclude_spoiler=excluded,
            strike_intensity=strike_intensity if excluded else 0.0,
            separation=separation,
            monitoring=monitoring,
        )
        res = summary(lv, days=days, n=n)
        out[key] = {
            "agreement": res["agreement"],
            "in_force": res["agreement"] * res["curve"],
            "median": res["median"],
            "holding_90_attempts": res["holding_90_attempts"],
            "expected_days": res["expected_days"],
        }
    return out


#: the strike intensities chapter 12 scans, 0 to 1 in tenths
STRIKE_SCAN = tuple(i / 10 for i in range(11))


def excluded_ahead(separation: float = 0.0, intensities=STRIKE_SCAN) -> dict[str, list[float]]:
    """The strike intensities at which the design that excludes the spoiler beats the one with the
    spoiler inside (``cessation_curves``): ``"day90"``, more attempts in force on day 90;
    ``"year"``, more truce days per attempt over the year. Cached: chapter 12 asks twice."""
    day90, year = _excluded_ahead(float(separation), tuple(float(x) for x in intensities))
    return {"day90": list(day90), "year": list(year)}


@lru_cache(maxsize=16)
def _excluded_ahead(separation: float, intensities: tuple) -> tuple[tuple, tuple]:
    day90, year = [], []
    for x in intensities:
        c = cessation_curves(strike_intensity=x, separation=separation)
        ex, inc = c["excluded"], c["included"]
        if ex["holding_90_attempts"] > inc["holding_90_attempts"]:
            day90.append(x)
        if ex["expected_days"] > inc["expected_days"]:
            year.append(x)
    return tuple(day90), tuple(year)


# ---------------------------------------------------------------- words for titles and prose
def describe_median(median: float, days: int = DAYS) -> str:
    return survival.describe_median(median, days)


def target_verdict(median: float, target: float = TARGET_DAYS, days: int = DAYS) -> str:
    """'Target met: median 212 days >= 180' or 'Not yet: median 95 days < 180'."""
    if median >= target:
        return f"Target met: median {describe_median(median, days)} >= {target:.0f}"
    return f"Not yet: median {describe_median(median, days)} < {target:.0f}"


def deal_verdict(agreement: float, target: float = TARGET_DEAL) -> str:
    """'deal in 20% of attempts (target 15%: met)' or '... (target 15%: not yet)'."""
    return (
        f"deal in {percent(agreement)} of attempts (target {percent(target)}: "
        f"{'met' if agreement >= target else 'not yet'})"
    )


def describe_spoiler(lv: Levers) -> str:
    """'total spoiler 0.80' or 'total spoiler 0.80 (excluded)'."""
    return f"{lv.spoiler_type} spoiler {lv.spoiler_strength:.2f}{' (excluded)' if lv.exclude_spoiler else ''}"


def describe_scenario(lv: Levers) -> str:
    """The settings a challenge starts from, in words, from their values."""
    return (
        f"{describe_spoiler(lv)}, warlord incentives {lv.warlord_incentive:.2f}, "
        f"{percent(lv.freed_share)} of the government's Aleppo forces freed"
    )


# ---------------------------------------------------------------- figures
def _agreement_bars(parts: dict) -> dict:
    labels = ["all commanders with a veto", "spoiler does not block", "moderates accept the freeze", "deal agreed"]
    values = [parts["commanders"], parts["spoiler"], parts["opposition"], parts["deal"]]
    colours = [PALETTE["orange"], PALETTE["vermillion"], PALETTE["sky"], PALETTE["green"]]
    return bars(
        values,
        labels,
        "probability each accepts",
        colours,
        orientation="h",
        xaxis="x2",
        yaxis="y2",
        text=[percent(v) for v in values],
        textposition=["inside" if v >= 0.4 else "outside" for v in values],
        cliponaxis=False,
        showlegend=False,
        hovertemplate="%{y}: %{x:.0%}<extra></extra>",
    )


def _title(lines: list[str], notes: list[str]) -> str:
    """A title of short lines (the book's column is narrow): main lines, then smaller notes."""
    return "<br>".join(lines + [f"<sup>{note}</sup>" for note in notes])


def _lab_layout(title: str, days: int) -> dict:
    """The survival axes on the left, the veto holders' bars on the right."""
    layout = survival_layout(title, days, yaxis="share of agreed truces still holding")
    layout["xaxis"]["domain"] = [0.0, 0.6]
    layout["xaxis2"] = {
        "domain": [0.78, 1.0],
        "anchor": "y2",
        "range": [0, 1.05],
        "tickformat": ".0%",
        "title": {"text": "probability of accepting"},
        "gridcolor": "rgba(127,127,127,0.25)",
    }
    layout["yaxis2"] = {"anchor": "x2", "autorange": "reversed", "automargin": True}
    layout["margin"] = {"l": 60, "r": 20, "t": 125, "b": 50}
    layout["height"] = 500
    return layout


def _day_marker(day: int, share: float, colour: str) -> dict:
    return markers(
        [day],
        [share],
        f"day {day}",
        colour,
        10,
        "diamond",
        showlegend=False,
        hovertemplate=f"day {day}: %{{y:.0%}} still holding<extra></extra>",
    )


@takes(
    LAB_START,
    "spoiler_strength warlord_incentive monitoring separation guarantees spoiler_type exclude_spoiler inducement "
    "guaranteed_share credibility strike_intensity freed_share coverage",
)
def figure_lab(lv: Levers, days: int = DAYS, n: int = N_FIGURE) -> go.Figure:
    """The lab: survival of agreed truces (Kaplan–Meier with 95% band) against chapter 5's spoiler
    alone, and the probability that each veto holder accepts."""
    res = summary(lv, days=days, n=n, band=True)
    chapter5 = spoilers.survival_curve(
        lv.spoiler_strength,
        days=days,
        n=n,
        spoiler_type=lv.spoiler_type,
        monitoring=lv.monitoring,
        inducement=lv.inducement,
    )
    m5 = median_lifetime(chapter5)
    traces = [
        *band_traces(res["km"], every=BAND_DAYS),
        curve_trace(chapter5, "chapter 5: spoiler alone", PALETTE["grey"], "dash", width=2),
        curve_trace(res["curve"], "lab: all levers", PALETTE["blue"]),
        half_line(days),
        median_trace(res["median"], PALETTE["blue"]),
        _day_marker(90, res["holding_90"], PALETTE["blue"]),
        _agreement_bars(res["parts"]),
    ]
    title = _title(
        [
            f"Deal agreed in {percent(res['agreement'])} of attempts. Agreed truces: median "
            f"{describe_median(res['median'], days)}, {percent(res['holding_90'])} hold 90 days"
        ],
        [
            f"{describe_spoiler(lv)}, warlord incentives {lv.warlord_incentive:.2f}; chapter 5's spoiler "
            f"alone: median {describe_median(m5, days)}",
            f"monitoring {lv.monitoring:.2f}, separation {lv.separation:.2f}, guarantees {lv.guarantees:.2f}; "
            f"government's win probability {res['regime_p']:.2f}; {n:,} simulated truces",
        ],
    )
    return go.Figure(traces, _lab_layout(title, days))


@takes(
    COLUMN_SCENARIO,
    "monitoring separation guarantees guaranteed_share exclude_spoiler coverage credibility strike_intensity "
    "inducement",
)
def figure_challenge(
    lv: Levers, target: float = TARGET_DAYS, target_deal: float = TARGET_DEAL, days: int = DAYS, n: int = N_FIGURE
) -> go.Figure:
    """Design a ceasefire from the column's scenario (its spoiler, war rents and forces freed are
    fixed); the title says whether the median lifetime meets the target, and whether the deal is
    agreed often enough for the harder target."""
    target = check_range("target", target, 1.0, float(days))
    target_deal = check_range("target_deal", target_deal, 0.0, 1.0)
    res = summary(lv, days=days, n=n, band=True)
    met = res["median"] >= target
    colour = PALETTE["green"] if met else PALETTE["vermillion"]
    traces = [
        *band_traces(res["km"], every=BAND_DAYS),
        curve_trace(res["curve"], "your design", PALETTE["blue"]),
        lines([target, target], [0, 1], f"target: {target:.0f} days", colour, 2, "dash", hoverinfo="skip"),
        half_line(days),
        median_trace(res["median"], PALETTE["blue"]),
        _agreement_bars(res["parts"]),
    ]
    title = _title(
        [f"{target_verdict(res['median'], target, days)}; {deal_verdict(res['agreement'], target_deal)}"],
        [
            f"the column's scenario: {describe_scenario(lv)}",
            f"{percent(res['holding_90'])} of agreed truces hold 90 days; {res['expected_days']:.0f} truce days "
            f"per attempt in the first year; government's win probability {res['regime_p']:.2f}",
        ],
    )
    return go.Figure(traces, _lab_layout(title, days))


@takes(LAB_START, "monitoring exclude_spoiler spoiler_type separation guarantees guaranteed_share credibility")
def figure_phase(lv: Levers, day: int = 90, n: int = N_PHASE) -> go.Figure:
    """Phase diagram: spoiler strength x warlord incentives -> share of attempts giving a truce
    that still holds after ``day`` days (agreed, then surviving)."""
    z = phase_diagram(lv, day=day, n=n)
    grid = PHASE_GRID
    i = int(np.argmin(np.abs(grid - COLUMN_SCENARIO.spoiler_strength)))
    j = int(np.argmin(np.abs(grid - COLUMN_SCENARIO.warlord_incentive)))
    traces = [
        {
            "type": "heatmap",
            "x": grid,
            "y": grid,
            "z": z.astype(np.float32),
            "zmin": 0,
            "zmax": 1,
            "colorscale": HEATMAP_SCALE,
            "texttemplate": "%{z:.0%}",
            "textfont": {"size": 10},
            "colorbar": {
                "title": {"text": f"share of attempts holding at day {day}", "side": "right"},
                "tickformat": ".0%",
            },
            "hovertemplate": (
                "Spoiler strength %{x:.1f}, Warlord incentives %{y:.1f}: "
                "%{z:.0%} of attempts hold " + str(day) + " days<extra></extra>"
            ),
        },
        markers(
            [grid[i]],
            [grid[j]],
            "the column's scenario",
            PALETTE["vermillion"],
            30,
            "circle-open",
            marker={"line": {"width": 3}},
            hovertemplate="the column's spoiler strength and warlord incentives<extra></extra>",
        ),
    ]
    where = "excluded" if lv.exclude_spoiler else "inside"
    title = _title(
        [
            f"Monitoring {lv.monitoring:.2f}, {lv.spoiler_type} spoiler {where}: {percent(z[j, i])} of attempts "
            f"hold {day} days in the column's cell"
        ],
        [
            f"{percent(z[0, 0])} with no spoiler and no war rents; guarantees {lv.guarantees:.2f}, separation "
            f"{lv.separation:.2f}, guaranteed share {lv.guaranteed_share:.2f}",
            f"each cell: share of attempts giving an agreed truce still holding after {day} days "
            f"({n:,} simulated truces)",
        ],
    )
    layout = base_layout(title=title, xaxis="Spoiler strength", yaxis="Warlord incentives")
    layout["xaxis"].update(dtick=0.1, range=[-0.05, 1.05], constrain="domain")
    layout["yaxis"].update(dtick=0.1, range=[-0.05, 1.05])
    layout["margin"] = {"l": 60, "r": 20, "t": 100, "b": 50}
    layout["height"] = 540
    layout["showlegend"] = False
    return go.Figure(traces, layout)


def figure_cessation(
    strike_intensity: float = 0.5, separation: float = 0.0, monitoring: float = 0.3, days: int = DAYS, n: int = N_FIGURE
) -> go.Figure:
    """Epilogue: total spoilers excluded (as in the 2016 cessation) or inside with a veto."""
    c = cessation_curves(strike_intensity, separation, monitoring, days, n)
    ex, inc = c["excluded"], c["included"]
    daily = {"every": 1, "hover": "day %{x}: %{y:.0%}"}
    traces = [
        curve_trace(ex["in_force"], "spoiler excluded, strikes on it go on", PALETTE["blue"], **daily),
        curve_trace(inc["in_force"], "spoiler inside the process, with a veto", PALETTE["vermillion"], "dash", **daily),
        markers(
            [90, 90],
            [ex["in_force"][90], inc["in_force"][90]],
            "day 90",
            [PALETTE["blue"], PALETTE["vermillion"]],
            10,
            "diamond",
            showlegend=False,
            hovertemplate="day 90: %{y:.0%} of attempts<extra></extra>",
        ),
    ]
    covered = "all fronts covered" if COH_LIKE.coverage == 1.0 else f"{percent(COH_LIKE.coverage)} of fronts covered"
    title = _title(
        [
            f"Spoiler excluded: deal in {percent(ex['agreement'])} of attempts, {percent(ex['holding_90_attempts'])} "
            "in force at 90 days",
            f"Spoiler inside with a veto: deal in {percent(inc['agreement'])}, "
            f"{percent(inc['holding_90_attempts'])} in force at 90 days",
        ],
        [
            f"illustrative settings resembling the 2016 cessation ({covered}, {COH_LIKE.spoiler_type} spoiler "
            f"{COH_LIKE.spoiler_strength:g})",
            f"strikes on the excluded spoiler {strike_intensity:.2f}, separation of forces {separation:.2f}",
        ],
    )
    layout = survival_layout(
        title, days, yaxis="share of attempts with a truce in force", xaxis="days since the attempt"
    )
    layout["margin"] = {"l": 60, "r": 20, "t": 130, "b": 50}
    return go.Figure(traces, layout)


# The chapter's explorable settings (chapter 10, its tests and benchmarks/bench_lab.py read them
# here): explorable(lab.figure_lab, **lab.LAB_FIGURE, alt=...). Each figure's controls are its
# levers, in the order of its signature.
def _lever_controls(draw) -> list[str]:
    """A lab figure's controls: its parameters that are levers, in the order of its signature."""
    return [name for name in inspect.signature(draw).parameters if name in LEVER_NAMES]


LAB_FIGURE = {
    "controls": _lever_controls(figure_lab),
    "book": ["spoiler_strength", "warlord_incentive", "monitoring", "separation"],
    "grid": {
        "spoiler_strength": 0.1,
        "warlord_incentive": [0.0, 0.2, 0.4, 0.5, 0.8, 1.0],
        "monitoring": [0.0, 0.3, 0.6, 1.0],
        "separation": [0.0, 1.0],
    },
}
PHASE_FIGURE = {
    "controls": _lever_controls(figure_phase),
    "book": ["monitoring", "exclude_spoiler", "spoiler_type"],
    "grid": {"monitoring": [0.0, 0.3, 0.6, 1.0]},
}
CHALLENGE_FIGURE = {
    "controls": _lever_controls(figure_challenge),
    "book": ["monitoring", "separation", "guarantees", "guaranteed_share", "exclude_spoiler", "coverage"],
    "grid": {
        "monitoring": [0.0, 0.3, 0.6, 1.0],
        "separation": [0.0, 0.5, 1.0],
        "guarantees": [0.0, 1.0],
        "guaranteed_share": [0.3, 1.0],
        "coverage": [0.0, 1.0],
    },
}
