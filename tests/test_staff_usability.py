"""Staff usability at the glass: what a new staff member meets in a day, driven through the real panel."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from kiosk_factory import LANDSCAPE, MakeKiosk
from kiosk_harness import playing
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from slide_media import rotated_jpeg
from staff_helpers import PORTRAIT, button, tap_list_item
from test_staff_design import problems_in

from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text
from kiosk.playlist.slide_models import TextSlide
from kiosk.settings import Locations, Settings
from kiosk.system.pin import LOCK_SECONDS, MAX_FAILURES
from kiosk.ui.authoring.staff_text import layout_text_slide
from kiosk.ui.staff.gate import STAFF_COUNTDOWN_S, STAFF_IDLE_S
from kiosk.ui.staff.keyboard import keyboard
from kiosk.ui.staff.keyboard.keyboard import KeyboardSession
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.schedule_page import SchedulePage
from kiosk.ui.staff.settings_page import SettingsPage
from kiosk.ui.staff.slides.slides_page import SlidesPage


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


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_picture_is_titled_by_its_chinese_file_name_and_heic_and_gif_are_listed_with_the_reason(
    make_kiosk: MakeKiosk, tmp_path: Path, qtbot: QtBot, language: Language
) -> None:
    stick = tmp_path / "media" / "KINGSTON" / "展厅"
    stick.mkdir(parents=True)
    (stick / "新区夜景 2023.jpg").write_bytes(rotated_jpeg(800, 600))
    (stick / "IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    (stick / "动图.gif").write_bytes(b"GIF89a" + bytes(64))
    kiosk = make_kiosk(staff=True, settings=Settings(media_roots=[str(tmp_path / "media" / "*")]))
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(gate.panel.language_button)
    kiosk.tap(button(gate.panel, "staff-tab-slides"))
    page = gate.panel.page("slides")
    assert isinstance(page, SlidesPage)
    kiosk.tap(button(page, "staff-slide-import"))
    picker = page.picker
    tap_list_item(picker.tiles, 0, kiosk.clock)  # the stick opened by itself; its folder 展厅
    assert "/" not in picker.title.text() and "KINGSTON › 展厅" in picker.title.text(), "no raw mount path"
    tiles = [picker.tiles.item(row) for row in range(picker.tiles.count())]
    qtbot.waitUntil(lambda: all(not tile.icon().isNull() for tile in tiles), timeout=5000)
    texts = {tile.text().split("\n")[0]: tile.text() for tile in tiles}
    assert set(texts) == {"新区夜景 2023.jpg", "IMG_0001.HEIC", "动图.gif"}
    assert "HEIC" in texts["IMG_0001.HEIC"].split("\n")[1] and "JPEG" in texts["IMG_0001.HEIC"]
    assert "GIF" in texts["动图.gif"].split("\n")[1] and "PNG" in texts["动图.gif"]

    rows = {tile.text().split("\n")[0]: row for row, tile in enumerate(tiles)}
    tap_list_item(picker.tiles, rows["IMG_0001.HEIC"], kiosk.clock)
    assert "HEIC" in picker.message.text() and "JPEG" in picker.message.text()
    assert not (kiosk.locations.config_dir / "slides").exists() or not any(
        (kiosk.locations.config_dir / "slides").glob("*.json")
    ), "nothing imported"
    tap_list_item(picker.tiles, rows["新区夜景 2023.jpg"], kiosk.clock)
    assert page.heading.source_text() == "新区夜景 2023"
    listed = [page.slides.item(row).text().split("\n")[0] for row in range(page.slides.count())]
    assert "新区夜景 2023" in listed


def test_each_name_field_opens_the_keyboard_in_its_own_language(
    make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The panel's side: a stand-in keyboard answers with the language it was asked to open in."""
    answer = (
        "import json, sys; args = sys.argv[1:]; "
        "print(json.dumps({'text': args[args.index('--typing') + 1]}), flush=True)"
    )
    monkeypatch.setattr(keyboard, "keyboard_program", lambda: (sys.executable, ["-c", answer]))
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    page = gate.panel.page("playlists")
    assert isinstance(page, PlaylistsPage)
    kiosk.tap(button(page, "staff-new"))
    for field, language in ((page.name_en, "en"), (page.name_zh, "zh")):
        kiosk.tap(field)
        qtbot.waitUntil(lambda: not KeyboardSession.shared().busy, timeout=30_000)
        assert field.text() == language, "staff's language is zh; the field's decides"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_play_now_plays_at_once_with_its_end_and_one_stop_on_the_schedule_and_slides_pages(
    make_kiosk: MakeKiosk, language: Language
) -> None:
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(gate.panel.language_button)
    kiosk.tap(button(gate.panel, "staff-tab-schedule"))
    schedule = gate.panel.page("schedule")
    assert isinstance(schedule, SchedulePage)
    kiosk.tap(schedule.play_now.choose)  # another playlist than the one playing
    chosen = schedule.play_now.choice
    assert playing(kiosk.shell.player).playlist_id != chosen
    kiosk.tap(button(schedule, "staff-play-for-10"))

    on_disk = json.loads((kiosk.locations.config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert on_disk["play_now"] == {"playlist": chosen, "until": "2024-03-01T12:10"}, "applied at once"
    assert gate.panel.dirty_pages() == [], "nothing to save: it already plays"
    kiosk.advance(playing(kiosk.shell.player).duration_s)  # the slide on screen plays to its end
    assert playing(kiosk.shell.player).playlist_id == chosen
    assert "12:10" in schedule.play_bar.status.text()
    assert schedule.play_bar.stop_button.isVisible()

    kiosk.tap(button(gate.panel, "staff-tab-slides"))
    slides = gate.panel.page("slides")
    assert isinstance(slides, SlidesPage)
    assert slides.play_bar.status.text() == schedule.play_bar.status.text(), "the same words on both pages"
    kiosk.tap(slides.play_bar.stop_button)  # one tap
    on_disk = json.loads((kiosk.locations.config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert on_disk.get("play_now") is None
    assert not slides.play_bar.stop_button.isVisible()
    assert slides.play_bar.status.text() == staff_text("play_now_off", language)

    kiosk.tap(button(gate.panel, "staff-tab-schedule"))
    assert schedule.play_bar.status.text() == staff_text("play_now_off", language)
    assert gate.panel.dirty_pages() == []


TWELVE_WINDOWS: list[dict[str, object]] = [
    {"days": ["sat", "sun"], "start": "09:00", "end": "18:00", "playlist": "full"},
    {"days": ["sat"], "start": "09:10", "end": "09:50", "playlist": "short"},
    {"days": ["sat", "sun"], "start": "17:00", "end": "20:00", "playlist": "figures"},
    {"date": "2024-02-27", "start": "09:00", "end": "17:00", "playlist": "short"},
    {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "12:00", "playlist": "figures"},
    {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "12:00", "end": "14:00", "playlist": "short"},
    {"days": ["mon"], "start": "10:00", "end": "11:00", "playlist": "full"},
    {"date": "2024-03-02", "start": "09:30", "end": "11:00", "playlist": "short"},
    {"date": "2024-03-09", "start": "14:00", "end": "16:00", "playlist": "figures"},
    {"days": ["fri"], "start": "17:00", "end": "20:00", "playlist": "full"},
    {"days": ["sun"], "start": "08:00", "end": "09:30", "playlist": "short"},
    {"days": ["wed"], "start": "11:00", "end": "13:00", "playlist": "full"},
]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_schedule_lists_every_window_and_every_warning_in_full_and_no_label_is_clipped(
    make_kiosk: MakeKiosk, locations: Locations, size: QSize, language: Language
) -> None:
    locations.config_dir.mkdir(parents=True)
    schedule = {"schema_version": 2, "default_playlist": "full", "rules": TWELVE_WINDOWS}
    (locations.config_dir / "schedule.json").write_text(json.dumps(schedule), encoding="utf-8")
    kiosk = make_kiosk(staff=True, size=size)
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(gate.panel.language_button)
    kiosk.tap(button(gate.panel, "staff-tab-schedule"))
    page = gate.panel.page("schedule")
    assert isinstance(page, SchedulePage)
    tap_list_item(page.rules, 11, kiosk.clock)  # the last window: the list scrolls to it
    QApplication.processEvents()

    assert page.rules.count() == len(TWELVE_WINDOWS) and "12" in page.rules_title.text()
    scale = min(size.width(), size.height()) / 1080
    for row in range(page.rules.count()):
        item = page.rules.item(row)
        rect = page.rules.visualItemRect(item)
        room = QRect(0, 0, rect.width() - round(2 * 16 * scale), 10_000)
        needed = page.rules.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, item.text())
        assert needed.height() <= rect.height() + 1, f"window {row + 1} is cut: {item.text()!r}"
    coverage = page.draft.coverage(kiosk.clock.now().date())
    warned = [item for item in coverage if item.outcome != "plays"]
    assert len(page.report.text().splitlines()) == len(warned) >= 5, "every warning, one line each"
    assert page.report.heightForWidth(page.report.width()) <= page.report.height() + 1, "none cut off"
    if language == "en":
        assert "、" not in page.report.text() and "windows 5 and 6" in page.report.text()
    assert problems_in(gate.panel, scale) == []


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_one_off_event_next_saturday_from_half_past_nine_to_eleven_takes_twelve_taps(
    make_kiosk: MakeKiosk, size: QSize, language: Language
) -> None:
    kiosk = make_kiosk(staff=True, size=size)  # Friday 1 March 2024, noon
    gate = kiosk.open_staff()
    if language == "en":
        kiosk.tap(gate.panel.language_button)
    taps: list[str] = []

    def tap(name: str) -> None:
        kiosk.tap(button(gate.panel, name))
        taps.append(name)

    tap("staff-tab-schedule")
    page = gate.panel.page("schedule")
    assert isinstance(page, SchedulePage)
    tap("staff-add-one-off")
    new = page.draft.value.rules[-1]
    assert (new.date, new.start, new.end) == ("2024-03-01", "13:00", "14:00"), "the next free hour"
    tap("staff-date-pick")
    days = [
        day
        for day in page.views.date_picker.findChildren(QPushButton)
        if day.objectName().startswith("staff-pick-day-")
    ]
    assert (
        len(days) == 56
        and days[0].objectName().endswith("2024-02-26")
        and days[-1].objectName().endswith("2024-04-21")
    )
    assert not button(gate.panel, "staff-pick-day-2024-02-29").isEnabled(), "days gone by cannot be chosen"
    tap("staff-pick-day-2024-03-02")
    tap("staff-start-pick")
    tap("staff-pick-hour-09")
    tap("staff-pick-minute-30")
    tap("staff-end-pick")
    tap("staff-pick-hour-11")
    tap("staff-pick-minute-00")
    tap("staff-rule-playlist")
    chosen = page.draft.value.rules[-1].playlist
    tap("staff-save-schedule")

    assert len(taps) <= 12, taps
    on_disk = json.loads((kiosk.locations.config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert on_disk["rules"][-1] == {
        "start": "09:30",
        "end": "11:00",
        "playlist": chosen,
        "date": "2024-03-02",
    }
    assert gate.panel.dirty_pages() == []


FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def test_a_word_is_never_split_across_lines_of_a_staff_slide_and_staff_can_break_a_line(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    kiosk.tap(button(gate.panel, "staff-tab-slides"))
    page = gate.panel.page("slides")
    assert isinstance(page, SlidesPage)
    kiosk.tap(button(page, "staff-slide-new-welcome"))
    field = page.editor.fields["zh"]
    family = page.context.family
    split = []
    for before in range(len(FILLER) - 2):
        text = f"{FILLER[:before]}规划{FILLER[before:]}"
        field.setText(text)  # as the on-screen keyboard hands a text back
        field.editingFinished.emit()
        slide = page.slide
        assert isinstance(slide, TextSlide) and slide.text.zh == text
        for size in (LANDSCAPE, PORTRAIT):
            placed = layout_text_slide(slide, size, family)
            assert placed is not None
            lines = placed[0].lines
            assert len(lines) > 1, "long enough to break"
            split += [text for line in lines[:-1] if line.endswith("规")]
    assert split == [], "规划 is one word"

    field.setText("热烈欢迎|长沙市规划考察团")
    field.editingFinished.emit()
    slide = page.slide
    assert isinstance(slide, TextSlide)
    for size in (LANDSCAPE, PORTRAIT):
        placed = layout_text_slide(slide, size, family)
        assert placed is not None and placed[0].lines[0] == "热烈欢迎", "staff's | breaks the line"
    assert page.heading.source_text() == "热烈欢迎"


def test_saved_goes_once_staff_edit_again_and_toggles_say_what_a_tap_does(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    gate = kiosk.open_staff()
    kiosk.tap(button(gate.panel, "staff-tab-settings"))
    settings = gate.panel.page("settings")
    assert isinstance(settings, SettingsPage)
    motion = button(settings, "staff-reduced_motion")
    assert motion.text() == "开启" and settings.row_labels["reduced_motion"].text().endswith("：关")
    kiosk.tap(motion)
    assert motion.text() == "关闭" and settings.row_labels["reduced_motion"].text().endswith("：开")
    kiosk.tap(button(settings, "staff-save-settings"))
    message = settings.findChild(QLabel, "staff-settings-message")
    assert message is not None and message.text() == staff_text("saved", "zh")
    kiosk.tap(button(settings, "staff-idle_timeout_s-more"))
    assert message.text() == "", "no stale 'saved' over an unsaved edit"
    kiosk.tap(gate.panel.language_button)
    assert motion.text() == "Turn off" and settings.row_labels["reduced_motion"].text().endswith(": on")


def test_the_pin_pad_remembers_the_language_staff_chose_on_it(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.set_pin()
    kiosk.hold_corner()
    pinpad = kiosk.staff.pinpad
    kiosk.tap(pinpad.language_button)
    assert pinpad.title.text() == staff_text("pin_prompt", "en")
    kiosk.tap(pinpad.cancel_button)
    kiosk.hold_corner()
    assert pinpad.title.text() == staff_text("pin_prompt", "en"), "as staff left it"


def test_insights_say_when_statistics_are_off(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True, settings=Settings(stats_enabled=False))
    gate = kiosk.open_staff()
    kiosk.tap(button(gate.panel, "staff-tab-insights"))
    notice = gate.panel.findChild(QLabel, "staff-insights-off")
    assert notice is not None and notice.isVisible() and "统计已关闭" in notice.text()
