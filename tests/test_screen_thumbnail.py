"""Each kiosk's small picture of its screen, beside its status file, for the hall console: small,
written after each change of screen and on a timer, never while staff mode is open."""

from __future__ import annotations

from pathlib import Path

from kiosk_factory import KioskUnderTest, MakeKiosk
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.fleet.status import THUMBNAIL_MAX_BYTES, THUMBNAIL_MAX_WIDTH, thumbnail_path
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.thumbnail import AFTER_CHANGE_MS, encode_thumbnail


def thumbnail_of(kiosk: KioskUnderTest) -> Path:
    assert kiosk.link is not None
    return thumbnail_path(kiosk.link.plan.status_dir, kiosk.link.emergency.kiosk_id)


def test_the_thumbnail_is_small_and_beside_the_status_file(make_kiosk: MakeKiosk) -> None:
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        kiosk = make_kiosk(hall=True, size=size)
        assert kiosk.link is not None and kiosk.link.thumbnails.write()
        path = thumbnail_of(kiosk)
        image = QImage(str(path))
        assert not image.isNull(), "a picture the console can read"
        assert image.width() <= THUMBNAIL_MAX_WIDTH and image.height() <= THUMBNAIL_MAX_WIDTH
        assert path.stat().st_size <= THUMBNAIL_MAX_BYTES
        assert [other.name for other in path.parent.iterdir() if other.name.startswith(".")] == []


def test_a_busy_picture_is_squeezed_under_the_size_limit() -> None:
    noise = QImage(1920, 1080, QImage.Format.Format_RGB32)
    for y in range(0, 1080, 2):
        for x in range(0, 1920, 2):
            noise.setPixelColor(x, y, QColor((x * 7919 + y * 104729) % 0xFFFFFF))
    data = encode_thumbnail(noise)
    assert len(data) <= THUMBNAIL_MAX_BYTES


def test_each_change_of_screen_writes_it_again(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(hall=True)
    path = thumbnail_of(kiosk)
    qtbot.waitUntil(path.exists, timeout=AFTER_CHANGE_MS * 3)  # the first frame's
    path.unlink()
    kiosk.tap(kiosk.shell)
    assert kiosk.shell.screens.state == Screen.VISITOR
    qtbot.waitUntil(path.exists, timeout=AFTER_CHANGE_MS * 3)


def test_never_while_staff_mode_is_open(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(hall=True, staff=True)
    assert kiosk.link is not None
    thumbnails = kiosk.link.thumbnails
    kiosk.set_pin()
    kiosk.hold_corner()
    assert kiosk.staff.pinpad.isVisible()
    assert not thumbnails.write(), "not with the PIN pad up"
    kiosk.enter_pin()
    assert kiosk.staff.panel.isVisible()
    thumbnail_of(kiosk).unlink(missing_ok=True)
    qtbot.wait(AFTER_CHANGE_MS * 2)  # the change of screen's write comes due while staff are in
    assert not thumbnail_of(kiosk).exists()
    thumbnails.timer.timeout.emit()  # nor the five minutes'
    assert not thumbnail_of(kiosk).exists()
