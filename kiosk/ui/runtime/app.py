"""`kiosk run`: the process around the window, from the first log line to a clean exit."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import msgspec
from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.clock import SystemClock
from kiosk.settings import Locations, Settings, load_settings
from kiosk.storage import sweep_stale_leftovers, unwritable_reason
from kiosk.system.crash import enable_fatal_log, install_exception_logging
from kiosk.system.logs import setup_logging
from kiosk.system.process import peak_rss_mib, seconds_since_process_start
from kiosk.system.stats_report import today_summary
from kiosk.timing.frame_stats import FrameStats
from kiosk.ui.runtime.fleet_link import plan_run
from kiosk.ui.runtime.heap_trim import HeapTrimmer
from kiosk.ui.runtime.operator import attach_operator
from kiosk.ui.runtime.options import RunOptions
from kiosk.ui.runtime.prebuild import PagePrebuilder
from kiosk.ui.runtime.qt_messages import route_qt_messages_to_log
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.signals import SignalRelay
from kiosk.ui.runtime.startup import apply_style, build_kiosk, start, warm_up
from kiosk.ui.runtime.systemd import SystemdLink

log = logging.getLogger(__name__)


def run_kiosk(options: RunOptions, locations: Locations, process_start: float) -> int:
    """Show the showcase, full-screen unless windowed, until quit or a signal."""
    setup_logging(locations.log_dir)
    read_only = unwritable_reason(locations.config_dir)
    if read_only is not None:
        # Said once here, not once per save: a staff member would otherwise learn it only at a save.
        log.warning("staff saves will fail: %s", read_only)
    sweep_stale_leftovers(locations.config_dir, locations.data_dir)
    install_exception_logging()
    enable_fatal_log(locations.log_dir)
    route_qt_messages_to_log()
    size = QSize(*options.size) if options.size else None
    # Safe mode (asked for, or after repeated crashes) reads no hall or staff file at all.
    plan = plan_run(options, locations)
    runtime = start(None if plan.safe else options.content, size)
    origin = plan.choose_content(runtime)
    signals = SignalRelay(runtime.app)
    signals.install()
    settings = initial_settings(locations, plan.safe, options.display_only)
    window = build_kiosk(
        runtime,
        SystemClock(),
        None if plan.safe else locations,
        settings,
        kiosk_mode=options.kiosk_mode,
        forced_playlist=None if plan.safe else options.playlist,
    )
    player = window.player
    operator = attach_operator(window, locations, SystemClock())
    show_window(window, options, size)
    screen = window.screen()
    if size is None and not options.windowed and screen is not None:
        # Full screen on a screen that may not be 1920x1080: the style sheet's sizes are the screen's.
        # Its size, not the window's: a window manager may apply full screen only later.
        apply_style(runtime.app, runtime.family, screen.size())
    fleet_link = plan.attach(window, origin)
    if settings.stats_enabled:
        fleet_link.today_source = lambda: today_summary(locations.data_dir, SystemClock().now())
    fleet_link.dark_source = lambda: operator.guard.state == "dark"
    operator.guard.state_changed.connect(lambda _state: fleet_link.write_status())
    systemd = SystemdLink(runtime.app)

    def attach_staff_mode() -> None:
        # Built after the first frame, which does not need it.
        from kiosk.ui.runtime.staff_link import attach_staff

        gate = attach_staff(
            window, runtime.family, locations, SystemClock(), force_display_only=options.display_only
        )
        operator.watch_staff(gate)

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
    # What transitions and visits freed goes back to the kernel whenever the screen is still.
    HeapTrimmer(player.context.driver, window)
    player.start()

    def quit_cleanly() -> None:
        window.allow_close = True
        window.close()
        runtime.app.quit()

    def reload() -> None:
        reload_configuration(window, locations.config_dir, options.display_only)

    signals.quit_requested.connect(quit_cleanly)
    signals.reload_requested.connect(reload)
    fleet_link.missed_change.connect(reload)
    if options.exit_after_s is not None:
        QTimer.singleShot(round(options.exit_after_s * 1000), quit_cleanly)
    status = runtime.app.exec()
    systemd.stopping()
    fleet_link.stopped_cleanly()
    signals.uninstall()
    operator.close()
    if options.stats_json is not None:
        write_run_stats(options.stats_json, player.stats, process_start)
    # Tear the window down while Qt and Python are both whole, not during interpreter exit.
    window.input.release()
    player.stop()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    log.info("kiosk stopped with status %s", status)
    return status


def initial_settings(locations: Locations, safe: bool, force_display_only: bool) -> Settings:
    """The staff's settings (defaults in safe mode, or when refused), with `--display-only` on top."""
    settings, problems = (Settings(), []) if safe else load_settings(locations.config_dir)
    for problem in problems:
        log.error("settings refused, using defaults: %s", problem)
    if force_display_only:
        return msgspec.structs.replace(settings, display_only=True)
    return settings


def show_window(window: ShellWindow, options: RunOptions, size: QSize | None) -> None:
    if size is not None:
        window.resize(size)
        window.show()
    elif options.windowed:
        window.resize(1920 // 2, 1080 // 2)
        window.show()
    else:
        # Without a window manager (cage, a bare X server) nobody resizes a full-screen window
        # for us, so it is placed over the whole screen first.
        screen = window.screen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()


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
