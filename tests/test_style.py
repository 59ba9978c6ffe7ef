"""The shared palette stays distinguishable for readers with colour-vision deficiencies."""
import itertools

import numpy as np
import pytest

from widgets.style import PALETTE, SEQUENCE, base_layout

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def to_lab(hex_colour: str, matrix: np.ndarray) -> np.ndarray:
    srgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(matrix @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", CVD)
def test_figure_colours_are_distinguishable(vision):
    # CIE76 distance; about 10 is clearly distinguishable side by side in a plot legend.
    worst = min(np.linalg.norm(to_lab(a, CVD[vision]) - to_lab(b, CVD[vision]))
                for a, b in itertools.combinations(SEQUENCE, 2))
    assert worst > 10, f"{vision}: two palette colours are {worst:.1f} apart"


def test_a_confusable_pair_fails_the_check():
    # the check can fail: pure red and green collapse for a deuteranope
    red, green = to_lab("#FF0000", CVD["deuteranopia"]), to_lab("#00A000", CVD["deuteranopia"])
    assert np.linalg.norm(red - green) < 20


def test_layout_is_transparent_and_uses_the_palette():
    layout = base_layout("t", "x", "y")
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert layout["colorway"] == SEQUENCE
    assert set(SEQUENCE) <= set(PALETTE.values())
