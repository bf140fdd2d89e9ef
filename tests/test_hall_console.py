"""The hall console over a hall folder and a status folder: a card per kiosk (a real running kiosk's
status file and thumbnail among them), faulty status files named on their cards, a refresh within a
second of a file changing, the details, and the emergency message written into the hall folder."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from kiosk_factory import MakeKiosk
from kiosk_process import KioskProcess
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from kiosk.fleet.emergency import EMERGENCY_FILE, read_message
from kiosk.fleet.status import ErrorNote, KioskStatus, utc_text, write_status
from kiosk.ui.hall.app import hall_command
from kiosk.ui.hall.window import HallWindow
from kiosk.ui.style.resources import load_bundled_fonts

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


def a_status(kiosk_id: str, written: dt.datetime = NOW, **changes: object) -> KioskStatus:
    status = KioskStatus(
        kiosk_id=kiosk_id,
        kiosk_name=kiosk_id.replace("-", " ").title(),
        version="1.0",
        written_at=utc_text(written),
        started_at=utc_text(written - dt.timedelta(hours=2)),
        uptime_s=7200,
        mode="normal",
        content_origin="hall",
        content_hash="abc123",
        config_hash="cfg",
        screen="showcase",
        today={"sessions": 12},
    )
    return msgspec.structs.replace(status, **changes)


@pytest.fixture
def hall(tmp_path: Path) -> tuple[Path, Path]:
    hall_dir, status_dir = tmp_path / "hall", tmp_path / "hall-status"
    (hall_dir / "playlists").mkdir(parents=True)
    status_dir.mkdir()
    return hall_dir, status_dir


@pytest.fixture
def console(qtbot: QtBot, hall: tuple[Path, Path]) -> Iterator[HallWindow]:
    hall_dir, status_dir = hall
    window = HallWindow(hall_dir, status_dir, load_bundled_fonts(), language="en", now=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window


def test_each_kiosk_has_a_card_with_its_mode_and_a_bad_file_is_named(
    console: HallWindow, hall: tuple[Path, Path]
) -> None:
    _hall_dir, status_dir = hall
    write_status(status_dir, a_status("lobby-1"))
    write_status(status_dir, a_status("lobby-2", NOW - dt.timedelta(minutes=7)))
    write_status(status_dir, a_status("portrait", mode="safe", safe_reason="asked for with --safe"))
    write_status(status_dir, a_status("night", screen="dark", screen_on=False))
    write_status(status_dir, a_status("desk", screen="staff"))
    write_status(status_dir, a_status("sign", display_only=True))
    (status_dir / "broken.json").write_text('{"kiosk_id": "bro', encoding="utf-8")
    newer = msgspec.to_builtins(a_status("future"))
    newer["status_version"] = 99
    (status_dir / "future.json").write_text(json.dumps(newer), encoding="utf-8")
    (status_dir / "copied.json").write_bytes(msgspec.json.encode(a_status("lobby-1")))
    console.refresh()
    views = console.views
    modes = {kiosk: view.values["mode"].text() for kiosk, view in views.items()}
    assert modes["lobby-1"] == "normal" and modes["portrait"] == "safe" and modes["night"] == "dark"
    assert modes["desk"] == "staff in" and modes["sign"] == "display-only"
    assert views["lobby-2"].values["last-seen"].text().startswith("STALE")
    assert views["lobby-1"].values["visits"].text() == "12"
    assert (
        "not valid JSON" in views["broken"].problem.text() or "unreadable" in views["broken"].problem.text()
    )
    assert "newer" in views["future"].problem.text()
    assert "claims to be kiosk 'lobby-1'" in views["copied"].problem.text()


def test_a_running_kiosks_status_and_thumbnail_reach_its_card(
    make_kiosk: MakeKiosk, qtbot: QtBot, hall: tuple[Path, Path]
) -> None:
    hall_dir, status_dir = hall
    kiosk = make_kiosk(hall=True)
    assert kiosk.link is not None
    kiosk.link.plan.status_dir = status_dir  # as `kiosk run --status-dir` would
    kiosk.link.write_status()
    assert kiosk.link.thumbnails.write()
    kiosk_id = kiosk.link.emergency.kiosk_id
    window = HallWindow(hall_dir, status_dir, load_bundled_fonts(), language="zh")
    qtbot.addWidget(window)
    view = window.views[kiosk_id]
    assert view.picture.pixmap() is not None and not view.picture.pixmap().isNull()
    assert view.values["mode"].text() == "正常"


def test_a_changed_status_file_shows_within_a_second(
    console: HallWindow, qtbot: QtBot, hall: tuple[Path, Path]
) -> None:
    _hall_dir, status_dir = hall
    write_status(status_dir, a_status("lobby-1"))
    console.refresh()
    started = time.monotonic()
    write_status(status_dir, a_status("lobby-1", mode="safe", safe_reason="a crash loop"))
    qtbot.waitUntil(lambda: console.views["lobby-1"].values["mode"].text() == "safe", timeout=1000)
    assert time.monotonic() - started < 1.0


def test_fifty_kiosks_refresh_in_under_a_second(console: HallWindow, hall: tuple[Path, Path]) -> None:
    _hall_dir, status_dir = hall
    for number in range(50):
        write_status(
            status_dir, a_status(f"kiosk-{number:02}", last_errors=[ErrorNote("2026-12-07T09:00:00Z", "x")])
        )
    console.refresh()
    started = time.perf_counter()
    console.refresh()
    assert time.perf_counter() - started < 1.0
    assert len(console.views) == 50


def test_a_card_opens_the_kiosks_recent_errors(console: HallWindow, hall: tuple[Path, Path]) -> None:
    _hall_dir, status_dir = hall
    note = ErrorNote("2026-12-07T09:58:00Z", "playlist morning.json refused: unknown slide 'x'")
    write_status(status_dir, a_status("lobby-1", last_errors=[note]))
    console.refresh()
    details = console.open_details("lobby-1")
    assert "playlist morning.json refused" in details.body.toPlainText()
    details.close()


def test_the_emergency_dialog_writes_the_message_and_ends_it(
    console: HallWindow, hall: tuple[Path, Path]
) -> None:
    hall_dir, status_dir = hall
    write_status(status_dir, a_status("lobby-1"))
    write_status(status_dir, a_status("portrait"))
    console.refresh()
    dialog = console.open_emergency()
    dialog.template.setCurrentIndex(1)  # closing early
    dialog.kiosks["portrait"].setChecked(True)
    ends = NOW + dt.timedelta(hours=2)
    dialog.ends.setDateTime(QDateTime.fromSecsSinceEpoch(round(ends.timestamp())))
    assert dialog.send_message()
    message = read_message(hall_dir).message
    assert message is not None
    assert message.kiosks == ["portrait"] and message.en.title == "Closing early today"
    assert message.end_time() == ends
    console.refresh()
    assert console.banner.isVisible() and "Closing early today" in console.banner.text()
    assert dialog.end_message_now()
    ended = read_message(hall_dir).message
    assert ended is not None and ended.end_time() == NOW
    console.refresh()
    assert not console.banner.isVisible()
    dialog.close()


def test_a_message_no_kiosk_could_show_is_not_written(console: HallWindow, hall: tuple[Path, Path]) -> None:
    hall_dir, _status_dir = hall
    dialog = console.open_emergency()
    dialog.title_en.setText("")
    assert not dialog.send_message()
    assert "title is empty" in dialog.result_line.text()
    assert not (hall_dir / EMERGENCY_FILE).exists()
    dialog.close()


def test_a_folder_that_is_not_a_hall_is_refused_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk_config = tmp_path / "config"
    kiosk_config.mkdir()
    (kiosk_config / "fleet.json").write_text("{}", encoding="utf-8")
    assert hall_command(kiosk_config, tmp_path) == 2
    assert "a kiosk's own configuration folder" in capsys.readouterr().err
    assert hall_command(tmp_path / "nowhere", tmp_path) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_real_kiosks_appear_on_the_console_with_their_screens(
    qtbot: QtBot, tmp_path: Path, hall: tuple[Path, Path]
) -> None:
    """Two `kiosk run` processes of one hall, one of them in safe mode, send their status and picture."""
    hall_dir, status_dir = hall
    kiosks = []
    for kiosk_id, extra in (("entrance", ()), ("portrait", ("--safe",))):
        root = tmp_path / kiosk_id
        fleet = {"kiosk_id": kiosk_id, "hall_dir": str(hall_dir), "status_dir": str(status_dir)}
        (root / "config").mkdir(parents=True)
        (root / "config" / "fleet.json").write_text(json.dumps(fleet), encoding="utf-8")
        kiosks.append(KioskProcess(root, *extra))
    try:
        window = HallWindow(hall_dir, status_dir, load_bundled_fonts(), language="en")
        qtbot.addWidget(window)
        window.show()

        def pictured(kiosk_id: str) -> bool:
            view = window.views.get(kiosk_id)
            return view is not None and not view.picture.pixmap().isNull()

        qtbot.waitUntil(lambda: pictured("entrance") and pictured("portrait"), timeout=60_000)
        assert window.views["entrance"].values["mode"].text() == "normal"
        assert window.views["portrait"].values["mode"].text() == "safe"
    finally:
        for kiosk in kiosks:
            kiosk.__exit__(None, None, None)
