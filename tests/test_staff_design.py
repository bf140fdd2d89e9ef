"""Staff pages as a person sees them: every label fits, every glyph exists, every target is
finger-sized and apart from its neighbours, in zh/en and landscape/portrait; the hold shows progress."""

from __future__ import annotations

from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from pseudo_locale import unlocalized_texts
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QScrollArea, QWidget
from staff_helpers import (
    LANDSCAPE,
    PIN,
    PORTRAIT,
    button,
    hold_corner,
    open_playlists,
    open_staff_tab,
    press,
    release,
    tap,
    tap_list_item,
    type_text,
)

from kiosk.i18n.languages import Language
from kiosk.settings import Locations
from kiosk.system.pin import PinStore
from kiosk.ui.staff.pages import STAFF_PAGES
from kiosk.ui.widgets.fitting_button import FittingButton

UHD = QSize(3840, 2160)


def in_scroll_area(widget: QWidget) -> bool:
    """Whether the widget sits on a page a finger scrolls, so it may be out of view until then."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems_in(root: QWidget, scale: float) -> list[str]:
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        if label.wordWrap():
            # heightForWidth takes the label's own width (its padding inside), as its layout does.
            if label.heightForWidth(label.width()) > label.height() + 1:
                problems.append(f"{label.text()!r} is cut off at the bottom")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"{label.text()!r} needs {label.sizeHint().width()}px, has {label.width()}px")
        metrics = QFontMetrics(label.font())
        problems += [
            f"no glyph for {c!r}" for c in label.text() if not c.isspace() and not metrics.inFontUcs4(ord(c))
        ]
    buttons = [widget for widget in root.findChildren(QPushButton) if widget.isVisibleTo(root)]
    rects = [QRect(widget.mapTo(root, QPoint(0, 0)), widget.size()) for widget in buttons]
    for widget, rect in zip(buttons, rects, strict=True):
        metrics = QFontMetrics(widget.font())
        # The size hint is the text plus the style sheet's padding and border: what the button needs;
        # a fitting button's words may step down in size to fit (a longer language), down to a floor.
        if isinstance(widget, FittingButton):
            fits = widget.fits()
        else:
            fits = widget.sizeHint().width() <= widget.width() + 1
        if widget.text() and not fits:
            problems.append(
                f"button {widget.text()!r} needs {widget.sizeHint().width()}px, has {widget.width()}px"
            )
        problems += [
            f"no glyph for {c!r}" for c in widget.text() if not c.isspace() and not metrics.inFontUcs4(ord(c))
        ]
        if rect.height() < 88 * scale - 1 or rect.width() < 88 * scale - 1:
            problems.append(f"button {widget.objectName()} is {rect.width()}x{rect.height()}, under 88 px")
        if not root.rect().contains(rect) and not in_scroll_area(widget):
            problems.append(f"button {widget.objectName()} leaves the screen")
    for first in range(len(rects)):
        for second in range(first + 1, len(rects)):
            if rects[first].intersects(rects[second]):
                problems.append(f"{buttons[first].objectName()} overlaps {buttons[second].objectName()}")
    for listing in root.findChildren(QListWidget):
        metrics = QFontMetrics(listing.font())
        for row in range(listing.count()):
            text = listing.item(row).text()
            problems += [
                f"no glyph for {c!r}" for c in text if not c.isspace() and not metrics.inFontUcs4(ord(c))
            ]
    return problems


@pytest.mark.parametrize(
    "staff_kiosk", [LANDSCAPE, PORTRAIT, UHD], indirect=True, ids=["landscape", "portrait", "4k"]
)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_every_staff_page_fits_in_every_language_and_orientation(
    staff_kiosk: KioskUnderTest, locations: Locations, language: Language
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    if language == "en":
        tap(button(gate.panel, "staff-language"), clock)
    elif language == "pseudo":
        gate.panel.set_language(language)
    assert gate.panel.language == language
    tap_list_item(page.items, 1, clock)
    scale = min(shell.width(), shell.height()) / 1080
    problems: dict[str, list[str]] = {}
    for spec in STAFF_PAGES:
        tap(button(gate.panel, f"staff-tab-{spec.name}"), clock)
        current: Any = gate.panel.page(spec.name)
        if spec.name == "schedule" and not current.draft.value.rules:
            tap(button(current, "staff-add-rule"), clock)
            tap(button(current, "staff-add-one-off"), clock)
            tap(button(current, "staff-play-for-10"), clock)
        QApplication.processEvents()
        found = problems_in(gate.panel, scale)
        if language == "pseudo":
            found += [f"{text!r} is not from the catalogue" for text in unlocalized_texts(gate.panel)]
        if found:
            problems[spec.name] = found
        if spec.name == "schedule":
            tap(button(current, "staff-save-schedule"), clock)
    assert problems == {}, f"{language}, {shell.size().toTuple()}"
    assert gate.pinpad.isHidden()


def test_the_corner_hold_shows_its_progress(staff_kiosk: KioskUnderTest, locations: Locations) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    corner = QPoint(20, 20)
    press(shell, corner)
    assert gate.ring.isVisible()
    staff_kiosk.advance(1.5)
    assert gate.ring.progress == pytest.approx(0.5)
    staff_kiosk.advance(1.6)
    release(shell, corner)
    assert not gate.ring.isVisible()
    assert gate.pinpad.isVisible()


def test_the_preview_says_so_and_how_to_come_back(staff_kiosk: KioskUnderTest, locations: Locations) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    tap(button(page, "staff-preview"), clock)
    assert gate.banner.isVisible()
    assert gate.banner.text() == "预览中 · 长按左上角返回"
    hold_corner(shell, gate, clock)
    assert not gate.banner.isVisible() and gate.panel.isVisible()
    tap(button(gate.panel, "staff-language"), clock)
    tap(button(page, "staff-preview"), clock)
    assert gate.banner.text() == "Previewing · hold the top-left corner to return"


def test_names_not_ids_on_the_pages(staff_kiosk: KioskUnderTest, locations: Locations) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    shown = "\n".join(page.items.item(row).text() for row in range(page.items.count()))
    assert "淡入淡出" in shown and "fade" not in shown
    tap(button(gate.panel, "staff-tab-schedule"), clock)
    schedule: Any = gate.panel.page("schedule")
    tap(button(schedule, "staff-add-rule"), clock)
    assert button(schedule, "staff-default-playlist").text() == "完整轮播"
    assert button(schedule, "staff-day-mon").text() == "周一"
    assert "周六 周日" in schedule.rules.item(0).text()


def test_time_steps_are_five_minutes_and_repeat_while_held(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    schedule: Any = open_staff_tab(shell, gate, clock, locations, "schedule")
    tap(button(schedule, "staff-add-rule"), clock)
    later = button(schedule, "staff-start-more")
    tap(later, clock)
    assert schedule.draft.value.rules[0].start == "09:05"
    assert later.autoRepeat(), "press and hold keeps stepping"


@pytest.mark.parametrize("size", [QSize(1920, 1080)])
def test_unsaved_edits_are_shown_and_leaving_the_tab_asks(
    staff_kiosk: KioskUnderTest, locations: Locations, size: QSize
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    unsaved = gate.panel.findChild(QLabel, "staff-unsaved")
    assert unsaved is not None and unsaved.text() == "所有修改已保存"
    tap_list_item(page.items, 0, clock)
    tap(button(page, "staff-duration-more"), clock)
    assert unsaved.text() == "● 有未保存的修改"
    tap(button(gate.panel, "staff-tab-settings"), clock)
    assert gate.panel.stack.currentWidget() is page, "the question comes first"
    tap(button(gate.panel, "staff-guard-first"), clock)  # keep editing
    assert gate.panel.stack.currentWidget() is page
    assert page.dirty()
    tap(button(gate.panel, "staff-tab-settings"), clock)
    tap(button(gate.panel, "staff-guard-second"), clock)  # discard
    assert gate.panel.stack.currentWidget() is gate.panel.page("settings")
    assert not page.dirty() and unsaved.text() == "所有修改已保存"


@pytest.mark.parametrize("staff_kiosk", [PORTRAIT], indirect=True, ids=["portrait"])
def test_a_long_slide_title_gives_way_to_the_page_buttons(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page: Any = open_staff_tab(shell, gate, clock, locations, "slides")
    tap(button(gate.panel, "staff-language"), clock)
    tap(button(page, "staff-slide-new-welcome"), clock)
    title = "Welcome to the Changsha planning delegation"
    type_text(page.editor.fields["zh"], "热烈欢迎")
    type_text(page.editor.fields["en"], title)
    QApplication.processEvents()
    assert page.heading.text().endswith("…") and title.startswith(page.heading.text()[:-1])
    assert problems_in(gate.panel, shell.width() / 1080) == []


def test_a_slide_being_made_is_in_the_list_as_not_saved_yet(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page: Any = open_staff_tab(shell, gate, clock, locations, "slides")
    tap(button(gate.panel, "staff-language"), clock)
    listed = [page.slides.item(row).text() for row in range(page.slides.count())]
    assert listed == [
        "No slides of your own yet: make a welcome, a notice or a closing card, or import a picture."
    ]
    tap(button(page, "staff-slide-new-notice"), clock)
    listed = [page.slides.item(row).text() for row in range(page.slides.count())]
    assert listed == ["Notice\nNew, not saved yet"]
    type_text(page.editor.fields["zh"], "今日提前闭馆")
    tap(button(page, "staff-slide-save"), clock)
    listed = [page.slides.item(row).text() for row in range(page.slides.count())]
    assert listed == ["今日提前闭馆\nNotice"]


@pytest.mark.parametrize(
    "staff_kiosk", [LANDSCAPE, PORTRAIT, UHD], indirect=True, ids=["landscape", "portrait", "4k"]
)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_the_pin_pad_fits_in_every_language_and_orientation(
    staff_kiosk: KioskUnderTest, locations: Locations, language: Language
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    scale = min(shell.width(), shell.height()) / 1080
    gate.pinpad.open(language, scale)
    tap(gate.pinpad.keys["ok"], clock)  # with nothing typed: the pad says to type the PIN first
    assert gate.pinpad.message.text()
    problems = problems_in(gate.pinpad, scale)
    if language == "pseudo":
        problems += [f"{text!r} is not from the catalogue" for text in unlocalized_texts(gate.pinpad)]
    assert problems == [], f"{language}, {shell.size().toTuple()}"
