"""Deleting a staff playlist together with what the schedule says about it.

Planned first, so that staff are asked about exactly what will change: the rules that name the
playlist go (their windows play what else covers them, or the default), a default naming it becomes
the built-in loop, and a "play now" of it stops. Then the schedule is rewritten in one atomic save,
conditional on the file the plan was made from, and only then is the playlist file removed: a power
cut between the two leaves a schedule that no longer names a playlist that still exists, which is
harmless. Qt-free; the playlists page asks the question and shows the outcome.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import msgspec

from kiosk.documents.decoding import ContentError
from kiosk.documents.reading import read_file
from kiosk.fleet.layout import resolve_fleet
from kiosk.playlist.models import (
    SCHEDULE_SCHEMA_VERSION,
    PlayNow,
    Schedule,
    ScheduleRule,
    decode_schedule,
    play_now_active,
)
from kiosk.playlist.store import (
    DEFAULT_PLAYLIST_ID,
    SCHEDULE_FILE,
    Library,
    delete_playlist,
    save_schedule,
    schedule_in_force,
    staff_playlist_path,
)
from kiosk.storage import content_digest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlaylistDeletion:
    """What deleting `playlist_id` from the glass does. `schedule` is the rewritten schedule, None
    when the schedule keeps naming nothing that goes (no rule names the playlist, its id stays
    from the bundled set or the hall, or the schedule file is refused and so left as it is)."""

    playlist_id: str
    removed_rules: tuple[ScheduleRule, ...] = ()
    default_becomes: str | None = None
    # The "play now" that stops, when it is still playing; an ended one goes without a word.
    stopped_play_now: PlayNow | None = None
    schedule: Schedule | None = None
    # `content_digest` of the glass's schedule.json when the plan was made: the save's condition.
    schedule_digest: str | None = None

    @property
    def changes_schedule(self) -> bool:
        return self.schedule is not None


def plan_deletion(config_dir: Path, library: Library, playlist_id: str, now: dt.datetime) -> PlaylistDeletion:
    """What deleting the glass's copy of `playlist_id` would change, read from the files now."""
    target = config_dir / SCHEDULE_FILE
    digest = content_digest(target)
    if _survives_deletion(config_dir, library, playlist_id):
        return PlaylistDeletion(playlist_id, schedule_digest=digest)
    source = schedule_in_force(resolve_fleet(config_dir))
    if source is None:
        return PlaylistDeletion(playlist_id, schedule_digest=digest)
    try:
        schedule = decode_schedule(read_file(source), SCHEDULE_FILE)
    except ContentError:
        # Refused as a whole, it plays nothing of its own: the file stays for a technician to see.
        return PlaylistDeletion(playlist_id, schedule_digest=digest)
    removed = tuple(rule for rule in schedule.rules if rule.playlist == playlist_id)
    default_becomes = DEFAULT_PLAYLIST_ID if schedule.default_playlist == playlist_id else None
    play_now = schedule.play_now
    names_play_now = play_now is not None and play_now.playlist == playlist_id
    if not removed and default_becomes is None and not names_play_now:
        return PlaylistDeletion(playlist_id, schedule_digest=digest)
    rewritten = msgspec.structs.replace(
        schedule,
        schema_version=SCHEDULE_SCHEMA_VERSION,
        rules=[rule for rule in schedule.rules if rule.playlist != playlist_id],
        default_playlist=default_becomes or schedule.default_playlist,
        play_now=None if names_play_now else play_now,
    )
    return PlaylistDeletion(
        playlist_id,
        removed_rules=removed,
        default_becomes=default_becomes,
        stopped_play_now=play_now if names_play_now and play_now_active(schedule, now) else None,
        schedule=rewritten,
        schedule_digest=digest,
    )


def _survives_deletion(config_dir: Path, library: Library, playlist_id: str) -> bool:
    """Whether the id still names a playlist once the glass's file is gone: a bundled one, or the hall's."""
    if playlist_id in library.bundled_ids:
        return True
    glass_file = str(staff_playlist_path(config_dir, playlist_id))
    return any(
        playlist.id == playlist_id and path != glass_file for path, playlist in library.staff_files.items()
    )


def delete_playlist_and_uses(config_dir: Path, deletion: PlaylistDeletion) -> None:
    """The schedule rewritten first (atomic, and only over the file the plan was made from, else
    `ConflictError` and nothing changes), then the playlist file removed. The names the schedule
    keeps are not checked here: a rule naming a playlist still to be copied in is a technician's,
    refused alone at load until it arrives, and not this deletion's to drop. Raises ConflictError
    or OSError."""
    if deletion.schedule is not None:
        save_schedule(config_dir, deletion.schedule, None, deletion.schedule_digest)
        log.info(
            "schedule rewritten without playlist %r: %d rules removed%s%s",
            deletion.playlist_id,
            len(deletion.removed_rules),
            f", default now {deletion.default_becomes!r}" if deletion.default_becomes else "",
            ", play now stopped" if deletion.stopped_play_now else "",
        )
    delete_playlist(config_dir, deletion.playlist_id)
