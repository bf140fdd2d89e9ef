"""What staff do at once, beyond editing, as file operations: "play now" over the schedule (a playlist
from the schedule page, a slide of their own from the slides page) and its stop, and deleting a slide
from the playlists that use it. Qt-free; the pages show the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import msgspec

from kiosk.content.models import Text
from kiosk.playlist.editing import ScheduleDraft, play_now_end
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem
from kiosk.playlist.staff_slides import (
    StaffSlide,
    delete_slide,
    playlists_using,
    staff_slide_path,
    staff_slide_title,
)
from kiosk.playlist.store import Library, save_playlist, save_schedule, staff_playlist_path
from kiosk.storage import ANY_VERSION

PLAY_NOW_ITEM_S = 30.0


def play_slide_now(
    config_dir: Path,
    library: Library,
    slide: StaffSlide,
    names: tuple[str, str],
    known_slides: set[str],
    now: dt.datetime,
    minutes: int,
) -> dt.datetime:
    """Write a one-slide playlist `now-<id>` (named from the zh/en patterns in `names`) and a "play
    now" over the schedule for `minutes`; returns when it ends. Raises ContentError or OSError."""
    playlist_id = f"now-{slide.id}"[:64]
    playlist = Playlist(
        schema_version=SCHEMA_VERSION,
        id=playlist_id,
        name=Text(
            zh=names[0].format(name=staff_slide_title(slide, "zh")),
            en=names[1].format(name=staff_slide_title(slide, "en")),
        ),
        items=[PlaylistItem(slide=slide.id, duration_s=PLAY_NOW_ITEM_S)],
    )
    save_playlist(config_dir, playlist, known_slides)
    return write_play_now(config_dir, library, playlist_id, now, minutes, new_playlist=True)


def write_play_now(
    config_dir: Path,
    library: Library,
    playlist_id: str | None,
    now: dt.datetime,
    minutes: int = 0,
    new_playlist: bool = False,
) -> dt.datetime:
    """Play `playlist_id` for `minutes` from `now` over the schedule that plays, at once (None: stop
    what plays now); the schedule's other parts stay as they are on disk, whatever a page has
    unsaved. Returns when it ends. Raises ContentError or OSError."""
    schedule = ScheduleDraft(library.schedule)
    if playlist_id is None:
        schedule.stop_play_now()
    else:
        schedule.play_for(playlist_id, now, minutes)
    known = set(library.playlists) | ({playlist_id} if new_playlist and playlist_id else set())
    save_schedule(config_dir, schedule.for_saving(), known, ANY_VERSION)
    return play_now_end(now, minutes)


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
