"""Why are loyalist militias easier to rein in? A principal-agent model of a ceasefire order.

A central command (the principal) orders its commanders (the agents) to hold a ceasefire. A
commander who disobeys keeps his war rents r_i; if the centre detects and punishes him, which
happens with probability ``central_control`` (gamma), he loses its patronage U_i (salaries, weapons,
cover) and risks an arrest penalty l (``arrest_penalty``). He also weighs what the ceasefire itself
offers him (chapter 08: a guaranteed share, worth V_i once discounted and weighed by its
credibility). He obeys when

    gamma * (U_i + l) + V_i  >=  r_i,

that is, when central control reaches his threshold (r_i - V_i) / (U_i + l). The obedience rule is
the course's own simple principal-agent model (on principal-agent models in political science,
Miller 2005); the patronage that gives the centre its stick is what Reno (1998) describes in weak
states. Symbols as on the book's notation page.

The commanders are the same simulated population as in ``widgets.warlords`` (same seed, same war
rents, same patience), so two landscapes can be compared with the same rents distribution, each
with its own central control set by the reader:

* a loyalist landscape, the militias on the government's side, with ``central_control``;
* a rebel landscape, with ``rebel_control`` (0 by default: the column's view that warlordism is
  a rebel phenomenon and that loyalist commanders are easier to bring under central
  decision-making is one setting of the two controls, not built into the model).

Common random numbers: the draws are fixed and only the comparison moves, so obedience never
falls as central control rises (exactly, for a fixed seed). All numbers are illustrative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from widgets.controls import Control, declare, takes
from widgets.style import PALETTE, base_layout, percent
from widgets.traces import lines, markers, steps
from widgets.validate import check_int, check_range
from widgets.warlords import DEFAULT_DELAY, DEFAULT_N, draw_commanders

CONTROLS = declare(
    Control("central_control", "Central control", 0.0, 1.0, 0.05, 0.5),
    Control("rebel_control", "Rebel side's central control", 0.0, 1.0, 0.05, 0.0),
    Control("arrest_penalty", "Arrest penalty", 0.0, 2.0, 0.1, 0.3),
)
CONTROL_GRID = np.round(np.linspace(0.0, 1.0, 101), 10)
SCATTER_POINTS = 250  # commanders shown in the scatter figure (a fixed subsample)


@dataclass(frozen=True)
class Commanders:
    """The simulated commanders and what the ceasefire offers them, validated: the parameters that
    every function of this module takes after its own (central control, target share ...), by
    position or by name, as ``Commanders(*args, **kwargs)``."""

    warlord_incentive: float = 0.5
    guaranteed_share: float = 0.5
    credibility: float = 0.8
    arrest_penalty: float = 0.3
    delay: int = DEFAULT_DELAY
    n: int = DEFAULT_N
    seed: int = 0

    def __post_init__(self):
        for name, high in (("warlord_incentive", 1.0), ("guaranteed_share", 1.0), ("credibility", 1.0)):
            object.__setattr__(self, name, check_range(name, getattr(self, name), 0.0, high))
        object.__setattr__(self, "arrest_penalty", check_range("arrest_penalty", self.arrest_penalty, 0.0, 2.0))
        object.__setattr__(self, "delay", check_int("delay", self.delay, 0, 50))

    def parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per commander: the rents of disobeying, the value of the promise, and the sanction
        (patronage plus arrest penalty) the centre can impose."""
        d = draw_commanders(self.n, self.seed)
        rents = self.warlord_incentive * d["base"]
        promise = self.credibility * d["patience"] ** self.delay * self.guaranteed_share
        sanction = d["patronage"] + self.arrest_penalty
        return rents, promise, sanction


@dataclass(frozen=True)
class Landscapes(Commanders):
    """What the chapter's figures show, validated: the commanders, and the central control in each
    landscape (the loyalist militias' and the rebel side's)."""

    central_control: float = 0.5
    rebel_control: float = 0.0

    def __post_init__(self):
        super().__post_init__()
        for name in ("central_control", "rebel_control"):
            object.__setattr__(self, name, check_range(name, getattr(self, name), 0.0, 1.0))

    @property
    def commanders(self) -> tuple:
        """The fields of :class:`Commanders`, in order: what this module's functions take after their own."""
        return tuple(getattr(self, f.name) for f in fields(Commanders))


#: the figures' settings, defaulting to a Landscapes() (the order of the figures' parameters)
FIGURE_SETTINGS = "central_control warlord_incentive guaranteed_share credibility arrest_penalty rebel_control"


def _thresholds(rents: np.ndarray, promise: np.ndarray, sanction: np.ndarray) -> np.ndarray:
    """The central control at which each commander starts to obey: (rents - promise) / sanction,
    0 if the promise alone covers his rents, inf if he has rents to lose and nothing to fear."""
    gap = rents - promise
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        kappa = gap / sanction
    return np.where(gap > 0, kappa, 0.0)


def obedience_thresholds(*commanders, **kwargs) -> np.ndarray:
    """Per commander, the smallest central control at which he obeys a ceasefire order
    (``commanders``: the fields of :class:`Commanders`)."""
    return _thresholds(*Commanders(*commanders, **kwargs).parts())


def commander_orders(central_control: float, *commanders, **kwargs) -> dict[str, np.ndarray]:
    """Per commander: rents of disobeying, expected sanction, value of the promise, and obedience
    (``commanders``: the fields of :class:`Commanders`)."""
    k = check_range("central_control", central_control, 0.0, 1.0)
    rents, promise, sanction = Commanders(*commanders, **kwargs).parts()
    return {
        "rents": rents,
        "expected_sanction": k * sanction,
        "promise_value": promise,
        "obeys": k >= _thresholds(rents, promise, sanction),
    }


def obedience_share(central_control: float, *commanders, **kwargs) -> float:
    """Share of commanders who obey a ceasefire order, in [0, 1]; never falls with central_control,
    never rises with warlord_incentive (``commanders``: the fields of :class:`Commanders`)."""
    obeys = commander_orders(central_control, *commanders, **kwargs)["obeys"]
    return float(np.count_nonzero(obeys)) / obeys.size


def obedience_curve(*commanders, controls=CONTROL_GRID, **kwargs) -> np.ndarray:
    """Share obeying at each level of central control in ``controls`` (same comparison as
    obedience_share; ``commanders``: the fields of :class:`Commanders`)."""
    kappa = np.sort(obedience_thresholds(*commanders, **kwargs))
    controls = np.asarray(controls, dtype=float)
    for value in controls.ravel():
        check_range("central_control", float(value), 0.0, 1.0)
    return np.searchsorted(kappa, controls, side="right") / kappa.size


def landscapes(central_control: float, rebel_control: float = 0.0, *commanders, **kwargs) -> dict[str, float]:
    """Share obeying in a rebel landscape of independent commanders (control ``rebel_control``) and
    in a loyalist landscape under a centre (control ``central_control``), with the same rents
    (``commanders``: the fields of :class:`Commanders`)."""
    rebel_control = check_range("rebel_control", rebel_control, 0.0, 1.0)
    return {
        "rebel": obedience_share(rebel_control, *commanders, **kwargs),
        "loyalist": obedience_share(central_control, *commanders, **kwargs),
    }


def _control_reaching(curve: np.ndarray, target: float) -> float:
    """The first central control on CONTROL_GRID at which ``curve`` reaches ``target`` (``inf`` if none)."""
    hit = np.flatnonzero(curve >= target)
    return float(CONTROL_GRID[hit[0]]) if hit.size else math.inf


def control_needed(target_share: float, *commanders, **kwargs) -> float:
    """Smallest central control on CONTROL_GRID at which at least ``target_share`` obey (``inf`` if
    none; ``commanders``: the fields of :class:`Commanders`)."""
    target = check_range("target_share", target_share, 0.0, 1.0)
    return _control_reaching(obedience_curve(*commanders, **kwargs), target)


INCENTIVE_GRID = np.round(np.linspace(0.0, 1.0, 21), 10)


@lru_cache(maxsize=256)
def _by_incentive(
    central_control: float, guaranteed_share: float, credibility: float, arrest_penalty: float
) -> tuple[float, ...]:
    """Share obeying at each warlord incentive on INCENTIVE_GRID (cached: the book precomputes
    many states that share a curve)."""
    return tuple(
        obedience_share(central_control, float(w), guaranteed_share, credibility, arrest_penalty)
        for w in INCENTIVE_GRID
    )


# ---------------------------------------------------------------- figures
@takes(Landscapes(), FIGURE_SETTINGS)
def figure_landscapes(s: Landscapes) -> go.Figure:
    """Two landscapes, same commanders: each dot compares what disobeying earns with what it costs."""
    rebel = commander_orders(s.rebel_control, *s.commanders)
    loyal = commander_orders(s.central_control, *s.commanders)
    shares = {
        name: float(np.count_nonzero(o["obeys"])) / o["obeys"].size
        for name, o in (("rebel", rebel), ("loyalist", loyal))
    }
    idx = np.arange(SCATTER_POINTS)
    top = 2.0
    traces = []
    for axis, orders in ((1, rebel), (2, loyal)):
        cost = np.minimum(orders["expected_sanction"] + orders["promise_value"], top)
        cost = cost[idx].astype(np.float32)  # float32: half the size of the static figure
        rents = np.minimum(orders["rents"], top)[idx].astype(np.float32)
        obeys = orders["obeys"][idx]
        on = {"xaxis": f"x{axis}", "yaxis": f"y{axis}", "showlegend": axis == 1}
        for mask, name, colour, symbol in (
            (obeys, "obeys the ceasefire order", PALETTE["green"], "circle"),
            (~obeys, "keeps fighting", PALETTE["vermillion"], "x"),
        ):
            traces.append(
                markers(
                    rents[mask],
                    cost[mask],
                    name,
                    colour,
                    6,
                    symbol,
                    marker={"opacity": 0.7},
                    legendgroup=name,
                    hovertemplate=f"rents %{{x:.2f}}, cost of disobeying %{{y:.2f}}<extra>{name}</extra>",
                    **on,
                )
            )
        traces.append(
            lines(
                [0, top],
                [0, top],
                "cost = rents",
                PALETTE["grey"],
                dash="dash",
                legendgroup="line",
                hoverinfo="skip",
                **on,
            )
        )
    layout = base_layout(
        title=(
            f"Loyalist militias obey {percent(shares['loyalist'], below_one=False)}, rebel commanders {percent(shares['rebel'], below_one=False)}"
        ),
        xaxis="rents of disobeying per period",
        yaxis="expected cost of disobeying",
        legend_rows=2,
    )  # the legend sits above the panel labels
    layout["xaxis"].update(domain=[0.0, 0.46], range=[0, top])
    layout["yaxis"].update(range=[0, top])
    layout["xaxis2"] = {**layout["xaxis"], "domain": [0.54, 1.0], "anchor": "y2"}
    layout["yaxis2"] = {**layout["yaxis"], "anchor": "x2", "title": {"text": ""}}
    layout["legend"] = {**layout["legend"], "y": 1.1}  # above the panel labels
    layout["annotations"] = [
        {
            "text": label,
            "x": x,
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "showarrow": False,
            "xanchor": "center",
            "yanchor": "bottom",
            "font": {"size": 13},
        }
        for label, x in (
            (f"Rebel commanders (central control {s.rebel_control:.2f})", 0.23),
            (f"Loyalist militias (central control {s.central_control:.2f})", 0.77),
        )
    ]
    return go.Figure(traces, layout)


@takes(Landscapes(), FIGURE_SETTINGS)
def figure_obedience(s: Landscapes) -> go.Figure:
    """Share obeying as central control rises (the same curve for both sides: same rents), with
    the loyalist militias and the rebel commanders each at their own central control."""
    curve = obedience_curve(*s.commanders)
    here = landscapes(s.central_control, s.rebel_control, *s.commanders)
    need = _control_reaching(curve, 0.9)  # control_needed(0.9, ...) from the curve already computed
    need_txt = "not reached even at full control" if math.isinf(need) else f"needs central control {need:.2f}"
    traces = [
        steps(
            CONTROL_GRID,
            curve,
            "share who obey at each central control",
            PALETTE["grey"],
            hovertemplate="central control %{x:.2f}: %{y:.0%} obey<extra></extra>",
        ),
        markers(
            [s.rebel_control],
            [here["rebel"]],
            f"rebel commanders (central control {s.rebel_control:.2f})",
            PALETTE["orange"],
            13,
            "diamond",
            hovertemplate="rebel commanders: %{y:.0%} obey<extra></extra>",
        ),
        markers(
            [s.central_control],
            [here["loyalist"]],
            f"loyalist militias (central control {s.central_control:.2f})",
            PALETTE["blue"],
            12,
            hovertemplate="loyalist militias: %{y:.0%} obey<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=(
            f"{percent(here['loyalist'], below_one=False)} of loyalist commanders obey vs "
            f"{percent(here['rebel'], below_one=False)} of rebels;<br>90% obedience {need_txt}"
        ),
        legend_rows=2,
        xaxis="central control (probability that disobedience is detected and punished)",
        yaxis="share of commanders who obey",
    )
    layout["title"]["pad"] = {"t": 22}  # keeps the first of two title lines inside the figure
    layout["xaxis"].update(range=[0, 1])
    layout["yaxis"].update(range=[0, 1.02], tickformat=".0%")
    return go.Figure(traces, layout)


@takes(Landscapes(), "warlord_incentive central_control guaranteed_share credibility arrest_penalty rebel_control")
def figure_by_incentive(s: Landscapes) -> go.Figure:
    """Obedience in both landscapes as the war economy grows more lucrative."""
    grid = INCENTIVE_GRID
    here = landscapes(s.central_control, s.rebel_control, *s.commanders)
    args = (s.guaranteed_share, s.credibility, s.arrest_penalty)
    loyal = np.array(_by_incentive(s.central_control, *args))
    rebel = np.array(_by_incentive(s.rebel_control, *args))
    traces = [
        lines(
            grid,
            loyal,
            f"loyalists (central control {s.central_control:.2f})",
            PALETTE["blue"],
            3,
            hovertemplate="warlord incentives %{x:.2f}: %{y:.0%} obey<extra></extra>",
        ),
        lines(
            grid,
            rebel,
            f"rebel commanders (central control {s.rebel_control:.2f})",
            PALETTE["orange"],
            3,
            "dash",
            hovertemplate="warlord incentives %{x:.2f}: %{y:.0%} obey<extra></extra>",
        ),
        markers(
            [s.warlord_incentive, s.warlord_incentive],
            [here["loyalist"], here["rebel"]],
            "warlord incentives now",
            PALETTE["vermillion"],
            12,
            hovertemplate="%{y:.0%} obey<extra></extra>",
        ),
    ]
    layout = base_layout(
        title=(
            f"Warlord incentives {s.warlord_incentive:.2f}: loyalists obey {percent(here['loyalist'], below_one=False)}, "
            f"rebel commanders {percent(here['rebel'], below_one=False)}"
        ),
        xaxis="warlord incentives (how lucrative the war economy is)",
        yaxis="share of commanders who obey",
    )
    layout["xaxis"].update(range=[0, 1])
    layout["yaxis"].update(range=[0, 1.02], tickformat=".0%")
    return go.Figure(traces, layout)
