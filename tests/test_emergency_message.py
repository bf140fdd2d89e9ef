"""The hall's emergency message: the file (written whole, refused with a sentence when bad) and the
kiosk that shows it full screen over the showcase, a visit and the dark closed hall, under staff
mode, until its end time or "end now"; in the status file and the proof of play."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import msgspec
import pytest
from kiosk_factory import FRIDAY_NOON, KioskUnderTest, MakeKiosk
from PySide6.QtCore import QSize
from staff_helpers import button

from kiosk.clock import WEEKDAYS, ManualClock
from kiosk.documents.decoding import ContentError
from kiosk.fleet.emergency import (
    EMERGENCY_FILE,
    EmergencyMessage,
    MessageText,
    end_message,
    read_message,
    write_message,
)
from kiosk.fleet.status import KioskStatus, status_path, utc_text
from kiosk.opening_hours import OpeningHours, OpeningPeriod
from kiosk.settings import Settings
from kiosk.system.stats_report import StatsReader
from kiosk.ui.runtime.emergency import EmergencyScreen
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.screen import Screen

ZH = MessageText("今日提前闭馆", ["本馆将于 16:00 闭馆，请合理安排参观时间。"])
EN = MessageText("Closing early today", ["The hall closes at 16:00 today."])


def message(
    ends: dt.datetime, kiosks: list[str] | None = None, ident: str = "closing-early"
) -> EmergencyMessage:
    return EmergencyMessage(
        id=ident, zh=ZH, en=EN, kiosks=kiosks or [], ends_at=utc_text(ends.astimezone(dt.UTC))
    )


def hall_of(kiosk: KioskUnderTest) -> Path:
    hall = kiosk.locations.config_dir / "hall"
    hall.mkdir(exist_ok=True)
    return hall


def send(kiosk: KioskUnderTest, sent: EmergencyMessage) -> None:
    """The hall writes the message; the config watcher's reload reads it."""
    write_message(hall_of(kiosk), sent)
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)


def on_screen(kiosk: KioskUnderTest) -> Screen:
    """The screen's state, read afresh (each step may change it)."""
    return kiosk.shell.screens.state


def shown_text(kiosk: KioskUnderTest) -> str:
    screen = kiosk.shell.screens.emergency
    assert isinstance(screen, EmergencyScreen)
    labels = [*screen.titles.values(), *screen.lines.values()]
    return " ".join(label.text() for label in labels if label.isVisible())


# The file --------------------------------------------------------------------------------------


def test_a_message_is_written_whole_and_read_back(tmp_path: Path) -> None:
    sent = message(dt.datetime(2026, 12, 7, 18, 0, tzinfo=dt.UTC), ["lobby-1"])
    write_message(tmp_path, sent)
    assert read_message(tmp_path).message == sent
    assert [path.name for path in tmp_path.iterdir()] == [EMERGENCY_FILE], "no temp file or backup left"


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"zh": {"title": " ", "lines": ["x"]}}, "the title is empty"),
        ({"en": {"title": "Closed", "lines": []}}, "give one or two lines, not 0"),
        ({"en": {"title": "Closed", "lines": ["a", "b", "c"]}}, "give one or two lines, not 3"),
        ({"ends_at": "tomorrow"}, "is not a time"),
        ({"ends_at": "2026-12-07T18:00:00"}, "has no time zone"),
        ({"kiosks": ["Lobby One"]}, "is not a kiosk id"),
        ({"schema_version": 9}, "newer"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_message_file_is_refused_with_a_sentence(
    tmp_path: Path, change: dict[str, object], sentence: str
) -> None:
    document = msgspec.to_builtins(message(dt.datetime(2026, 12, 7, 18, 0, tzinfo=dt.UTC)))
    document.update(change)
    (tmp_path / EMERGENCY_FILE).write_text(json.dumps(document), encoding="utf-8")
    found = read_message(tmp_path)
    assert found.message is None
    assert found.refusal is not None and sentence in found.refusal, found.refusal
    assert EMERGENCY_FILE in found.refusal


def test_the_writer_refuses_a_message_no_kiosk_could_show(tmp_path: Path) -> None:
    bad = msgspec.structs.replace(
        message(dt.datetime(2026, 12, 7, 18, tzinfo=dt.UTC)), en=MessageText("", ["x"])
    )
    with pytest.raises(ContentError, match="title is empty"):
        write_message(tmp_path, bad)
    assert not (tmp_path / EMERGENCY_FILE).exists()


def test_ending_now_rewrites_the_end_time(tmp_path: Path) -> None:
    write_message(tmp_path, message(dt.datetime(2026, 12, 7, 18, tzinfo=dt.UTC)))
    ended = end_message(tmp_path, dt.datetime(2026, 12, 7, 15, 30, tzinfo=dt.UTC))
    assert ended is not None and ended.ends_at == "2026-12-07T15:30:00Z"
    assert read_message(tmp_path).message == ended
    assert end_message(tmp_path / "nowhere", dt.datetime(2026, 12, 7, tzinfo=dt.UTC)) is None


# On the kiosk ------------------------------------------------------------------------------------


def test_the_message_shows_full_screen_in_both_languages_until_its_end_time(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True, operator=True)
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(minutes=10)))
    screens = kiosk.shell.screens
    assert on_screen(kiosk) == Screen.EMERGENCY
    assert kiosk.shell.stack.currentWidget() is screens.emergency
    assert "今日提前闭馆" in shown_text(kiosk) and "Closing early today" in shown_text(kiosk)
    kiosk.tap(kiosk.shell)  # a visitor's touch does not open the pages over it
    assert on_screen(kiosk) == Screen.EMERGENCY
    kiosk.advance(9 * 60)
    assert on_screen(kiosk) == Screen.EMERGENCY
    kiosk.advance(61)
    assert on_screen(kiosk) == Screen.SHOWCASE, "gone at its end time"
    assert kiosk.shell.stack.currentWidget() is kiosk.shell.player


def test_end_now_and_a_removed_file_both_end_it(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True)
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(hours=2)))
    end_message(hall_of(kiosk), FRIDAY_NOON.astimezone(dt.UTC))
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert on_screen(kiosk) == Screen.SHOWCASE
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(hours=2), ident="second"))
    assert on_screen(kiosk) == Screen.EMERGENCY
    (hall_of(kiosk) / EMERGENCY_FILE).unlink()
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert on_screen(kiosk) == Screen.SHOWCASE


def test_a_message_for_other_kiosks_stays_off_this_screen(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True)
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(hours=1), ["another-kiosk"]))
    assert on_screen(kiosk) == Screen.SHOWCASE
    assert kiosk.link is not None
    send(
        kiosk, message(FRIDAY_NOON + dt.timedelta(hours=1), ["another-kiosk", kiosk.link.emergency.kiosk_id])
    )
    assert on_screen(kiosk) == Screen.EMERGENCY


def test_a_refused_file_keeps_what_is_on_screen(
    make_kiosk: MakeKiosk, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_kiosk(hall=True)
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(hours=1)))
    (hall_of(kiosk) / EMERGENCY_FILE).write_text('{"id": "half', encoding="utf-8")
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert on_screen(kiosk) == Screen.EMERGENCY
    assert "emergency message refused" in caplog.text and EMERGENCY_FILE in caplog.text


def test_a_visit_ends_under_the_message(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True)
    kiosk.tap(kiosk.shell)
    assert on_screen(kiosk) == Screen.VISITOR
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(minutes=5)))
    assert on_screen(kiosk) == Screen.EMERGENCY
    kiosk.advance(5 * 60)
    assert on_screen(kiosk) == Screen.SHOWCASE


def test_staff_mode_stays_above_the_message_which_returns_when_staff_leave(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True, staff=True)
    gate = kiosk.open_staff()
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(hours=1)))
    screens = kiosk.shell.screens
    assert on_screen(kiosk) == Screen.STAFF and gate.panel.isVisible(), "the panel stays up"
    assert screens.beneath == Screen.EMERGENCY
    kiosk.tap(button(gate.panel, "staff-close"))
    assert on_screen(kiosk) == Screen.EMERGENCY
    kiosk.open_staff()
    assert on_screen(kiosk) == Screen.STAFF


def test_the_message_lights_the_dark_closed_hall_and_gives_it_back(make_kiosk: MakeKiosk) -> None:
    hours = OpeningHours(enabled=True, week={day: [OpeningPeriod("09:00", "17:00")] for day in WEEKDAYS})
    evening = dt.datetime(2024, 3, 1, 18, 0)
    kiosk = make_kiosk(
        hall=True, operator=True, clock=ManualClock(start=evening), settings=Settings(opening_hours=hours)
    )
    screens = kiosk.shell.screens
    assert on_screen(kiosk) == Screen.DARK
    send(kiosk, message(evening + dt.timedelta(minutes=30)))
    assert on_screen(kiosk) == Screen.EMERGENCY
    kiosk.advance(31 * 60)
    assert on_screen(kiosk) == Screen.DARK, "the closed hall goes dark again"
    assert kiosk.shell.stack.currentWidget() is screens.dark


def test_the_message_closes_the_hall_late_when_closing_time_passed_under_it(make_kiosk: MakeKiosk) -> None:
    hours = OpeningHours(enabled=True, week={day: [OpeningPeriod("09:00", "17:00")] for day in WEEKDAYS})
    before_closing = dt.datetime(2024, 3, 1, 16, 50)
    kiosk = make_kiosk(
        hall=True,
        operator=True,
        clock=ManualClock(start=before_closing),
        settings=Settings(opening_hours=hours),
    )
    send(kiosk, message(before_closing + dt.timedelta(minutes=20)))
    kiosk.advance(15 * 60)
    assert on_screen(kiosk) == Screen.EMERGENCY, "closing time does not cover the message"
    kiosk.advance(6 * 60)
    assert on_screen(kiosk) == Screen.DARK


def test_the_status_file_and_the_proof_of_play_name_the_message(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(hall=True, operator=True)
    send(kiosk, message(FRIDAY_NOON + dt.timedelta(minutes=10)))
    assert kiosk.link is not None
    path = status_path(kiosk.link.plan.status_dir, kiosk.link.emergency.kiosk_id)
    status = msgspec.json.decode(path.read_bytes(), type=KioskStatus)
    assert status.emergency is not None
    assert (status.emergency.id, status.emergency.on_screen) == ("closing-early", True)
    kiosk.advance(10 * 60 + 1)
    status = msgspec.json.decode(path.read_bytes(), type=KioskStatus)
    assert status.emergency is None, "written again when it ended"
    assert kiosk.operator is not None and kiosk.operator.recorder is not None
    kiosk.operator.recorder.store.flush()
    reader = StatsReader.for_data_dir(kiosk.locations.data_dir)
    day = FRIDAY_NOON.date()
    rows = reader.rows("plays", day, day + dt.timedelta(days=1))
    played = [row for row in rows if row[1] == "emergency"]
    assert [(row[0], row[6]) for row in played] == [("emergency:closing-early", "completed")]
    assert any(row[6] == "emergency" for row in rows), "the slide it covered ended for it"


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160)])
def test_the_message_fits_the_screen_in_both_languages(make_kiosk: MakeKiosk, size: QSize) -> None:
    kiosk = make_kiosk(hall=True, size=size)
    long_zh = MessageText(
        "请立即有序离馆", ["请保持冷静，跟随工作人员指引，从最近的安全出口离开展厅。", "请勿使用电梯。"]
    )
    long_en = MessageText(
        "Please leave the building now",
        ["Stay calm and follow the staff to the nearest exit.", "Do not use the lifts."],
    )
    sent = msgspec.structs.replace(message(FRIDAY_NOON + dt.timedelta(hours=1)), zh=long_zh, en=long_en)
    send(kiosk, sent)
    screen = kiosk.shell.screens.emergency
    assert isinstance(screen, EmergencyScreen)
    grab(screen, size)
    for label in [*screen.titles.values(), *screen.lines.values()]:
        geometry = label.geometry()
        assert screen.rect().contains(geometry), label.text()
        assert label.heightForWidth(geometry.width()) <= geometry.height() + 1, f"cut: {label.text()}"


def test_a_message_that_landed_with_no_file_event_shows_within_seconds(make_kiosk: MakeKiosk) -> None:
    """Before staff mode's config watcher is armed (after the first frame) a file event goes unseen."""
    kiosk = make_kiosk(hall=True)
    write_message(hall_of(kiosk), message(FRIDAY_NOON + dt.timedelta(hours=1)))
    assert kiosk.link is not None
    reread = kiosk.link.emergency.reread
    assert reread.isActive() and reread.interval() <= 5000
    reread.timeout.emit()
    assert on_screen(kiosk) == Screen.EMERGENCY
