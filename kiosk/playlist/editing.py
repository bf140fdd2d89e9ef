"""The playlist and the schedule as staff edit them before saving: `Draft`s (undo/redo, dirty
state: kiosk/documents/draft.py) whose every change is a method here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import msgspec

from kiosk.clock import WEEKDAYS, Weekday
from kiosk.content.models import Text, with_text
from kiosk.documents.decoding import Problem
from kiosk.documents.draft import Draft
from kiosk.i18n.languages import TranslatedLanguage
from kiosk.playlist.coverage import RuleCoverage, analyse, clock_minutes
from kiosk.playlist.models import (
    MAX_DURATION_S,
    MIN_DURATION_S,
    SCHEDULE_SCHEMA_VERSION,
    SCHEMA_VERSION,
    Playlist,
    PlaylistItem,
    PlayNow,
    Schedule,
    ScheduleRule,
    Transition,
    check_playlist,
    check_schedule,
    format_moment,
    migrate_schedule,
    play_now_active,
)

TRANSITIONS: tuple[Transition, ...] = ("fade", "slide", "none")
DEFAULT_DURATION_S = 10.0
TIME_STEP_MIN = 5
PLAY_NOW_CHOICES_MIN = (10, 30, 60)
# A new one-off event: an hour, on the whole hour, between these hours, within the next 8 weeks.
EVENT_LENGTH_MIN = 60
EVENT_HOURS = (9, 18)
EVENT_DAYS = 56


def unique_id(base: str, existing: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken yet."""
    taken = set(existing)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def play_now_end(now: dt.datetime, minutes: int) -> dt.datetime:
    """When a "play now" of `minutes` started at `now` ends: on the whole minute."""
    return now.replace(second=0, microsecond=0) + dt.timedelta(minutes=minutes)


def _span(rule: ScheduleRule) -> tuple[int, int]:
    """A rule's minutes of its day; one that crosses midnight runs to the end of it."""
    start, end = clock_minutes(rule.start), clock_minutes(rule.end)
    return start, end if end > start else 24 * 60


def duration_step(current: float, direction: int) -> float:
    """One second at a time up to a minute, five beyond: 3 s to 600 s in few taps, within limits."""
    size = 1.0 if current + direction <= 60 else 5.0
    return min(MAX_DURATION_S, max(MIN_DURATION_S, current + direction * size))


class PlaylistDraft(Draft[Playlist]):
    """A playlist being edited; item positions are list indices."""

    @classmethod
    def new(cls, existing_ids: Iterable[str], number_hint: int | None = None) -> PlaylistDraft:
        playlist_id = unique_id("staff", existing_ids)
        number = number_hint or (int(playlist_id.rsplit("-", 1)[1]) if "-" in playlist_id else 1)
        draft = cls(
            Playlist(
                SCHEMA_VERSION, playlist_id, Text(zh=f"新列表 {number}", en=f"New playlist {number}"), []
            )
        )
        # A new playlist is unsaved until saved, even before its first edit.
        draft.baseline = Playlist(SCHEMA_VERSION, playlist_id, Text(zh="", en=""), [])
        return draft

    def duplicate(self, existing_ids: Iterable[str]) -> PlaylistDraft:
        source = self.value
        draft = PlaylistDraft(
            msgspec.structs.replace(
                source,
                id=unique_id(f"{source.id}-copy", existing_ids),
                name=Text(zh=f"{source.name.zh}（副本）", en=f"{source.name.en} (copy)"),
                items=list(source.items),
            )
        )
        draft.baseline = msgspec.structs.replace(source, id=draft.value.id, items=[])
        return draft

    @property
    def items(self) -> list[PlaylistItem]:
        return list(self.value.items)

    def _items(self, items: list[PlaylistItem]) -> None:
        self._change(msgspec.structs.replace(self.value, items=items))

    def _item(self, index: int, **changes: object) -> None:
        items = self.items
        items[index] = msgspec.structs.replace(items[index], **changes)
        self._items(items)

    def add(self, slide: str, duration_s: float = DEFAULT_DURATION_S) -> int:
        self._items([*self.items, PlaylistItem(slide=slide, duration_s=duration_s)])
        return len(self.value.items) - 1

    def move(self, index: int, step: int) -> int:
        """Move an item up (-1) or down (+1); returns where it is now."""
        target = index + step
        if not (0 <= index < len(self.value.items) and 0 <= target < len(self.value.items)):
            return index
        items = self.items
        items.insert(target, items.pop(index))
        self._items(items)
        return target

    def set_duration(self, index: int, seconds: float) -> None:
        self._item(index, duration_s=min(MAX_DURATION_S, max(MIN_DURATION_S, seconds)))

    def step_duration(self, index: int, direction: int) -> None:
        self.set_duration(index, duration_step(self.value.items[index].duration_s, direction))

    def set_transition(self, index: int, transition: Transition) -> None:
        self._item(index, transition=transition)

    def cycle_transition(self, index: int) -> None:
        current = self.value.items[index].transition
        self.set_transition(index, TRANSITIONS[(TRANSITIONS.index(current) + 1) % len(TRANSITIONS)])

    def toggle(self, index: int) -> None:
        self._item(index, enabled=not self.value.items[index].enabled)

    def remove(self, index: int) -> None:
        self._items([item for position, item in enumerate(self.items) if position != index])

    def rename(self, language: TranslatedLanguage, text: str) -> None:
        self._change(msgspec.structs.replace(self.value, name=with_text(self.value.name, language, text)))

    def problems(self, known_slides: set[str] | None) -> list[Problem]:
        return check_playlist(self.value, known_slides, f"{self.value.id}.json")


class ScheduleDraft(Draft[Schedule]):
    """The schedule being edited: default playlist, weekly and one-off rules, and "play now"."""

    def __init__(self, value: Schedule) -> None:
        super().__init__(migrate_schedule(value))

    @property
    def rules(self) -> list[ScheduleRule]:
        return list(self.value.rules)

    def _rules(self, rules: list[ScheduleRule]) -> None:
        self._change(msgspec.structs.replace(self.value, rules=rules))

    def _rule(self, index: int, **changes: object) -> None:
        rules = self.rules
        rules[index] = msgspec.structs.replace(rules[index], **changes)
        self._rules(rules)

    def set_default(self, playlist_id: str) -> None:
        self._change(msgspec.structs.replace(self.value, default_playlist=playlist_id))

    def add_weekly(
        self,
        playlist: str,
        days: Iterable[Weekday] = ("sat", "sun"),
        start: str = "09:00",
        end: str = "18:00",
    ) -> int:
        ordered = [day for day in WEEKDAYS if day in set(days)]
        self._rules([*self.rules, ScheduleRule(start=start, end=end, playlist=playlist, days=ordered)])
        return len(self.value.rules) - 1

    def add_one_off(
        self, playlist: str, date: dt.date, start: str, end: str, until: dt.date | None = None
    ) -> int:
        rule = ScheduleRule(
            start=start,
            end=end,
            playlist=playlist,
            date=date.isoformat(),
            until=until.isoformat() if until is not None and until != date else None,
        )
        self._rules([*self.rules, rule])
        return len(self.value.rules) - 1

    def toggle_day(self, index: int, day: Weekday) -> None:
        days = set(self.value.rules[index].days) ^ {day}
        self._rule(index, days=[weekday for weekday in WEEKDAYS if weekday in days])

    def set_time(self, index: int, which: Literal["start", "end"], clock_time: str) -> None:
        self._rule(index, **{which: clock_time})

    def shift_time(self, index: int, which: Literal["start", "end"], minutes: int) -> None:
        """Move a start or end time by `minutes`, wrapping around midnight."""
        hours, mins = (int(part) for part in getattr(self.value.rules[index], which).split(":"))
        total = (hours * 60 + mins + minutes) % (24 * 60)
        self.set_time(index, which, f"{total // 60:02d}:{total % 60:02d}")

    def shift_date(self, index: int, which: Literal["date", "until"], days: int) -> None:
        """Move a one-off rule's first or last date; the range never turns inside out."""
        rule = self.value.rules[index]
        first, last = rule.first_date(), rule.last_date()
        if first is None or last is None:
            return
        if which == "date":
            first += dt.timedelta(days=days)
            last = max(first, last + dt.timedelta(days=days))
        else:
            last = max(first, last + dt.timedelta(days=days))
        self._rule(index, date=first.isoformat(), until=last.isoformat() if last != first else None)

    def next_free_slot(self, now: dt.datetime, minutes: int = EVENT_LENGTH_MIN) -> tuple[dt.date, str, str]:
        """Where a new one-off event goes: the first whole hour from now, within the day's event hours,
        that no other one-off event of that date touches; the next days after, for `EVENT_DAYS` days."""
        first_hour = now.hour + 1 if (now.minute, now.second, now.microsecond) != (0, 0, 0) else now.hour
        for offset in range(EVENT_DAYS):
            day = now.date() + dt.timedelta(days=offset)
            taken = [
                _span(rule)
                for rule in self.value.rules
                if rule.one_off and (rule.first_date() or day) <= day <= (rule.last_date() or day)
            ]
            for hour in range(max(EVENT_HOURS[0], first_hour if offset == 0 else 0), EVENT_HOURS[1]):
                start, end = hour * 60, hour * 60 + minutes
                if end <= EVENT_HOURS[1] * 60 and all(end <= own or start >= last for own, last in taken):
                    return day, f"{hour:02d}:00", f"{end // 60:02d}:{end % 60:02d}"
        return now.date() + dt.timedelta(days=1), f"{EVENT_HOURS[0]:02d}:00", f"{EVENT_HOURS[0] + 1:02d}:00"

    def set_playlist(self, index: int, playlist_id: str) -> None:
        self._rule(index, playlist=playlist_id)

    def move(self, index: int, step: int) -> int:
        target = index + step
        if not (0 <= index < len(self.value.rules) and 0 <= target < len(self.value.rules)):
            return index
        rules = self.rules
        rules.insert(target, rules.pop(index))
        self._rules(rules)
        return target

    def remove(self, index: int) -> None:
        self._rules([rule for position, rule in enumerate(self.rules) if position != index])

    def clear_past(self, today: dt.date) -> int:
        """Remove one-off rules whose last date is before `today`; returns how many went."""
        kept = [rule for rule in self.rules if not (rule.one_off and (rule.last_date() or today) < today)]
        removed = len(self.value.rules) - len(kept)
        if removed:
            self._rules(kept)
        return removed

    def play_now(self, playlist_id: str, until: dt.datetime) -> None:
        """Play `playlist_id` from now until `until`, whatever the rules say; it ends by itself."""
        self._change(
            msgspec.structs.replace(
                self.value, play_now=PlayNow(playlist=playlist_id, until=format_moment(until))
            )
        )

    def play_for(self, playlist_id: str, now: dt.datetime, minutes: int) -> None:
        self.play_now(playlist_id, play_now_end(now, minutes))

    def stop_play_now(self) -> None:
        self._change(msgspec.structs.replace(self.value, play_now=None))

    def play_now_applied(self, play_now: PlayNow | None) -> None:
        """ "Play now" was written at once, beside the draft: every state of the draft (saved, edited,
        undone) carries it, so it is never an unsaved edit and undo never takes it back."""
        self.baseline = msgspec.structs.replace(self.baseline, play_now=play_now)
        self.value = msgspec.structs.replace(self.value, play_now=play_now)
        self._undo = [msgspec.structs.replace(state, play_now=play_now) for state in self._undo]
        self._redo = [msgspec.structs.replace(state, play_now=play_now) for state in self._redo]

    def playing_now(self, moment: dt.datetime) -> PlayNow | None:
        return self.value.play_now if play_now_active(self.value, moment) else None

    def coverage(self, today: dt.date | None = None) -> list[RuleCoverage]:
        return analyse(self.value, today)

    def problems(self, known_playlists: set[str] | None) -> list[Problem]:
        return check_schedule(self.value, known_playlists, "schedule.json")

    def for_saving(self) -> Schedule:
        return msgspec.structs.replace(self.value, schema_version=SCHEDULE_SCHEMA_VERSION)
