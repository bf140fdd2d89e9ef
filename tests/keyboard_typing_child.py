"""Run by tests/test_staff_keyboard.py in a fresh process, as the kiosk runs each keyboard: opens the
keyboard window for a pre-filled English field in a Chinese panel, taps the keys of `argv[1]` and
prints what the field then holds (the keyboard's state is per process, so each run starts clean)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(letters: str) -> int:
    from PySide6.QtCore import QCoreApplication, QPointF, QSize
    from PySide6.QtQuick import QQuickItem
    from PySide6.QtTest import QTest

    from kiosk.ui.runtime.startup import start
    from kiosk.ui.staff.keyboard.keyboard_window import KeyboardWindow, enable_input_method

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = scratch  # the Pinyin engine's user dictionary
        enable_input_method()
        runtime = start(None, QSize(1080, 1920))
        window = KeyboardWindow(runtime.pack, "zh", "", "New playlist 1", QSize(1080, 1920), "en")
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        assert window.open() is None and window.dock.view is not None
        view = window.dock.view
        root = view.rootObject()
        deadline = time.monotonic() + 10
        while not root.property("typingReady") and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        print(f"selected={window.field.selectedText()}")
        device = QTest.createTouchDevice()
        for letter in letters:
            keys = {
                item.property("text"): item
                for item in root.findChildren(QQuickItem)
                if item.isVisible() and item.metaObject().indexOfProperty("key") >= 0
            }
            key = keys[letter]
            centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
            point = view.mapTo(window, centre)
            QTest.touchEvent(window, device).press(0, point, window).commit()
            QTest.touchEvent(window, device).release(0, point, window).commit()
            QCoreApplication.processEvents()
        print(f"typed={window.field.text()}")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
