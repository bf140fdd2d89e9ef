"""`kiosk hall HALL_DIR [--status DIR]`: the console's process."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.fleet.cards import hall_folder_problem
from kiosk.ui.hall.window import HallWindow
from kiosk.ui.style.resources import load_bundled_fonts

STATUS_BESIDE_HALL = "hall-status"


def status_folder(hall_dir: Path, given: Path | None) -> Path:
    """The status folder: the one given, or `hall-status` beside the hall folder (packaging/README)."""
    return given if given is not None else hall_dir.parent / STATUS_BESIDE_HALL


def hall_command(hall_dir: Path, status: Path | None) -> int:
    problem = hall_folder_problem(hall_dir)
    status_dir = status_folder(hall_dir, status)
    if problem is None and not status_dir.is_dir():
        problem = f"{status_dir} is not a folder: give the kiosks' status folder with --status DIR."
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    window = HallWindow(hall_dir, status_dir, load_bundled_fonts())
    window.resize(1366, 768)
    window.show()
    return app.exec()
