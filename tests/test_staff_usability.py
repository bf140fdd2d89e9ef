"""Staff usability at the glass: what a new staff member meets in a day, driven through the real panel."""

from __future__ import annotations

import datetime as dt

import pytest
from kiosk_factory import MakeKiosk
from staff_helpers import button

from kiosk.content.models import Language
from kiosk.system.pin import LOCK_SECONDS, MAX_FAILURES
from kiosk.ui.staff.gate import STAFF_COUNTDOWN_S, STAFF_IDLE_S
from kiosk.ui.staff.playlists_page import PlaylistsPage


def test_a_pin_lock_lifts_within_five_minutes_even_after_the_clock_is_set_back_a_year(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.set_pin()
    kiosk.hold_corner()
    for _ in range(MAX_FAILURES):
        kiosk.enter_pin("1111")
    pinpad = kiosk.staff.pinpad
    assert "5 分 00 秒" in pinpad.message.text()

    kiosk.clock.set_wall(kiosk.clock.now() - dt.timedelta(days=365))
    kiosk.advance(1.0)
    assert "5 分 00 秒" in pinpad.message.text(), "the wait shown is never longer than the lock"
    assert not pinpad.keys["1"].isEnabled()

    kiosk.advance(LOCK_SECONDS)
    kiosk.hold_corner()
    assert pinpad.keys["1"].isEnabled(), "the keypad comes back after five minutes"
    kiosk.enter_pin()
    assert kiosk.staff.panel.isVisible()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_before_the_staff_time_out_discards_unsaved_work_a_countdown_asks_to_keep_editing(
    make_kiosk: MakeKiosk, language: Language
) -> None:
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(gate.panel.language_button)
    page = gate.panel.page("playlists")
    assert isinstance(page, PlaylistsPage)
    kiosk.tap(button(page, "staff-new"))
    assert gate.panel.dirty_pages() == ["playlists"]
    bar = gate.timeout_bar

    kiosk.advance(STAFF_IDLE_S - STAFF_COUNTDOWN_S - 1)
    assert not bar.isVisible(), "no question while staff are still within the quiet spell"
    kiosk.advance(1.5)
    assert bar.isVisible()
    words = {"zh": ("20 秒", "未保存"), "en": ("20 s", "unsaved")}[language]
    assert all(word in bar.message.text() for word in words), bar.message.text()
    kiosk.advance(5.0)
    assert {"zh": "15 秒", "en": "15 s"}[language] in bar.message.text()

    kiosk.tap(page.heading)  # any staff touch keeps editing
    assert not bar.isVisible()
    kiosk.advance(STAFF_IDLE_S - 1)
    assert gate.panel.isVisible() and gate.panel.dirty_pages() == ["playlists"]
    assert bar.isVisible(), "the countdown comes again after another quiet spell"
    kiosk.tap(bar.keep)
    assert not bar.isVisible()

    kiosk.advance(STAFF_IDLE_S + 0.5)
    assert not gate.panel.isVisible(), "unanswered, the time-out closes staff mode"
    assert not bar.isVisible()
