"""What plays now and next: steps through a playlist, remembering which slides failed to build.

It never reads a clock: each step is given the time it starts at, so tests and the player drive it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

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
        """The playlist the next step plays from: the chosen one while any of its slides can play,
        else the fallback."""
        return self.playlist if self.playable(self.playlist) else self.fallback

    def forget_failures(self) -> None:
        """Try every slide again: what failed may be fixed now (a file saved again, a picture copied in)."""
        self.broken.clear()

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

    def play_for(self, duration_s: float) -> Cue:
        """The current cue lasts `duration_s` instead: its slide has a length of its own (a video)."""
        if self.cue is None:
            raise RuntimeError("no cue is playing")
        self.cue = replace(self.cue, duration_s=duration_s)
        return self.cue

    def advance(self, now: float) -> Cue:
        """The cue after the current one, starting at `now`."""
        if not self.playable(self.playlist) and not self.playable(self.fallback):
            log.error("every slide of %r and of the fallback failed; trying them all again", self.playlist.id)
            # Rather than go dark.
            self.forget_failures()
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
