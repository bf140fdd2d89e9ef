"""Connects staff mode to a running kiosk: what a save changes, and what "quit" does."""

from __future__ import annotations

import dataclasses
import logging

import msgspec
from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock, ManualClock
from kiosk.content.loader import pack_digest
from kiosk.playlist.models import Playlist
from kiosk.settings import Locations, Settings
from kiosk.system.pin import PinStore
from kiosk.ui.app import Runtime
from kiosk.ui.config_watch import ConfigWatcher
from kiosk.ui.motion import FrameDriver
from kiosk.ui.reload import reload_configuration
from kiosk.ui.render import grab
from kiosk.ui.shell import ShellWindow
from kiosk.ui.showcase.slides import SlideContext, build_slide
from kiosk.ui.staff.gate import StaffGate
from kiosk.ui.staff.panel import StaffContext

log = logging.getLogger(__name__)

PREVIEW_ID = "staff-preview"
THUMBNAIL_RENDER = QSize(1920, 1080)


def attach_staff(
    shell: ShellWindow,
    runtime: Runtime,
    settings: Settings,
    locations: Locations,
    clock: Clock,
    force_display_only: bool = False,
) -> StaffGate:
    """Staff mode over `shell`: the hidden gesture, the PIN pad, the editors, and the config-dir
    watcher; `force_display_only` is `kiosk run --display-only`, which no reload undoes."""
    player = shell.player
    forced_at_start = player.program.forced_playlist

    def apply() -> None:
        """Saved files take effect now, through the same reload as SIGHUP and a file copied in."""
        reload_configuration(shell, locations.config_dir, force_display_only)

    def now_playing() -> str:
        cue = player.cue
        return f"{cue.playlist_id} · {cue.slide}" if cue is not None else "-"

    def thumbnail(slide_id: str) -> QPixmap:
        slide = next(item for item in runtime.pack.slides if item.id == slide_id)
        view = build_slide(slide, SlideContext(runtime.pack, runtime.family, FrameDriver(ManualClock())))
        view.set_language(settings.default_language)
        view.finish()
        image = grab(view, THUMBNAIL_RENDER)
        view.deleteLater()
        return QPixmap.fromImage(image.scaledToWidth(240))

    def preview(playlist: Playlist) -> None:
        library = player.program.library
        previewing = dataclasses.replace(
            library,
            playlists={**library.playlists, PREVIEW_ID: msgspec.structs.replace(playlist, id=PREVIEW_ID)},
        )
        player.program.library = previewing
        player.program.forced_playlist = PREVIEW_ID
        gate.panel.hide()
        if shell.showing_visitor_pages():
            shell.return_to_showcase()
        player.restart()
        log.info("previewing playlist %r", playlist.id)

    def end_preview() -> bool:
        if player.program.forced_playlist != PREVIEW_ID:
            return False
        player.program.forced_playlist = forced_at_start
        apply()
        gate.panel.show()
        gate.panel.raise_()
        gate.idle.touch()
        return True

    def quit_app() -> None:
        shell.allow_close = True
        shell.close()
        QApplication.quit()

    context = StaffContext(
        pack=runtime.pack,
        family=runtime.family,
        clock=clock,
        locations=locations,
        settings=settings,
        library=lambda: player.program.library,
        apply=apply,
        now_playing=now_playing,
        quit=quit_app,
        preview=lambda playlist: preview(playlist),
        thumbnail=thumbnail,
        pack_digest=pack_digest(runtime.source),
    )
    logging.getLogger().addHandler(context.errors)
    gate = StaffGate(shell, runtime.pack, PinStore(locations.config_dir, clock), context, clock)
    gate.language = settings.default_language

    def leave_staff_mode() -> None:
        if shell.showing_visitor_pages():
            shell.return_to_showcase()
        else:
            player.restart()

    gate.closed.connect(leave_staff_mode)
    gate.end_preview = end_preview
    watcher = ConfigWatcher(locations.config_dir, gate)
    watcher.changed.connect(apply)
    gate.watcher = watcher
    gate.opened.connect(lambda: shell.visitor.idle.stop())
    QApplication.instance().installEventFilter(gate)
    return gate
