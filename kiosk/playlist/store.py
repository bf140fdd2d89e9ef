"""Playlists and schedule on disk: bundled defaults, overridden by staff copies in the config dir."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from kiosk.documents.decoding import ContentError, Problem
from kiosk.documents.reading import decode_or_last_good, file_refusal
from kiosk.fleet.layout import PLAYLISTS_DIR, Fleet, config_files_by_layer, playlist_files, resolve_fleet
from kiosk.history import ANY_VERSION, save_file
from kiosk.playlist.models import (
    SCHEDULE_SCHEMA_VERSION,
    Playlist,
    Schedule,
    check_playlist,
    check_schedule,
    decode_playlist,
    decode_schedule,
    playable_schedule,
)
from kiosk.playlist.staff_slides import StaffSlides, load_staff_slides
from kiosk.storage import delete_keeping_backup

log = logging.getLogger(__name__)

SCHEDULE_FILE = "schedule.json"
DEFAULT_PLAYLIST_ID = "full"


@dataclass
class Library:
    """Every usable playlist by id, the schedule, and the problems met while loading them."""

    playlists: dict[str, Playlist]
    bundled_ids: set[str]
    schedule: Schedule
    problems: list[Problem] = field(default_factory=list)
    # Which staff file gave which playlist, so a later bad edit of a file can fall back to it.
    staff_files: dict[str, Playlist] = field(default_factory=dict)
    schedule_from_file: bool = False
    # Staff's own slides (`slides/*.json`), loaded first: playlists may name them.
    staff_slides: StaffSlides = field(default_factory=StaffSlides)


def load_library(
    bundled: Mapping[str, bytes],
    config_dir: Path | None,
    known_slides: set[str],
    previous: Library | None = None,
    font_chars: set[int] | None = None,
    now: dt.datetime | None = None,
) -> Library:
    """Bundled playlists (file name -> bytes), then staff copies that override them by id.

    A file that fails validation is reported in `problems` and skipped; the rest still play. With
    `previous` (a reload), a staff file or schedule that has turned bad keeps its last good version.
    Staff slides come first, from the same layers; `font_chars` checks their texts' glyphs.
    In the schedule, what names a missing playlist is refused alone (see `playable_schedule`), and
    a "play now" over by `now` is dropped.
    """
    fleet = resolve_fleet(config_dir) if config_dir is not None else None
    staff_slides = load_staff_slides(
        fleet, known_slides, font_chars, previous.staff_slides if previous is not None else None
    )
    known_slides = known_slides | staff_slides.ids
    problems: list[Problem] = list(staff_slides.problems)
    playlists: dict[str, Playlist] = {}
    for name, data in sorted(bundled.items()):
        try:
            playlist = decode_playlist(data, name, known_slides)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        playlists[playlist.id] = playlist
    bundled_ids = set(playlists)

    # The hall's files, this kiosk's overrides in the hall, then the glass: a later file wins by id.
    staff_files: dict[str, Playlist] = {}
    for path in playlist_files(fleet) if fleet is not None else []:
        staff_playlist = decode_or_last_good(
            path,
            lambda data, name: decode_playlist(data, name, known_slides),
            problems,
            previous.staff_files if previous is not None else None,
        )
        if staff_playlist is None:
            continue
        staff_files[str(path)] = staff_playlist
        playlists[staff_playlist.id] = staff_playlist

    schedule = Schedule(schema_version=SCHEDULE_SCHEMA_VERSION, default_playlist=DEFAULT_PLAYLIST_ID)
    from_file = False
    schedule_path = schedule_in_force(fleet) if fleet is not None else None
    if schedule_path is not None:
        # Whichever layer's file it came from, the schedule that last loaded stands in for a refused one.
        last_good = (
            {str(schedule_path): previous.schedule}
            if previous is not None and previous.schedule_from_file
            else None
        )
        decoded = decode_or_last_good(schedule_path, decode_schedule, problems, last_good)
        if decoded is not None:
            schedule, refused = playable_schedule(
                decoded, set(playlists), DEFAULT_PLAYLIST_ID, now, SCHEDULE_FILE
            )
            problems.extend(refused)
            from_file = True
    for problem in problems:
        log.error("refused: %s", problem)
    return Library(playlists, bundled_ids, schedule, problems, staff_files, from_file, staff_slides)


def schedule_in_force(fleet: Fleet) -> Path | None:
    """The schedule file that plays: the highest layer's (the glass over the hall); None for none."""
    schedules = config_files_by_layer(fleet, SCHEDULE_FILE)
    return schedules[-1] if schedules else None


def schedule_refusal(config_dir: Path) -> list[Problem]:
    """Why this kiosk's own `schedule.json` is refused as a whole (none: it loads, or is absent)."""
    return file_refusal(config_dir / SCHEDULE_FILE, decode_schedule)


def playlist_refusal(config_dir: Path, playlist_id: str, known_slides: set[str]) -> list[Problem]:
    """Why this kiosk's own file for `playlist_id` is refused (none: it loads, or is absent)."""
    return file_refusal(
        staff_playlist_path(config_dir, playlist_id),
        lambda data, name: decode_playlist(data, name, known_slides),
    )


def taken_playlist_ids(config_dir: Path, library: Library) -> set[str]:
    """Ids a new playlist may not take: every playlist that loads, and every playlist file of this
    kiosk's config dir, refused ones included (a save under that id would replace it)."""
    folder = config_dir / PLAYLISTS_DIR
    files = {path.stem for path in folder.glob("*.json")} if folder.is_dir() else set()
    return set(library.playlists) | files


def staff_playlist_path(config_dir: Path, playlist_id: str) -> Path:
    return config_dir / PLAYLISTS_DIR / f"{playlist_id}.json"


def encode_playlist(playlist: Playlist) -> bytes:
    return msgspec.json.format(msgspec.json.encode(playlist), indent=2) + b"\n"


def save_playlist(
    config_dir: Path, playlist: Playlist, known_slides: set[str], loaded_digest: str | None = ANY_VERSION
) -> Path:
    """Validate, then write atomically; the version it replaces is kept as `<name>.bak`.

    With `loaded_digest` (`content_digest` of the file when the editor read it, None for no file)
    the save raises `ConflictError` instead of overwriting a file changed since.
    """
    path = staff_playlist_path(config_dir, playlist.id)
    problems = check_playlist(playlist, known_slides, path.name)
    if problems:
        raise ContentError(problems)
    save_file(path, encode_playlist(playlist), loaded_digest)
    log.info("playlist %r saved", playlist.id)
    return path


def delete_playlist(config_dir: Path, playlist_id: str) -> None:
    if delete_keeping_backup(staff_playlist_path(config_dir, playlist_id)):
        log.info("playlist %r deleted", playlist_id)


def encode_schedule(schedule: Schedule) -> bytes:
    return msgspec.json.format(msgspec.json.encode(schedule), indent=2) + b"\n"


def save_schedule(
    config_dir: Path,
    schedule: Schedule,
    known_playlists: set[str] | None,
    loaded_digest: str | None = ANY_VERSION,
) -> Path:
    """Like `save_playlist`: validated, atomic, and conditional on `loaded_digest`. Without
    `known_playlists` the playlists it names are not checked (a rule naming a missing one is
    refused alone when the schedule loads)."""
    path = config_dir / SCHEDULE_FILE
    problems = check_schedule(schedule, known_playlists, SCHEDULE_FILE)
    if problems:
        raise ContentError(problems)
    save_file(path, encode_schedule(schedule), loaded_digest)
    log.info("schedule saved")
    return path
