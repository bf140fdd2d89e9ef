"""What staff do at once, beyond editing, as file operations: "play now" over the schedule (a playlist
from the schedule page, a slide of their own from the slides page) and its stop, and deleting a slide
from the playlists that use it. Qt-free; the pages show the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import msgspec

from kiosk.content.models import text_in_each
from kiosk.documents.reading import read_file
from kiosk.fleet.layout import resolve_fleet
from kiosk.i18n.catalogue import staff_text
from kiosk.playlist.editing import ScheduleDraft, play_now_end
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, decode_schedule
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.staff_slides import delete_slide, playlists_using, staff_slide_path, staff_slide_title
from kiosk.playlist.store import (
    SCHEDULE_FILE,
    Library,
    save_playlist,
    save_schedule,
    schedule_in_force,
    staff_playlist_path,
)
from kiosk.storage import content_digest

PLAY_NOW_ITEM_S = 30.0


def play_slide_now(
    config_dir: Path,
    library: Library,
    slide: StaffSlide,
    known_slides: set[str],
    now: dt.datetime,
    minutes: int,
) -> dt.datetime:
    """Write a one-slide playlist `now-<id>` (named "<the slide> (this slide alone)" in each language)
    and a "play now" over the schedule for `minutes` (`write_play_now`); returns when it ends.

    The "play now" goes into the schedule as it is on disk now (the file in force: the glass's,
    else the hall's), not the one the kiosk last read, and only over the glass's file read then:
    a schedule copied in meanwhile keeps its rules. Raises ContentError (the schedule file in force
    is refused: it is never replaced from here), ConflictError (it changed while being written) or
    OSError; nothing is written then."""
    playlist_id = f"now-{slide.id}"[:64]
    playlist = Playlist(
        schema_version=SCHEMA_VERSION,
        id=playlist_id,
        name=text_in_each(
            lambda language: staff_text("play_now_name", language).format(
                name=staff_slide_title(slide, language)
            )
        ),
        items=[PlaylistItem(slide=slide.id, duration_s=PLAY_NOW_ITEM_S)],
    )
    save_playlist(config_dir, playlist, known_slides)
    until, _replaced = write_play_now(config_dir, library, playlist_id, now, minutes)
    return until


def write_play_now(
    config_dir: Path,
    library: Library,
    playlist_id: str | None,
    now: dt.datetime,
    minutes: int = 0,
) -> tuple[dt.datetime, str | None]:
    """Play `playlist_id` for `minutes` from `now` over the schedule in force, at once (None: stop
    what plays now); the schedule's other parts stay as they are on disk, whatever a page has
    unsaved, and it is saved only over the glass's file as read here. Returns when it ends, and the
    `content_digest` of the file it replaced (None: there was none). Raises
    ContentError (the schedule file in force is refused: it is never replaced from here),
    ConflictError (it changed while being written) or OSError."""
    schedule, loaded = schedule_on_disk(config_dir, library)
    if playlist_id is None:
        schedule.stop_play_now()
    else:
        schedule.play_for(playlist_id, now, minutes)
    save_schedule(config_dir, schedule.for_saving(), None, loaded)
    return play_now_end(now, minutes), loaded


def schedule_on_disk(config_dir: Path, library: Library) -> tuple[ScheduleDraft, str | None]:
    """A draft of the schedule in force as it is on disk now (the glass's file, else the hall's;
    without either, the built-in one the kiosk plays), and the `content_digest` of the glass's
    file read with it: what a change made at once (a "play now") saves over, conditionally.
    Raises ContentError when the file in force is refused: it is never replaced from here."""
    loaded = content_digest(config_dir / SCHEDULE_FILE)
    in_force = schedule_in_force(resolve_fleet(config_dir))
    current = library.schedule
    if in_force is not None:
        current = decode_schedule(read_file(in_force), SCHEDULE_FILE)
    return ScheduleDraft(current), loaded


@dataclass(frozen=True)
class DeletionBlock:
    """Why a slide cannot be deleted here: `reason` is "not_here" (it comes from the hall) or
    "only_slide" (a playlist would be left empty); `playlist` names the playlist concerned."""

    reason: str
    playlist: str | None = None


def deletion_block(config_dir: Path, library: Library, slide_id: str) -> DeletionBlock | None:
    """None when the slide can be deleted from this kiosk, with the playlists that use it."""
    if not staff_slide_path(config_dir, slide_id).exists():
        return DeletionBlock("not_here")
    for playlist_id in playlists_using(slide_id, library.playlists):
        playlist = library.playlists[playlist_id]
        others = [item for item in playlist.items if item.slide != slide_id and item.enabled]
        local = staff_playlist_path(config_dir, playlist_id).exists()
        if not local:
            return DeletionBlock("not_here", playlist_id)
        if not others:
            return DeletionBlock("only_slide", playlist_id)
    return None


def delete_slide_everywhere(
    config_dir: Path, library: Library, slide_id: str, known_slides: set[str]
) -> None:
    """Take the slide out of every playlist that uses it, then delete it. Raises ContentError or OSError."""
    known = known_slides - {slide_id}
    for playlist_id in playlists_using(slide_id, library.playlists):
        playlist = library.playlists[playlist_id]
        kept = [item for item in playlist.items if item.slide != slide_id]
        save_playlist(config_dir, msgspec.structs.replace(playlist, items=kept), known)
    delete_slide(config_dir, slide_id)
