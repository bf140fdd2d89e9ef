"""Run by tests/test_staff_keyboard.py in a fresh process: what the kiosk process loads of the keyboard.

Starts the kiosk as `kiosk run` does, shows the showcase for a second and reports what is loaded; then
taps a staff field with the keyboard attached (which starts `kiosk keyboard` in its own process) and
reports again. Prints key=value lines.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def quick_loaded() -> str:
    """Qt Quick as the process holds it: Python bindings imported and Qt libraries mapped."""
    modules = [name for name in sys.modules if name.startswith(("PySide6.QtQuick", "PySide6.QtQml"))]
    maps = Path("/proc/self/maps").read_text(encoding="utf-8")
    libraries = sorted(
        {name for name in ("libQt6Quick.so", "libQt6VirtualKeyboard", "libqtvkb") if name in maps}
    )
    return ",".join(sorted(modules) + libraries) or "none"


def main() -> int:
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from kiosk.clock import SystemClock
    from kiosk.settings import Locations, Settings
    from kiosk.ui.runtime.startup import build_kiosk, start
    from kiosk.ui.staff.keyboard.keyboard import KeyboardSession, attach_keyboard, close_keyboard

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = scratch
        runtime = start(None, QSize(1920, 1080))
        locations = Locations(config_dir=Path(scratch) / "config", data_dir=Path(scratch) / "data")
        settings = Settings()
        shell = build_kiosk(runtime, SystemClock(), locations, settings, kiosk_mode=False)
        player = shell.player
        shell.resize(QSize(1920, 1080))
        shell.show()
        player.start()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            QApplication.processEvents()
        print(f"input_method={os.environ.get('QT_IM_MODULE', '')}")
        print(f"visitor_quick={quick_loaded()}")
        player.stop()

        field = attach_keyboard(QLineEdit(), runtime.pack)
        field.resize(QSize(600, 88))
        field.show()
        QTest.qWaitForWindowActive(field)
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)
        session = KeyboardSession.shared()
        print(f"staff_keyboard_started={'yes' if session.busy else 'no'}")
        print(f"staff_quick={quick_loaded()}")
        close_keyboard()
        field.close()
        shell.allow_close = True
        shell.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
