"""The one owner of what the kiosk plays and how: the content pack, the playlists with their schedule
and staff slides, and the settings.

Everything that shows or edits one of them follows it through a changed signal: the showcase, the
visitor pages, staff mode, statistics, opening hours, the status file. Nobody keeps a copy of its
own that a pack switch or a reload could leave behind; the one reload path
(`kiosk.ui.runtime.reload`) and the hall's pack switch (`FleetLink`) are the only writers.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.content.loader import PackSource, pack_digest
from kiosk.content.models import ContentPack
from kiosk.playlist.store import Library
from kiosk.settings import Settings

log = logging.getLogger(__name__)


class KioskState(QObject):
    """The pack (with where it came from), the playlist library and the settings now in force."""

    # Each with the new value, after it is in place: a slot may read the others from the state.
    pack_changed = Signal(object)
    library_changed = Signal(object)
    settings_changed = Signal(object)

    def __init__(
        self,
        pack: ContentPack,
        source: PackSource,
        library: Library,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pack = pack
        self._source = source
        self._digest: str | None = None
        self._library = library
        self._settings = settings

    @property
    def pack(self) -> ContentPack:
        return self._pack

    @property
    def source(self) -> PackSource:
        return self._source

    @property
    def digest(self) -> str:
        """The pack's short hash, read from its files once per pack."""
        if self._digest is None:
            self._digest = pack_digest(self._source)
        return self._digest

    @property
    def library(self) -> Library:
        return self._library

    @property
    def settings(self) -> Settings:
        return self._settings

    def switch_pack(self, pack: ContentPack, source: PackSource, digest: str | None = None) -> None:
        """A new whole pack (a hall's switch): every follower moves to it."""
        self._pack, self._source, self._digest = pack, source, digest
        self.pack_changed.emit(pack)

    def use_library(self, library: Library) -> None:
        """Playlists, schedule and staff slides read again (a reload, a staff save)."""
        self._library = library
        self.library_changed.emit(library)

    def use_settings(self, settings: Settings) -> None:
        """Settings read again; followers hear of it only when something changed."""
        if settings == self._settings:
            return
        self._settings = settings
        self.settings_changed.emit(settings)
