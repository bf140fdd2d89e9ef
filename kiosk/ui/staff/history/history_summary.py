"""A kept version in a few lines staff can read: names, not ids; sentences, not JSON."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.documents.decoding import ContentError
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.i18n.languages import endonym
from kiosk.playlist.models import decode_playlist, decode_schedule
from kiosk.playlist.staff_slides import decode_slide, staff_slide_title
from kiosk.playlist.store import SCHEDULE_FILE
from kiosk.settings import SETTINGS_FILE, decode_settings
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext

Text = Callable[[StaffKey], str]


def file_title(name: str, context: StaffContext, language: Language, text: Text) -> str:
    """What staff call a versioned file: "Schedule", "Playlist: Hall loop", "Slide: 热烈欢迎"."""
    if name == SETTINGS_FILE:
        return text("history_file_settings")
    if name == SCHEDULE_FILE:
        return text("history_file_schedule")
    folder, _, file = name.partition("/")
    item = file.removesuffix(".json")
    if folder == "playlists":
        return text("history_file_playlist").format(name=context.playlist_name(item, language))
    slide = context.library().staff_slides.slides.get(item)
    return text("history_file_slide").format(
        name=staff_slide_title(slide, language) if slide is not None else item
    )


def version_summary(
    name: str, data: bytes, context: StaffContext, language: Language, text: Text
) -> tuple[list[str], bool]:
    """The version's content as lines, and whether the kiosk would refuse it (the lines say why)."""
    try:
        return _lines(name, data, context, language, text), False
    except ContentError as error:
        return [
            text("history_version_refused").format(reason=strings.reasons_text(error.problems, language))
        ], True


def _lines(name: str, data: bytes, context: StaffContext, language: Language, text: Text) -> list[str]:
    """The lines of a version the kiosk would take; ContentError when it would refuse it."""
    if name == SETTINGS_FILE:
        return _settings_lines(data, text)
    if name == SCHEDULE_FILE:
        return _schedule_lines(data, context, language, text)
    if name.startswith("playlists/"):
        playlist = decode_playlist(data, name)
        lines = [playlist.name.get(language), text("history_summary_items").format(count=len(playlist.items))]
        return lines + [f"· {context.slide_title(item.slide, language)}" for item in playlist.items]
    slide = decode_slide(data, name.rpartition("/")[2])
    return [staff_slide_title(slide, language)]


def _settings_lines(data: bytes, text: Text) -> list[str]:
    settings = decode_settings(data)

    def switch(value: bool) -> str:
        return text("history_on" if value else "history_off")

    hours = settings.opening_hours
    return [
        text("history_summary_idle").format(seconds=settings.idle_timeout_s),
        text("history_summary_language").format(language=endonym(settings.default_language)),
        text("history_summary_switches").format(
            display=switch(settings.display_only),
            motion=switch(settings.reduced_motion),
            stats=switch(settings.stats_enabled),
        ),
        text("history_summary_hours").format(days=len(hours.week), closed=len(hours.closed_dates))
        if hours.enabled
        else text("history_summary_hours_off"),
    ]


def _schedule_lines(data: bytes, context: StaffContext, language: Language, text: Text) -> list[str]:
    schedule = decode_schedule(data, SCHEDULE_FILE)
    name = context.playlist_name
    lines = [
        text("history_summary_default").format(name=name(schedule.default_playlist, language)),
        text("history_summary_rules").format(count=len(schedule.rules)),
    ]
    lines += [
        f"· {strings.describe_rule(rule, language)}  ·  {name(rule.playlist, language)}"
        for rule in schedule.rules
    ]
    if schedule.play_now is not None:
        now = schedule.play_now
        lines.append(
            text("history_summary_play_now").format(name=name(now.playlist, language), until=now.until)
        )
    return lines
