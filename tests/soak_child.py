"""Child process for test_soak.py's long soak: the kiosk alone in a fresh interpreter, as in the hall.

    python tests/soak_child.py HOURS CAP_MINUTES

Runs `soak_day.soak` for HOURS simulated hours (at most CAP_MINUTES of real time) and prints its
samples. Exits 1 with what grew, like the in-process soak's assertion. Run inside the long-mode
test process, the soak measured what the tests before it had left in the allocator's heap as well
as the kiosk (benchmarks/README.md, "The long soak"): RSS that rose for an hour and then wandered by
40 MiB, with the kiosk's objects flat. Qt warnings go to stderr, which the parent test requires
empty, as Qt warnings fail the tests.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk_factory import FRIDAY_NOON, LANDSCAPE, KioskUnderTest
from kiosk_harness import every_slide_playlist
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from soak_day import LONG_WARM_UP_CYCLES, soak

from kiosk.clock import ManualClock
from kiosk.settings import Locations, Settings
from kiosk.ui.runtime.startup import build_kiosk, start, warm_up

# The offscreen platform cannot forward window size hints (pyproject.toml's qt_log_ignore).
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def report_qt_warning(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
    if not quiet and not message.startswith(IGNORED_QT_MESSAGES):
        print(f"Qt {kind.name}: {message}", file=sys.stderr)


def main() -> None:
    hours, cap_minutes = float(sys.argv[1]), float(sys.argv[2])
    warnings.simplefilter("error")
    qInstallMessageHandler(report_qt_warning)
    runtime = start()
    warm_up()
    with tempfile.TemporaryDirectory() as scratch:
        # No fixture in a process of its own: the shell as `kiosk run` builds it, driven as tests drive it.
        locations = Locations(config_dir=Path(scratch) / "config", data_dir=Path(scratch) / "data")
        clock, settings = ManualClock(start=FRIDAY_NOON), Settings()
        playlist = every_slide_playlist(runtime, locations.config_dir)
        shell = build_kiosk(runtime, clock, locations, settings, kiosk_mode=False, forced_playlist=playlist)
        shell.resize(LANDSCAPE)
        shell.show()
        shell.player.start()
        QApplication.processEvents()
        kiosk = KioskUnderTest(shell, clock, settings, locations)
        try:
            soak(
                kiosk,
                cycles=10**9,
                simulated_s=hours * 3600,
                real_cap_s=cap_minutes * 60,
                warm_up_cycles=LONG_WARM_UP_CYCLES,
            )
        except AssertionError as failure:
            print(f"FAILED: {failure}", flush=True)
            raise SystemExit(1) from None
        finally:
            kiosk.close()


if __name__ == "__main__":
    main()
