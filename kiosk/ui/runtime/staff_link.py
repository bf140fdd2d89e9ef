"""Connects staff mode to a running kiosk: what a save changes, and what "quit" does."""

from __future__ import annotations

import logging

import msgspec
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock, ManualClock
from kiosk.playlist.models import Playlist
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.settings import Locations
from kiosk.system.pin import PinStore
from kiosk.ui.runtime.config_watch import ConfigWatcher
from kiosk.ui.runtime.input_router import Route
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.gate import StaffGate
from kiosk.ui.style.motion import FrameDriver

log = logging.getLogger(__name__)

PREVIEW_ID = "staff-preview"
THUMBNAIL_RENDER = QSize(1920, 1080)


def attach_staff(
    shell: ShellWindow,
    family: str,
    locations: Locations,
    clock: Clock,
    force_display_only: bool = False,
) -> StaffGate:
    """Staff mode over `shell`: the hidden gesture, the PIN pad, the editors, and the config-dir
    watcher; `force_display_only` is `kiosk run --display-only`, which no reload undoes. Every page
    reads the pack, playlists and settings from the kiosk's state when it needs them."""
    player = shell.player
    state = shell.state

    def apply() -> None:
        """Saved files take effect now, through the same reload as SIGHUP and a file copied in;
        then every staff page shows what is current."""
        reload_configuration(shell, locations.config_dir, force_display_only)
        watcher.mark_read()
        gate.panel.reloaded()

    def now_playing() -> str:
        cue = player.cue
        if cue is None:
            return "-"
        language = gate.panel.language
        if cue.playlist_id == PREVIEW_ID and player.program.preview is not None:
            playlist_name = player.program.preview.name.get(language)
        else:
            playlist_name = gate.panel.context.playlist_name(cue.playlist_id, language)
        return f"{playlist_name} · {gate.panel.context.slide_title(cue.slide, language)}"

    def thumbnail(slide_id: str) -> QPixmap:
        """Any slide's final frame at screen size, scaled down: a staff slide or the pack's."""
        staff = state.library.staff_slides
        pack = state.pack
        context = SlideContext(pack, family, FrameDriver(ManualClock()))
        try:
            if slide_id in staff.slides:
                view = build_slide(staff.slides[slide_id], context, staff.media.get(slide_id))
            else:
                view = build_slide(pack.slide(slide_id), context)
        except (ImportRefusedError, OSError) as error:
            log.warning("no thumbnail for slide %r: %s", slide_id, error)
            return QPixmap()
        view.set_language(state.settings.default_language)
        view.finish()
        image = grab(view.as_widget(), THUMBNAIL_RENDER)
        view.as_widget().deleteLater()
        return QPixmap.fromImage(image.scaledToWidth(240, Qt.TransformationMode.SmoothTransformation))

    def preview(playlist: Playlist) -> None:
        player.program.preview = msgspec.structs.replace(playlist, id=PREVIEW_ID)
        screens.preview_started()
        gate.start_preview(playlist.total_duration_s())
        log.info("previewing playlist %r", playlist.id)

    def quit_app() -> None:
        shell.allow_close = True
        shell.close()
        QApplication.quit()

    context = StaffContext(
        current_pack=lambda: state.pack,
        family=family,
        clock=clock,
        locations=locations,
        current_settings=lambda: state.settings,
        library=lambda: state.library,
        apply=apply,
        now_playing=now_playing,
        quit=quit_app,
        preview=lambda playlist: preview(playlist),
        thumbnail=thumbnail,
        current_digest=lambda: state.digest,
    )
    logging.getLogger().addHandler(context.errors)
    pins = PinStore(locations.config_dir, clock, locations.data_dir)
    context.pins = pins
    gate = StaffGate(shell, pins, context, clock)
    gate.language = state.settings.default_language

    # Staff mode asks the screen's state machine; it alone switches the screen.
    screens = shell.screens
    gate.opened.connect(screens.staff_entered)
    gate.closed.connect(screens.staff_left)
    gate.stop_preview = screens.preview_ended
    gate.stepped_aside.connect(screens.staff_stepped_aside)
    gate.showcase_showing = lambda: screens.state in (Screen.SHOWCASE, Screen.WOKEN)
    watcher = ConfigWatcher(locations.config_dir, gate)
    watcher.changed.connect(apply)
    gate.watcher = watcher
    gate.corner_tapped.connect(player.touched)
    shell.screens.layers_above += [gate.ring, gate.banner, gate.notice, gate.pinpad, gate.panel]
    shell.input.attach(Route.STAFF_GESTURE, gate.gesture_input)
    return gate
