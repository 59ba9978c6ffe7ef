"""The worked examples of primers.md ("Maths you need"): every number the page states, recomputed.

The page types its numbers (it is Markdown, not a notebook); this test is where they come from, so
a changed example that no longer adds up fails here."""

from __future__ import annotations

import math
import re

import pytest
from conftest import ROOT

PAGE = (ROOT / "primers.md").read_text(encoding="utf-8")


def stated(text: str) -> None:
    """``text`` appears on the page (spaces and line breaks as written in the Markdown)."""
    flat = re.sub(r"\s+", " ", PAGE)
    assert text in flat, f"primers.md no longer states {text!r}"


def test_geometric_waiting_times():
    q = 0.05 * (1 - 0.6)
    assert q == pytest.approx(0.02)
    assert 1 / q == pytest.approx(50)
    assert math.log(2) / q == pytest.approx(34.66, abs=0.01)
    assert (0.98**34, 0.98**35) == (pytest.approx(0.503, abs=5e-4), pytest.approx(0.493, abs=5e-4))
    first_below_half = next(d for d in range(1, 200) if 0.98**d < 0.5)
    assert first_below_half == 35
    assert 0.98**90 == pytest.approx(0.162, abs=5e-4)
    for text in (
        "1/0.02 = 50",
        "\\approx 34.7",
        "0.98^{34} \\approx 0.503",
        "0.98^{35} \\approx 0.493",
        "0.98^{90} \\approx 0.162",
    ):
        stated(text)


def test_perpetuities_and_the_smallest_acceptable_share():
    r, delta, theta, tau, g = 0.3, 0.9, 0.8, 2, 0.5
    assert r / (1 - delta) == pytest.approx(3.0)
    assert theta * delta**tau * g / (1 - delta) == pytest.approx(3.24)
    assert r / (theta * delta**tau) == pytest.approx(0.463, abs=5e-4)
    assert r / (0.5 * delta**tau) == pytest.approx(0.741, abs=5e-4)
    for text in ("= 3.0", "= 3.24", "\\approx 0.463", "\\approx 0.741"):
        stated(text)


def test_drawing_veto_holders_without_replacement():
    def p_all(n, accept, k):
        return math.prod((accept - i) / (n - i) for i in range(k))

    assert p_all(10, 6, 3) == pytest.approx(1 / 6)
    assert 0.6**3 == pytest.approx(0.216)
    assert p_all(1000, 600, 3) == pytest.approx(0.216, abs=5e-4)
    assert p_all(10, 6, 5) == pytest.approx(0.024, abs=5e-4)
    for text in ("\\approx 0.167", "A^{3} = 0.216", "P_5 \\approx 0.024"):
        stated(text)


def test_greenwood_band_on_five_truces():
    s30 = 0.8 * 2 / 3
    greenwood = 1 / (5 * 4) + 1 / (3 * 2)
    se = math.sqrt(s30**2 * greenwood)
    assert (s30, greenwood) == (pytest.approx(0.533, abs=5e-4), pytest.approx(0.217, abs=5e-4))
    assert s30**2 * greenwood == pytest.approx(0.062, abs=5e-4)
    assert se == pytest.approx(0.248, abs=5e-4)
    assert 1.96 * se == pytest.approx(0.487, abs=5e-4)
    assert s30 - 1.96 * se == pytest.approx(0.05, abs=5e-3) and s30 + 1.96 * se > 1
    for n, half in ((30, 0.18), (100, 0.10), (3000, 0.018)):
        assert 1.96 * math.sqrt(0.25 / n) == pytest.approx(half, abs=5e-3 if half > 0.05 else 5e-4)
    for text in ("\\approx 0.533", "\\approx 0.217", "\\approx 0.062", "about $0.248$", "0.533 \\pm 0.487"):
        stated(text)
