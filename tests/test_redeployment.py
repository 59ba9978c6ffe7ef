"""The multi-front contest: contest success function, redeployment, and the opposition's loss elsewhere."""

import numpy as np
import pytest
from conftest import unit as share
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import redeployment as rd
from widgets.controls import lookup, resolve

forces = st.floats(0.05, 5, allow_nan=False)
m_values = st.floats(0.2, 5, allow_nan=False)


def test_tullock_lottery_numbers():
    assert rd.contest_success(1.0, 1.0) == pytest.approx(0.5)
    assert rd.contest_success(2.0, 1.0) == pytest.approx(2 / 3)
    assert rd.contest_success(2.0, 1.0, decisiveness=2.0) == pytest.approx(0.8)
    assert rd.contest_success(0.0, 0.0) == 0.5  # no forces on either side: even odds, not NaN


def test_zero_decisiveness_is_a_coin_toss_between_two_sides_that_fight():
    assert rd.contest_success(3.0, 0.5, decisiveness=0.0) == 0.5
    assert rd.contest_success(3.0, 0.0, decisiveness=0.0) == 1.0  # a side with no forces cannot win
    assert rd.contest_success(0.0, 3.0, decisiveness=0.0) == 0.0
    assert rd.contest_success(0.0, 0.0, decisiveness=0.0) == 0.5
    assert rd.expected_loss_elsewhere(1.0, 3, 0, decisiveness=0.0) == 0.0  # forces do not matter


def test_a_side_with_no_forces_loses_at_every_decisiveness():
    for m in (0.0, 0.5, 1.0, 3.0):
        assert rd.contest_success([2.0, 0.0], [0.0, 2.0], m).tolist() == [1.0, 0.0]


@settings(max_examples=30, deadline=None)
@given(forces, forces, st.floats(0, 3), m_values)
def test_contest_success_rises_with_own_forces(a, b, extra, m):
    p = rd.contest_success(a, b, m)
    assert 0 <= p <= 1
    assert rd.contest_success(a + extra, b, m) >= p - 1e-12
    assert rd.contest_success(a, b + extra, m) <= p + 1e-12


def test_freed_forces_go_to_the_fronts_that_are_not_frozen():
    after = rd.redeployed_forces(0.6, n_fronts=3, covered_fronts=1, regime_aleppo=1.0)
    assert after == pytest.approx([1.0, 1.3, 1.3])
    assert rd.redeployed_forces(0.6, 3, 3) == pytest.approx([1.0, 1.0, 1.0])  # nowhere to go
    assert rd.redeployed_forces(np.array([0.0, 1.0]), 2, 0).shape == (2, 2)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, rd.MAX_FRONTS), st.data(), m_values, st.floats(0, 5), forces, forces)
def test_loss_elsewhere_never_falls_as_the_freed_share_rises(n, data, m, aleppo, regime, opposition):
    covered = data.draw(st.integers(0, n))
    grid = np.linspace(0, 1, 21)
    loss = rd.expected_loss_elsewhere(grid, n, covered, m, aleppo, regime, opposition)
    assert loss.shape == grid.shape and np.all(np.isfinite(loss))
    assert loss[0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(loss >= -1e-12)
    assert np.all(np.diff(loss) >= -1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, rd.MAX_FRONTS), share, m_values, st.floats(0, 5))
def test_a_freeze_covering_every_front_leaves_no_extra_loss(n, s, m, aleppo):
    assert rd.expected_loss_elsewhere(s, n, n, m, aleppo) == 0.0


@settings(max_examples=30, deadline=None)
@given(share, st.integers(0, rd.FIGURE_FRONTS), m_values)
def test_frozen_fronts_keep_their_odds(s, covered, m):
    before, after = rd.front_odds(s, rd.FIGURE_FRONTS, covered, m)
    assert np.array_equal(after[:covered], before[:covered])
    assert np.all(after[covered:] >= before[covered:])


def test_more_forces_freed_on_fewer_open_fronts_raise_each_front_more():
    before, after1 = rd.front_odds(0.6, 3, 0)
    _, after2 = rd.front_odds(0.6, 3, 2)
    assert after2[2] - before[2] > after1[2] - before[2] > 0


def test_per_front_forces_and_values():
    loss = rd.expected_loss_elsewhere(0.5, 2, 0, 1.0, 1.0, [1.0, 3.0], [1.0, 1.0], front_values=[1.0, 0.0])
    only_first = rd.contest_success(1.25, 1.0) - 0.5
    assert loss == pytest.approx(only_first)


def test_scalar_in_float_out():
    assert isinstance(rd.expected_loss_elsewhere(0.3), float)
    assert isinstance(rd.expected_loss_elsewhere(np.float64(0.3)), float)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"freed_share": 1.5}, "freed_share"),
        ({"freed_share": -0.1}, "freed_share"),
        ({"freed_share": float("nan")}, "freed_share"),
        ({"freed_share": [0.2, 2.0]}, "freed_share"),
        ({"freed_share": 0.3, "n_fronts": 0}, "n_fronts"),
        ({"freed_share": 0.3, "n_fronts": 3, "covered_fronts": 4}, "covered_fronts"),
        ({"freed_share": 0.3, "covered_fronts": 1.5}, "covered_fronts"),
        ({"freed_share": 0.3, "decisiveness": -0.5}, "decisiveness"),
        ({"freed_share": 0.3, "decisiveness": 10.5}, "decisiveness"),
        ({"freed_share": 0.3, "regime_aleppo": -1.0}, "regime_aleppo"),
        ({"freed_share": 0.3, "regime_other": [1.0, 1.0]}, "regime_other"),
        ({"freed_share": 0.3, "opposition_other": 0.0}, "opposition_other"),
        ({"freed_share": 0.3, "front_values": -1.0}, "front_values"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        rd.expected_loss_elsewhere(**kwargs)


def test_contest_success_rejects_negative_forces():
    with pytest.raises(ValueError, match="regime"):
        rd.contest_success(-1.0, 1.0)
    with pytest.raises(ValueError, match="opposition"):
        rd.contest_success(1.0, -1.0)


def test_coverage_curves():
    curves = rd.loss_by_coverage(1.0)
    assert list(curves) == list(range(rd.FIGURE_FRONTS + 1))
    assert np.all(curves[rd.FIGURE_FRONTS] == 0.0)
    assert curves[0][-1] == pytest.approx(3 * (rd.contest_success(1 + 1 / 3, 1.0) - 0.5))


@pytest.mark.parametrize("s", [0.0, 0.35, 1.0])
@pytest.mark.parametrize("covered", [0, 2, 3])
def test_figures_keep_their_traces_and_show_the_number(s, covered):
    fig = rd.figure_redeployment(freed_share=s, covered_fronts=covered, decisiveness=2.0)
    assert len(fig.data) == 4
    assert f"{rd.expected_loss_elsewhere(s, 3, covered, 2.0):+.3f}" in fig.layout.title.text
    cov = rd.figure_loss_by_coverage(decisiveness=0.5 + s, freed_share=s)
    assert len(cov.data) == rd.FIGURE_FRONTS + 2  # a curve per coverage, and the markers at the share freed
    assert list(cov.data[-1].y) == pytest.approx([rd.expected_loss_elsewhere(s, 3, c, 0.5 + s) for c in range(4)])
    assert f"{rd.expected_loss_elsewhere(s, 3, 0, 0.5 + s):+.3f}" in cov.layout.title.text
    assert "regime" not in fig.layout.title.text + cov.layout.title.text  # the course says "government"


def test_the_controls_are_declared_here_once_and_fit_the_figures():
    assert set(rd.CONTROLS) == {"freed_share", "covered_fronts", "decisiveness"}
    assert lookup("decisiveness") is rd.CONTROLS["decisiveness"]
    assert rd.CONTROLS["covered_fronts"].values == [0.0, 1.0, 2.0, 3.0]
    for draw in (rd.figure_redeployment, rd.figure_loss_by_coverage):
        names = [n for n in rd.CONTROLS if n in draw.__code__.co_varnames[: draw.__code__.co_argcount]]
        for c in resolve(draw, names):
            assert c.low <= c.default_value <= c.high
    with pytest.raises(ValueError, match="freed_share"):
        rd.figure_loss_by_coverage(freed_share=1.5)
