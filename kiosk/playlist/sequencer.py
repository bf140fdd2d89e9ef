"""What plays now and next: a pure function of the playlist, the broken slides and the clock."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem

log = logging.getLogger(__name__)

BUILTIN_PLAYLIST_ID = "builtin-default"
BUILTIN_DURATION_S = 10.0


@dataclass(frozen=True)
class Cue:
    """One slide on screen: which item, from when, for how long, entered how."""

    playlist_id: str
    index: int
    slide: str
    duration_s: float
    transition: str
    started_at: float

    def ends_at(self) -> float:
        return self.started_at + self.duration_s


def builtin_loop(slide_ids: list[str], durations: Mapping[str, float] | None = None) -> Playlist:
    """Every catalogue slide in order: what plays when no playlist can, so the screen is never empty.

    Each slide stays its default duration (`kiosk.content.reading`) when given, else BUILTIN_DURATION_S.
    """
    known = durations or {}
    return Playlist(
        schema_version=SCHEMA_VERSION,
        id=BUILTIN_PLAYLIST_ID,
        name=Text(zh="内置默认轮播", en="Built-in default loop"),
        items=[
            PlaylistItem(slide=slide_id, duration_s=known.get(slide_id, BUILTIN_DURATION_S))
            for slide_id in slide_ids
        ],
    )


class Sequencer:
    """Steps through a playlist, skipping disabled items and slides that failed to build."""

    def __init__(self, playlist: Playlist, fallback: Playlist) -> None:
        self.fallback = fallback
        self.broken: set[str] = set()
        self.playlist = playlist
        self.cue: Cue | None = None

    def playable(self, playlist: Playlist) -> list[int]:
        return [
            index
            for index, item in enumerate(playlist.items)
            if item.enabled and item.slide not in self.broken
        ]

    def active_playlist(self) -> Playlist:
        if self.playable(self.playlist):
            return self.playlist
        if self.playable(self.fallback):
            return self.fallback
        # Even the fallback is broken: forget failures and try everything again rather than go dark.
        self.broken.clear()
        return self.fallback

    def mark_broken(self, slide_id: str, reason: str) -> None:
        """A slide failed to build: skip it from now on, and say so once."""
        if slide_id not in self.broken:
            log.error("slide %r failed and will be skipped: %s", slide_id, reason)
            self.broken.add(slide_id)

    def switch(self, playlist: Playlist) -> None:
        """Play `playlist` from its first item at the next `advance`."""
        if playlist.id != self.playlist.id:
            log.info("playlist switched to %r", playlist.id)
        self.playlist = playlist
        self.cue = None

    def start(self, now: float) -> Cue:
        self.cue = None
        return self.advance(now)

    def due(self, now: float) -> bool:
        return self.cue is None or now >= self.cue.ends_at()

    def advance(self, now: float) -> Cue:
        """The cue after the current one, starting at `now`."""
        playlist = self.active_playlist()
        playable = self.playable(playlist)
        previous = self.cue
        if previous is None or previous.playlist_id != playlist.id:
            index = playable[0]
        else:
            later = [index for index in playable if index > previous.index]
            index = later[0] if later else playable[0]
        item = playlist.items[index]
        self.cue = Cue(playlist.id, index, item.slide, item.duration_s, item.transition, now)
        return self.cue

    def peek_next(self) -> str:
        """The slide that will follow the current one, for building it ahead of time."""
        playlist = self.active_playlist()
        playable = self.playable(playlist)
        if self.cue is None or self.cue.playlist_id != playlist.id:
            return playlist.items[playable[0]].slide
        later = [index for index in playable if index > self.cue.index]
        return playlist.items[later[0] if later else playable[0]].slide
