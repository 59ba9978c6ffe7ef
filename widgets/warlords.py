"""Why would a commander choose war over peace? War rents against a guaranteed slice of the peace.

A population of ``n`` simulated commanders. Commander i earns war rents every period, from
checkpoints, smuggling, looting and fights over territory (war economies: Keen 1998):

    r_i = warlord_incentive * b_i,        b_i = sum over the four sources of a seeded draw,

with the mean of b_i equal to 1, the peace dividend one commander could claim per period. Peace
ends the rents at once. It promises the commander a ``guaranteed_share`` g of that dividend, paid
only after ``delay`` (tau) periods (disarmament, reconstruction) and honoured only with probability
``credibility`` (theta) (Walter 1997: after disarming, nobody can force the other side to keep its
word). With a discount factor delta_i per period, both streams are perpetuities and the commander
accepts when

    theta * delta_i**tau * g  >=  warlord_incentive * b_i,

i.e. when g is at least the share he needs, ``required_share_i = r_i / (theta * delta_i**tau)``.
(Symbols as on the book's notation page.)

Common random numbers: b_i and delta_i are drawn once from ``numpy.random.default_rng(seed)`` and
only the thresholds move with the parameters, so (in floating point, exactly) the share accepting
never rises with warlord_incentive and never falls with guaranteed_share or credibility.

Peace needs every veto holder: if ``veto_players`` = k commanders drawn at random from the
population hold a veto, the peace survives only if all k accept. All numbers are illustrative:
the model is calibrated to be readable, not estimated from Syrian data.

The module declares the controls of the parameters it owns (``CONTROLS``): warlord_incentive
("Warlord incentives", the headline control), guaranteed_share and credibility; chapters 8-10
name them.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control, declare
from widgets.style import PALETTE, base_layout, percent
from widgets.traces import bars, lines, markers, steps
from widgets.validate import check_int, check_range

# The four sources of war rents and their (illustrative) weights in the average commander's income.
RENT_SOURCES = ("checkpoints", "smuggling", "looting", "fights over territory")
RENT_WEIGHTS = np.array([0.3, 0.3, 0.2, 0.2])
RENT_SHAPE = 0.6  # gamma shape of each source: most commanders earn little, a few a lot
PATIENCE_RANGE = (0.80, 0.98)  # discount factor per period, drawn uniformly
DEFAULT_DELAY = 2  # periods before the peace dividend is paid
DEFAULT_N = 4000  # simulated commanders
MAX_VETO_PLAYERS = 8
SCATTER_POINTS = 250  # commanders drawn in the scatter figure (the first ones simulated)

CONTROLS = declare(
    Control("warlord_incentive", "Warlord incentives", 0.0, 1.0, 0.05, 0.5),
    Control("guaranteed_share", "Guaranteed share", 0.0, 1.0, 0.05, 0.5, unit="of the peace dividend"),
    Control("credibility", "Credibility of the guarantee", 0.0, 1.0, 0.05, 0.8),
)

# Grids of the figures (fixed, so every figure has the same number of points for every input).
SHARE_GRID = np.round(np.linspace(0.0, 1.0, 101), 10)


# ---------------------------------------------------------------- the simulated commanders
@lru_cache(maxsize=16)
def _draws(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    sources = rng.gamma(RENT_SHAPE, 1.0 / RENT_SHAPE, size=(n, len(RENT_SOURCES))) * RENT_WEIGHTS
    base = sources.sum(axis=1)
    patience = rng.uniform(*PATIENCE_RANGE, size=n)
    patronage = rng.gamma(2.0, 0.5, size=n)  # used by widgets.militias (mean 1)
    for a in (sources, base, patience, patronage):
        a.setflags(write=False)
    return sources, base, patience, patronage


def draw_commanders(n: int = DEFAULT_N, seed: int = 0) -> dict[str, np.ndarray]:
    """The heterogeneity of ``n`` commanders, drawn once from ``default_rng(seed)`` (read-only arrays).

    ``sources`` (n, 4): rents per period by source at full warlord incentives; ``base`` (n,): their
    sum (mean 1); ``patience`` (n,): discount factor per period; ``patronage`` (n,): what the
    commander would lose if a central command cut him off (mean 1; used in chapter 09).
    """
    n = check_int("n", n, 1, 10**6)
    seed = check_int("seed", seed, 0, 2**32 - 1)
    sources, base, patience, patronage = _draws(n, seed)
    return {"sources": sources, "base": base, "patience": patience, "patronage": patronage}


def _check(warlord_incentive, guaranteed_share, credibility, delay) -> tuple[float, float, float, int]:
    return (
        check_range("warlord_incentive", warlord_incentive, 0.0, 1.0),
        check_range("guaranteed_share", guaranteed_share, 0.0, 1.0),
        check_range("credibility", credibility, 0.0, 1.0),
        check_int("delay", delay, 0, 50),
    )


def _required(w: float, c: float, delay: int, base: np.ndarray, patience: np.ndarray) -> np.ndarray:
    """Guaranteed share each commander needs: rents / (c * d**delay); 0 without rents, inf if c = 0."""
    rents = w * base
    worth = c * patience**delay
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        need = rents / worth
    return np.where(rents > 0, need, 0.0)


def required_share(
    warlord_incentive: float, credibility: float, delay: int = DEFAULT_DELAY, n: int = DEFAULT_N, seed: int = 0
) -> np.ndarray:
    """The smallest guaranteed share each commander would accept (``inf``: no share is enough,
    because a guarantee with zero credibility is worth nothing)."""
    w, _, c, delay = _check(warlord_incentive, 0.0, credibility, delay)
    d = draw_commanders(n, seed)
    return _required(w, c, delay, d["base"], d["patience"])


def commander_decisions(
    warlord_incentive: float,
    guaranteed_share: float,
    credibility: float,
    delay: int = DEFAULT_DELAY,
    n: int = DEFAULT_N,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Per commander: war rents per period, the expected value per period of the guarantee
    (discounted for the delay and for the risk that it is not honoured), the share he needs, and
    whether he accepts."""
    w, g, c, delay = _check(warlord_incentive, guaranteed_share, credibility, delay)
    d = draw_commanders(n, seed)
    need = _required(w, c, delay, d["base"], d["patience"])
    return {
        "rents": w * d["base"],
        "promise_value": c * d["patience"] ** delay * g,
        "required_share": need,
        "accepts": g >= need,
    }


def acceptance_share(
    warlord_incentive: float,
    guaranteed_share: float,
    credibility: float,
    n: int = DEFAULT_N,
    seed: int = 0,
    delay: int = DEFAULT_DELAY,
) -> float:
    """Share of the simulated commanders who prefer the peace to the war economy, in [0, 1].

    Non-increasing in ``warlord_incentive``, non-decreasing in ``guaranteed_share`` and
    ``credibility``, exactly, for a fixed ``seed`` (common random numbers).
    """
    w, g, c, delay = _check(warlord_incentive, guaranteed_share, credibility, delay)
    d = draw_commanders(n, seed)
    return float(np.count_nonzero(g >= _required(w, c, delay, d["base"], d["patience"]))) / d["base"].size


def _all_accept_from_count(accepting: int, n: int, k: int) -> float:
    """P(k commanders drawn without replacement from n, ``accepting`` of whom accept, all accept)."""
    if k > n:
        return 0.0
    prob = 1.0
    for j in range(k):
        prob *= max(accepting - j, 0) / (n - j)
    return prob


def all_accept_probability(
    warlord_incentive: float,
    guaranteed_share: float,
    credibility: float,
    veto_players: int = 3,
    n: int = DEFAULT_N,
    seed: int = 0,
    delay: int = DEFAULT_DELAY,
) -> float:
    """Probability that the peace passes every veto: ``veto_players`` commanders, drawn at random
    from the simulated population, all accept.

    Close to ``acceptance_share ** veto_players`` (exactly the hypergeometric probability of drawing
    only accepting commanders). Same monotonicity as ``acceptance_share``, and non-increasing in
    the number of veto players.
    """
    k = check_int("veto_players", veto_players, 1, MAX_VETO_PLAYERS)
    w, g, c, delay = _check(warlord_incentive, guaranteed_share, credibility, delay)
    d = draw_commanders(n, seed)
    accepting = int(np.count_nonzero(g >= _required(w, c, delay, d["base"], d["patience"])))
    return _all_accept_from_count(accepting, d["base"].size, k)


def price_of_peace(
    warlord_incentive: float,
    credibility: float,
    target_share: float = 0.5,
    veto_players: int = 1,
    n: int = DEFAULT_N,
    seed: int = 0,
    delay: int = DEFAULT_DELAY,
) -> float:
    """The smallest guaranteed share that buys the peace, or ``inf`` if no share in [0, 1] does.

    With ``veto_players`` = 1 it is the smallest share at which at least ``target_share`` of the
    commanders accept. With k veto players it is the smallest share at which all k accept with
    probability at least ``target_share``. Non-decreasing in warlord_incentive and target_share,
    non-increasing in credibility.
    """
    w, _, c, delay = _check(warlord_incentive, 0.0, credibility, delay)
    target = check_range("target_share", target_share, 0.0, 1.0)
    k = check_int("veto_players", veto_players, 1, MAX_VETO_PLAYERS)
    d = draw_commanders(n, seed)
    need = np.sort(_required(w, c, delay, d["base"], d["patience"]))
    n_total = need.size
    if target == 0.0:
        return 0.0
    if k == 1:
        m = max(1, int(math.ceil(target * n_total)))
        while m > 1 and (m - 1) / n_total >= target:
            m -= 1
        while m < n_total and m / n_total < target:
            m += 1
    elif _all_accept_from_count(n_total, n_total, k) < target:
        return math.inf  # fewer commanders than veto holders
    else:  # smallest number of accepting commanders m with P(all k accept) >= target
        m = _min_count_for(target, n_total, k)
    price = float(need[m - 1])
    return price if price <= 1.0 else math.inf


def _min_count_for(target: float, n: int, k: int) -> int:
    """Smallest m in [1, n] with _all_accept_from_count(m, n, k) >= target (bisection)."""
    lo, hi = 1, n
    while lo < hi:
        mid = (lo + hi) // 2
        if _all_accept_from_count(mid, n, k) >= target:
            hi = mid
        else:
            lo = mid + 1
    return lo


def acceptance_curve(
    warlord_incentive: float,
    credibility: float,
    shares=SHARE_GRID,
    n: int = DEFAULT_N,
    seed: int = 0,
    delay: int = DEFAULT_DELAY,
) -> np.ndarray:
    """Share accepting at each guaranteed share in ``shares`` (the same comparison as acceptance_share)."""
    need = np.sort(required_share(warlord_incentive, credibility, delay=delay, n=n, seed=seed))
    shares = np.asarray(shares, dtype=float)
    return np.searchsorted(need, shares, side="right") / need.size


def rents_by_source(warlord_incentive: float, n: int = DEFAULT_N, seed: int = 0) -> dict[str, float]:
    """Mean rents per period from each source."""
    w = check_range("warlord_incentive", warlord_incentive, 0.0, 1.0)
    sources = draw_commanders(n, seed)["sources"]
    return {name: float(w * m) for name, m in zip(RENT_SOURCES, sources.mean(axis=0))}


# ---------------------------------------------------------------- figures
def figure_acceptance(
    warlord_incentive: float = 0.5, guaranteed_share: float = 0.5, credibility: float = 0.8, delay: int = DEFAULT_DELAY
) -> go.Figure:
    """Each dot a commander: his war rents against what the promised slice of the peace is worth to him."""
    delay = int(round(delay))
    dec = commander_decisions(warlord_incentive, guaranteed_share, credibility, delay=delay)
    share = float(np.count_nonzero(dec["accepts"])) / dec["accepts"].size
    g = float(guaranteed_share)
    top = 2.0
    idx = np.arange(SCATTER_POINTS)
    rents = np.minimum(dec["rents"][idx], top).astype(np.float32)  # float32: half the size in the book
    promise = dec["promise_value"][idx].astype(np.float32)
    accepts = dec["accepts"][idx]
    hover = "war rents %{x:.2f}, promise worth %{y:.2f}<extra>%{fullData.name}</extra>"
    dots = {"opacity": 0.7}
    traces = [
        markers(
            rents[accepts],
            promise[accepts],
            "accepts the peace",
            PALETTE["green"],
            6,
            "circle",
            marker=dots,
            hovertemplate=hover,
        ),
        markers(
            rents[~accepts],
            promise[~accepts],
            "fights on",
            PALETTE["vermillion"],
            6,
            "x",
            marker=dots,
            hovertemplate=hover,
        ),
        lines([0, 1.05], [0, 1.05], "promise worth = war rents", PALETTE["grey"], dash="dash", hoverinfo="skip"),
        lines(
            [g, g],
            [0, 1.05],
            "guaranteed share on offer",
            PALETTE["blue"],
            2,
            "dot",
            hovertemplate=f"guaranteed share {g:.2f}<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=f"{percent(share, below_one=False)} of commanders accept the peace, {percent(1 - share, below_one=False)} fight on",
        xaxis="war rents per period (checkpoints, smuggling, looting, territory)",
        yaxis="what the promised share is worth to him",
    )
    layout["xaxis"].update(range=[0, top + 0.05])
    layout["yaxis"].update(range=[0, 1.05])
    return go.Figure(traces, layout)


def figure_price_of_peace(
    warlord_incentive: float = 0.5,
    guaranteed_share: float = 0.5,
    credibility: float = 0.8,
    veto_players: int = 3,
    target_share: float = 0.9,
    delay: int = DEFAULT_DELAY,
) -> go.Figure:
    """The 'supply curve' of peace: share accepting, and P(all veto holders accept), by guaranteed share."""
    delay, k = int(round(delay)), int(round(veto_players))
    need = np.sort(required_share(warlord_incentive, credibility, delay=delay))
    n_total = need.size
    counts = np.searchsorted(need, SHARE_GRID, side="right")
    curve = counts / n_total
    all_k = np.array([_all_accept_from_count(int(m), n_total, k) for m in counts])
    g = check_range("guaranteed_share", guaranteed_share, 0.0, 1.0)
    here = int(np.searchsorted(need, g, side="right"))
    majority = price_of_peace(warlord_incentive, credibility, 0.5, delay=delay)
    veto_price = price_of_peace(warlord_incentive, credibility, target_share, veto_players=k, delay=delay)
    traces = [
        steps(
            SHARE_GRID,
            curve,
            "share of commanders who accept",
            PALETTE["green"],
            hovertemplate="guaranteed share %{x:.2f}: %{y:.0%} accept<extra></extra>",
        ),
        steps(
            SHARE_GRID,
            all_k,
            f"probability all {k} veto holders accept",
            PALETTE["purple"],
            "dot",
            hovertemplate="guaranteed share %{x:.2f}: %{y:.0%}<extra></extra>",
        ),
        markers(
            [g, g],
            [here / n_total, _all_accept_from_count(here, n_total, k)],
            "on offer now",
            PALETTE["blue"],
            12,
            hovertemplate="share on offer %{x:.2f}: %{y:.0%}<extra></extra>",
        ),
    ]

    def at(price: float) -> str:
        return ": no share is enough" if math.isinf(price) else f" at a share of {price:.2f}"

    title = (
        f"Price of peace: half the commanders accept{at(majority)};<br>"
        f"all {k} veto holders accept with {percent(target_share, below_one=False)} probability{at(veto_price)}"
    )
    layout = base_layout(title=title, xaxis="guaranteed share of the peace dividend", yaxis="share / probability")
    layout["title"]["pad"] = {"t": 22}  # keeps the first of two title lines inside the figure
    layout["xaxis"].update(range=[0, 1])
    layout["yaxis"].update(range=[0, 1.02], tickformat=".0%")
    return go.Figure(traces, layout)


def figure_veto(
    warlord_incentive: float = 0.5, guaranteed_share: float = 0.5, credibility: float = 0.8, delay: int = DEFAULT_DELAY
) -> go.Figure:
    """Probability that the peace passes every veto, for 1 to 8 veto holders."""
    delay = int(round(delay))
    share = acceptance_share(warlord_incentive, guaranteed_share, credibility, delay=delay)
    ks = np.arange(1, MAX_VETO_PLAYERS + 1)
    probs = np.array(
        [
            all_accept_probability(warlord_incentive, guaranteed_share, credibility, veto_players=int(k), delay=delay)
            for k in ks
        ]
    )
    traces = [
        bars(
            ks,
            probs,
            "all veto holders accept",
            PALETTE["blue"],
            text=[percent(p, below_one=False) for p in probs],
            textposition="outside",
            hovertemplate="%{x} veto holders: all accept with probability %{y:.1%}<extra></extra>",
        )
    ]
    layout = base_layout(
        title=(
            f"{percent(share, below_one=False)} of commanders accept; with 3 veto holders the peace passes {percent(probs[2], below_one=False)} of the time"
        ),
        xaxis="number of commanders who hold a veto",
        yaxis="probability that all accept",
    )
    layout["xaxis"].update(tickmode="linear", dtick=1)
    layout["yaxis"].update(range=[0, 1.1], tickformat=".0%")
    layout["showlegend"] = False
    return go.Figure(traces, layout)
