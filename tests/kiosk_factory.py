"""The one way tests build a running kiosk, and the one way they touch it.

`make_kiosk(size=, playlist=, staff=, operator=, hall=, clock=, settings=, kiosk_mode=, pack=, started=)`
builds the shell with the same functions `kiosk run` uses: staff mode attached when `staff`, statistics
and opening hours when `operator`, the fleet link (content packs, status file) when `hall`; the kiosk
mode's lockdown when `kiosk_mode`; `pack` in place of the bundled one (a broken slide, say); not yet
shown or playing when not `started`. At the end of the test every kiosk it made is closed, and a
top-level widget left behind fails the test (as napari's `make_napari_viewer`).

Touches go to the window at a point, as on real glass: `touch` and `tap` with a finger (a touch
device), `click` with a pointer (a hover move, then press and release: how a mouse and a large IR
frame reporting as a mouse arrive). `advance(seconds)` moves the injected clock and fires every
poller that is due, so no test calls `player.poll()` or `gate.check()` by hand.

A process of its own (the long soak's child) has no fixture: it builds the shell with
`startup.build_kiosk` as `kiosk run` does and drives it through `KioskUnderTest` all the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest
import shiboken6
from kiosk_harness import close_shell
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.content.models import ContentPack
from kiosk.settings import SETTINGS_FILE, Locations, Settings
from kiosk.system.pin import PinStore
from kiosk.ui.runtime.fleet_link import FleetLink, plan_run
from kiosk.ui.runtime.operator import Operator, attach_operator
from kiosk.ui.runtime.options import RunOptions
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.staff_link import attach_staff
from kiosk.ui.runtime.startup import Runtime, build_kiosk
from kiosk.ui.staff.gate import HOLD_S, StaffGate
from kiosk.ui.visitor.view import NAVIGATION_GUARD_S

FINGER: QPointingDevice = QTest.createTouchDevice()
FRIDAY_NOON = dt.datetime(2024, 3, 1, 12, 0)
LANDSCAPE = QSize(1920, 1080)
PIN = "2468"
CORNER = QPoint(20, 20)
# A visitor's taps from one page to the next: just past the visitor view's guard against a double
# navigation, which the default pause after a tap (0.3 s) is not.
VISITOR_PACE_S = NAVIGATION_GUARD_S + 0.1
# Finer than any poller of the kiosk (the staff gate's hold ring polls every 50 ms at its finest,
# the others every 250 ms or more): `advance` steps at most this far before it lets them look.
POLL_STEP_S = 0.25


@dataclass
class KioskUnderTest:
    shell: ShellWindow
    clock: ManualClock
    settings: Settings
    locations: Locations
    gate: StaffGate | None = None
    operator: Operator | None = None
    link: FleetLink | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)
    closed: bool = False
    # How far `advance` moves the clock before the pollers look (a test of many examples coarsens it).
    poll_step_s: float = POLL_STEP_S

    # Time ---------------------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Time passes in steps of `poll_step_s` (by default no coarser than the kiosk's pollers),
        and each due poller fires after each step."""
        left = seconds
        while True:
            moved = min(left, self.poll_step_s)
            self.clock.advance(moved)
            left -= moved
            self._poll()
            if left <= 1e-9:
                return

    def _poll(self) -> None:
        shell = self.shell
        shell.player.context.driver.tick()
        if shell.showing_visitor_pages():
            shell.visitor.idle.check()
        elif shell.stack.currentWidget() is shell.player:
            shell.player.poll()
        if self.gate is not None:
            self.gate.check()
        if self.operator is not None:
            self.operator.guard.check()
        if self.link is not None:
            self.link.emergency.tick()
        if self.shell.lockdown is not None:
            self.shell.lockdown.cursor.check()
        QApplication.processEvents()

    # Fingers and pointers -------------------------------------------------------------------

    def at(self, widget: QWidget, point: QPoint | None = None) -> QPoint:
        """Where `widget`'s centre (or `point` in it) is on the window."""
        return widget.mapTo(self.shell, point if point is not None else widget.rect().center())

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self.shell, FINGER).press(0, point, self.shell).commit()
        QApplication.processEvents()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self.shell, FINGER).release(0, point, self.shell).commit()
        QApplication.processEvents()

    def touch(self, points: list[QPoint]) -> None:
        """One finger down at the first point, along the rest, up at the last; points in window pixels."""
        self.press(points[0])
        for point in points[1:]:
            QTest.touchEvent(self.shell, FINGER).move(0, point, self.shell).commit()
        self.release(points[-1])

    def tap(self, widget: QWidget, after_s: float = 0.3) -> None:
        """A finger on `widget`'s centre, then a moment passes as it would for a person."""
        self.touch([self.at(widget)])
        self.advance(after_s)

    def swipe(self, widget: QWidget, dx: int, after_s: float = 0.3) -> None:
        """A finger drawn `dx` pixels sideways across `widget`'s centre."""
        start = self.at(widget)
        self.touch([start, start + QPoint(dx // 2, 0), start + QPoint(dx, 0)])
        self.advance(after_s)

    def click(self, widget: QWidget, after_s: float = 0.3) -> None:
        """A pointer moves over `widget` and clicks it: a mouse, or an IR frame that reports as one."""
        self.click_at(self.at(widget))
        self.advance(after_s)

    def click_at(self, point: QPoint) -> None:
        """A pointer moves to `point` (window pixels) and clicks."""
        handle = self.shell.windowHandle()
        assert handle is not None, "the kiosk is shown"
        QTest.mouseMove(handle, point)
        QApplication.processEvents()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        QApplication.processEvents()
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        QApplication.processEvents()

    # Staff ---------------------------------------------------------------------------------

    @property
    def staff(self) -> StaffGate:
        assert self.gate is not None, "made with staff=True"
        return self.gate

    def set_pin(self, pin: str = PIN) -> None:
        PinStore(self.locations.config_dir, self.clock).set_pin(pin)

    def hold_corner(self, seconds: float = HOLD_S + 0.1) -> None:
        """Staff's gesture: a finger held on the top-left corner."""
        self.press(CORNER)
        self.advance(seconds)
        self.release(CORNER)

    def shortcut(self) -> None:
        """Staff's other gesture: Ctrl+Alt+S on a keyboard."""
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        QTest.keyClick(self.shell, Qt.Key.Key_S, modifiers)
        QApplication.processEvents()

    def enter_pin(self, pin: str = PIN) -> None:
        pinpad = self.staff.pinpad
        for digit in pin:
            self.tap(pinpad.keys[digit])
        self.tap(pinpad.keys["ok"])

    def open_staff(self, pin: str = PIN) -> StaffGate:
        """A PIN is set; staff hold the corner and enter it; the panel is on screen."""
        self.set_pin(pin)
        self.hold_corner()
        self.enter_pin(pin)
        assert self.staff.panel.isVisible(), "the PIN opens the panel"
        return self.staff

    def close(self) -> None:
        """Once: the fixture closes whatever a test has not (a window a test tore down is gone already)."""
        closers, self.closers = self.closers, []
        if self.closed:
            return
        self.closed = True
        for closer in reversed(closers):
            closer()
        if shiboken6.isValid(self.shell):
            close_shell(self.shell)


MakeKiosk = Callable[..., KioskUnderTest]


def top_level_widgets() -> set[int]:
    return {id(widget) for widget in QApplication.topLevelWidgets()}


@pytest.fixture
def make_kiosk(qapp: QApplication, runtime: Runtime, tmp_path: Path) -> Iterator[MakeKiosk]:
    made: list[KioskUnderTest] = []
    before = top_level_widgets()

    def make(
        size: QSize = LANDSCAPE,
        playlist: str | None = None,
        staff: bool = False,
        operator: bool = False,
        hall: bool = False,
        clock: ManualClock | None = None,
        settings: Settings | None = None,
        kiosk_mode: bool = False,
        pack: ContentPack | None = None,
        started: bool = True,
    ) -> KioskUnderTest:
        # The first kiosk's files are where the `locations` fixture says; further ones beside them.
        folder = tmp_path / f"kiosk-{len(made)}" if made else tmp_path
        locations = Locations(config_dir=folder / "config", data_dir=folder / "data")
        locations.config_dir.mkdir(parents=True, exist_ok=True)
        chosen = settings or Settings()
        if settings is not None:
            # On disk too, as staff would have saved them: a reload reads them again.
            (locations.config_dir / SETTINGS_FILE).write_bytes(msgspec.json.encode(chosen))
        moment = clock or ManualClock(start=FRIDAY_NOON)
        plan = plan_run(RunOptions(), locations) if hall else None
        # The hall's pack is chosen at start into a Runtime: its own copy, not the session's.
        own = dataclasses.replace(runtime, pack=pack or runtime.pack) if hall or pack else runtime
        origin = plan.choose_content(own) if plan is not None else ""
        shell = build_kiosk(own, moment, locations, chosen, kiosk_mode=kiosk_mode, forced_playlist=playlist)
        kiosk = KioskUnderTest(shell, moment, chosen, locations)
        if operator:
            kiosk.operator = attach_operator(shell, locations, moment)
            kiosk.closers.append(kiosk.operator.close)
        if plan is not None:
            kiosk.link = plan.attach(shell, origin)
        shell.resize(size)
        if started:
            shell.show()
        if staff:
            gate = attach_staff(shell, runtime.family, locations, moment)
            kiosk.gate = gate
            if kiosk.operator is not None:
                kiosk.operator.watch_staff(gate)
        made.append(kiosk)
        if not started:
            return kiosk
        shell.player.start()
        QApplication.processEvents()
        if kiosk.operator is not None:
            kiosk.operator.guard.check()
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    left = [
        widget for widget in QApplication.topLevelWidgets() if id(widget) not in before and widget.isVisible()
    ]
    assert not left, f"top-level widgets left behind: {[type(widget).__name__ for widget in left]}"
