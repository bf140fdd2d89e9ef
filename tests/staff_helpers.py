"""Staff-mode test helpers: a running kiosk with staff mode, touches, the PIN, typing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, TypeVar

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from PySide6.QtCore import QPoint, QSize, SignalInstance
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton, QWidget

from kiosk.clock import ManualClock
from kiosk.playlist.models import Playlist
from kiosk.settings import Locations
from kiosk.system.pin import PinStore
from kiosk.ui.runtime.config_watch import ConfigWatcher
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.staff.gate import StaffGate
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.widgets import StaffPage

PIN = "2468"
PageT = TypeVar("PageT", bound=StaffPage)
DEVICE = QTest.createTouchDevice()


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    return Locations(config_dir=tmp_path / "config", data_dir=tmp_path / "data")


LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)


@pytest.fixture
def staff_kiosk(
    make_kiosk: MakeKiosk, locations: Locations, request: pytest.FixtureRequest
) -> KioskUnderTest:
    """A running kiosk with staff mode attached, its files at `locations`; parametrize indirectly
    with a QSize for portrait."""
    kiosk = make_kiosk(staff=True, size=getattr(request, "param", LANDSCAPE))
    assert kiosk.locations == locations, "the staff tests look for the kiosk's files there"
    return kiosk


def staff_page(gate: StaffGate, name: str, kind: type[PageT]) -> PageT:
    """Staff mode's page `name`, built if need be, as the class it is."""
    page = gate.panel.page(name)
    assert isinstance(page, kind), name
    return page


def edited_playlist(page: PlaylistsPage) -> Playlist:
    """The playlist open in the editor, as edited so far."""
    assert page.draft is not None, "a playlist is open"
    return page.draft.value


def config_changes(gate: StaffGate) -> SignalInstance:
    """Emitted when a file in the config dir changed (staff mode is attached, so it watches)."""
    assert isinstance(gate.watcher, ConfigWatcher)
    return gate.watcher.changed


def press(window: QWidget, point: QPoint) -> None:
    QTest.touchEvent(window, DEVICE).press(0, point, window).commit()
    QApplication.processEvents()


def release(window: QWidget, point: QPoint) -> None:
    QTest.touchEvent(window, DEVICE).release(0, point, window).commit()
    QApplication.processEvents()


def tap(widget: QWidget, clock: ManualClock, point: QPoint | None = None) -> None:
    """A finger's tap. QTest delivers touch at once, so press and release reach the widget in one go:
    were events processed between them, a loaded machine could stall that long past a stepper's
    auto-repeat delay (a real-time Qt timer) and count the tap twice."""
    window = widget.window()
    at = widget.mapTo(window, point or widget.rect().center())
    QTest.touchEvent(window, DEVICE).press(0, at, window).commit()
    QTest.touchEvent(window, DEVICE).release(0, at, window).commit()
    QApplication.processEvents()
    clock.advance(0.3)


def tap_list_item(widget: QListWidget, row: int, clock: ManualClock) -> None:
    widget.scrollToItem(widget.item(row))  # as a finger would scroll the list first
    QApplication.processEvents()
    rect = widget.visualItemRect(widget.item(row))
    tap(widget.viewport(), clock, rect.center())


def hold_corner(shell: ShellWindow, gate: StaffGate, clock: ManualClock, seconds: float = 3.1) -> None:
    corner = QPoint(20, 20)
    press(shell, corner)
    clock.advance(seconds)
    gate.check()
    release(shell, corner)


def enter_pin(gate: StaffGate, clock: ManualClock, pin: str) -> None:
    for digit in pin:
        tap(gate.pinpad.keys[digit], clock)
    tap(gate.pinpad.keys["ok"], clock)


def open_playlists(
    shell: ShellWindow, gate: StaffGate, clock: ManualClock, locations: Locations
) -> PlaylistsPage:
    """A PIN is set; staff hold the corner and enter it; the playlists editor is on screen."""
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, PIN)
    assert gate.panel.isVisible()
    return staff_page(gate, "playlists", PlaylistsPage)


def open_staff_tab(
    shell: ShellWindow, gate: StaffGate, clock: ManualClock, locations: Locations, name: str
) -> Any:
    """Staff open staff mode with the PIN and tap the tab `name`; its page is on screen."""
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, f"staff-tab-{name}"), clock)
    return gate.panel.page(name)


def type_text(field: QLineEdit, text: str) -> None:
    """The one way tests type into a staff text field: Latin text as real key clicks; Chinese as
    what an input method sends when a word is picked (a commit), since no key makes 欢."""
    field.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            QTest.keyClicks(field, run)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(run)
            QApplication.sendEvent(field, commit)
    QApplication.processEvents()


def button(root: QWidget, name: str) -> QPushButton:
    found = root.findChild(QPushButton, name)
    assert found is not None, name
    return found


def replacement_full_playlist(first_slide: str) -> bytes:
    return json.dumps(
        {
            "schema_version": 1,
            "id": "full",
            "name": {"zh": "技术员版本", "en": "Technician's copy"},
            "items": [{"slide": first_slide, "duration_s": 7}, {"slide": "title_regional", "duration_s": 7}],
        }
    ).encode()


def write_by_rename(path: Path, data: bytes) -> None:
    """How editors and file copies replace a file: a new one renamed over the old."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
