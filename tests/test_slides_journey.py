"""Staff make a welcome for a delegation on the glass, with real touches and typing: choose
"welcome", type 热烈欢迎 and the delegation's name, an English line, look at the preview, save,
play it now for 30 minutes; the showcase shows it, then the schedule takes over again."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from kiosk_harness import discard, playing
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from staff_helpers import (
    LANDSCAPE,
    PORTRAIT,
    button,
    config_changes,
    open_playlists,
    staff_page,
    tap,
    tap_list_item,
    type_text,
    write_by_rename,
)

from kiosk.clock import ManualClock
from kiosk.playlist.slide_models import TextSlide
from kiosk.playlist.staff_slides import staff_slide_path
from kiosk.settings import Locations
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.staff_slides import StaffSlideView
from kiosk.ui.staff.gate import StaffGate
from kiosk.ui.staff.playlists_page import PlaylistsPage


def close_enough(played: QImage, preview: QImage) -> bool:
    """The frame on screen against the preview: the same layout and colours; Qt's glyph rasteriser
    may shade a glyph's edge pixels a little differently the first time it paints a glyph, so
    edge pixels may differ by a few levels, never a whole glyph (< 1% of pixels, < 48 levels)."""
    if played.size() != preview.size():
        return False
    step = 2
    differing = worst = 0
    for y in range(0, played.height(), step):
        for x in range(0, played.width(), step):
            a, b = played.pixelColor(x, y), preview.pixelColor(x, y)
            delta = max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
            if delta:
                differing += 1
                worst = max(worst, delta)
    return differing < 0.01 * (played.width() // step) * (played.height() // step) and worst < 48


def open_slides(shell: ShellWindow, gate: StaffGate, clock: ManualClock, locations: Locations) -> Any:
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-tab-slides"), clock)
    return gate.panel.pages["slides"]


@pytest.mark.parametrize("staff_kiosk", [LANDSCAPE, PORTRAIT], indirect=True, ids=["landscape", "portrait"])
def test_a_welcome_made_on_the_glass_plays_now_then_the_schedule_returns(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_slides(shell, gate, clock, locations)
    assert page.slides.count() == 1 and "还没有自建幻灯片" in page.slides.item(0).text()

    tap(button(page, "staff-slide-new-welcome"), clock)
    type_text(page.editor.fields["zh"], "热烈欢迎")
    assert page.heading.text() == "热烈欢迎"
    type_text(page.editor.fields["line2-zh"], "长沙市规划考察团莅临指导")
    type_text(page.editor.fields["en"], "Welcome to the Changsha planning delegation")
    assert page.message.text() == ""
    preview = page.preview.pixmap()
    assert not preview.isNull() and preview.width() > 100, "the preview shows the slide"

    tap(button(page, "staff-slide-save"), clock)
    assert page.message.text() == "已保存，可在播放列表中使用"
    slide_id = page.slide.id
    saved = json.loads(staff_slide_path(locations.config_dir, slide_id).read_text(encoding="utf-8"))
    assert saved == {
        "schema_version": 1,
        "id": slide_id,
        "kind": "text",
        "template": "welcome",
        "text": {"zh": "热烈欢迎", "en": "Welcome to the Changsha planning delegation"},
        "line2": {"zh": "长沙市规划考察团莅临指导"},
    }
    # The playlist editor's catalogue lists it first, marked as staff-made.
    catalogue = staff_page(gate, "playlists", PlaylistsPage).catalogue.slides
    assert catalogue.item(0).text() == "热烈欢迎\n自建"

    tap(button(page, "staff-slide-play-now"), clock)
    assert page.play_bar.status.text() == "正在插播“热烈欢迎（单页插播）”，至 12:30 结束"
    tap(button(gate.panel, "staff-close"), clock)
    assert not gate.panel.isVisible()
    player = shell.player
    assert player.cue is not None and playing(player).slide == slide_id
    QApplication.processEvents()
    # What the editor previewed is what the showcase builds and paints for this slide.
    preview = page.preview_image()
    on_screen = player.current
    assert isinstance(on_screen, StaffSlideView) and on_screen.staff_slide == page.slide, "the slide as saved"
    # Built as the showcase builds it (a fresh widget: the first paint of a glyph may shade its edges
    # differently), it paints what the editor previewed, pixel for pixel.
    rebuilt = build_slide(on_screen.staff_slide, player.context)
    rebuilt.as_widget().resize(player.size())
    assert rebuilt.snapshot("first") == preview, "pixel for pixel"
    discard(rebuilt.as_widget())
    played = grab(on_screen, player.size())
    assert close_enough(played, preview)

    seen = set()
    while clock.now() < dt.datetime(2024, 3, 1, 12, 29):
        staff_kiosk.advance(playing(player).duration_s)
        seen.add(playing(player).slide)
    assert seen == {slide_id}, "only the welcome plays for 30 minutes"
    staff_kiosk.advance(120)
    assert playing(player).playlist_id == "full", "then the schedule again"


def test_text_that_cannot_fit_or_has_no_glyph_is_refused_as_it_is_typed(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_slides(shell, gate, clock, locations)
    tap(button(page, "staff-slide-new-notice"), clock)
    type_text(page.editor.fields["zh"], "今日16:30闭馆")
    type_text(page.editor.fields["zh"], "☃")
    assert page.editor.fields["zh"].text() == "今日16:30闭馆"
    assert page.message.text() == "展示字体中没有这些字符：☃。请改用其他字。"
    page.editor.fields["zh"].clear()
    type_text(page.editor.fields["zh"], "展馆今日下午四点半闭馆请各位观众合理安排参观时间" * 5)
    type_text(
        page.editor.fields["en"], "The hall closes at half past four this afternoon; please plan your visit."
    )
    assert page.message.text() == ""
    # The second line, a phrase at a time as the Pinyin keyboard commits them, until it is full.
    for _ in range(6):
        type_text(page.editor.fields["line2-zh"], "如需帮助请联系服务台工作人员")
    assert page.message.text() == "文字太长，缩到最小字号也放不下：请删减文字。"
    kept = page.slide
    assert 0 < len(kept.line2.zh) < 6 * 14, "the phrases past the limit were undone, the rest kept"
    assert page.editor.fields["line2-zh"].text() == kept.line2.zh
    tap(button(page, "staff-slide-save"), clock)
    assert staff_slide_path(locations.config_dir, kept.id).exists(), "what was kept fits and saves"


def test_a_slide_in_use_asks_before_deleting_and_names_the_playlists(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_slides(shell, gate, clock, locations)
    tap(button(page, "staff-slide-new-closing"), clock)
    type_text(page.editor.fields["zh"], "谢谢观看")
    tap(button(page, "staff-slide-save"), clock)
    slide_id = page.slide.id

    # Staff add it to a new playlist next to a built-in slide.
    tap(button(gate.panel, "staff-tab-playlists"), clock)
    playlists: Any = gate.panel.pages["playlists"]
    tap(button(playlists, "staff-new"), clock)
    playlists.name_zh.clear()
    type_text(playlists.name_zh, "闭馆轮播")
    playlists.name_en.clear()
    type_text(playlists.name_en, "Closing loop")
    catalogue = playlists.catalogue.slides
    rows = {catalogue.item(row).data(0x0100): row for row in range(catalogue.count())}
    tap_list_item(catalogue, rows[slide_id], clock)
    tap_list_item(catalogue, rows["title_intro"], clock)
    tap(button(playlists, "staff-save"), clock)
    playlist_id = playlists.draft.value.id

    tap(button(gate.panel, "staff-tab-slides"), clock)
    tap_list_item(page.slides, 0, clock)
    tap(button(page, "staff-slide-delete"), clock)
    assert page.question.isVisible()
    assert page.question.message.text() == "“谢谢观看”用于播放列表：“闭馆轮播”。删除后将从这些列表中移除。"
    tap(button(page, "staff-slide-question-first"), clock)  # keep it
    assert staff_slide_path(locations.config_dir, slide_id).exists()
    tap(button(page, "staff-slide-delete"), clock)
    tap(button(page, "staff-slide-question-second"), clock)
    assert not staff_slide_path(locations.config_dir, slide_id).exists()
    remaining = shell.player.program.library.playlists[playlist_id]
    assert [item.slide for item in remaining.items] == ["title_intro"], "taken out of the playlist"


def test_duplicate_makes_an_unsaved_copy_with_a_new_id(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_slides(shell, gate, clock, locations)
    tap(button(page, "staff-slide-new-notice"), clock)
    type_text(page.editor.fields["zh"], "今日16:30闭馆")
    tap(button(page, "staff-slide-save"), clock)
    tap(button(page, "staff-slide-duplicate"), clock)
    assert page.slide.id == "notice-2" and page.dirty()
    tap(button(page, "staff-slide-save"), clock)
    assert sorted(shell.player.program.library.staff_slides.slides) == ["notice", "notice-2"]


def test_the_page_in_portrait_at_4k_keeps_targets_big(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_slides(shell, gate, clock, locations)
    tap(button(page, "staff-slide-new-welcome"), clock)
    shell.resize(QSize(1080, 1920))
    QApplication.processEvents()
    for name in ("staff-slide-save", "staff-slide-play-now", "staff-slide-new-notice", "staff-slide-import"):
        assert button(page, name).height() >= 88


def test_a_slide_file_copied_in_is_hot_reloaded_and_a_bad_copy_keeps_the_last_good(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate = staff_kiosk.shell, staff_kiosk.staff
    path = staff_slide_path(locations.config_dir, "notice")
    document = {
        "schema_version": 1,
        "id": "notice",
        "kind": "text",
        "template": "notice",
        "text": {"zh": "今日闭馆"},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with qtbot.waitSignal(config_changes(gate), timeout=2000):
        write_by_rename(path, json.dumps(document, ensure_ascii=False).encode())
    staff = shell.player.program.library.staff_slides
    notice = staff.slides["notice"]
    assert isinstance(notice, TextSlide) and notice.text.zh == "今日闭馆"
    with qtbot.waitSignal(config_changes(gate), timeout=2000):
        write_by_rename(path, b'{"schema_version": 1, "id": "notice", "kind": "text", "templ')
    library = shell.player.program.library
    notice = library.staff_slides.slides["notice"]
    assert isinstance(notice, TextSlide) and notice.text.zh == "今日闭馆", "the last good version plays on"
    assert [problem.file for problem in library.problems] == ["notice.json"]
