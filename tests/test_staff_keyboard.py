"""Staff mode's on-screen keyboard: Pinyin and Latin typed with taps on the keyboard itself, the
keyboard never covering the field, the kiosk process never loading it, and a clear sentence where it
cannot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QPoint, QPointF, QRect, QSize
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.logging import _QtMessageCapture as QtLog
from pytestqt.qtbot import QtBot

from kiosk.content.models import Language
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.staff.keyboard import keyboard, keyboard_window
from kiosk.ui.staff.keyboard.keyboard import (
    KeyboardSession,
    attach_keyboard,
    close_keyboard,
    set_keyboard_language,
)
from kiosk.ui.staff.keyboard.keyboard_window import KeyboardWindow
from kiosk.ui.style import theme

DEVICE = QTest.createTouchDevice()
REPO_ROOT = Path(__file__).resolve().parent.parent

# Qt Virtual Keyboard binds to the focused field's echo mode, which QLineEdit does not offer as a
# bindable property, and Qt says so when the keyboard first meets a field; the Pinyin engine says when
# it starts a new user dictionary (every test has a fresh one). Neither changes anything for staff.
pytestmark = pytest.mark.qt_log_ignore(
    "depends on non-bindable properties", "QLineEdit::echoMode", "creating directory for user dictionary"
)


@pytest.fixture(autouse=True)
def private_pinyin_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Pinyin engine keeps the words staff pick in the user's config folder; not the tester's.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def windows(qapp: QApplication) -> Iterator[list[QWidget]]:
    opened: list[QWidget] = []
    yield opened
    close_keyboard()
    discard(*opened)


def open_keyboard(
    windows: list[QWidget],
    runtime: Runtime,
    size: QSize,
    qtbot: QtBot,
    language: Language = "zh",
    text: str = "",
    typing: Language | None = None,
) -> KeyboardWindow:
    window = KeyboardWindow(runtime.pack, language, "播放列表名称", text, size, typing)
    windows.append(window)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    assert window.open() is None
    assert window.dock.view is not None
    root = window.dock.view.rootObject()
    qtbot.waitUntil(lambda: bool(root.property("typingReady")))  # as staff see the keys appear
    return window


def touch_tap(window: QWidget, point: QPoint) -> None:
    QTest.touchEvent(window, DEVICE).press(0, point, window).commit()
    QApplication.processEvents()
    QTest.touchEvent(window, DEVICE).release(0, point, window).commit()
    QApplication.processEvents()


def tap_widget(widget: QWidget) -> None:
    touch_tap(widget.window(), widget.mapTo(widget.window(), widget.rect().center()))


def quick_items(window: KeyboardWindow) -> list[QQuickItem]:
    assert window.dock.view is not None
    root = window.dock.view.rootObject()
    return [item for item in root.findChildren(QQuickItem) if item.isVisible()]


def keys(window: KeyboardWindow) -> dict[str, QQuickItem]:
    """The keys on screen by the text they type (letters, " ", "\\n" for Enter...)."""
    found: dict[str, QQuickItem] = {}
    for item in quick_items(window):
        meta = item.metaObject()
        if meta.indexOfProperty("key") >= 0 and meta.indexOfProperty("displayText") >= 0:
            found.setdefault(item.property("text"), item)
    return found


def items_under(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from items_under(child)


def candidates(window: KeyboardWindow) -> dict[str, QQuickItem]:
    """The word candidates in the bar above the keys, by their text."""
    assert window.dock.view is not None
    root = window.dock.view.rootObject()
    assert root is not None
    bar = root.findChild(QQuickItem, "wordCandidateView")
    assert bar is not None
    found: dict[str, QQuickItem] = {}
    for item in items_under(bar):
        text = item.property("text")
        if isinstance(text, str) and text and item.isVisible() and item.width() > 0:
            found.setdefault(text, item)
    return found


def tap_item(window: KeyboardWindow, item: QQuickItem) -> None:
    view = window.dock.view
    assert view is not None
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    touch_tap(window, view.mapTo(window, centre))


def tap_keys(window: KeyboardWindow, text: str) -> None:
    for character in text:
        tap_item(window, keys(window)[character])


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_typing_huanying_and_tapping_the_candidate_enters_huanying(
    windows: list[QWidget], runtime: Runtime, size: QSize, qtbot: QtBot
) -> None:
    window = open_keyboard(windows, runtime, size, qtbot)
    tap_keys(window, "huanying")
    assert window.field.text() == ""  # Pinyin still being composed: nothing committed yet
    shown = candidates(window)
    assert "欢迎" in shown, sorted(shown)
    tap_item(window, shown["欢迎"])
    assert window.field.text() == "欢迎"
    tap_widget(window.done)
    assert window.result == {"text": "欢迎"}
    assert not window.isVisible()


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_the_keyboard_never_covers_the_field_and_its_targets_are_full_size(
    windows: list[QWidget], runtime: Runtime, size: QSize, qtbot: QtBot
) -> None:
    window = open_keyboard(windows, runtime, size, qtbot)
    field, dock = window_rect(window.field), window_rect(window.dock)
    assert window.rect().contains(field) and window.rect().contains(dock)
    assert field.bottom() < dock.top()
    assert window_rect(window.done).bottom() < dock.top()
    letters = [item for text, item in keys(window).items() if text and text in "qwertyuiopasdfghjklzxcvbnm"]
    assert len(letters) == 26
    assert min(item.height() for item in letters) >= theme.TOUCH_TARGET_PX
    tap_keys(window, "ni")
    shown = candidates(window)
    assert "你" in shown
    # A candidate's tap area (its delegate in the bar) is as tall as a button.
    assert min(item.parentItem().height() for item in shown.values()) >= theme.TOUCH_TARGET_PX


def test_latin_text_on_the_english_keyboard_and_enter_finishes(
    windows: list[QWidget], runtime: Runtime, qtbot: QtBot
) -> None:
    window = open_keyboard(windows, runtime, QSize(1920, 1080), qtbot, language="en", text="Hall")
    window.field.end(False)  # staff tap behind the selected text to add to it
    tap_keys(window, " tour")
    assert window.field.text() == "Hall tour"
    tap_item(window, keys(window)["\n"])
    assert window.result == {"text": "Hall tour"}


def test_an_english_field_opens_latin_with_a_capital_and_the_first_key_replaces_the_name() -> None:
    """In a process of its own, as the kiosk runs each keyboard (its shift state lives per process)."""
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tests" / "keyboard_typing_child.py"), "hall"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    assert report["selected"] == "New playlist 1", "the pre-filled name is selected"
    assert report["typed"] == "Hall", "Latin keys in a Chinese panel, a capital first, the name replaced"


def test_a_chinese_field_opens_pinyin_and_the_first_word_replaces_the_name(
    windows: list[QWidget], runtime: Runtime, qtbot: QtBot
) -> None:
    window = open_keyboard(windows, runtime, QSize(1920, 1080), qtbot, "en", text="新列表 1", typing="zh")
    assert window.field.selectedText() == "新列表 1"
    tap_keys(window, "huanying")
    tap_item(window, candidates(window)["欢迎"])
    assert window.field.text() == "欢迎"


def test_a_syllable_still_composing_is_kept_on_done_and_cancel_keeps_nothing(
    windows: list[QWidget], runtime: Runtime, qtbot: QtBot
) -> None:
    window = open_keyboard(windows, runtime, QSize(1080, 1920), qtbot)
    tap_keys(window, "hao")
    tap_widget(window.done)
    assert window.result is not None and window.result["text"] in {"hao", "好"}
    again = open_keyboard(windows, runtime, QSize(1080, 1920), qtbot, text="原来的")
    tap_keys(again, "abc")
    tap_widget(again.cancel)
    assert again.result == {"cancelled": True}


@pytest.mark.parametrize("cause", ["library missing", "input method not selected", "QML error"])
def test_the_keyboard_window_says_why_it_cannot_load(
    windows: list[QWidget],
    runtime: Runtime,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtlog: QtLog,
    cause: str,
) -> None:
    if cause == "library missing":
        monkeypatch.setattr(keyboard_window, "keyboard_library_present", lambda: False)
    elif cause == "input method not selected":
        monkeypatch.delenv("QT_IM_MODULE")
    else:
        broken = tmp_path / "keyboard.qml"
        broken.write_text("import QtQuick\nItem { this is not QML }\n", encoding="utf-8")
        monkeypatch.setattr(keyboard_window, "KEYBOARD_QML", broken)
    window = KeyboardWindow(runtime.pack, "zh", "", "", QSize(1920, 1080))
    windows.append(window)
    window.show()
    with qtlog.disabled():  # Qt reports the QML error itself; the reason must carry it too
        reason = window.open()
    assert reason is not None
    if cause == "QML error":
        assert "Expected a qualified name" in reason
    assert window.message.isVisible()
    assert window.message.text() == runtime.pack.text("staff.keyboard_unavailable", "zh")


class StaffPage(QWidget):
    """A staff page with two attached fields and a button, as the staff panel builds them."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.name = attach_keyboard(QLineEdit(), runtime.pack)
        self.name.setAccessibleName("名称")
        self.other = attach_keyboard(QLineEdit(), runtime.pack)
        self.button = QPushButton("保存")
        self.saved: list[str] = []
        self.button.clicked.connect(lambda: self.saved.append(self.name.text()))
        for widget in (self.name, self.other, self.button):
            layout.addWidget(widget)
        self.resize(QSize(1920, 1080))


def show_page(windows: list[QWidget], runtime: Runtime) -> StaffPage:
    page = StaffPage(runtime)
    windows.append(page)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    return page


def wait_until_closed(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not KeyboardSession.shared().busy, timeout=60_000)


def test_a_tap_on_a_field_runs_the_keyboard_and_takes_its_text_back(
    windows: list[QWidget], runtime: Runtime, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The kiosk side of the exchange, with a stand-in keyboard process that answers as staff would."""
    script = (
        "import json, sys; args = sys.argv[1:]; "
        "print(json.dumps({'active': True}), flush=True); "
        "text = args[args.index('--text') + 1] + '欢迎'; "
        "print(json.dumps({'text': text}, ensure_ascii=False))"
    )
    monkeypatch.setattr(keyboard, "keyboard_program", lambda: (sys.executable, ["-c", script]))
    page = show_page(windows, runtime)
    page.name.setText("代表团 ")
    activity: list[bool] = []
    KeyboardSession.shared().activity.connect(lambda: activity.append(True))
    tap_widget(page.name)
    assert page.name.isReadOnly()  # no second editor while the keyboard has the text
    wait_until_closed(qtbot)
    assert page.name.text() == "代表团 欢迎"
    assert not page.name.isReadOnly()
    assert activity
    tap_widget(page.button)
    assert page.saved == ["代表团 欢迎"]


def test_closing_staff_mode_ends_the_keyboard_and_leaves_the_field(
    windows: list[QWidget], runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits_for_its_input = "import sys; sys.stdin.read()"
    monkeypatch.setattr(keyboard, "keyboard_program", lambda: (sys.executable, ["-c", waits_for_its_input]))
    page = show_page(windows, runtime)
    page.name.setText("原来的")
    tap_widget(page.name)
    assert KeyboardSession.shared().busy
    close_keyboard()
    assert not KeyboardSession.shared().busy
    assert page.name.text() == "原来的" and not page.name.isReadOnly()


def test_where_the_keyboard_cannot_run_the_field_says_so_and_the_rest_works(
    windows: list[QWidget], runtime: Runtime, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The real keyboard process, forced to fail: another input method chosen for it."""
    monkeypatch.setenv("QT_IM_MODULE", "none")
    monkeypatch.setattr(KeyboardSession, "instance", None)
    page = show_page(windows, runtime)
    told: list[str] = []
    KeyboardSession.shared().unavailable.connect(lambda _field, sentence: told.append(sentence))
    tap_widget(page.name)
    wait_until_closed(qtbot)
    sentence = runtime.pack.text("staff.keyboard_unavailable", "zh")
    assert told == [sentence]
    assert "屏幕键盘未能加载" in sentence
    assert page.name.placeholderText() == sentence
    # A later tap does not try again; in English staff read the English sentence.
    set_keyboard_language("en")
    tap_widget(page.other)
    assert not KeyboardSession.shared().busy
    assert page.other.placeholderText() == runtime.pack.text("staff.keyboard_unavailable", "en")
    # Everything else works: a physical keyboard types, the button saves.
    page.name.setFocus()
    QTest.keyClicks(page.name, "Hall 3")
    tap_widget(page.button)
    assert page.saved == ["Hall 3"]
    set_keyboard_language("zh")


def test_kiosk_keyboard_check_types_huanying_through_the_input_engine() -> None:
    """`kiosk keyboard --check`, as the packaging smoke test runs it: the real process, Qt's Pinyin."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "keyboard", "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"ready": True}


def test_visitors_never_load_qt_quick() -> None:
    """The kiosk process (showcase, then a staff field tapped) never selects the keyboard input method,
    maps no QtQuick library and imports no Qt Quick binding: the keyboard runs in its own process."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("QT_IM_")}
    environment.pop("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", None)
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tests" / "keyboard_child.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    assert report["input_method"] == ""
    assert report["visitor_quick"] == "none"
    assert report["staff_keyboard_started"] == "yes"
    assert report["staff_quick"] == "none"
