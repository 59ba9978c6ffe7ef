"""Input checks shared by every model: bad input is a clear ValueError, never a NaN."""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np


def check_range(name: str, value, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` as a float if it is a finite number in [low, high].

    Raises ``ValueError`` naming the parameter and its allowed range otherwise.
    """
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number in [{low:g}, {high:g}], got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in [{low:g}, {high:g}], got {value!r}")
    return float(value)


def check_int(name: str, value, low: int = 1, high: int = 10**7) -> int:
    """Return ``value`` as an int if it is an integer in [low, high], else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in [{low}, {high}], got {value!r}")
    return int(value)


def check_array(name: str, value, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """A number or an array of numbers, all finite and in [low, high], as an ndarray.

    Raises ``ValueError`` naming the parameter and its allowed range otherwise.
    """
    if np.ndim(value) == 0:
        scalar = value.item() if isinstance(value, np.ndarray) else value
        return np.asarray(check_range(name, scalar, low, high))
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers in [{low:g}, {high:g}], got {value!r}") from None
    if not np.all(np.isfinite(arr)) or np.any(arr < low) or np.any(arr > high):
        raise ValueError(f"{name} must be in [{low:g}, {high:g}], got values outside it")
    return arr
