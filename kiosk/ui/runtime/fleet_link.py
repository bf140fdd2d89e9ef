"""The running kiosk's side of a hall: safe mode, the content pack from the config layers (switched
whole, the last good one kept), the status file every minute, and the crash-loop breaker's marks.

`plan_run` decides before the window exists; `RunPlan.attach` puts a FleetLink on the window,
where the one reload path (`kiosk.ui.runtime.reload`) finds it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.content.loader import PackSource, load_pack, pack_digest
from kiosk.content.models import ContentPack
from kiosk.fleet.content import (
    KEPT_PACK_DIR,
    PackChoice,
    Refusal,
    content_dirs,
    forget_kept_pack,
    keep_pack,
    still_refused,
    survey,
)
from kiosk.fleet.crashloop import HEALTHY_AFTER_S, StartJournal
from kiosk.fleet.layout import Fleet, layer_files, layers_hash, resolve_fleet
from kiosk.fleet.status import (
    EmergencyNote,
    ErrorNote,
    KioskStatus,
    NowPlaying,
    RefusedPack,
    thumbnail_path,
    utc_text,
    write_status,
)
from kiosk.settings import Locations
from kiosk.system.logs import RecentRecord, RecentRecords
from kiosk.ui.runtime.content_source import ResourceSource
from kiosk.ui.runtime.emergency import EmergencyGuard
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.thumbnail import ScreenThumbnails
from kiosk.ui.style.resources import bundled_font_chars

if TYPE_CHECKING:  # app imports this module
    from kiosk.ui.runtime.options import RunOptions
from kiosk.ui.runtime.startup import Runtime

log = logging.getLogger(__name__)

STATUS_DIR_NAME = "status"
STATUS_EVERY_S = 60.0
STATUS_AFTER_CHANGE_MS = 1000
KEPT_ERRORS = 5
ERROR_NOTE_CHARS = 300
BUNDLED = "bundled"


def error_note(record: RecentRecord) -> ErrorNote:
    """An error as the status file lists it: its UTC time, and its message cut to a line's length."""
    at = utc_text(dt.datetime.fromtimestamp(record.created, dt.UTC))
    return ErrorNote(at=at, message=record.message[:ERROR_NOTE_CHARS])


def refused_pack(refusal: Refusal) -> RefusedPack:
    """A refusal as the status file lists it."""
    since = utc_text(dt.datetime.fromtimestamp(refusal.since, dt.UTC))
    return RefusedPack(refusal.origin, str(refusal.directory), refusal.reason, refusal.manifest, since)


@dataclass(frozen=True)
class PackSwitch:
    """A whole pack a running kiosk moves to, and where it came from."""

    origin: str
    pack: ContentPack
    source: PackSource
    digest: str


@dataclass
class RunPlan:
    """What `kiosk run` starts as: safe or not, in which hall, writing status where."""

    fleet: Fleet
    journal: StartJournal
    safe_reason: str | None
    content_pinned: bool
    status_dir: Path
    status_every_s: float
    started_at: float
    loaded_config_hash: str
    # This kiosk's copy of the last pack that played from a config layer (in the data dir).
    kept_dir: Path
    # The packs passed over at start, for the status file.
    refusals: list[Refusal] = field(default_factory=list)
    # The pack chosen at start, to be kept once the first frame is on screen (a new one costs fsyncs).
    to_keep: PackChoice | None = None
    _font_chars: set[int] | None = None

    @property
    def safe(self) -> bool:
        return self.safe_reason is not None

    def font_chars(self) -> set[int]:
        """The bundled font's code points, read once (about 0.1 s), when a pack is first checked."""
        if self._font_chars is None:
            self._font_chars = bundled_font_chars()
        return self._font_chars

    def choose_content(self, runtime: Runtime) -> str:
        """Put the highest whole and valid pack of the config layers in place of the bundled one;
        returns where the pack came from.

        A refused pack whose layer last played here gives way to this kiosk's copy of that layer's
        last good pack, not to the bundled figures: after a restart the hall shows what it showed
        before, as a running kiosk keeps doing, and the morning check names the refusal."""
        if self.safe or self.content_pinned:
            return "--content" if self.content_pinned and not self.safe else BUNDLED
        if not content_dirs(self.fleet):
            forget_kept_pack(self.kept_dir)
            return BUNDLED
        found = survey(self.fleet, self.font_chars(), time.time(), self.kept_dir)
        self.refusals = found.refusals
        for refusal in found.refusals:
            log.error("content pack in %s passed over: %s", refusal.origin, refusal.reason)
        choice = found.choice
        if choice is None:
            forget_kept_pack(self.kept_dir)
            log.error("no content pack of the hall or the config dir is usable: the bundled pack plays")
            return BUNDLED
        runtime.pack, runtime.source = choice.pack, choice.source
        if choice.directory == self.kept_dir:
            log.error(
                "content pack from %s: this kiosk's copy of its last good pack (%s, version %s)",
                choice.origin,
                choice.digest,
                choice.pack.meta.version,
            )
        else:
            self.to_keep = choice
            log.info("content pack from %s (%s), %s", choice.origin, choice.digest, choice.directory)
        return choice.origin

    def attach(self, window: ShellWindow, origin: str) -> FleetLink:
        return FleetLink(window, self, origin)


def plan_run(options: RunOptions, locations: Locations) -> RunPlan:
    """Safe mode (asked for, or after a crash loop), the hall, and where status goes; each logged."""
    fleet = resolve_fleet(locations.config_dir)
    for problem in fleet.problems:
        log.error("fleet settings: %s", problem)
    journal = StartJournal(locations.data_dir)
    crash_reason = journal.begin(time.time())
    safe_reason = _asked_for_safe_mode() if options.safe else crash_reason
    if safe_reason is not None:
        log.warning(
            "SAFE MODE (%s): bundled content and playlists, no hall or staff files; staff mode stays "
            "reachable. Fix the cause, then restart the kiosk.",
            safe_reason,
        )
    status_dir = options.status_dir or fleet.status_dir or locations.data_dir / STATUS_DIR_NAME
    return RunPlan(
        fleet=fleet,
        journal=journal,
        safe_reason=safe_reason,
        content_pinned=options.content is not None,
        status_dir=status_dir,
        status_every_s=options.status_every_s or STATUS_EVERY_S,
        started_at=time.time(),
        loaded_config_hash=layers_hash(fleet.layers()),
        kept_dir=locations.data_dir / KEPT_PACK_DIR,
    )


def _asked_for_safe_mode() -> str:
    """Why `--safe`: by hand, or systemd's OnFailure= after the kiosk unit failed (it says which)."""
    failed_unit = os.environ.get("MONITOR_UNIT")
    if not failed_unit:
        return "asked for with --safe"
    result = os.environ.get("MONITOR_SERVICE_RESULT", "?")
    exit_status = os.environ.get("MONITOR_EXIT_STATUS", "?")
    return f"started by systemd because {failed_unit} failed ({result}, exit status {exit_status})"


class FleetLink(QObject):
    """Lives on the shell window: switches content packs, writes the status file."""

    # The configuration on disk differs from what was last loaded, and no file event said so (it
    # landed before the watcher was armed, or the watcher missed it): reload, as for SIGHUP.
    missed_change = Signal()

    def __init__(self, window: ShellWindow, plan: RunPlan, origin: str) -> None:
        super().__init__(window)
        self.window = window
        self.plan = plan
        self.content_origin = origin
        self.loaded_config_hash = plan.loaded_config_hash
        self.refusals = plan.refusals
        self._status_error: str | None = None
        # The one injection point for today's statistics summary (issue 10): a callable returning a
        # JSON-ready dict, or None; its result is the status file's `today`.
        self.today_source: Callable[[], dict[str, Any] | None] | None = None
        # And for the opening hours: whether the screen is dark because the hall is closed.
        self.dark_source: Callable[[], bool] | None = None
        self.errors = RecentRecords(logging.ERROR, KEPT_ERRORS)
        logging.getLogger().addHandler(self.errors)
        self.destroyed.connect(lambda: logging.getLogger().removeHandler(self.errors))
        self._timer = QTimer(self)
        self._timer.setInterval(round(plan.status_every_s * 1000))
        self._timer.timeout.connect(self.write_status)
        self._timer.start()
        window.player.first_frame_painted.connect(self._on_screen)
        # The hall's emergency message, read on every reload; shown in safe mode too.
        self.emergency = EmergencyGuard(window.screens, plan.fleet.config_dir, window.player.clock, self)
        self.emergency.changed.connect(self.write_status)
        # The hall console shows staff in, dark or the message within seconds, not at the minute.
        self._status_soon = QTimer(self)
        self._status_soon.setSingleShot(True)
        self._status_soon.setInterval(STATUS_AFTER_CHANGE_MS)
        self._status_soon.timeout.connect(self.write_status)
        window.screens.changed.connect(lambda _old, _new: self._status_soon.start())
        # For the hall console: what this kiosk shows, beside its status file.
        self.thumbnails = ScreenThumbnails(
            window,
            lambda: thumbnail_path(plan.status_dir, resolve_fleet(plan.fleet.config_dir).kiosk_id),
            self,
        )

    @staticmethod
    def of(window: ShellWindow) -> FleetLink | None:
        return window.findChild(FleetLink)

    @property
    def safe(self) -> bool:
        return self.plan.safe

    def _on_screen(self) -> None:
        if self.plan.to_keep is not None:
            keep_pack(self.plan.kept_dir, self.plan.to_keep)
            self.plan.to_keep = None
        self.write_status()
        QTimer.singleShot(round(HEALTHY_AFTER_S * 1000), self.plan.journal.healthy)

    def stopped_cleanly(self) -> None:
        self.plan.journal.healthy()
        self.write_status()

    # Content ------------------------------------------------------------------------------

    def next_pack(self) -> PackSwitch | None:
        """A file event or a reload: the new whole pack to switch to, or None to keep the current one
        (the last good one, when the newest is refused)."""
        fleet = resolve_fleet(self.plan.fleet.config_dir)
        self.loaded_config_hash = layers_hash(fleet.layers())
        if self.safe or self.plan.content_pinned:
            return None
        if not content_dirs(fleet):
            self.refusals = []
            if self.content_origin == BUNDLED:
                return None
            forget_kept_pack(self.plan.kept_dir)
            source = ResourceSource()
            return PackSwitch(BUNDLED, load_pack(source), source, pack_digest(source))
        found = survey(fleet, self.plan.font_chars(), time.time())
        refusals = still_refused(self.refusals, found.refusals)
        for refusal in refusals:
            if refusal not in self.refusals:
                log.warning(
                    "content pack in %s not switched, the current one keeps playing: %s",
                    refusal.origin,
                    refusal.reason,
                )
        self.refusals = refusals
        choice = found.choice
        if refusals or choice is None or choice.digest == self.window.state.digest:
            return None
        keep_pack(self.plan.kept_dir, choice)
        return PackSwitch(choice.origin, choice.pack, choice.source, choice.digest)

    def switch(self, new: PackSwitch) -> None:
        """Every follower of the kiosk's state moves to the new pack."""
        self.content_origin = new.origin
        self.window.state.switch_pack(new.pack, new.source, new.digest)
        log.info("content pack switched to the one from %s (%s)", new.origin, new.digest)

    # Status -------------------------------------------------------------------------------

    def status(self) -> KioskStatus:
        fleet = resolve_fleet(self.plan.fleet.config_dir)
        now = time.time()
        cue = self.window.player.cue
        handle = self.window.windowHandle()
        today = None
        if self.today_source is not None:
            try:
                today = self.today_source()
            except Exception:
                log.exception("today's statistics summary failed; the status file goes without it")
        return KioskStatus(
            kiosk_id=fleet.kiosk_id,
            kiosk_name=fleet.kiosk_name,
            version=__version__,
            written_at=utc_text(dt.datetime.fromtimestamp(now, dt.UTC)),
            started_at=utc_text(dt.datetime.fromtimestamp(self.plan.started_at, dt.UTC)),
            uptime_s=round(now - self.plan.started_at),
            mode="safe" if self.safe else "normal",
            safe_reason=self.plan.safe_reason,
            content_origin=self.content_origin,
            content_hash=self.window.state.digest,
            content_version=self.window.state.pack.meta.version,
            refused_packs=[refused_pack(refusal) for refusal in self.refusals],
            config_hash=layers_hash(fleet.layers()),
            hall_config_hash=layers_hash(fleet.hall_layers()) if fleet.hall_dir is not None else None,
            local_overrides=layer_files(fleet.config_dir) if fleet.hall_dir is not None else [],
            now_playing=NowPlaying(cue.playlist_id, cue.slide) if cue is not None else None,
            screen_on=self.window.isVisible()
            and handle is not None
            and handle.isExposed()
            and not (self.dark_source is not None and self.dark_source()),
            last_errors=[error_note(record) for record in self.errors.records],
            today=today,
            emergency=self._emergency_note(),
            screen=str(self.window.screens.state),
            display_only=self.window.state.settings.display_only,
        )

    def _emergency_note(self) -> EmergencyNote | None:
        message = self.emergency.current()
        if message is None:
            return None
        return EmergencyNote(message.id, message.en.title, message.ends_at, self.emergency.on_screen())

    def write_status(self) -> None:
        status = self.status()
        if status.config_hash != self.loaded_config_hash and not self.safe:
            log.info("configuration changed on disk without a file event; reloading")
            self.loaded_config_hash = status.config_hash
            self.missed_change.emit()
            status = self.status()
        try:
            write_status(self.plan.status_dir, status)
        except OSError as error:
            # Logged once per kind: a missing folder must not flood the log every minute.
            if self._status_error != error.strerror:
                log.error("cannot write the status file in %s: %s", self.plan.status_dir, error.strerror)
                self._status_error = error.strerror
