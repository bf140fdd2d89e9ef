"""Opening hours: when the hall is open, and a pure evaluator of "open at t?" and "next change after t".

Outside the hours the kiosk blanks its screen and switches the display off (kiosk/ui/runtime/opening.py);
the rules here know nothing of Qt or of the display, only of the calendar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Annotated

import msgspec

from kiosk.clock import WEEKDAYS, Weekday, weekday_of
from kiosk.documents.decoding import Problem, struct_problems

SETTINGS_FILE = "settings.json"
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_COMMAND_ARGS = 32
MAX_COMMAND_CHARS = 512
LOOKAHEAD_DAYS = 400


class OpeningPeriod(msgspec.Struct, forbid_unknown_fields=True):
    """One stretch of a day: `open` and `close` written HH:MM, `close` later (24:00 for midnight)."""

    open: str
    close: str


def _standard_week() -> dict[Weekday, list[OpeningPeriod]]:
    # Many Chinese museums and exhibition halls close on Mondays.
    return {day: [OpeningPeriod("09:00", "17:00")] for day in WEEKDAYS if day != "mon"}


class OpeningHours(msgspec.Struct, forbid_unknown_fields=True):
    """`enabled` false (the default) keeps the kiosk on around the clock, as before opening hours."""

    enabled: bool = False
    week: dict[Weekday, list[OpeningPeriod]] = msgspec.field(default_factory=_standard_week)
    closed_dates: list[str] = []
    wake_minutes: Annotated[int, msgspec.Meta(ge=1, le=120)] = 5
    display_off_command: Annotated[list[str], msgspec.Meta(max_length=MAX_COMMAND_ARGS)] = []
    display_on_command: Annotated[list[str], msgspec.Meta(max_length=MAX_COMMAND_ARGS)] = []


def minutes_of(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def check_opening_hours(hours: OpeningHours, file: str = SETTINGS_FILE) -> list[Problem]:
    """Problems staff can fix, as sentences with the JSON path."""
    base = "$.opening_hours"
    # The declared limits, for hours built by the staff editor; a file's are checked as it is read.
    problems = [
        dataclasses.replace(problem, path=base + problem.path.removeprefix("$"))
        for problem in struct_problems(hours, file)
    ]
    for day, periods in hours.week.items():
        previous_close = -1
        for index, period in enumerate(periods):
            path = f"{base}.week.{day}[{index}]"
            bad = [name for name in ("open", "close") if not _TIME.match(getattr(period, name))]
            for name in bad:
                problems.append(
                    Problem(
                        file, f"{path}.{name}", "must be a time of day written HH:MM, from 00:00 to 24:00."
                    )
                )
            if bad:
                continue
            if minutes_of(period.close) <= minutes_of(period.open):
                problems.append(
                    Problem(file, path, f"closes at {period.close}, not after it opens at {period.open}.")
                )
            elif minutes_of(period.open) < previous_close:
                problems.append(Problem(file, path, "overlaps the period before it; list periods in order."))
            previous_close = max(previous_close, minutes_of(period.close))
    for index, text in enumerate(hours.closed_dates):
        try:
            if not _DATE.match(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            problems.append(
                Problem(
                    file, f"{base}.closed_dates[{index}]", f"must be a date written YYYY-MM-DD, got {text!r}."
                )
            )
    for name in ("display_off_command", "display_on_command"):
        command: list[str] = getattr(hours, name)
        path = f"{base}.{name}"
        if sum(len(arg) for arg in command) > MAX_COMMAND_CHARS:
            problems.append(Problem(file, path, f"is too long (at most {MAX_COMMAND_ARGS} words)."))
        elif command and not command[0].strip():
            problems.append(Problem(file, path, "must start with the program to run, e.g. wlr-randr."))
        elif any("\0" in arg or "\n" in arg for arg in command):
            problems.append(Problem(file, path, "must not contain line breaks or NUL characters."))
    return problems


def _closed_dates(hours: OpeningHours) -> set[dt.date]:
    dates = set()
    for text in hours.closed_dates:
        try:
            dates.add(dt.date.fromisoformat(text))
        except ValueError:
            continue
    return dates


def _periods_on(
    hours: OpeningHours, day: dt.date, closed: set[dt.date]
) -> list[tuple[dt.datetime, dt.datetime]]:
    if day in closed:
        return []
    midnight = dt.datetime.combine(day, dt.time())
    return [
        (
            midnight + dt.timedelta(minutes=minutes_of(p.open)),
            midnight + dt.timedelta(minutes=minutes_of(p.close)),
        )
        for p in hours.week.get(weekday_of(day), [])
        if _TIME.match(p.open) and _TIME.match(p.close) and minutes_of(p.close) > minutes_of(p.open)
    ]


def is_open(hours: OpeningHours, moment: dt.datetime) -> bool:
    """Open at `moment`: hours off, or inside a period of that day (open inclusive, close exclusive)."""
    if not hours.enabled:
        return True
    closed = _closed_dates(hours)
    return any(start <= moment < end for start, end in _periods_on(hours, moment.date(), closed))


def next_change(hours: OpeningHours, moment: dt.datetime) -> dt.datetime | None:
    """The first moment after `moment` at which `is_open` flips; None when it never does."""
    if not hours.enabled:
        return None
    closed = _closed_dates(hours)
    now_open = is_open(hours, moment)
    for offset in range(LOOKAHEAD_DAYS):
        day = moment.date() + dt.timedelta(days=offset)
        for start, end in _periods_on(hours, day, closed):
            edges = (end,) if now_open else (start,)
            for edge in edges:
                # Back-to-back periods (12:00 close, 12:00 open) are no change.
                if edge > moment and is_open(hours, edge) != now_open:
                    return edge
    return None
