"""Staff delete a playlist the schedule names, on the real window with a finger: the question says
exactly what changes in the schedule, schedule.json stops naming the playlist in the same step, and
after a restart the schedule plays exactly what its rules say, unrelated rules and events included."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import FRIDAY_NOON, KioskUnderTest, MakeKiosk
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QListWidget
from staff_helpers import LANDSCAPE, PORTRAIT, button, staff_page
from test_staff_design import problems_in

from kiosk.content.models import Language
from kiosk.playlist.models import playlist_for
from kiosk.playlist.store import load_library
from kiosk.settings import Locations
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.style.resources import bundled_playlists

WEEKEND = {"days": ["sat", "sun"], "start": "09:00", "end": "18:00", "playlist": "weekend"}
WEEKEND_FAIR = {"date": "2024-03-09", "start": "14:00", "end": "16:00", "playlist": "weekend"}
EVENINGS = {"days": ["fri"], "start": "17:00", "end": "20:00", "playlist": "evening"}
DELEGATION = {"date": "2024-03-02", "start": "09:30", "end": "11:00", "playlist": "short"}
SATURDAY = dt.datetime(2024, 3, 2)
WELCOME_SLIDE = {
    "schema_version": 1,
    "id": "welcome",
    "kind": "text",
    "template": "welcome",
    "text": {"zh": "热烈欢迎", "en": "Welcome"},
}

QUESTION = {
    "zh": "删除“周末轮播”后，排期将随之更改：\n"
    "· 删去时段 周六 周日  09:00–18:00\n"
    "· 删去时段 2024-03-09  14:00–16:00",
    "en": 'Deleting "Weekend loop" also changes the schedule:\n'
    "· The window Sat Sun  09:00–18:00 is removed\n"
    "· The window 2024-03-09  14:00–16:00 is removed",
}


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def write_playlist(config_dir: Path, playlist_id: str, zh: str, en: str) -> None:
    document = {
        "schema_version": 1,
        "id": playlist_id,
        "name": {"zh": zh, "en": en},
        "items": [{"slide": "title_regional", "duration_s": 8}],
    }
    write_json(config_dir / "playlists" / f"{playlist_id}.json", document)


def schedule_on_disk(config_dir: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((config_dir / "schedule.json").read_text(encoding="utf-8"))
    return document


@pytest.fixture
def hall_files(locations: Locations) -> Path:
    """A weekly window and a one-off fair of the weekend playlist, an unrelated evening window and a
    delegation's one-off event, on disk before the kiosk starts."""
    config_dir = locations.config_dir
    write_playlist(config_dir, "weekend", "周末轮播", "Weekend loop")
    write_playlist(config_dir, "evening", "晚间轮播", "Evenings")
    rules = [WEEKEND, EVENINGS, WEEKEND_FAIR, DELEGATION]
    schedule = {"schema_version": 2, "default_playlist": "full", "rules": rules}
    write_json(config_dir / "schedule.json", schedule)
    return config_dir


def tap_row(kiosk: KioskUnderTest, listing: QListWidget, wanted: str) -> None:
    """A finger on the row whose item carries `wanted`, scrolled into view first."""
    rows = [
        row for row in range(listing.count()) if listing.item(row).data(Qt.ItemDataRole.UserRole) == wanted
    ]
    assert rows, f"{wanted} is listed"
    item = listing.item(rows[0])
    listing.scrollToItem(item)
    QApplication.processEvents()
    kiosk.touch([kiosk.at(listing.viewport(), listing.visualItemRect(item).center())])
    kiosk.advance(0.3)


def open_playlists(kiosk: KioskUnderTest, language: Language) -> PlaylistsPage:
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(button(gate.panel, "staff-language"))
    assert gate.panel.language == language
    return staff_page(gate, "playlists", PlaylistsPage)


def restarted_schedule_plays(config_dir: Path, now: dt.datetime) -> dict[dt.datetime, str]:
    """A kiosk started afresh on these files: no refusal, and what it plays when."""
    slides = {slide["id"] for slide in json.loads(Path("assets/content/slides.json").read_text())["slides"]}
    library = load_library(bundled_playlists(), config_dir, slides, now=now)
    assert library.problems == [], [str(problem) for problem in library.problems]
    assert library.schedule_from_file
    moments = [
        FRIDAY_NOON,
        FRIDAY_NOON.replace(hour=18),
        SATURDAY.replace(hour=10),
        SATURDAY.replace(hour=12),
        dt.datetime(2024, 3, 9, 15, 0),
    ]
    return {moment: playlist_for(library.schedule, moment) for moment in moments}


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_deleting_a_scheduled_playlist_rewrites_the_schedule_and_keeps_the_rest(
    make_kiosk: MakeKiosk, hall_files: Path, size: QSize, language: Language
) -> None:
    kiosk = make_kiosk(staff=True, size=size)
    page = open_playlists(kiosk, language)
    tap_row(kiosk, page.playlists, "weekend")
    kiosk.tap(page.delete_button)
    assert page.question.isVisible()
    assert page.question.message.text() == QUESTION[language]
    assert problems_in(kiosk.staff.panel, min(size.width(), size.height()) / 1080) == []
    assert (hall_files / "playlists" / "weekend.json").exists(), "nothing goes before the answer"

    kiosk.tap(page.question.second)
    assert not (hall_files / "playlists" / "weekend.json").exists()
    written = schedule_on_disk(hall_files)
    assert "weekend" not in json.dumps(written)
    assert written["rules"] == [EVENINGS, DELEGATION]
    assert written["default_playlist"] == "full"
    assert page.message.text() == {"zh": "已删除“周末轮播”", "en": '"Weekend loop" is deleted'}[language]
    assert (page.name_zh.text(), page.name_en.text()) == ("", ""), "no name of what is gone"
    running = kiosk.shell.player.program.library
    assert running.problems == [] and [rule.playlist for rule in running.schedule.rules] == [
        "evening",
        "short",
    ]

    plays = restarted_schedule_plays(hall_files, FRIDAY_NOON)
    assert list(plays.values()) == ["full", "evening", "short", "full", "full"]


def test_deleting_the_playlist_a_slides_play_now_made_stops_it_and_keeps_the_schedule(
    make_kiosk: MakeKiosk, hall_files: Path
) -> None:
    write_json(hall_files / "slides" / "welcome.json", WELCOME_SLIDE)
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    kiosk.tap(button(gate.panel, "staff-tab-slides"))
    slides: Any = gate.panel.page("slides")
    tap_row(kiosk, slides.slides, "welcome")
    kiosk.tap(button(slides, "staff-slide-play-now"))
    generated = schedule_on_disk(hall_files)["play_now"]
    assert generated == {"playlist": "now-welcome", "until": "2024-03-01T12:30"}

    kiosk.tap(button(gate.panel, "staff-tab-playlists"))
    page = staff_page(gate, "playlists", PlaylistsPage)
    tap_row(kiosk, page.playlists, "now-welcome")
    kiosk.tap(page.delete_button)
    assert page.question.message.text().endswith("\n· 停止正在进行的插播（原定至 2024-03-01 12:30）")
    kiosk.tap(page.question.second)
    written = schedule_on_disk(hall_files)
    assert "play_now" not in written and "now-welcome" not in json.dumps(written)
    assert written["rules"] == [WEEKEND, EVENINGS, WEEKEND_FAIR, DELEGATION]
    assert kiosk.shell.player.program.playlist_at(kiosk.clock.now()).id == "full", "the schedule plays again"

    plays = restarted_schedule_plays(hall_files, FRIDAY_NOON.replace(hour=13))
    assert list(plays.values()) == ["full", "evening", "short", "weekend", "weekend"]


def test_a_schedule_copied_in_while_staff_decide_is_asked_about_again(
    make_kiosk: MakeKiosk, hall_files: Path
) -> None:
    kiosk = make_kiosk(staff=True)
    page = open_playlists(kiosk, "zh")
    tap_row(kiosk, page.playlists, "weekend")
    kiosk.tap(page.delete_button)
    late_fair = {"date": "2024-03-16", "start": "10:00", "end": "12:00", "playlist": "weekend"}
    technicians = {"schema_version": 2, "default_playlist": "full", "rules": [EVENINGS, late_fair]}
    write_json(hall_files / "schedule.json", technicians)

    kiosk.tap(page.question.second)
    assert (hall_files / "playlists" / "weekend.json").exists(), "nothing was deleted"
    assert schedule_on_disk(hall_files) == technicians
    assert page.message.text() == "排期刚刚被更改，以下是按新排期的变动，请再确认一次。"
    assert (
        page.question.message.text()
        == "删除“周末轮播”后，排期将随之更改：\n· 删去时段 2024-03-16  10:00–12:00"
    )

    kiosk.tap(page.question.second)
    assert not (hall_files / "playlists" / "weekend.json").exists()
    assert schedule_on_disk(hall_files)["rules"] == [EVENINGS]
