"""The crash-loop breaker: after repeated starts that never became healthy, start in safe mode.

Every `kiosk run` notes its start in `<data dir>/starts.json` and marks it healthy after it has
shown the showcase for a while, or at a clean exit. When the last starts all crashed within a few
minutes, the next start is a safe one (bundled content, bundled playlists, no staff files), so a
broken configuration copied in by a person or a sync leaves a working screen, not a dark one.
It does not depend on the supervisor: systemd, an X11 session service, or a person restarting it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec

from kiosk.documents.decoding import ContentError, decode_document
from kiosk.storage import atomic_write

log = logging.getLogger(__name__)

STARTS_FILE = "starts.json"
CRASHES_FOR_SAFE_MODE = 3
WITHIN_S = 10 * 60
HEALTHY_AFTER_S = 30.0
KEPT_STARTS = 10


class Start(msgspec.Struct):
    at: float
    healthy: bool = False


class StartsFile(msgspec.Struct):
    starts: list[Start] = msgspec.field(default_factory=list)


class StartJournal:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STARTS_FILE
        self._at: float | None = None

    def _load(self) -> list[Start]:
        try:
            return decode_document(self.path.read_bytes(), StartsFile, STARTS_FILE).starts
        except (OSError, ContentError):
            return []

    def _save(self, starts: list[Start]) -> None:
        try:
            atomic_write(self.path, msgspec.json.encode(StartsFile(starts[-KEPT_STARTS:])), keep_backup=False)
        except OSError as error:
            log.error("cannot note the start in %s: %s", self.path, error.strerror)

    def begin(self, now: float) -> str | None:
        """Note this start; the reason for safe mode when the last starts all crashed, else None."""
        starts = self._load()
        recent = starts[-CRASHES_FOR_SAFE_MODE:]
        crashed = (
            len(recent) == CRASHES_FOR_SAFE_MODE
            and all(not start.healthy for start in recent)
            and now - recent[0].at <= WITHIN_S
        )
        self._at = now
        self._save([*starts, Start(at=now)])
        if not crashed:
            return None
        return (
            f"the last {CRASHES_FOR_SAFE_MODE} starts crashed within "
            f"{round(now - recent[0].at)} s before the showcase ran for {HEALTHY_AFTER_S:.0f} s"
        )

    def healthy(self) -> None:
        """This start ran long enough, or ended cleanly: it does not count as a crash."""
        starts = self._load()
        for start in reversed(starts):
            if start.at == self._at:
                if not start.healthy:
                    start.healthy = True
                    self._save(starts)
                return
