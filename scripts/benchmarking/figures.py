"""Small shared arithmetic of the benchmark: medians, nearest-rank percentiles, ratios, seconds as text."""

from __future__ import annotations

import math
import statistics


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (the value at rank ceil(fraction * n))."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ratio(value: float | None, base: float | None) -> float | None:
    """value / base, or None when either is missing (a ratio to nothing is not a figure)."""
    if value is None or not base:
        return None
    return value / base


def within(value: float | None, target: float) -> bool | None:
    """Whether a ratio meets its target (at most `target`); None when there is no ratio."""
    return None if value is None else value <= target


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "**missed**")
