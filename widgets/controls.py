"""The controls a reader moves: one declaration per parameter, owned by the topic module of that parameter."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Control:
    """A slider: the keyword ``name`` of the figure function, the ``label`` the reader sees,
    its range, step and default value."""

    name: str
    label: str
    low: float
    high: float
    step: float
    default: float
    fmt: str = ".2f"

    def __post_init__(self):
        if not self.low <= self.default <= self.high or self.step <= 0:
            raise ValueError(f"control {self.name}: default must be in [low, high] and step > 0")

    @property
    def values(self) -> np.ndarray:
        """The grid of values the static figure precomputes (and the live slider snaps to)."""
        n = int(round((self.high - self.low) / self.step))
        return np.round(self.low + self.step * np.arange(n + 1), 10)

    @property
    def default_index(self) -> int:
        return int(np.argmin(np.abs(self.values - self.default)))
