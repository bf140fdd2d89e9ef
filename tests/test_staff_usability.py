"""Staff usability at the glass: what a new staff member meets in a day, driven through the real panel."""

from __future__ import annotations

import datetime as dt

from kiosk_factory import MakeKiosk

from kiosk.system.pin import LOCK_SECONDS, MAX_FAILURES


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
