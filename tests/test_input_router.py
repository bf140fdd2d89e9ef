"""All of the kiosk's input goes through one application-wide filter, to its handlers in one declared
order (staff's gesture first), and the router alone decides whether a press goes on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from kiosk_factory import CORNER, KioskUnderTest, MakeKiosk
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiosk.clock import WEEKDAYS, ManualClock
from kiosk.opening_hours import OpeningHours, OpeningPeriod
from kiosk.settings import Settings
from kiosk.ui.runtime.input_router import ORDER, InputHandler, Route
from kiosk.ui.runtime.screen import Screen

CLOSING_SOON = OpeningHours(enabled=True, week={day: [OpeningPeriod("09:00", "17:00")] for day in WEEKDAYS})


def every_service(make_kiosk: MakeKiosk, at: dt.datetime) -> KioskUnderTest:
    """Kiosk mode, staff mode, statistics and opening hours: every handler there is."""
    return make_kiosk(
        staff=True,
        operator=True,
        kiosk_mode=True,
        clock=ManualClock(start=at),
        settings=Settings(opening_hours=CLOSING_SOON),
    )


def screen_of(kiosk: KioskUnderTest) -> Screen:
    """Read afresh each time (a plain attribute read narrows for the type checker)."""
    return kiosk.shell.screens.state


def count_application_filters(monkeypatch: pytest.MonkeyPatch) -> list[QObject]:
    """Every event filter installed on the application from now on."""
    installed: list[QObject] = []
    original = QApplication.installEventFilter

    def spy(app: QApplication, watcher: QObject) -> None:
        installed.append(watcher)
        original(app, watcher)

    monkeypatch.setattr(QApplication, "installEventFilter", spy)
    return installed


def test_a_kiosk_installs_one_filter_on_the_application_for_all_its_input(
    make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = count_application_filters(monkeypatch)
    kiosk = every_service(make_kiosk, dt.datetime(2024, 3, 1, 16, 58))
    kiosk.set_pin()
    visitor = kiosk.shell.visitor
    kiosk.tap(kiosk.shell.player)
    assert screen_of(kiosk) == Screen.VISITOR, "a visit, with its statistics"
    kiosk.advance(kiosk.settings.idle_timeout_s + 1)
    assert visitor.overlay.isVisible()
    kiosk.tap(visitor.overlay)
    kiosk.advance(120)
    assert screen_of(kiosk) == Screen.DARK, "closing time"
    kiosk.tap(kiosk.shell)
    assert screen_of(kiosk) == Screen.WOKEN, "a touch wakes the closed hall"
    kiosk.hold_corner()
    assert kiosk.staff.pinpad.isVisible()
    assert len(installed) == 1, f"one filter on the application, not {installed}"
    assert installed == [kiosk.shell.input]


def test_every_handler_sees_input_in_the_declared_order_whatever_the_order_they_were_attached(
    make_kiosk: MakeKiosk,
) -> None:
    # Attached in another order: the shell's own, then statistics and opening hours, staff mode last.
    kiosk = every_service(make_kiosk, dt.datetime(2024, 3, 1, 12, 0))
    router = kiosk.shell.input
    calls: list[Route] = []

    def recording(route: Route, handler: InputHandler) -> InputHandler:
        def record(watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.TouchBegin:
                calls.append(route)
            return handler(watched, event)

        return record

    for route, handler in router.handlers().items():
        router.attach(route, recording(route, handler))
    kiosk.tap(kiosk.shell.player)
    assert calls[:7] == [
        Route.STAFF_GESTURE,
        Route.LOCKDOWN,
        Route.COUNTDOWN,
        Route.POINTER_SCROLL,
        Route.IDLE_ACTIVITY,
        Route.STATISTICS,
        Route.OPENING_HOURS,
    ]


def test_a_corner_hold_during_the_countdown_reaches_staff_first(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.set_pin()
    kiosk.tap(kiosk.shell.player)
    kiosk.advance(kiosk.settings.idle_timeout_s + 1)
    assert kiosk.shell.visitor.overlay.isVisible(), "the countdown is on"
    kiosk.hold_corner()
    assert kiosk.staff.pinpad.isVisible(), "the hold is staff's, not the countdown's dismissal"
    assert screen_of(kiosk) == Screen.STAFF
    assert kiosk.shell.screens.beneath == Screen.VISITOR, "the visit waits under the PIN pad"


@pytest.mark.parametrize("pointer", [False, True], ids=["finger", "pointer"])
def test_a_press_on_the_countdown_reaches_no_control_under_it(make_kiosk: MakeKiosk, pointer: bool) -> None:
    kiosk = make_kiosk()
    visitor = kiosk.shell.visitor
    kiosk.tap(kiosk.shell.player)
    kiosk.advance(kiosk.settings.idle_timeout_s + 1)
    assert visitor.overlay.isVisible(), "the countdown is on"
    under = visitor.nav.topic_buttons["industry"]
    pressed: list[bool] = []
    under.pressed.connect(lambda: pressed.append(True))
    (kiosk.click if pointer else kiosk.tap)(under)
    assert not visitor.overlay.isVisible(), "the press and its lift dismissed the countdown"
    assert pressed == [], "and the button under it was never pressed"
    assert visitor.current_page_id() == "hub"


def test_a_corner_press_kept_from_the_showcase_still_keeps_the_closed_hall_awake(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = every_service(make_kiosk, dt.datetime(2024, 3, 1, 18, 0))
    assert kiosk.operator is not None
    guard = kiosk.operator.guard
    assert screen_of(kiosk) == Screen.DARK
    kiosk.tap(kiosk.shell)
    assert guard.state == "woken"
    kiosk.advance(CLOSING_SOON.wake_minutes * 60 - 5)
    # A short touch in the corner: held back from the showcase in case it was staff's hold, and
    # still a touch on the woken kiosk.
    kiosk.press(CORNER)
    kiosk.advance(10)
    assert guard.state == "woken", "the press counted as a touch"


def test_the_readme_lists_the_handlers_in_the_order_the_router_calls_them() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| (\d) \| ([a-z ]+) \|", readme, flags=re.MULTILINE)
    assert listed == [(str(number), str(route)) for number, route in enumerate(ORDER, start=1)]
