"""Putting a kiosk together: the application with its font, theme and pack (`Runtime`), the
showcase on its playlists, and the window. Shared by `kiosk run`, `kiosk render`, the staff
preview and the tests, which is why it holds no process wiring."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock
from kiosk.content.loader import DirectorySource, PackSource, load_pack
from kiosk.content.models import ContentPack
from kiosk.content.reading import default_durations
from kiosk.playlist.program import Program
from kiosk.playlist.store import load_library
from kiosk.settings import Locations, Settings
from kiosk.ui.runtime.content_source import ResourceSource
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.state import KioskState
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.icons import registry
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.style.resources import bundled_playlists, load_bundled_fonts
from kiosk.ui.visitor.view import VisitorView


@dataclass
class Runtime:
    """The process's application and font, and the pack it loaded to start with: once a kiosk is
    built, its `KioskState` owns the current pack (a hall may switch it)."""

    app: QApplication
    family: str
    pack: ContentPack
    source: PackSource


def ensure_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(sys.argv[:1])


def content_source(content_dir: Path | None) -> PackSource:
    return DirectorySource(content_dir) if content_dir is not None else ResourceSource()


def start(content_dir: Path | None = None, size: QSize | None = None) -> Runtime:
    """Create the application with the bundled font and theme, and load the content pack."""
    app = ensure_application()
    family = load_bundled_fonts()
    base = theme.font(family, theme.BODY_PX)
    base.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(base)
    apply_style(app, family, size or QSize(1920, 1080))
    source = content_source(content_dir)
    return Runtime(app=app, family=family, pack=load_pack(source), source=source)


def apply_style(app: QApplication, family: str, size: QSize) -> None:
    """The application style sheet (type sizes, touch targets) for a screen of `size`.

    Set again only when it changes: a 4K screen needs twice the 1080p sizes, or captions and chart
    headlines come out at half size.
    """
    sheet = theme.style_sheet(theme.Metrics.for_size(size), family)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def load_state(runtime: Runtime, clock: Clock, locations: Locations | None, settings: Settings) -> KioskState:
    """The kiosk's state at start: the pack `runtime` loaded, the bundled playlists with the staff's
    copies over them, and `settings`; from here on the state alone says what is current."""
    slide_ids = {slide.id for slide in runtime.pack.slides}
    config_dir = locations.config_dir if locations else None
    library = load_library(bundled_playlists(), config_dir, slide_ids, now=clock.now())
    return KioskState(runtime.pack, runtime.source, library, settings)


def build_showcase(
    state: KioskState, family: str, clock: Clock, forced_playlist: str | None = None
) -> ShowcasePlayer:
    """The attract loop on the state's playlists, following the state from then on."""
    pack, settings = state.pack, state.settings
    slide_ids = [slide.id for slide in pack.slides]
    program = Program(state.library, slide_ids, forced_playlist, default_durations(pack))
    context = SlideContext(pack, family, FrameDriver(clock), settings.reduced_motion)
    player = ShowcasePlayer(context, program, settings.default_language, settings.display_only)
    player.set_language(settings.default_language)
    state.pack_changed.connect(player.use_pack)
    state.library_changed.connect(player.use_library)
    state.settings_changed.connect(player.use_settings)
    return player


def build_shell(state: KioskState, family: str, player: ShowcasePlayer, kiosk_mode: bool) -> ShellWindow:
    """The window: the showcase, and the visitor pages a touch opens; it owns `state` from now on."""
    settings = state.settings
    visitor = VisitorView(
        state.pack,
        family,
        player.context.driver,
        settings.idle_timeout_s,
        settings.idle_countdown_s,
        settings.reduced_motion,
    )
    return ShellWindow(state, player, visitor, kiosk_mode)


def build_kiosk(
    runtime: Runtime,
    clock: Clock,
    locations: Locations | None,
    settings: Settings,
    kiosk_mode: bool,
    forced_playlist: str | None = None,
) -> ShellWindow:
    """The whole window on its state, as `kiosk run` and the tests make it."""
    state = load_state(runtime, clock, locations, settings)
    player = build_showcase(state, runtime.family, clock, forced_playlist)
    return build_shell(state, runtime.family, player, kiosk_mode)


def warm_up() -> None:
    """Load what the first frame did not need: the icon font, and pyqtgraph for the charts."""
    registry().load()
    import kiosk.ui.widgets.charts  # noqa: F401 - imported for its side effect of loading pyqtgraph
