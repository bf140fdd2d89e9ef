"""What staff mode works on, shared by every page."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QPixmap

from kiosk.clock import Clock
from kiosk.content.models import ContentPack, Language
from kiosk.playlist.models import Playlist
from kiosk.playlist.staff_slides import staff_slide_title
from kiosk.playlist.store import Library
from kiosk.settings import Locations, Settings
from kiosk.system.logs import RecentRecords
from kiosk.system.pin import PinStore

RECENT_ERRORS_SHOWN = 20


@dataclass
class StaffContext:
    """What staff mode works on; `apply` pushes saved changes into the running kiosk."""

    # The pack that plays now: read on every use, so a hall's pack switch reaches every staff page.
    current_pack: Callable[[], ContentPack]
    family: str
    clock: Clock
    locations: Locations
    # The settings in force: after a save, a reload or a hall's change alike.
    current_settings: Callable[[], Settings]
    library: Callable[[], Library]
    apply: Callable[[], None]
    now_playing: Callable[[], str]
    quit: Callable[[], None]
    preview: Callable[[Playlist], None]
    pins: PinStore | None = None
    thumbnail: Callable[[str], QPixmap] | None = None
    # The last warnings and errors, for the diagnostics page.
    errors: RecentRecords = field(default_factory=lambda: RecentRecords(logging.WARNING, RECENT_ERRORS_SHOWN))
    current_digest: Callable[[], str] = lambda: ""
    started_at: float = field(default_factory=time.monotonic)

    @property
    def pack(self) -> ContentPack:
        return self.current_pack()

    @property
    def settings(self) -> Settings:
        return self.current_settings()

    @property
    def pack_digest(self) -> str:
        return self.current_digest()

    def playlist_name(self, playlist_id: str, language: Language) -> str:
        """What staff call a playlist: its name, never its id (unless it is gone)."""
        playlist = self.library().playlists.get(playlist_id)
        return playlist.name.get(language) if playlist is not None else playlist_id

    def slide_ids(self) -> set[str]:
        """Every slide a playlist may name: the pack's and staff's own."""
        return {slide.id for slide in self.pack.slides} | self.library().staff_slides.ids

    def slide_title(self, slide_id: str, language: Language) -> str:
        staff_slide = self.library().staff_slides.slides.get(slide_id)
        if staff_slide is not None:
            return staff_slide_title(staff_slide, language)
        return self.pack.slide_title(slide_id, language)
