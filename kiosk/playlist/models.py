"""Playlists and the schedule: what the showcase plays, and when."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal, TypeVar

import msgspec

from kiosk.content.loader import ContentError, Problem, decode_document
from kiosk.content.models import Text

StructT = TypeVar("StructT", bound=msgspec.Struct)

SCHEMA_VERSION = 1
MIN_DURATION_S = 3.0
MAX_DURATION_S = 600.0
MAX_ITEMS = 500

Transition = Literal["fade", "slide", "none"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
PlaylistId = Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
ClockTime = Annotated[str, msgspec.Meta(pattern=_TIME_PATTERN)]

# Staff read these messages on the touchscreen: say what is allowed, not which regex failed.
_PATTERN_HINTS = {
    _ID_PATTERN: "must be 1 to 64 lower-case letters, digits, '-' or '_'",
    _TIME_PATTERN: "must be a time of day written HH:MM, from 00:00 to 23:59",
}


class PlaylistItem(msgspec.Struct, forbid_unknown_fields=True):
    slide: str
    duration_s: float
    transition: Transition = "fade"
    enabled: bool = True


class Playlist(msgspec.Struct, forbid_unknown_fields=True):
    schema_version: int
    id: PlaylistId
    name: Text
    items: list[PlaylistItem]

    def total_duration_s(self) -> float:
        return sum(item.duration_s for item in self.items if item.enabled)


class ScheduleRule(msgspec.Struct, forbid_unknown_fields=True):
    """From `start` to `end` on the given days; a window that ends earlier than it starts crosses
    midnight and belongs to the day it starts on."""

    days: list[Weekday]
    start: ClockTime
    end: ClockTime
    playlist: PlaylistId


class Schedule(msgspec.Struct, forbid_unknown_fields=True):
    schema_version: int
    default_playlist: PlaylistId
    rules: list[ScheduleRule] = []


def check_playlist(playlist: Playlist, known_slides: set[str] | None, file: str) -> list[Problem]:
    """Problems a schema cannot see: absurd durations, unknown slides, an empty loop."""
    problems: list[Problem] = []
    if playlist.schema_version != SCHEMA_VERSION:
        problems.append(
            Problem(
                file,
                "$.schema_version",
                f"schema version {playlist.schema_version} is not {SCHEMA_VERSION}.",
            )
        )
    if len(playlist.items) > MAX_ITEMS:
        problems.append(Problem(file, "$.items", f"has {len(playlist.items)} items; at most {MAX_ITEMS}."))
    for index, item in enumerate(playlist.items):
        path = f"$.items[{index}]"
        if not math.isfinite(item.duration_s) or not MIN_DURATION_S <= item.duration_s <= MAX_DURATION_S:
            problems.append(
                Problem(
                    file,
                    f"{path}.duration_s",
                    f"duration {item.duration_s} s is outside {MIN_DURATION_S:g} to {MAX_DURATION_S:g} s.",
                )
            )
        if known_slides is not None and item.slide not in known_slides:
            problems.append(Problem(file, f"{path}.slide", f"slide {item.slide!r} is not in the catalogue."))
    if not any(item.enabled for item in playlist.items):
        problems.append(Problem(file, "$.items", "no item is enabled, so the loop would be empty."))
    for language in ("zh", "en"):
        if not getattr(playlist.name, language).strip():
            problems.append(Problem(file, f"$.name.{language}", "the name is missing."))
    return problems


def _decode(data: bytes, model: type[StructT], file: str) -> StructT:
    try:
        return decode_document(data, model, file)
    except ContentError as error:
        raise ContentError([_with_hint(problem) for problem in error.problems]) from None


def _with_hint(problem: Problem) -> Problem:
    for pattern, hint in _PATTERN_HINTS.items():
        if pattern in problem.message:
            return Problem(problem.file, problem.path, hint + ".")
    return problem


def decode_playlist(data: bytes, file: str, known_slides: set[str] | None = None) -> Playlist:
    playlist = _decode(data, Playlist, file)
    problems = check_playlist(playlist, known_slides, file)
    if problems:
        raise ContentError(problems)
    return playlist


def check_schedule(schedule: Schedule, known_playlists: set[str] | None, file: str) -> list[Problem]:
    problems: list[Problem] = []
    if schedule.schema_version != SCHEMA_VERSION:
        problems.append(
            Problem(
                file,
                "$.schema_version",
                f"schema version {schedule.schema_version} is not {SCHEMA_VERSION}.",
            )
        )
    names = [("$.default_playlist", schedule.default_playlist)] + [
        (f"$.rules[{index}].playlist", rule.playlist) for index, rule in enumerate(schedule.rules)
    ]
    for path, playlist_id in names:
        if known_playlists is not None and playlist_id not in known_playlists:
            problems.append(Problem(file, path, f"playlist {playlist_id!r} does not exist."))
    for index, rule in enumerate(schedule.rules):
        if not rule.days:
            problems.append(Problem(file, f"$.rules[{index}].days", "a rule needs at least one day."))
        if rule.start == rule.end:
            problems.append(
                Problem(file, f"$.rules[{index}]", "the window starts and ends at the same time.")
            )
    return problems


def decode_schedule(data: bytes, file: str, known_playlists: set[str] | None = None) -> Schedule:
    schedule = _decode(data, Schedule, file)
    problems = check_schedule(schedule, known_playlists, file)
    if problems:
        raise ContentError(problems)
    return schedule


def _minutes(clock_time: str) -> int:
    hours, minutes = clock_time.split(":")
    return int(hours) * 60 + int(minutes)


def rule_covers(rule: ScheduleRule, moment: dt.datetime) -> bool:
    """Whether `moment` falls in the rule's window; overnight windows count from their start day."""
    start, end = _minutes(rule.start), _minutes(rule.end)
    minute = moment.hour * 60 + moment.minute
    today = WEEKDAYS[moment.weekday()]
    yesterday = WEEKDAYS[(moment.weekday() - 1) % 7]
    if start < end:
        return today in rule.days and start <= minute < end
    return (today in rule.days and minute >= start) or (yesterday in rule.days and minute < end)


def playlist_for(schedule: Schedule, moment: dt.datetime) -> str:
    """The playlist the schedule names at `moment`: the first matching rule, else the default."""
    for rule in schedule.rules:
        if rule_covers(rule, moment):
            return rule.playlist
    return schedule.default_playlist


def playlist_json_schema() -> dict[str, object]:
    return msgspec.json.schema(Playlist)
