"""The idle countdown's arithmetic: when the last touch was, and whether a visit is fading or over.

A visit is quiet for `timeout_s` before a countdown of `countdown_s` starts; when that runs out the
visit has expired. Staff mode uses the same timer with no countdown."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.clock import Clock


@dataclass(frozen=True)
class IdleState:
    """What the quiet means now: counting down (and the whole seconds left), or expired."""

    counting_down: bool
    seconds_left: int
    expired: bool


class IdleTimer:
    """When the visitor last touched, and what that means now, read from the one clock."""

    def __init__(self, clock: Clock, timeout_s: float, countdown_s: float) -> None:
        self.clock = clock
        self.timeout_s = timeout_s
        self.countdown_s = countdown_s
        self.last_activity = clock.monotonic()

    def touch(self) -> None:
        self.last_activity = self.clock.monotonic()

    def state(self) -> IdleState:
        quiet = self.clock.monotonic() - self.last_activity
        if quiet < self.timeout_s:
            return IdleState(False, math.ceil(self.countdown_s), False)
        left = self.timeout_s + self.countdown_s - quiet
        return IdleState(True, max(0, math.ceil(left)), left <= 0)
