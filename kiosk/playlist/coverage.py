"""Which schedule rule really plays when: exact interval arithmetic, no sampling.

Weekly rules are sets of minutes of the week (Monday 00:00 is minute 0; a window that crosses
midnight runs into the next day, and Sunday night into Monday morning). One-off rules are sets of
minutes counted from a fixed day, over their dates. A rule plays where no rule tried before it
(`rules_by_precedence`) already covers the minute; a rule left with nothing never plays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kiosk.clock import WEEKDAYS
from kiosk.playlist.models import Schedule, ScheduleRule, rules_by_precedence

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
_EPOCH = dt.date(2000, 1, 3)  # a Monday, so one-off minutes and weekly minutes line up

Interval = tuple[int, int]
DAY_NAMES = {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"}


def normalise(intervals: list[Interval]) -> list[Interval]:
    """Sorted, disjoint, non-empty half-open intervals covering the same minutes."""
    merged: list[Interval] = []
    for start, end in sorted(interval for interval in intervals if interval[0] < interval[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    found: list[Interval] = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                found.append((start, end))
    return normalise(found)


def subtract(first: list[Interval], second: list[Interval]) -> list[Interval]:
    remaining = normalise(first)
    for cut_start, cut_end in normalise(second):
        pieces: list[Interval] = []
        for start, end in remaining:
            if cut_end <= start or end <= cut_start:
                pieces.append((start, end))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if cut_end < end:
                pieces.append((cut_end, end))
        remaining = pieces
    return remaining


def length(intervals: list[Interval]) -> int:
    return sum(end - start for start, end in intervals)


def clock_minutes(clock_time: str) -> int:
    hours, minutes = clock_time.split(":")
    return int(hours) * 60 + int(minutes)


def window_length(rule: ScheduleRule) -> int:
    return (clock_minutes(rule.end) - clock_minutes(rule.start)) % MINUTES_PER_DAY


def weekly_minutes(rule: ScheduleRule) -> list[Interval]:
    """The minutes of the week a weekly rule covers, wrapping Sunday night into Monday."""
    intervals: list[Interval] = []
    for day in rule.days:
        start = WEEKDAYS.index(day) * MINUTES_PER_DAY + clock_minutes(rule.start)
        end = start + window_length(rule)
        if end <= MINUTES_PER_WEEK:
            intervals.append((start, end))
        else:
            intervals += [(start, MINUTES_PER_WEEK), (0, end - MINUTES_PER_WEEK)]
    return normalise(intervals)


def day_minute(day: dt.date) -> int:
    return (day - _EPOCH).days * MINUTES_PER_DAY


def dated_minutes(rule: ScheduleRule) -> list[Interval]:
    """The minutes a one-off rule covers, counted from a fixed Monday."""
    first, last = rule.first_date(), rule.last_date()
    if first is None or last is None:
        return []
    intervals: list[Interval] = []
    day = first
    while day <= last:
        start = day_minute(day) + clock_minutes(rule.start)
        intervals.append((start, start + window_length(rule)))
        day += dt.timedelta(days=1)
    return normalise(intervals)


@dataclass(frozen=True)
class RuleCoverage:
    """How much of one rule plays: `lost` minutes go to the earlier rules in `covered_by`."""

    index: int
    outcome: Literal["plays", "partly", "never", "past"]
    total_minutes: int
    lost_minutes: int
    covered_by: tuple[int, ...]


def analyse(schedule: Schedule, today: dt.date | None = None) -> list[RuleCoverage]:
    """For each rule in list order: does it play fully, partly, never, or is it over (`today`)?

    One-off rules are tried before weekly ones, so a weekly rule never hides a one-off rule; a
    one-off rule takes single occurrences from a weekly one, which is the point of it and is not
    reported.
    """
    order = rules_by_precedence(schedule)
    report: dict[int, RuleCoverage] = {}
    for position, index in enumerate(order):
        rule = schedule.rules[index]
        earlier = [other for other in order[:position] if schedule.rules[other].one_off == rule.one_off]
        if rule.one_off:
            own = dated_minutes(rule)
            last = rule.last_date()
            if today is not None and last is not None and last < today:
                report[index] = RuleCoverage(index, "past", length(own), 0, ())
                continue
            taken = {other: intersect(own, dated_minutes(schedule.rules[other])) for other in earlier}
        else:
            own = weekly_minutes(rule)
            taken = {other: intersect(own, weekly_minutes(schedule.rules[other])) for other in earlier}
        covered_by = tuple(other for other, minutes in taken.items() if minutes)
        left = subtract(own, [interval for minutes in taken.values() for interval in minutes])
        lost = length(own) - length(left)
        if not left:
            outcome: Literal["plays", "partly", "never", "past"] = "never"
        elif lost:
            outcome = "partly"
        else:
            outcome = "plays"
        report[index] = RuleCoverage(index, outcome, length(own), lost, covered_by)
    return [report[index] for index in range(len(schedule.rules))]


def describe_rule(rule: ScheduleRule, with_playlist: bool = True) -> str:
    """`Sat 09:10–09:50, delegation` (weekly) or `2026-12-05 09:30–11:00` (one-off), in English."""
    if rule.date is not None:
        when = rule.date if rule.until in (None, rule.date) else f"{rule.date}–{rule.until}"
    else:
        when = ", ".join(DAY_NAMES[day] for day in WEEKDAYS if day in rule.days)
    text = f"{when} {rule.start}–{rule.end}"
    return f"{text}, {rule.playlist}" if with_playlist else text


def report_lines(schedule: Schedule, today: dt.date | None = None) -> list[tuple[bool, str]]:
    """One English sentence per rule that does not play in full; True marks a rule that never plays."""
    lines: list[tuple[bool, str]] = []
    for coverage in analyse(schedule, today):
        rule = schedule.rules[coverage.index]
        name = f"rule {coverage.index + 1} ({describe_rule(rule)})"
        others = ", ".join(
            f"rule {other + 1} ({describe_rule(schedule.rules[other], with_playlist=False)})"
            for other in coverage.covered_by
        )
        if coverage.outcome == "never":
            verb = "covers" if len(coverage.covered_by) == 1 else "cover"
            lines.append((True, f"{name} never plays: {others} {verb} it"))
        elif coverage.outcome == "partly":
            lines.append(
                (
                    False,
                    f"{name} plays only partly: {others} take {coverage.lost_minutes} of its "
                    f"{coverage.total_minutes} minutes",
                )
            )
        elif coverage.outcome == "past":
            lines.append((False, f"{name} is over"))
    return lines
