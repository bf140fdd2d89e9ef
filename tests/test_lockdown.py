"""Kiosk mode locks visitors in: no exit key, no closing, no context menu, no selectable text, and no
mouse cursor resting over the exhibit. `--windowed` keeps a desktop's normal behaviour."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from functools import partial

import pytest
import shiboken6
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import discard
from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QCursor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit, QWidget

from kiosk.content.models import VISITOR_TOPICS
from kiosk.ui.runtime.lockdown import CURSOR_HIDE_AFTER_S
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext

SIZE = QSize(1280, 720)
CLOSE_REFUSED = "close refused; use staff mode to quit"
MakeShell = Callable[[bool], KioskUnderTest]


@pytest.fixture
def make_shell(make_kiosk: MakeKiosk) -> Iterator[MakeShell]:
    """A kiosk in kiosk mode (True) or windowed (False); at the end each is closed, the cursor given back."""
    made: list[KioskUnderTest] = []

    def make(kiosk_mode: bool) -> KioskUnderTest:
        made.append(make_kiosk(size=SIZE, playlist="short", kiosk_mode=kiosk_mode))
        return made[-1]

    yield make
    for kiosk in made:
        kiosk.close()
    assert QGuiApplication.overrideCursor() is None, "no test leaves the cursor hidden"


def enter_topic(kiosk: KioskUnderTest, topic: str = "industry") -> QWidget:
    shell = kiosk.shell
    kiosk.click_at(kiosk.at(shell.player, QPoint(300, 300)))
    kiosk.advance(1.0)
    assert shell.visitor.navigate(topic)
    QApplication.processEvents()
    page = shell.visitor.stack.currentWidget()
    assert page is not None
    return page


def cursor_hidden() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


# Exit keys and closing ------------------------------------------------------------------------


def test_kiosk_mode_is_frameless(make_shell: MakeShell) -> None:
    shell = make_shell(True).shell
    assert shell.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_escape_and_alt_f4_leave_nothing(make_shell: MakeShell) -> None:
    kiosk = make_shell(True)
    shell = kiosk.shell
    page = enter_topic(kiosk)
    for target in (shell, page, shell.visitor.nav.home_button):
        QTest.keyClick(target, Qt.Key.Key_Escape)
        QTest.keyClick(target, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        QApplication.processEvents()
        assert shell.isVisible()
        assert shell.showing_visitor_pages() and shell.visitor.current_page_id() == "industry"


def test_a_close_request_is_refused_and_logged_once_per_attempt(
    make_shell: MakeShell, caplog: pytest.LogCaptureFixture
) -> None:
    shell = make_shell(True).shell
    with caplog.at_level(logging.INFO, logger="kiosk"):
        assert shell.close() is False  # what a window manager's Alt+F4 or close button asks
        assert shell.close() is False
    QApplication.processEvents()
    assert shell.isVisible()
    refusals = [record for record in caplog.records if record.getMessage() == CLOSE_REFUSED]
    assert len(refusals) == 2


def test_windowed_mode_closes_and_keeps_the_cursor(
    make_shell: MakeShell, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_shell(False)
    shell = kiosk.shell
    kiosk.advance(60)
    assert not cursor_hidden()
    assert shell.lockdown is None
    with caplog.at_level(logging.INFO, logger="kiosk"):
        assert shell.close() is True
    assert not shell.isVisible()
    assert CLOSE_REFUSED not in caplog.text


# Context menus and text selection -------------------------------------------------------------


def popups_opened_by(send: Callable[[], object]) -> list[str]:
    """Runs `send`; any popup it opens (QMenu.exec runs a nested loop) is recorded and closed."""
    opened: list[str] = []

    def close_popups() -> None:
        popup = QApplication.activePopupWidget()
        while popup is not None:
            opened.append(type(popup).__name__)
            popup.close()
            popup = QApplication.activePopupWidget()

    QTimer.singleShot(0, close_popups)
    send()
    QApplication.processEvents()
    close_popups()
    return opened


def test_no_context_menu_opens_anywhere(make_shell: MakeShell) -> None:
    kiosk = make_shell(True)
    shell = kiosk.shell
    page = enter_topic(kiosk)
    from kiosk.ui.widgets.chart_view import ChartView

    chart = page.findChildren(ChartView)[0]
    targets: list[QWidget] = [
        shell,
        page,
        page.scroll_area.verticalScrollBar(),  # type: ignore[attr-defined]  # Qt gives scroll bars a menu
        chart,
        *chart.findChildren(QWidget),
        shell.visitor.nav.home_button,
    ]
    for target in targets:
        centre = target.rect().center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, target.mapToGlobal(centre))
        assert popups_opened_by(partial(QApplication.sendEvent, target, event)) == []
        assert (
            popups_opened_by(partial(QTest.mouseClick, target, Qt.MouseButton.RightButton, pos=centre)) == []
        )


def test_no_visitor_text_can_be_selected_or_followed(make_shell: MakeShell, runtime: Runtime) -> None:
    kiosk = make_shell(True)
    shell = kiosk.shell
    enter_topic(kiosk)
    for page_id in ("hub", *VISITOR_TOPICS, "intro"):
        shell.visitor.page(page_id)
    slides = [
        build_slide(
            slide, SlideContext(runtime.pack, runtime.family, shell.player.context.driver)
        ).as_widget()
        for slide in runtime.pack.slides
    ]
    roots: list[QWidget] = [shell, *slides]
    interactive = (
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.TextEditable
    )
    labels = [label for root in roots for label in root.findChildren(QLabel)]
    assert len(labels) > 100, "the pages and slides were built"
    offenders = [
        label.text()[:40]
        for label in labels
        # Qt's default, LinksAccessibleByMouse, is harmless while no label opens links itself.
        if label.textInteractionFlags() & interactive or label.openExternalLinks()
    ]
    assert offenders == []
    assert [root for root in roots if root.findChildren(QLineEdit) + root.findChildren(QTextEdit)] == []
    discard(*slides)


# The mouse cursor ----------------------------------------------------------------------------


def test_the_cursor_hides_after_3_s_without_movement_and_returns_when_the_mouse_moves(
    make_shell: MakeShell,
) -> None:
    kiosk = make_shell(True)
    shell = kiosk.shell
    assert shell.lockdown is not None
    hider = shell.lockdown.cursor
    assert not cursor_hidden() and hider.running

    kiosk.advance(CURSOR_HIDE_AFTER_S - 0.1)
    assert not cursor_hidden()
    kiosk.advance(0.2)
    assert cursor_hidden()
    assert not hider.running, "no timer runs while the cursor is hidden"

    kiosk.touch([QPoint(400, 400), QPoint(420, 400)])
    assert cursor_hidden(), "a finger does not bring the arrow back"

    QTest.mouseMove(shell, QPoint(500, 300))
    QTest.mouseMove(shell, QPoint(520, 310))
    QApplication.processEvents()
    assert not cursor_hidden(), "a mouse does"
    assert hider.running
    kiosk.advance(CURSOR_HIDE_AFTER_S + 0.1)
    assert cursor_hidden()
    assert QGuiApplication.overrideCursor() is not None
    assert QCursor(Qt.CursorShape.BlankCursor).shape() == QGuiApplication.overrideCursor().shape()


def test_a_window_torn_down_without_closing_gives_the_cursor_back(
    make_shell: MakeShell,
) -> None:
    kiosk = make_shell(True)
    shell = kiosk.shell
    kiosk.advance(CURSOR_HIDE_AFTER_S + 1)
    assert cursor_hidden()
    shell.player.stop()
    shell.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(shell)
    assert QGuiApplication.overrideCursor() is None
