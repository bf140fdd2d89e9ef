"""Playlists and the schedule: what the showcase plays, and when."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, TypeVar

import msgspec

from kiosk.clock import Weekday, weekday_of
from kiosk.content.models import Text
from kiosk.documents.decoding import ContentError, Problem, decode_document, struct_problems
from kiosk.migrations import FileKind, upgrade

StructT = TypeVar("StructT", bound=msgspec.Struct)

SCHEMA_VERSION = 1
# Version 2 added one-off (dated) rules and "play now"; a version 1 file only lacks those fields.
SCHEDULE_SCHEMA_VERSION = 2
PLAYLIST_KIND = FileKind("playlist", current=SCHEMA_VERSION, steps={})
SCHEDULE_KIND = FileKind("schedule", current=SCHEDULE_SCHEMA_VERSION, steps={1: lambda document: document})
MIN_DURATION_S = 3.0
MAX_DURATION_S = 600.0
MAX_ITEMS = 500

Transition = Literal["fade", "slide", "none"]

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MOMENT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$"
PlaylistId = Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
DurationS = Annotated[float, msgspec.Meta(ge=MIN_DURATION_S, le=MAX_DURATION_S)]
ClockTime = Annotated[str, msgspec.Meta(pattern=_TIME_PATTERN)]
CalendarDate = Annotated[str, msgspec.Meta(pattern=_DATE_PATTERN)]
LocalMoment = Annotated[str, msgspec.Meta(pattern=_MOMENT_PATTERN)]

# Staff read these messages on the touchscreen: say what is allowed, not which regex failed.
_PATTERN_HINTS = {
    _ID_PATTERN: "must be 1 to 64 lower-case letters, digits, '-' or '_'",
    _TIME_PATTERN: "must be a time of day written HH:MM, from 00:00 to 23:59",
    _DATE_PATTERN: "must be a date written YYYY-MM-DD",
    _MOMENT_PATTERN: "must be a date and time written YYYY-MM-DDTHH:MM",
}


class PlaylistItem(msgspec.Struct, forbid_unknown_fields=True):
    slide: str
    duration_s: DurationS
    transition: Transition = "fade"
    enabled: bool = True


class Playlist(msgspec.Struct, forbid_unknown_fields=True):
    schema_version: int
    id: PlaylistId
    name: Text
    items: Annotated[list[PlaylistItem], msgspec.Meta(max_length=MAX_ITEMS)]

    def total_duration_s(self) -> float:
        return sum(item.duration_s for item in self.items if item.enabled)


class ScheduleRule(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """From `start` to `end` on the given days; a window that ends earlier than it starts crosses
    midnight and belongs to the day it starts on.

    A one-off rule names a `date` (and optionally a last date, `until`) instead of weekdays; it
    plays on every date of that range and takes precedence over the weekly rules.
    """

    start: ClockTime
    end: ClockTime
    playlist: PlaylistId
    days: list[Weekday] = []
    date: CalendarDate | None = None
    until: CalendarDate | None = None

    @property
    def one_off(self) -> bool:
        return self.date is not None

    def first_date(self) -> dt.date | None:
        return _parse_date(self.date) if self.date is not None else None

    def last_date(self) -> dt.date | None:
        if self.date is None:
            return None
        return _parse_date(self.until if self.until is not None else self.date)


class PlayNow(msgspec.Struct, forbid_unknown_fields=True):
    """Staff's "play this now": overrides the schedule until `until` (local time), then ends."""

    playlist: PlaylistId
    until: LocalMoment


class Schedule(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    schema_version: int
    default_playlist: PlaylistId
    rules: list[ScheduleRule] = []
    play_now: PlayNow | None = None


def check_playlist(playlist: Playlist, known_slides: set[str] | None, file: str) -> list[Problem]:
    """The model's declared limits (for a playlist built in an editor), and what a schema cannot
    see: the version, unknown slides, an empty loop."""
    problems = struct_problems(playlist, file)
    if playlist.schema_version != SCHEMA_VERSION:
        problems.append(
            Problem(
                file,
                "$.schema_version",
                f"schema version {playlist.schema_version} is not {SCHEMA_VERSION}.",
            )
        )
    for index, item in enumerate(playlist.items):
        if known_slides is not None and item.slide not in known_slides:
            problems.append(
                Problem(
                    file,
                    f"$.items[{index}].slide",
                    f"slide {item.slide!r} is not in the catalogue.",
                    "slide_missing",
                )
            )
    if not any(item.enabled for item in playlist.items):
        problems.append(
            Problem(file, "$.items", "no item is enabled, so the loop would be empty.", "nothing_enabled")
        )
    for language in ("zh", "en"):
        if not getattr(playlist.name, language).strip():
            problems.append(Problem(file, f"$.name.{language}", "the name is missing.", "name_missing"))
    return problems


def _decode(data: bytes, model: type[StructT], file: str, kind: FileKind) -> StructT:
    try:
        return decode_document(data, model, file, kind)
    except ContentError as error:
        raise ContentError([_with_hint(problem) for problem in error.problems]) from None


def _with_hint(problem: Problem) -> Problem:
    for pattern, hint in _PATTERN_HINTS.items():
        if pattern in problem.message:
            return Problem(problem.file, problem.path, hint + ".")
    return problem


def decode_playlist(data: bytes, file: str, known_slides: set[str] | None = None) -> Playlist:
    playlist = _decode(data, Playlist, file, PLAYLIST_KIND)
    problems = check_playlist(playlist, known_slides, file)
    if problems:
        raise ContentError(problems)
    return playlist


def check_schedule(schedule: Schedule, known_playlists: set[str] | None, file: str) -> list[Problem]:
    problems = struct_problems(schedule, file)
    if schedule.schema_version != SCHEDULE_SCHEMA_VERSION:
        problems.append(
            Problem(
                file,
                "$.schema_version",
                f"schema version {schedule.schema_version} is not {SCHEDULE_SCHEMA_VERSION}.",
            )
        )
    names = [("$.default_playlist", schedule.default_playlist)] + [
        (f"$.rules[{index}].playlist", rule.playlist) for index, rule in enumerate(schedule.rules)
    ]
    if schedule.play_now is not None:
        names.append(("$.play_now.playlist", schedule.play_now.playlist))
        if _parse_moment(schedule.play_now.until) is None:
            problems.append(Problem(file, "$.play_now.until", "is not a real date and time."))
    for path, playlist_id in names:
        if known_playlists is not None and playlist_id not in known_playlists:
            problems.append(
                Problem(file, path, f"playlist {playlist_id!r} does not exist.", "playlist_missing")
            )
    for index, rule in enumerate(schedule.rules):
        problems.extend(_check_rule_dates(rule, f"$.rules[{index}]", file))
        if rule.start == rule.end:
            problems.append(
                Problem(
                    file,
                    f"$.rules[{index}]",
                    "the window starts and ends at the same time.",
                    "starts_when_it_ends",
                )
            )
    return problems


def playable_schedule(
    schedule: Schedule, known_playlists: set[str], fallback: str, now: dt.datetime | None, file: str
) -> tuple[Schedule, list[Problem]]:
    """What of a loaded schedule can play, and why the rest cannot.

    A rule naming a playlist that does not exist is refused alone; the other rules play. A default
    naming one gives way to `fallback`, and a "play now" naming one is refused. A "play now" over
    by `now` is dropped without a word: it has done its work, whatever it names. Without `now`,
    nothing is judged over.
    """
    problems: list[Problem] = []
    rules: list[ScheduleRule] = []
    for index, rule in enumerate(schedule.rules):
        if rule.playlist in known_playlists:
            rules.append(rule)
        else:
            problems.append(
                Problem(
                    file,
                    f"$.rules[{index}].playlist",
                    f"playlist {rule.playlist!r} does not exist; this rule is refused, the others play.",
                )
            )
    default = schedule.default_playlist
    if default not in known_playlists:
        problems.append(
            Problem(
                file,
                "$.default_playlist",
                f"playlist {default!r} does not exist; {fallback!r} plays at other times instead.",
            )
        )
        default = fallback
    play_now = schedule.play_now
    if play_now is not None and now is not None and not play_now_active(schedule, now):
        play_now = None
    elif play_now is not None and play_now.playlist not in known_playlists:
        problems.append(
            Problem(
                file,
                "$.play_now.playlist",
                f"playlist {play_now.playlist!r} does not exist; the schedule plays instead.",
            )
        )
        play_now = None
    playable = msgspec.structs.replace(schedule, default_playlist=default, rules=rules, play_now=play_now)
    return playable, problems


def _check_rule_dates(rule: ScheduleRule, path: str, file: str) -> list[Problem]:
    if rule.date is None:
        if rule.until is not None:
            return [Problem(file, f"{path}.until", "a last date needs a first date.")]
        if not rule.days:
            return [Problem(file, f"{path}.days", "a rule needs at least one day.", "no_day")]
        return []
    if rule.days:
        return [Problem(file, f"{path}.days", "a rule has either days of the week or a date, not both.")]
    first = _parse_date(rule.date)
    last = _parse_date(rule.until) if rule.until is not None else first
    if first is None:
        return [Problem(file, f"{path}.date", "is not a real date.")]
    if last is None:
        return [Problem(file, f"{path}.until", "is not a real date.")]
    if last < first:
        return [
            Problem(file, f"{path}.until", "the last date is before the first.", "last_date_before_first")
        ]
    return []


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_moment(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def format_moment(moment: dt.datetime) -> str:
    """A local date and time as the schedule file writes it (minutes, no seconds, no zone)."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def migrate_schedule(schedule: Schedule) -> Schedule:
    """A schedule built from an older version's fields (in code, not a file), in the current version."""
    if schedule.schema_version == SCHEDULE_SCHEMA_VERSION:
        return schedule
    return msgspec.convert(upgrade(SCHEDULE_KIND, msgspec.to_builtins(schedule)), type=Schedule)


def decode_schedule(data: bytes, file: str, known_playlists: set[str] | None = None) -> Schedule:
    """The schedule in the current version, an older file upgraded (in memory) on the way."""
    schedule = _decode(data, Schedule, file, SCHEDULE_KIND)
    problems = check_schedule(schedule, known_playlists, file)
    if problems:
        raise ContentError(problems)
    return schedule


def _minutes(clock_time: str) -> int:
    hours, minutes = clock_time.split(":")
    return int(hours) * 60 + int(minutes)


def _on_start_day(rule: ScheduleRule, day: dt.date) -> bool:
    """Whether a window of `rule` opens on `day`."""
    if rule.date is None:
        return weekday_of(day) in rule.days
    first, last = rule.first_date(), rule.last_date()
    return first is not None and last is not None and first <= day <= last


def rule_covers(rule: ScheduleRule, moment: dt.datetime) -> bool:
    """Whether `moment` falls in the rule's window; overnight windows count from their start day."""
    start, end = _minutes(rule.start), _minutes(rule.end)
    minute = moment.hour * 60 + moment.minute
    today = moment.date()
    yesterday = today - dt.timedelta(days=1)
    if start < end:
        return _on_start_day(rule, today) and start <= minute < end
    return (_on_start_day(rule, today) and minute >= start) or (
        _on_start_day(rule, yesterday) and minute < end
    )


def rules_by_precedence(schedule: Schedule) -> list[int]:
    """Rule indices in the order they are tried: one-off rules first, then weekly, each in list order."""
    dated = [index for index, rule in enumerate(schedule.rules) if rule.one_off]
    weekly = [index for index, rule in enumerate(schedule.rules) if not rule.one_off]
    return dated + weekly


def play_now_active(schedule: Schedule, moment: dt.datetime) -> bool:
    if schedule.play_now is None:
        return False
    until = _parse_moment(schedule.play_now.until)
    return until is not None and moment < until


def playlist_for(schedule: Schedule, moment: dt.datetime) -> str:
    """The playlist the schedule names at `moment`: "play now" until it ends, else the first
    matching rule (one-off rules before weekly ones), else the default."""
    if play_now_active(schedule, moment) and schedule.play_now is not None:
        return schedule.play_now.playlist
    for index in rules_by_precedence(schedule):
        if rule_covers(schedule.rules[index], moment):
            return schedule.rules[index].playlist
    return schedule.default_playlist


def playlist_json_schema() -> dict[str, object]:
    return msgspec.json.schema(Playlist)
