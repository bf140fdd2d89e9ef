"""Playlists and schedule on disk: bundled defaults, overridden by staff copies in the config dir."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import ContentError, Problem
from kiosk.playlist.models import (
    SCHEMA_VERSION,
    Playlist,
    Schedule,
    decode_playlist,
    decode_schedule,
)

log = logging.getLogger(__name__)

PLAYLISTS_DIR = "playlists"
SCHEDULE_FILE = "schedule.json"
DEFAULT_PLAYLIST_ID = "full"


@dataclass
class Library:
    """Every usable playlist by id, the schedule, and the problems met while loading them."""

    playlists: dict[str, Playlist]
    bundled_ids: set[str]
    schedule: Schedule
    problems: list[Problem] = field(default_factory=list)


def load_library(bundled: Mapping[str, bytes], config_dir: Path | None, known_slides: set[str]) -> Library:
    """Bundled playlists (file name -> bytes), then staff copies that override them by id.

    A file that fails validation is reported in `problems` and skipped; the rest still play.
    """
    problems: list[Problem] = []
    playlists: dict[str, Playlist] = {}
    for name, data in sorted(bundled.items()):
        try:
            playlist = decode_playlist(data, name, known_slides)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        playlists[playlist.id] = playlist
    bundled_ids = set(playlists)

    staff_dir = config_dir / PLAYLISTS_DIR if config_dir is not None else None
    if staff_dir is not None and staff_dir.is_dir():
        for path in sorted(staff_dir.glob("*.json")):
            try:
                playlist = decode_playlist(_read(path), path.name, known_slides)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            playlists[playlist.id] = playlist

    schedule = Schedule(schema_version=SCHEMA_VERSION, default_playlist=DEFAULT_PLAYLIST_ID)
    schedule_path = config_dir / SCHEDULE_FILE if config_dir is not None else None
    if schedule_path is not None and schedule_path.exists():
        try:
            schedule = decode_schedule(_read(schedule_path), SCHEDULE_FILE, set(playlists))
        except ContentError as error:
            problems.extend(error.problems)
    for problem in problems:
        log.error("refused: %s", problem)
    return Library(playlists, bundled_ids, schedule, problems)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(path.name, "", f"cannot be read: {error.strerror}.")]) from None
