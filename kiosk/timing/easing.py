"""Easing curves and animation progress: the arithmetic of every animation, given the time."""

from __future__ import annotations

import math


def ease_out_cubic(progress: float) -> float:
    """Fast start, gentle landing, never past 1: a count-up must not overshoot its value."""
    clamped = min(max(progress, 0.0), 1.0)
    return 1.0 - (1.0 - clamped) ** 3


def progress_between(start: float, duration: float, now: float) -> float:
    """How far from 0 to 1 an animation that began at `start` and lasts `duration` is at `now`.

    A zero or negative duration is already over (reduced motion, a cut)."""
    if duration <= 0:
        return 1.0
    return min(max((now - start) / duration, 0.0), 1.0)


def breath(now: float, period: float) -> float:
    """A slow swell from 0 up to 1 and back each `period` seconds, smooth at both ends (a cosine)."""
    if period <= 0:
        raise ValueError(f"a breath needs a positive period, got {period} s")
    return 0.5 - 0.5 * math.cos(2 * math.pi * (now % period) / period)
