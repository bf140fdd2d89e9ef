"""Application start-up: resources, fonts, theme and the pack, in the order the first frame needs."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.clock import Clock, SystemClock
from kiosk.content.loader import DirectorySource, PackSource, load_pack
from kiosk.content.models import ContentPack
from kiosk.content.reading import default_duration_s
from kiosk.playlist.program import Program
from kiosk.playlist.store import load_library
from kiosk.settings import Locations, Settings, load_settings
from kiosk.storage import sweep_stale_leftovers
from kiosk.system.crash import enable_fatal_log, install_exception_logging
from kiosk.system.logs import setup_logging
from kiosk.system.process import peak_rss_mib, seconds_since_process_start
from kiosk.system.stats_report import today_summary
from kiosk.ui import theme
from kiosk.ui.content_source import ResourceSource
from kiosk.ui.fleet_link import plan_run
from kiosk.ui.icons import registry
from kiosk.ui.motion import FrameDriver
from kiosk.ui.operator import attach_operator
from kiosk.ui.prebuild import PagePrebuilder
from kiosk.ui.qt_messages import route_qt_messages_to_log
from kiosk.ui.reload import reload_configuration
from kiosk.ui.resources import bundled_playlists, load_bundled_fonts
from kiosk.ui.shell import ShellWindow
from kiosk.ui.showcase.player import FrameStats, ShowcasePlayer
from kiosk.ui.showcase.slides import SlideContext
from kiosk.ui.signals import SignalRelay
from kiosk.ui.systemd import SystemdLink
from kiosk.ui.visitor import VisitorView

log = logging.getLogger(__name__)


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
    app.setStyleSheet(theme.style_sheet(theme.Metrics.for_size(size or QSize(1920, 1080)), family))
    source = content_source(content_dir)
    return Runtime(app=app, family=family, pack=load_pack(source), source=source)


def build_showcase(
    runtime: Runtime,
    clock: Clock,
    locations: Locations | None,
    settings: Settings,
    forced_playlist: str | None = None,
) -> ShowcasePlayer:
    """The attract loop on its playlists, from the bundled defaults and the staff's copies."""
    slide_ids = [slide.id for slide in runtime.pack.slides]
    library = load_library(bundled_playlists(), locations.config_dir if locations else None, set(slide_ids))
    durations = {slide.id: default_duration_s(slide, runtime.pack) for slide in runtime.pack.slides}
    program = Program(library, slide_ids, forced_playlist, durations)
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
    runtime.app.installEventFilter(visitor.idle)
    return ShellWindow(player, visitor, kiosk_mode, settings.default_language)


def run_kiosk(args: argparse.Namespace, locations: Locations, process_start: float) -> int:
    """`kiosk run`: show the showcase, full-screen unless windowed, until quit or a signal."""
    setup_logging(locations.log_dir)
    sweep_stale_leftovers(locations.config_dir, locations.data_dir)
    install_exception_logging()
    enable_fatal_log(locations.log_dir)
    route_qt_messages_to_log()
    size = QSize(*args.size) if args.size else None
    # Safe mode (asked for, or after repeated crashes) reads no hall or staff file at all.
    plan = plan_run(args, locations)
    runtime = start(None if plan.safe else args.content, size)
    origin = plan.choose_content(runtime)
    signals = SignalRelay(runtime.app)
    signals.install()
    settings, problems = (Settings(), []) if plan.safe else load_settings(locations.config_dir)
    for problem in problems:
        log.error("settings refused, using defaults: %s", problem)
    if args.display_only:
        settings.display_only = True
    player = build_showcase(
        runtime,
        SystemClock(),
        None if plan.safe else locations,
        settings,
        None if plan.safe else args.playlist,
    )
    window = build_shell(runtime, player, settings, kiosk_mode=not (args.windowed or size))
    operator = attach_operator(window, settings, locations, SystemClock())
    if size is not None:
        window.resize(size)
        window.show()
    elif args.windowed:
        window.resize(1920 // 2, 1080 // 2)
        window.show()
    else:
        # Without a window manager (cage, a bare X server) nobody resizes a full-screen window
        # for us, so it is placed over the whole screen first.
        screen = runtime.app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    fleet_link = plan.attach(window, runtime, origin)
    if settings.stats_enabled:
        fleet_link.today_source = lambda: today_summary(locations.data_dir, SystemClock().now())
    fleet_link.dark_source = lambda: operator.guard.state == "dark"
    operator.guard.state_changed.connect(lambda _state: fleet_link.write_status())
    systemd = SystemdLink(runtime.app)
    staff: list[QObject] = []

    def attach_staff_mode() -> None:
        # Imported here: staff mode builds on this module's Runtime, so a top-level import would be
        # circular; and it is built after the first frame, which does not need it.
        from kiosk.ui.staff.wiring import attach_staff

        staff.append(
            attach_staff(
                window, runtime, settings, locations, SystemClock(), force_display_only=args.display_only
            )
        )
        operator.watch_staff(staff[-1].opened)

    def on_screen() -> None:
        log.info("kiosk %s started (pid %d): the showcase is on screen", __version__, os.getpid())
        systemd.ready()

    player.first_frame_painted.connect(on_screen)
    player.first_frame_painted.connect(warm_up)
    player.first_frame_painted.connect(attach_staff_mode)
    # The hub is where every visit starts: build it while the showcase plays, not on the first tap.
    player.first_frame_painted.connect(lambda: QTimer.singleShot(200, lambda: window.visitor.page("hub")))
    # The topic pages too, one at a time while the showcase rests, so no first visit waits for a build.
    PagePrebuilder(window)
    player.start()

    def quit_cleanly() -> None:
        window.allow_close = True
        window.close()
        runtime.app.quit()

    signals.quit_requested.connect(quit_cleanly)
    signals.reload_requested.connect(
        lambda: reload_configuration(window, locations.config_dir, args.display_only)
    )
    fleet_link.missed_change.connect(
        lambda: reload_configuration(window, locations.config_dir, args.display_only)
    )
    if args.exit_after is not None:
        QTimer.singleShot(round(args.exit_after * 1000), quit_cleanly)
    status = runtime.app.exec()
    systemd.stopping()
    fleet_link.stopped_cleanly()
    signals.uninstall()
    operator.close()
    if args.stats_json is not None:
        write_run_stats(args.stats_json, player.stats, process_start)
    # Tear the window down while Qt and Python are both whole, not during interpreter exit.
    for gate in staff:
        runtime.app.removeEventFilter(gate)
    player.stop()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    log.info("kiosk stopped with status %s", status)
    return status


def warm_up() -> None:
    """Load what the first frame did not need: the icon font, and pyqtgraph for the charts."""
    registry().load()
    import kiosk.ui.widgets.charts  # noqa: F401 - imported for its side effect of loading pyqtgraph


def write_run_stats(path: Path, stats: FrameStats, process_start: float) -> None:
    now = time.perf_counter()
    age = seconds_since_process_start(process_start)
    first_frame_ms = (age - (now - stats.first_frame_at)) * 1000.0 if stats.first_frame_at else None
    report = {
        "first_frame_ms": round(first_frame_ms, 1) if first_frame_ms is not None else None,
        "frames": stats.frames,
        "frame_ms_p50": round(stats.percentile(0.50), 3),
        "frame_ms_p99": round(stats.percentile(0.99), 3),
        "fps_animating": round(stats.frames_per_second(), 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "slides_shown": stats.slides_shown,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
