"""The one clock: every timeout and animation reads time from here, so tests and renders set it; and
the names of the week's days, as schedules and opening hours write them."""

from __future__ import annotations

import datetime as dt
import time
from typing import Literal, Protocol

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_of(day: dt.date) -> Weekday:
    return WEEKDAYS[day.weekday()]


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a monotonic scale, for durations and animations."""
        ...

    def now(self) -> dt.datetime:
        """Local wall-clock time, for schedules."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> dt.datetime:
        return dt.datetime.now()


class ManualClock:
    """A clock that only moves when told to: tests, `kiosk render --at`, benchmarks."""

    def __init__(self, start: dt.datetime | None = None, monotonic_start: float = 1000.0) -> None:
        self._monotonic = monotonic_start
        self._wall = start or dt.datetime(2024, 1, 1, 10, 0, 0)

    def monotonic(self) -> float:
        return self._monotonic

    def now(self) -> dt.datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._monotonic += seconds
        self._wall += dt.timedelta(seconds=seconds)

    def set_wall(self, moment: dt.datetime) -> None:
        self._wall = moment
