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
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.icons import registry
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.style.resources import bundled_playlists, load_bundled_fonts
from kiosk.ui.visitor.view import VisitorView


@dataclass
class Runtime:
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


def build_showcase(
    runtime: Runtime,
    clock: Clock,
    locations: Locations | None,
    settings: Settings,
    forced_playlist: str | None = None,
) -> ShowcasePlayer:
    """The attract loop on its playlists, from the bundled defaults and the staff's copies."""
    slide_ids = [slide.id for slide in runtime.pack.slides]
    config_dir = locations.config_dir if locations else None
    library = load_library(bundled_playlists(), config_dir, set(slide_ids), now=clock.now())
    program = Program(library, slide_ids, forced_playlist, default_durations(runtime.pack))
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(clock), settings.reduced_motion)
    player = ShowcasePlayer(context, program, settings.default_language, settings.display_only)
    player.set_language(settings.default_language)
    return player


def build_shell(
    runtime: Runtime, player: ShowcasePlayer, settings: Settings, kiosk_mode: bool
) -> ShellWindow:
    """The window: the showcase, and the visitor pages a touch opens."""
    visitor = VisitorView(
        runtime.pack,
        runtime.family,
        player.context.driver,
        settings.idle_timeout_s,
        settings.idle_countdown_s,
        settings.reduced_motion,
    )
    return ShellWindow(player, visitor, kiosk_mode, settings.default_language)


def warm_up() -> None:
    """Load what the first frame did not need: the icon font, and pyqtgraph for the charts."""
    registry().load()
    import kiosk.ui.widgets.charts  # noqa: F401 - imported for its side effect of loading pyqtgraph
