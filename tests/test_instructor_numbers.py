"""Numbers computed, not typed: every model number in the instructor guide is pinned here.

The chapter guides (``instructor/NN_*.md``) quote what the figures show at given slider settings
("Slider moves") and draw conclusions from those numbers ("What the room should notice"). Each
test below recomputes one guide page's numbers with the public functions of ``widgets/`` (the
same calls and parameter values the guide describes), formats them as the guide prints them, and
asserts that the guide's sentence with that number is in the file. After a change to a model,
re-running this file fails on every guide sentence that no longer agrees: update the guide's text
to the model's new value (the model is the source of truth).

Dates, minutes of a lesson plan and other numbers that no model produces are not pinned. Line
breaks in the guide do not matter (whitespace is normalised on both sides).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from pathlib import Path

import numpy as np

from widgets import (
    bargaining,
    lab,
    local_truces,
    militias,
    pressure,
    redeployment,
    spoilers,
    strikes,
    timeline,
    warlords,
)
from widgets.survival import survival_band

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "instructor"


def _squash(text: str) -> str:
    return " ".join(text.split())


def guide(name: str) -> str:
    """The text of one chapter guide, whitespace normalised (line wraps do not matter)."""
    path = GUIDE / name
    assert path.exists(), f"instructor/{name} is missing"
    return _squash(path.read_text(encoding="utf-8"))


def assert_pinned(text: str, fragments: list[str], page: str) -> None:
    """Every fragment (a guide sentence with a computed number) occurs in the page's text."""
    missing = [f for f in (_squash(f) for f in fragments) if f not in text]
    assert not missing, (
        f"instructor/{page} no longer agrees with the model; expected these "
        f"fragments (computed now):\n  " + "\n  ".join(missing)
    )


def title(fig) -> str:
    return fig.layout.title.text


def f2(x: float) -> str:
    return f"{x:.2f}"


def f3(x: float) -> str:
    return f"{x:.3f}"


def signed3(x: float) -> str:
    return f"{x:+.3f}"


def pct(x: float) -> str:
    """A share as the guide prints it: whole percent."""
    return f"{100 * x:.0f}%"


def days(median: float) -> str:
    """A median lifetime as the guide prints it: '> 365 days' when beyond the horizon."""
    return spoilers.describe_median(median, 365)


def between(text: str, start: str, end: str) -> str:
    """The part of a title after ``start`` and before ``end`` (to its end if ``end`` is empty)."""
    rest = text.split(start, 1)[1] if start else text
    return rest.split(end, 1)[0] if end else rest


# ---------------------------------------------------------------------------------- chapter 1
def test_guide_01_timeline_counts():
    """Chapter 1: the timeline's 23 events, the counts in view for each period and lane the moves
    set (5, 5, 6, 12; 3 evacuations, 8 truces and agreements), and the day counts 12 (offer to
    rejection) and 110 (plan to offer)."""
    page = "01_the_column.md"
    rows = timeline.load_timeline()

    def in_view(period="all", lane="all"):
        """The count in the title's second line ("in view: N (...)") at the book's controls."""
        t = title(timeline.figure_timeline(period=period, lane=lane))
        return int(between(t, "in view: ", " ("))

    def day_of(kind, start):
        (row,) = [r for r in rows if r["kind"] == kind and r["start_date"] == start]
        return row

    plan = day_of("proposal", dt.date(2014, 10, 30))
    offer = day_of("proposal", dt.date(2015, 2, 17))
    rejection = day_of("rejection", dt.date(2015, 2, 28))
    offer_to_rejection = (rejection["end_date"] - offer["start_date"]).days
    plan_to_offer = (offer["start_date"] - plan["start_date"]).days
    in_2016 = sum(r["start_date"].year == 2016 for r in rows)
    full_title = title(timeline.figure_timeline())
    assert f"{len(rows)} sourced events" in full_title
    assert in_view("2016") == in_2016  # the 2016 view holds exactly the events of 2016
    assert_pinned(
        guide(page),
        [
            f"({len(rows)} events, January 2014 to December 2016",
            f'"Ceasefire efforts in Syria, 2014-2016: {len(rows)} sourced events"',
            f'**Period shown: the freeze episode.** "In view: {in_view("freeze")}"',
            f"the room sees they are {offer_to_rejection} days apart",
            f"From plan to offer is {plan_to_offer} days.",
            f'**Period shown: 2014.** "In view: {in_view("2014")}"',
            f'**Period shown: 2015.** "In view: {in_view("2015")}"',
            f'**Period shown: 2016.** "In view: {in_view("2016")}"',
            f'Events shown: evacuations.** "In view: {in_view(lane="Evacuations")}"',
            f'**Events shown: truces and agreements** ("In view: {in_view(lane="Truces and agreements")}")',
            f"close together, {offer_to_rejection} days apart; the plan had waited {plan_to_offer} days",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 2
def test_guide_02_bargaining_titles():
    """Chapter 2: the range titles for p = 0.30 ... 1.00 (the book's steps of 0.1), for both costs 0, for B's cost 0 ... 0.40,
    the widths by number of veto players, and the spoiler's gain that closes the range."""
    page = "02_bargaining.md"

    def rng(**kw):
        return title(bargaining.figure_range(**kw)).split("A gets ", 1)[1]

    def width(**kw):
        return range_width_of(title(bargaining.figure_veto(**kw)))

    def range_width_of(t):
        return t.split("(width ", 1)[1].rstrip(")")

    widths = [width(n_veto=n) for n in range(1, bargaining.MAX_VETO_PLAYERS + 1)]
    assert widths[1] == widths[2] == widths[3] and widths[5] == widths[6] == widths[7]
    gains = {g: title(bargaining.figure_veto(spoiler_gain=g)) for g in (0.10, 0.15, 0.20)}
    assert bargaining.describe_range(None) in gains[0.20]
    b_cost = [range_width_of(title(bargaining.figure_range(cost_b=c))) for c in (0.0, 0.15, 0.25, 0.4)]
    assert title(bargaining.figure_range(cost_b=0.5)) == title(bargaining.figure_range(cost_b=0.4))
    assert_pinned(
        guide(page),
        [
            f'The title reads "A gets {rng(p=0.30)}", then "{rng(p=0.60)}", then "{rng(p=0.80)}".',
            f'"{rng(p=0.90)}", then "{rng(p=1.00)}"',
            f'The title reads "A gets {rng(p=0.60, cost_a=0, cost_b=0)}"',
            f'Widths {", ".join(b_cost)} ("A gets {rng(cost_b=0.4).split(" (")[0]}" at 0.40',
            f"width {widths[0]} with one veto player, {widths[1]} with two to four, {widths[4]} with five, "
            f"{widths[5]} with six to eight",
            f'Width {range_width_of(gains[0.10])} ("A gets {gains[0.10].split("A gets ")[1].split(" (")[0]}"), then '
            f'{range_width_of(gains[0.15])} ("{gains[0.15].split("A gets ")[1].split(" (")[0]}"), then '
            f'"{bargaining.describe_range(None)}"',
            f"at $p = 0.80$ B still receives up to {f2(1 - bargaining.bargaining_range(0.80, 0.15, 0.15)[0])} of the prize",
            f"the width stays {f2(bargaining.range_width(bargaining.bargaining_range(0.6, 0.15, 0.15)))}",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 3
def test_guide_03_redeployment_losses():
    """Chapter 3: the extra expected loss elsewhere (+0.071, +0.136, +0.214 ...), the bars'
    odds, the steps of the curve, decisiveness 3, coverage, and the loss-by-coverage titles
    (three decimals: +0.108, +0.101, +0.086, +0.000 at m = 0.5 ...)."""
    page = "03_redeployment.md"
    loss = lambda s, **kw: redeployment.expected_loss_elsewhere(s, **kw)  # noqa: E731
    before, after = redeployment.front_odds(1.0)
    step_first, step_last = loss(0.1) - loss(0.0), loss(1.0) - loss(0.9)
    cover = [loss(0.6, covered_fronts=c) for c in range(4)]
    gains = []
    for c in range(3):
        b, a = redeployment.front_odds(0.6, covered_fronts=c)
        gains.append(signed3(float(a[-1] - b[-1])))
    by_cov = {m: [signed3(loss(1.0, covered_fronts=c, decisiveness=m)) for c in range(4)] for m in (0.5, 1.0, 3.0)}
    for m, values in by_cov.items():  # figure 2's title (share freed 100%, as the page opens) prints them so
        t = title(redeployment.figure_loss_by_coverage(decisiveness=m))
        assert f"(decisiveness m = {m:.2f}): extra loss elsewhere<br>{', '.join(values)} fronts" in t
    one_front = redeployment.contest_success(1 + 1 / 3, 1.0)
    assert math.isclose(float(one_front), 4 / 7)
    assert_pinned(
        guide(page),
        [
            f"Loss {', '.join(signed3(loss(s)) for s in (0, 0.3, 0.6))}, {signed3(loss(1.0))} fronts",
            f"each of the three grey-to-red bars rises from {f3(before[0])} to {f3(after[0])} at 1.00",
            f"**0.40** gives {signed3(loss(0.4))}, **0.45** gives {signed3(loss(0.45))}",
            f"({signed3(step_first)} for the first, {signed3(step_last)} for the last)",
            f"from {signed3(loss(0.3))} to {signed3(loss(0.3, decisiveness=3))}; at a share of 1.00 with $m = 3$ it is "
            f"{signed3(loss(1.0, decisiveness=3))}",
            f"Loss {', '.join(signed3(x) for x in cover[:3])}, then {signed3(cover[3])}",
            f"each of which gains {gains[0]}, then {gains[1]}, then {gains[2]}",
            f"{', '.join(by_cov[0.5])}; then {', '.join(by_cov[1.0])}; then {', '.join(by_cov[3.0])}",
            f"the loss stays at {signed3(loss(1.0, covered_fronts=3))}",
            f"cuts the loss only from {f3(cover[0])} to {f3(cover[2])}",
            f"from {f3(before[0])} to {f3(after[0])} is a loss of {f3(after[0] - before[0])} expected fronts",
        ],
        page,
    )
    assert round(loss(0.3, decisiveness=3) / loss(0.3)) == 3  # "The loss triples"


# ---------------------------------------------------------------------------------- chapter 4
def test_guide_04_pressure_titles():
    """Chapter 4: discounted shift against cost of war and the periods without a deal for the
    shifts, patience and costs of the moves, and the heat map's shares (33%, 55%, 11%, 0%)."""
    page = "04_pressure.md"

    def shift_cost(**kw):
        t = title(pressure.figure_range_over_time(**kw))
        return t.split("Discounted shift now ", 1)[1].split(":", 1)[0].split(" vs cost of war ")

    def closed(**kw):
        return pressure.closed_periods(
            kw.pop("expected_shift", 0.3), kw.pop("patience", 0.9), kw.get("cost", 0.05), kw.get("cost", 0.05)
        )

    s150, c150 = shift_cost(expected_shift=0.15)
    s175, c175 = shift_cost(expected_shift=0.175)
    s300, _ = shift_cost(expected_shift=0.3)
    s75, _ = shift_cost(patience=0.75)
    _, c03 = shift_cost(cost=0.03)
    _, c10 = shift_cost(cost=0.10)
    assert closed(expected_shift=0.15) == 0 and closed(patience=0.75) == 0 and closed(cost=0.10) == 0
    maps = [
        title(pressure.figure_closure_map(cost=c)).split("no deal at first in ", 1)[1].split(" ", 1)[0]
        for c in (0.05, 0.03, 0.10, 0.20)
    ]
    # move 7: the heat map's decay (lambda) at cost 0.05: the share closed, and the longest spell
    by_decay = {
        d: title(pressure.figure_closure_map(decay=d)).split("no deal at first in ", 1)[1].split(" ", 1)[0]
        for d in (0.85, 0.7, 0.5, 0.95)
    }
    assert all(f"decay {d:.2f}<br>" in title(pressure.figure_closure_map(decay=d)) for d in by_decay)
    longest = {d: int(pressure.closed_periods_grid(0.05, decay=d).max()) for d in (0.5, 0.85, 0.95)}
    assert longest[0.95] > longest[0.85] > longest[0.5]  # "the spells last longer" at 0.95
    assert_pinned(
        guide(page),
        [
            f"The share of the map with no deal at first rises from {by_decay[0.85]} to {by_decay[0.7]} to "
            f"{by_decay[0.5]}",
            f"at 0.50 no cell has more than {longest[0.5]} periods without a deal (hover over a cell), against up "
            f"to {longest[0.85]} at 0.85",
            f"At 0.95 the share falls to {by_decay[0.95]}, but the spells last longer.",
            f"total $\\bar\\Delta$ and decay $\\lambda = {pressure.DECAY:.2f}$ per period",
            f"Illustrative numbers ($p_0 = {pressure.P0:.1f}$).",
            f"at 0.150 the discounted shift is {s150} against a cost of {c150}",
            f'"Discounted shift now {s175} vs cost of war {c175}: no deal for the first '
            f'{closed(expected_shift=0.175)} period(s)"',
            f'"No deal for the first {closed(expected_shift=0.3)} period(s)" at 0.300 ({s300} vs {c150}), '
            f"{closed(expected_shift=0.5)} periods at 0.500",
            f"A deal from the start at 0.75 ({s75} vs {c150}), then {closed(patience=0.8)}, "
            f"{closed(patience=0.9)} and {closed(patience=0.95)} periods without a deal",
            f'{closed()} periods without a deal, then {closed(cost=0.03)} (cost {c03}), then "a deal beats war '
            f'from the start" (cost {c10})',
            f"{', '.join(maps[:3])}, {maps[3]}",
            f"(0 → {closed(patience=0.95)} periods without a deal as patience rises from 0.75 to 0.95)",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 5
def _survival(**kw) -> tuple[str, str]:
    """Figure 1 of chapter 5: (median as printed, share holding after a year as printed)."""
    t = title(spoilers.figure_survival(**kw))
    return between(t, "median lifetime ", "<br>"), between(t, "<sup>", " of simulated truces")


def _types(**kw) -> dict[str, str]:
    """Figure 2 of chapter 5: the median of each spoiler type, as printed in the title."""
    t = between(title(spoilers.figure_types(**kw)), "Median lifetime: ", "<br>")
    return dict(part.split(" ", 1) for part in t.split(", "))


def _veto(concession: float) -> dict[str, str]:
    """Figure 3 of chapter 5: the range width of each type ('none' when there is no range)."""
    t = between(title(spoilers.figure_veto(concession=concession)), ": ", "<br>")
    return dict(part.split(" ", 1) for part in t.split(", "))


def test_guide_05_spoilers_survival_types_veto():
    """Chapter 5: medians and one-year shares by spoiler strength (71%, 56%, 42%, 20%; 183, 133,
    73, 46 days), monitoring and inducement moves, the medians by type, the veto widths, and one
    number of simulated truces for the figures, the table and the solutions."""
    page = "05_spoilers.md"
    by_s = {s: _survival(spoiler_strength=s) for s in (0.0, 0.05, 0.1, 0.2, 0.3, 0.6, 1.0)}
    mon = {m: _survival(monitoring=m) for m in (0.6, 1.0)}
    types = {i: _types(inducement=i) for i in (0.0, 0.5, 0.75, 1.0)}
    veto = {c: _veto(c) for c in (0.0, 0.2, 0.25, 0.3, 0.5, 0.9)}
    base_share = by_s[0.0][1]
    no_spoiler = f2(bargaining.range_width(bargaining.bargaining_range(0.5, 0.15, 0.15)))
    table_median = spoilers.median_lifetime_days(0.6, n=spoilers.N_FIGURE)
    assert f"{table_median:.0f} days" == by_s[0.6][0]  # the table and the figure agree
    # the first one-year share under one in ten on the book slider's grid is the one at 0.30
    assert float(by_s[0.2][1].rstrip("%")) >= 10 > float(by_s[0.3][1].rstrip("%"))
    assert _survival(inducement=1.0) == by_s[0.3]
    assert set(_types(spoiler_strength=0.0).values()) == {"> 365 days"}
    assert types[0.75]["limited"] == "> 365 days" and types[0.5]["limited"] != "> 365 days"  # book steps of 0.25
    assert veto[0.25]["greedy"] == "none" and veto[0.0]["total"] == veto[0.9]["total"] == "none"
    assert_pinned(
        guide(page),
        [
            f"The figures, the table printed above figure 1 and the exercises' solutions all simulate the "
            f"same {spoilers.N_FIGURE:,} truces, so their medians agree.",
            f"(no spoiler: median over 365 days, {base_share} holding)",
            f"Share still holding after a year: {', '.join(by_s[s][1] for s in (0.0, 0.1, 0.2))}; the median falls "
            f'from "{by_s[0.0][0]}" to {by_s[0.1][0].split()[0]}, then {by_s[0.2][0]} (in a live notebook, 0.05 already '
            f'takes the share to {by_s[0.05][1]}, the median still "{by_s[0.05][0]}").',
            f"Median {', '.join(by_s[s][0].split()[0] for s in (0.2, 0.3, 0.6))}, {by_s[1.0][0]}; at 0.30 only "
            f"{by_s[0.3][1]} of truces survive the year",
            f"from 0.60 on, {by_s[0.6][1]}",
            f"Median {by_s[0.3][0].split()[0]}, then {mon[0.6][0]} ({mon[0.6][1]} holding), then back to the baseline, "
            f'"{mon[1.0][0]}" and {mon[1.0][1]}',
            f"Nothing moves, {by_s[0.3][0]}: a total spoiler cannot be bought off.",
            f"limited {types[0.0]['limited'].split()[0]} → {types[0.5]['limited'].split()[0]} → "
            f'"{types[1.0]["limited"]}" (already from 0.75); greedy {types[0.0]["greedy"].split()[0]} → '
            f"{types[0.5]['greedy'].split()[0]} → {types[1.0]['greedy'].split()[0]}; total "
            f"{types[0.0]['total'].split()[0]} → {types[0.5]['total'].split()[0]} → {types[1.0]['total'].split()[0]}",
            f"without a spoiler the range has width {no_spoiler}",
            f"Limited: width {veto[0.0]['limited']}, {veto[0.2]['limited']} at 0.20, then {veto[0.25]['limited']} (the "
            "no-spoiler width) from 0.25 (between the book's steps).",
            f"Greedy: no range until 0.30 (width {veto[0.3]['greedy']}: a single split), {veto[0.5]['greedy']} at 0.50, "
            f"{veto[0.9]['greedy']} at 0.90.",
            f"takes the one-year survival from {by_s[0.0][1]} to {by_s[0.2][1]}",
            f"leaves the total spoiler's at {types[1.0]['total']}",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 6
def _minus(text: str) -> str:
    """The guide prints negative numbers with a minus sign (U+2212), the titles with a hyphen."""
    return text.replace("-", "−")


def _districts(**kw) -> dict[str, str]:
    """Figure of chapter 6: the shares held, the difference and its interval, as printed."""
    t = title(local_truces.figure_districts(**kw))
    low, high = between(t, "held in ", " of high").split(" of low- vs ")
    diff = between(t, "difference ", " points")
    lo, hi = between(t, "interval ", "<br>").split(" to ")
    return {
        "low": low,
        "high": high,
        "diff": _minus(diff),
        "lo": _minus(lo),
        "hi": _minus(hi),
        "d": float(diff),
        "l": float(lo),
        "h": float(hi),
    }


def test_guide_06_local_truces_districts():
    """Chapter 6: shares held in low- and high-influence districts, the difference and its 90%
    interval by spoiler strength (58% vs 17%, 42 points, 15 to 70 at 0.6) and by number of
    districts (the interval narrowing from 147 points wide to 34), and monitoring 1."""
    page = "06_local_truces.md"
    by_s = {s: _districts(spoiler_strength=s) for s in (0.6, 0.0, 0.3, 0.35, 0.4, 1.0)}
    by_n = {n: _districts(n_districts=n) for n in (10, 20, 30, 40, 100)}
    mon = _districts(monitoring=1.0)
    assert by_s[0.0]["h"] < 0 or by_s[0.0]["l"] > 0  # "excludes zero"
    assert all(_districts(spoiler_strength=s)["l"] > 0 for s in np.round(np.arange(0.40, 1.001, 0.05), 2))
    assert by_s[0.35]["l"] <= 0
    assert {k: mon[k] for k in ("low", "high", "diff")} == {k: by_s[0.0][k] for k in ("low", "high", "diff")}
    s0, s1 = by_s[0.6], by_s[0.0]
    null = {}
    for n in (40, 100, 400):
        sim = local_truces.simulate_districts(spoiler_strength=0.0, n_districts=n, seed=0)
        lo, hi = local_truces.analyse(sim["influence"], sim["held"], seed=0)["difference_interval"]
        null[n] = "excludes" if (lo > 0 or hi < 0) else "contains"
    assert null[100] == null[400]
    assert_pinned(
        guide(page),
        [
            f"{s0['low']} of low- vs {s0['high']} of high-influence districts held: a difference of {s0['diff']} "
            f"points, interval {s0['lo']} to {s0['hi']}.",
            f"Now {s1['low']} vs {s1['high']}: the difference is {s1['diff']} points, with an interval of "
            f"{s1['lo']} to {s1['hi']} that *excludes zero*",
            f"Differences {by_s[0.3]['diff']} points ({by_s[0.3]['lo']} to {by_s[0.3]['hi']}), then "
            f"{by_s[0.4]['diff']} points ({by_s[0.4]['lo']} to {by_s[0.4]['hi']}); in the notebook, 0.35 gives "
            f"{by_s[0.35]['diff']} points ({by_s[0.35]['lo']} to {by_s[0.35]['hi']}), still containing zero.",
            f"({by_s[1.0]['low']} vs {by_s[1.0]['high']}, interval {by_s[1.0]['lo']} to {by_s[1.0]['hi']})",
            f"Difference {by_n[10]['diff']} (interval {by_n[10]['lo']} to {by_n[10]['hi']}), "
            + ", ".join(f"{by_n[n]['diff']} ({by_n[n]['lo']} to {by_n[n]['hi']})" for n in (20, 30, 40, 100))
            + ".",
            f"The interval narrows from {by_n[10]['h'] - by_n[10]['l']:.0f} points wide to "
            f"{by_n[100]['h'] - by_n[100]['l']:.0f}",
            f"the figure is the same as at strength 0 ({mon['low']} vs {mon['high']})",
            f"the interval {null[40]} zero with 40 districts and {null[100]} it with 100 and 400",
            f'a truce "held" if it lasted more than {local_truces.HORIZON} days',
            f"a {local_truces.LEVEL:.0%} bootstrap interval",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 7
def test_guide_07_strikes_odds_veto_tradeoff():
    """Chapter 7: the government's win probability and the spoiler veto by strike intensity and
    decisiveness (0.50 → 0.53 → 0.60; 0.40 → 0.34 → 0.12), the trade-off titles by spoiler
    strength (28% (20%) and 0.49 ...), the curves' ends, and exercise 3's 0.83 and 0.40."""
    page = "07_strike_dilemma.md"
    p = lambda s, **kw: f2(strikes.regime_win_probability(s, **kw))  # noqa: E731
    v = lambda s, **kw: f2(strikes.spoiler_veto(s, **kw))  # noqa: E731

    def trade(strength):
        t = title(strikes.figure_tradeoff(spoiler_strength=strength))
        held = between(t, ": ", " of truces")
        share = between(t, "opposition's share ", "<br>")
        held0, share0 = between(t, "without strikes: ", ";").split(" and ")
        return f"{held} ({held0}) and {share}", (held, held0, share, share0)

    def ends(strength):
        t = strikes.tradeoff(strength)
        return pct(t["held"][0]), f2(t["opposition_share"][0]), pct(t["held"][-1]), f2(t["opposition_share"][-1])

    # the figure's title states the same numbers as the model functions
    assert f"win probability {p(0.3)}, spoiler veto {v(0.3)}" in title(strikes.figure_strikes(0.3))
    t2, t4, t6 = (trade(s) for s in (0.2, 0.4, 0.6))
    e0, e4, e8 = ends(0.0), ends(0.4), ends(0.8)
    assert e0[0] == e0[2] and e0[1] == e0[3]  # a point: nothing to strike
    both = {"moderate_strength": 0.12, "jihadist_strength": 0.08}  # exercise 3: what a full campaign leaves
    half = float(strikes.spoiler_veto(0.0)) / 2
    first_half = strikes.GRID[np.argmax(strikes.spoiler_veto(strikes.GRID) <= half)]
    assert math.isclose(first_half, 0.8)  # halving the veto takes strikes between 0.75 and 0.80
    effect = inspect.signature(strikes.figure_strikes).parameters["strike_effect"].default
    assert f"a full campaign removes {effect:.0%} of jihadist strength" in title(strikes.figure_strikes(0.3))
    assert_pinned(
        guide(page),
        [
            f"remove the share ${effect:.1f}\\,\\sigma$ of $J$",
            f"a full campaign removes {effect:.0%} of jihadist strength. Figure 2",
            f"and their values without strikes ({p(0)} and {v(0)})",
            f"Win probability {p(0)} → {p(0.3)} → {p(1.0)}; spoiler veto {v(0)} → {v(0.3)} → {v(1.0)}.",
            f"gives a veto of {v(0.75)} to {v(0.8)}, with the win probability at {p(0.75)}",
            f"The win probability stays at {p(1.0, decisiveness=0)} while the veto still falls to {v(1.0)}",
            f"**m = 3**: {p(0.3, decisiveness=3)} at strikes 0.30 and {p(1.0, decisiveness=3)} at strikes 1.00",
            f"at strikes 0.3: {t2[1][0]} of simulated truces hold a year ({t2[1][1]} without strikes), opposition's "
            f"share of a deal {t2[1][2]}; then {t4[0]}; then {t6[0]}",
            f"at 0.40 it runs from {e4[0]} of truces holding a year and a share of {e4[1]} to {e4[2]} and {e4[3]}",
            f"At 0 the curve shrinks to a point ({e0[0]}, {e0[1]})",
            f"(from {e8[0]} to {e8[2]} of truces holding a year) at a large cost to the opposition's share (from "
            f"{e8[1]} to {e8[3]};",
            f"the veto stays {v(0.0, **both)} while the odds rise to {p(0.0, **both)}",
        ],
        page,
    )
    assert p(0.75) == p(0.8)


# ---------------------------------------------------------------------------------- chapter 8
def test_guide_08_warlords_acceptance_price_veto():
    """Chapter 8: the share of commanders who accept by warlord incentives (100%, 99%, 72%, 33%,
    17%, 10%) and by credibility, the certain promise's worth (0.32 to 0.48) and the 550 of 2,345
    who still fight on, the price of peace (0.34, 0.98, 0.41, 0.68, 0.95), the veto bars, and
    exercise 3 (a guarantor or a larger share)."""
    page = "08_warlords.md"

    def accept(**kw):
        return between(title(warlords.figure_acceptance(**kw)), "", " of commanders accept")

    def price(w):
        t = title(warlords.figure_price_of_peace(warlord_incentive=w))
        majority = between(t, "half the commanders accept", ";")
        veto = between(t, "90% probability", "")
        clean = lambda s: s.replace(" at a share of ", "")  # noqa: E731
        return clean(majority), clean(veto)

    by_w = [accept(warlord_incentive=w) for w in (0, 0.1, 0.25, 0.5, 0.75, 1.0)]
    by_c = [accept(credibility=c) for c in (0, 0.4, 0.8, 1.0)]
    assert float(by_c[2].rstrip("%")) > 3 * float(by_c[1].rstrip("%"))  # "more than triples"
    lo, hi = (0.5 * d**warlords.DEFAULT_DELAY for d in warlords.PATIENCE_RANGE)
    d = warlords.commander_decisions(0.5, 0.5, 1.0)
    cheap = d["rents"] <= 0.5
    p25, p30, p50, p70, p75 = (price(w) for w in (0.25, 0.30, 0.50, 0.70, 0.75))
    none = ": no share is enough"
    assert p30[1] == p50[1] == p75[0] == p75[1] == none
    bars = lambda g, ks: [pct(warlords.all_accept_probability(0.5, g, 0.8, veto_players=k)) for k in ks]  # noqa: E731
    b05, b10 = bars(0.5, (1, 2, 3)), bars(1.0, (1, 2, 3, 8))
    ex3 = [pct(warlords.acceptance_share(0.5, g, c)) for g, c in ((0.25, 0.4), (0.25, 0.8), (0.5, 0.4))]
    assert pct(warlords.acceptance_share(0.5, 1.0, 0.0)) == pct(warlords.acceptance_share(0.5, 0.0, 0.0)) == "0%"
    assert_pinned(
        guide(page),
        [
            f"{', '.join(by_w[:1] + by_w[2:5])}, {by_w[5]} accept (the table above the figure adds 0.10: {by_w[1]}).",
            f"paid after $\\tau = {warlords.DEFAULT_DELAY}$ periods",
            f"{', '.join(by_c[:3])}, {by_c[3]} accept.",
            f"(incentives 0.5, share 0.5). **Credibility of the guarantee: 0.8 → 1.** {by_c[3]} accept",
            f"so it is worth between {f2(lo)} and {f2(hi)} to a commander, not 0.5: of the commanders whose rents are "
            f"at most 0.5, {int(np.count_nonzero(cheap & ~d['accepts'])):,} of {int(np.count_nonzero(cheap)):,} still "
            "fight on.",
            f"At 0.25 a majority costs a share of {p25[0]} and three veto holders at 90% cost {p25[1]}; at 0.30 the "
            f'majority costs {p30[0]} and for the vetoes "no share is enough".',
            f'A majority costs {p50[0]}, then {p70[0]}; from 0.75 on, "no share is enough" even for a majority.',
            f"At 0.5 the bars read {', '.join(b05)} for one, two, three veto holders. At 1.0: "
            f"{', '.join(b10[:3])}, and {b10[3]} with eight.",
            f"at credibility 0, {pct(warlords.acceptance_share(0.5, 1.0, 0.0))} accept whatever the share",
            f"{warlords.DEFAULT_N:,} simulated commanders",
            f"(all {warlords.DEFAULT_N:,} commanders; the scatter shows {warlords.SCATTER_POINTS})",
            f"{b10[0]} acceptance still leaves three veto holders passing only {b10[2]} of the time",
            f"(exercise 3: from {ex3[0]} to {ex3[1]} with a guarantor, and to {ex3[2]} with a share twice as large)",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 9
def test_guide_09_militias_obedience():
    """Chapter 9: loyalists' and rebels' obedience by central control (33%, 52%, 70%, 86%, 96%),
    the 90% target (control 0.63; not reached at incentives 0.8, 85% at full control), obedience
    by warlord incentives, the widest gap (about 53 points), exercise 3 (52 points to 21) and
    exercise 4's reversed contrast (loyalists 70%, rebels 86%)."""
    page = "09_militias.md"

    def land(c):
        return between(title(militias.figure_landscapes(central_control=c)), "obey ", "")

    def loyal(**kw):
        return pct(militias.obedience_share(kw.pop("central_control", 0.5), **kw))

    by_w = {w: militias.landscapes(0.5, warlord_incentive=w) for w in np.round(np.arange(0, 1.001, 0.05), 2)}
    gaps = {w: 100 * (x["loyalist"] - x["rebel"]) for w, x in by_w.items()}
    widest = max(gaps, key=gaps.get)
    assert 0.5 <= widest <= 0.6 and round(gaps[0.0]) == 0
    ex0, ex2 = militias.landscapes(0.5), militias.landscapes(0.5, rebel_control=0.2)
    t0 = title(militias.figure_landscapes(central_control=0.0))
    t_high = title(militias.figure_obedience(warlord_incentive=0.8))
    assert "not reached even at full control" in t_high
    need = militias.control_needed(0.9)
    assert f"needs central control {need:.2f}" in title(militias.figure_obedience())
    pair = lambda w: f"{pct(by_w[w]['loyalist'])} vs {pct(by_w[w]['rebel'])}"  # noqa: E731

    def land_loyal(c):
        """Figure 1's title: the loyalists' share at central control c (the rebel side at 0)."""
        return between(title(militias.figure_landscapes(central_control=c)), "Loyalist militias obey ", ",")

    t_rev = title(militias.figure_landscapes(central_control=0.25, rebel_control=0.5))
    rev = militias.landscapes(0.25, rebel_control=0.5)
    assert rev["rebel"] > rev["loyalist"]  # the contrast reversed (exercise 4)
    ell = militias.Commanders.arrest_penalty
    assert_pinned(
        guide(page),
        [
            f'The title reads "{t0}"',
            f"Loyalists obey {', '.join(land_loyal(c) for c in (0.25, 0.5, 0.75))}, {land_loyal(1.0)}; "
            f"the rebels stay at {pct(militias.obedience_share(0.0))} (figure 2, in steps of 0.1, adds "
            f"{loyal(central_control=0.1)} at 0.10).",
            f'{loyal(central_control=0.6)}, then {loyal(central_control=0.7)}; the title says "90% obedience needs '
            f'central control {need:.2f}".',
            f'**Central control: 0.25; Rebel side\'s central control: 0.50** (exercise 4). The title reads "{t_rev}"',
            f"arrest penalty $\\ell = {ell:.1f}$",
            f"(from {loyal(central_control=0.0)} to {loyal(central_control=0.25)} by 0.25) and flattens "
            f"({loyal(central_control=0.75)} at 0.75, {loyal(central_control=1.0)} at 1.00)",
            f'At central control 0.5, {loyal(warlord_incentive=0.8)} obey; the title now reads "90% obedience not '
            f'reached even at full control" ({loyal(central_control=1.0, warlord_incentive=0.8)} at full control).',
            f"{pair(0.0)}, then {pair(0.2)}, then {pair(0.5)}, then {pair(1.0)}.",
            f"widest, about {gaps[widest]:.0f} points, between 0.5 and 0.6",
            f"closes the gap from {100 * (ex0['loyalist'] - ex0['rebel']):.0f} points to "
            f"{100 * (ex2['loyalist'] - ex2['rebel']):.0f}",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 10
def _lab(**kw) -> dict[str, str]:
    """Figure 1 of chapter 10 at the given settings: deal, median and chapter 5's median, as printed,
    and the bars' labels."""
    fig = lab.figure_lab(**kw)
    t = title(fig)
    (bars,) = [d for d in fig.data if d.type == "bar"]
    return {
        "deal": between(t, "Deal agreed in ", " of attempts"),
        "median": between(t, "median ", ","),
        "ch5": between(t, "spoiler alone: median ", "<"),
        "bars": dict(zip(bars.y, bars.text)),
    }


def _challenge(**kw) -> dict[str, str]:
    """The challenge figure of chapter 10 (the column's scenario as status quo), as printed."""
    t = title(lab.figure_challenge(**kw))
    return {
        "verdict": between(t, "", ":"),
        "median": between(t, "median ", " <").split(" >=")[0],
        "deal": between(t, "deal in ", " of attempts"),
        "p": between(t, "win probability ", "<"),
    }


def test_guide_10_lab_agreement_survival_phase_challenge():
    """Chapter 10: deal agreed and median lifetime by spoiler strength (21%, 11%, 0%; 205, 67, 39
    days) and by warlord incentives, the veto bars, the cube check (59%), spoiler types and
    exclusion, the phase diagram's cells (16% → 46%; 0% → 18%), the challenge's medians (30, 39,
    102 days; one lever at a time; monitoring 1 with separation 0, 0.5, 1: 102, 136, 203) and the
    designs that meet the targets (deal 20%, 19.7%, target 15%; median 248 days, win probability 0.60)."""
    page = "10_ceasefire_lab.md"
    by_s = {s: _lab(spoiler_strength=s) for s in (0.0, 0.5, 1.0)}
    by_w = {w: _lab(warlord_incentive=w) for w in (0.0, 0.5, 1.0)}
    bar = lambda r, key: r["bars"][[k for k in r["bars"] if key in k][0]]  # noqa: E731
    spoiler_bars = [bar(by_s[s], "spoiler") for s in (0.0, 0.5, 1.0)]
    commander_bars = {bar(by_s[s], "commanders") for s in (0.0, 0.5, 1.0)}
    assert len(commander_bars) == 1
    accept = warlords.acceptance_share(0.5, 0.8, 0.8)
    total_in, total_out = _lab(), _lab(exclude_spoiler=True)
    lim_in = _lab(spoiler_type="limited", inducement=1.0)
    lim_out = _lab(spoiler_type="limited", inducement=1.0, exclude_spoiler=True)
    assert total_in["median"] == total_out["median"] and lim_in["deal"] == lim_out["deal"]

    def phase(**kw):
        fig = lab.figure_phase(**kw)
        return np.asarray(fig.data[0].z, dtype=float), title(fig)

    z0, t0 = phase(monitoring=0.0)
    z1, t1 = phase(monitoring=1.0)
    zx, _ = phase(exclude_spoiler=True)
    col = int(np.argmin(np.abs(lab.PHASE_GRID - 0.5)))
    assert np.array_equal(z0[:, 0], z1[:, 0])  # the no-spoiler column does not change
    top = np.concatenate([z0[-2:].ravel(), z1[-2:].ravel()])
    assert top.max() < 0.015  # "the top rows stay at 0–1%"
    assert "<1% of attempts hold 90 days in the column's cell" in t0 and "<1%" in t1.split("<br>")[0]
    assert set(lab.percent(x) for x in z0[:, -1]) == {"0%"}
    ch = {m: _challenge(monitoring=m) for m in (0.0, 0.3, 1.0)}
    assert {c["verdict"] for c in ch.values()} == {"Not yet"} and {c["deal"] for c in ch.values()} == {"<1%"}
    one_lever = [
        ("monitoring", 1.0),
        ("strike_intensity", 1.0),
        ("separation", 1.0),
        ("guarantees", 1.0),
        ("guaranteed_share", 1.0),
        ("credibility", 1.0),
        ("coverage", 1.0),
        ("exclude_spoiler", True),
    ]
    alone = [_challenge(**{k: v}) for k, v in one_lever]
    lever_names = (
        "monitoring",
        "strikes",
        "separation",
        "guarantees",
        "guaranteed share",
        "credibility",
        "all fronts frozen",
        "exclusion",
    )
    assert all(c["verdict"] == "Not yet" for c in alone)
    # move 8: the book's two-lever answer, monitoring 1 and separation 0 -> 0.5 -> 1
    two = {s: _challenge(monitoring=1.0, separation=s) for s in (0.0, 0.5, 1.0)}
    assert [two[s]["verdict"] for s in (0.0, 0.5, 1.0)] == ["Not yet", "Not yet", "Target met"]
    assert {c["deal"] for c in two.values()} == {"<1%"}  # "under 1% of attempts"
    # the design that meets both targets: the design figure's six book controls at their maximum
    both = dict(
        exclude_spoiler=True, coverage=1.0, guaranteed_share=1.0, guarantees=1.0, monitoring=1.0, separation=1.0
    )
    best = _challenge(**both)
    assert f"deal in {best['deal']} of attempts (target {lab.percent(lab.TARGET_DEAL)}: met)" in title(
        lab.figure_challenge(**both)
    )
    best_deal = lab.summary(lab.COLUMN_SCENARIO.replace(**both), n=lab.N_FIGURE)["agreement"]
    assert best["median"] == "> 365 days" and best_deal >= lab.TARGET_DEAL
    with_credibility = {**both, "guarantees": 0.0, "credibility": 1.0}  # "instead of the guarantees"
    assert _challenge(**with_credibility)["deal"] == best["deal"]
    assert lab.summary(lab.COLUMN_SCENARIO.replace(**with_credibility), n=lab.N_FIGURE)["agreement"] == best_deal
    struck = _challenge(monitoring=0.9, separation=1.0, guarantees=1.0, guaranteed_share=1.0, strike_intensity=0.5)
    assert struck["verdict"] == "Target met"
    band30 = survival_band(lab.lifetimes(lab.COLUMN_SCENARIO, n=30), days=365)  # exercise 3's 30 truces
    assert_pinned(
        guide(page),
        [
            f"Deal agreed in {', '.join(by_s[s]['deal'] for s in (0.0, 0.5, 1.0))} of attempts; median "
            f"{', '.join(by_s[s]['median'].split()[0] for s in (0.0, 0.5, 1.0))} days.",
            f'the bar "spoiler does not block" falls from {spoiler_bars[0]} to {spoiler_bars[1]} to {spoiler_bars[2]}, '
            f'while "all commanders with a veto" stays at {commander_bars.pop()}.',
            f'has medians "{by_s[0.0]["ch5"]}", {by_s[0.5]["ch5"].split()[0]}, {by_s[1.0]["ch5"].split()[0]}',
            f"The deal falls from {by_w[0.0]['deal']} to {by_w[0.5]['deal']} to {by_w[1.0]['deal']} of attempts, while the "
            f"median of an agreed truce falls only from {by_w[0.0]['median'].split()[0]} to "
            f"{by_w[0.5]['median'].split()[0]} to {by_w[1.0]['median']}.",
            f"at 0.5, {pct(accept)} of commanders accept and ${accept:.2f}^3 \\approx {accept**3:.2f}$",
            f"inside, deal {total_in['deal']} and median {total_in['median']}; excluded, deal {total_out['deal']} and the "
            f"same {total_out['median']}.",
            f"inside, deal {lim_in['deal']} and median {lim_in['median']}; excluded, deal still {lim_out['deal']} "
            f"but median {lim_out['median']}.",
            f"at spoiler strength 0.5 the cell goes from {lab.percent(z0[0, col])} to {lab.percent(z1[0, col])}.",
            f"(no spoiler: {', '.join(lab.percent(x) for x in z0[:4, 0])}, …)",
            f"goes from {lab.percent(z0[0, -1])} in every row to {lab.percent(zx[0, -1])} in the bottom row",
            f'Median {", ".join(ch[m]["median"].split()[0] for m in (0.0, 0.3))}, {ch[1.0]["median"]}: "Not yet" '
            "throughout, and the deal is agreed in under 1% of attempts.",
            f"monitoring gives {alone[0]['median']}, "
            + ", ".join(f"{name} {c['median'].split()[0]}" for name, c in zip(lever_names[1:], alone[1:]))
            + f". No single lever reaches {lab.TARGET_DAYS}.",
            f'Median {two[0.0]["median"].split()[0]}, {two[0.5]["median"].split()[0]}, then "Target met" at '
            f"{two[1.0]['median']}: monitoring and separation alone meet the {lab.TARGET_DAYS:.0f}-day target",
            f'the title reads "deal in {best["deal"]} of attempts (target {lab.percent(lab.TARGET_DEAL)}: met)" '
            f"({100 * best_deal:.1f}%",
            f"then also a deal in {lab.percent(lab.TARGET_DEAL)} of attempts (`lab.TARGET_DEAL`)",
            f"diagram simulates {lab.N_PHASE:,} truces for each of {lab.PHASE_GRID.size**2} cells",
            f"the commanders accept {bar(by_s[0.0], 'commanders')} of the time whatever the spoiler does, and that caps "
            f"every deal at {bar(by_s[0.0], 'commanders')}.",
            "the target is met while the deal is agreed in under 1% of attempts",
            f"with 30 truces ({pct(band30['survival'][60])} holding on day 60, band "
            f"{pct(band30['lower'][60])} to {pct(band30['upper'][60])})",
            f"strikes 0.5: median {struck['median']}), but it raises the government's win probability from "
            f"{_challenge()['p']} to {struck['p']}",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 12
def test_guide_12_epilogue_excluded_or_inside():
    """Chapter 12: under cessation-like settings, deal and share in force at 90 days with the
    spoiler excluded or inside (52%/18% against 21%/7%), the agreement ratio 2.5, the median 64
    days, the day-90 shares by strike intensity and where exclusion stops paying off (0.7/0.8),
    the truce days per attempt (42, 27, 21 against 17), separation at full strikes (6% → 14% →
    36%, median 159 days) and monitoring at strikes 0.5."""
    page = "12_epilogue.md"
    curves = {x: lab.cessation_curves(strike_intensity=x) for x in (0.0, 0.5, 0.7, 0.8, 0.9, 1.0)}
    ex = {x: c["excluded"] for x, c in curves.items()}
    inc = {x: c["included"] for x, c in curves.items()}
    held = lambda r: lab.percent(r["holding_90_attempts"])  # noqa: E731
    t0 = title(lab.figure_cessation(strike_intensity=0.0))
    e0, i0 = ex[0.0], inc[0.0]
    assert f"Spoiler excluded: deal in {lab.percent(e0['agreement'])} of attempts, {held(e0)} in force at 90 days" in t0
    assert f"Spoiler inside with a veto: deal in {lab.percent(i0['agreement'])}, {held(i0)} in force" in t0
    coh = lab.COH_LIKE
    assert coh.coverage == 1.0 and coh.spoiler_type == "total"  # "all fronts covered, a total spoiler"
    ratio = e0["agreement"] / i0["agreement"]
    assert math.isclose(ratio, 1 / (1 - lab.COH_LIKE.spoiler_strength), rel_tol=0.01)
    assert e0["median"] == i0["median"]
    assert {held(r) for r in inc.values()} == {held(i0)}  # inside: the same throughout
    d90 = {x: (ex[x]["holding_90_attempts"], inc[x]["holding_90_attempts"]) for x in curves}
    assert d90[0.7][0] > d90[0.7][1] and d90[0.8][0] < d90[0.8][1]  # ahead at 0.7, behind at 0.8
    assert held(ex[0.7]) == held(inc[0.7]) == held(ex[0.8]) == held(inc[0.8])
    assert all(ex[x]["expected_days"] > i0["expected_days"] for x in curves)  # ahead at every intensity
    sep = {w: lab.cessation_curves(strike_intensity=1.0, separation=w) for w in (0.0, 0.5, 1.0)}
    inside_sep = sorted({held(s["included"]) for s in sep.values()})
    mon = {m: lab.cessation_curves(strike_intensity=0.5, monitoring=m) for m in (lab.COH_LIKE.monitoring, 1.0)}
    lo, hi = mon[lab.COH_LIKE.monitoring], mon[1.0]
    assert_pinned(
        guide(page),
        [
            f"Excluded: deal in {lab.percent(e0['agreement'])} of attempts, {held(e0)} still in force at 90 days; "
            f"inside with a veto: {lab.percent(i0['agreement'])} and {held(i0)}.",
            f"multiplies agreement by {ratio:.1f} ($1/(1 - {lab.COH_LIKE.spoiler_strength:.1f})$)",
            f"(median {e0['median']:.0f} days in both designs)",
            f"a total spoiler of strength {coh.spoiler_strength:.1f}, warlord incentives {coh.warlord_incentive:.1f} "
            f"with a guaranteed share of {coh.guaranteed_share:.1f} at credibility {coh.credibility:.1f}, guarantees "
            f"{coh.guarantees:.1f}, monitoring {coh.monitoring:.1f}.",
            f"excluded: {', '.join(held(ex[x]) for x in (0.0, 0.5, 0.7, 0.9, 1.0))}; inside: {held(i0)} throughout.",
            f"the titles read {held(ex[0.7])} for both designs at 0.7 and 0.8",
            f"and {held(ex[0.9])} against {held(inc[0.9])} from 0.9.",
            f"({ex[0.0]['expected_days']:.0f}, {ex[0.5]['expected_days']:.0f} and {ex[1.0]['expected_days']:.0f} days at "
            f"strikes 0, 0.5 and 1, against {i0['expected_days']:.0f} for the included design)",
            f"rises from {held(sep[0.0]['excluded'])} to {held(sep[0.5]['excluded'])} to {held(sep[1.0]['excluded'])} "
            f"(inside: {inside_sep[0].rstrip('%')}–{inside_sep[-1]}).",
            f"the excluded design's median rises to {sep[1.0]['excluded']['median']:.0f} days.",
            f"(excluded {held(lo['excluded'])} → {held(hi['excluded'])}, inside {held(lo['included'])} → "
            f"{held(hi['included'])})",
        ],
        page,
    )


# ---------------------------------------------------------------------------------- chapter 11
def test_guide_11_the_record_before_and_after():
    """Chapter 11: covered and excluded fighting before and after the 2016 ceasefires, as the figure
    titles print them (Aleppo 72 to 29, all Syria 297 to 173 and 81 to 114, ...), and the weekly
    counts around 27 February 2016 in all Syria."""
    from widgets import record

    page = "11_the_record.md"

    def said(ceasefire="2016-02-27", area="Aleppo", measure="events", days=28, kind="covered"):
        t = record.record_table(ceasefire, area, days)
        col = "events" if measure == "events" else "deaths"
        b, a = int(t.loc[kind, f"{col}_before"]), int(t.loc[kind, f"{col}_after"])
        text = f"{b} to {a} ({record.change(b, a):+.0%})"
        assert text in title(record.figure_before_after(ceasefire, area, measure, window_days=days))
        return text

    _, weeks = record.weekly(record.precise(record.load_events()), "2016-02-27", 8)
    assert_pinned(
        guide(page),
        [
            f"Covered {said()}; excluded {said(kind='excluded')}.",
            f"covered {said(measure='deaths')}.",
            f"Covered {said(area='All Syria')}, excluded {said(area='All Syria', kind='excluded')}",
            f"covered {said('2016-09-12', 'All Syria')}.",
            f"covered {said('2016-12-30', 'All Syria')}.",
            f"covered {said(days=7)} with 7 days, {said(days=56)} with 56.",
            f"Covered {said('2016-12-30', 'Damascus with Rif Dimashq')}:",
            f"({weeks['covered'][7]} events in the week before, {weeks['covered'][8]} in the week from it)",
        ],
        page,
    )
