"""Which playlist plays at a given moment: a staff preview over everything, else the one forced by the
operator, else the scheduled one, else the default; the catalogue loop when none of those can play."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from kiosk.playlist.models import Playlist, playlist_for
from kiosk.playlist.sequencer import builtin_loop
from kiosk.playlist.store import Library

log = logging.getLogger(__name__)


class Program:
    def __init__(
        self,
        library: Library,
        slide_ids: list[str],
        forced_playlist: str | None = None,
        durations: Mapping[str, float] | None = None,
    ) -> None:
        self.library = library
        self.fallback = builtin_loop(slide_ids, durations)
        self.forced_playlist = forced_playlist
        # Staff's preview of an unsaved playlist: plays over everything, and survives reloads.
        self.preview: Playlist | None = None
        self._missing_logged: set[str] = set()

    def use_catalogue(self, slide_ids: list[str], durations: Mapping[str, float] | None = None) -> None:
        """A new content pack: the fallback loop plays its slides, each for its own duration."""
        self.fallback = builtin_loop(slide_ids, durations)

    def playlist_at(self, moment: dt.datetime) -> Playlist:
        if self.preview is not None:
            return self.preview
        wanted = self.forced_playlist or playlist_for(self.library.schedule, moment)
        playlist = self.library.playlists.get(wanted)
        if playlist is None:
            if wanted not in self._missing_logged:
                log.error("playlist %r is not available; playing the built-in default loop", wanted)
                self._missing_logged.add(wanted)
            return self.fallback
        return playlist

    def reload(self, library: Library) -> None:
        """Play from a freshly loaded library (a SIGHUP, a staff save).

        Load it with `load_library(..., previous=self.library)`, so that a file refused now keeps
        its last good version playing instead of taking it away.
        """
        self.library = library
        self._missing_logged.clear()
