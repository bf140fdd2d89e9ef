"""The keyboard process: one staff text field and Qt Virtual Keyboard (Latin and Pinyin), full screen.

`kiosk keyboard` (kiosk/ui/runtime/keyboard_process.py) runs it; keyboard.py beside this module
starts it when staff tap a text field, hands it the field's text and gets the edited text back on
its standard output, one JSON object a line:
`{"active": true}` now and then while staff type, then `{"text": "..."}` (Done or the Enter key) or
`{"cancelled": true}`; `{"unavailable": "reason"}` and exit status 3 where the keyboard cannot load.
It quits when its standard input closes, so it never outlives the kiosk.

Qt picks its input method only when the application is created, and Qt Virtual Keyboard's plugin links
QtQuick; running it here keeps the visitor process free of both.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QObject,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack, Language
from kiosk.ui.style import theme

if TYPE_CHECKING:  # imported when the keyboard is first shown: Qt Quick costs start-up time
    from PySide6.QtQuickWidgets import QQuickWidget

log = logging.getLogger(__name__)

INPUT_METHOD = "qtvirtualkeyboard"
# Application integration: the keyboard lives in our window, never in a top-level window of its own.
INPUT_METHOD_ENVIRONMENT = {"QT_IM_MODULE": INPUT_METHOD, "QT_VIRTUALKEYBOARD_DESKTOP_DISABLE": "1"}
KEYBOARD_QML = Path(__file__).with_name("keyboard.qml")
KEYBOARD_LOCALES: dict[Language, str] = {"zh": "zh_CN", "en": "en_US"}
UNAVAILABLE_EXIT_STATUS = 3

# Keyboard size at the 1080p reference: 4 rows of keys >= 88 px, a candidate bar of one touch target.
KEYBOARD_HEIGHT_PX = 440
CANDIDATE_BAR_PX = theme.TOUCH_TARGET_PX
KEYBOARD_MAX_WIDTH_PX = 1500
# The built-in keyboard style asks for "Arial"; the kiosk's own font stands in for it, so keys and
# Pinyin candidates render on a machine without any CJK font.
STYLE_FONT_FAMILY = "Arial"
# Qt's own messages while the keyboard loads that say nothing about the kiosk, with the reason.
KEYBOARD_LOG_RULES = (
    # Qt Multimedia (linked for key-click sounds the kiosk does not play) looks for PipeWire first.
    "qt.multimedia.symbolsresolver.warning=false",
    # A naming clash inside Qt's own PopupList.qml, reported while its types are registered.
    "qt.qml.propertyCache.append.warning=false",
)
ACTIVITY_EVERY_S = 5.0


def keyboard_library_present() -> bool:
    """Whether Qt Virtual Keyboard's library (PySide6-Addons) is where Qt will look for it."""
    folders = {
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.BinariesPath)),
    }
    return any(any(folder.glob("*Qt6VirtualKeyboard.*")) for folder in folders if folder.is_dir())


def enable_input_method(environment: MutableMapping[str, str] | None = None) -> bool:
    """Select the on-screen keyboard as Qt's input method; call before the QApplication is created.

    Returns whether it was selected. An input method chosen by the operator (QT_IM_MODULE already
    set) is kept, and so is a machine without the library: the keyboard then says it is missing.
    """
    environment = os.environ if environment is None else environment
    if environment.get("QT_IM_MODULE", INPUT_METHOD) != INPUT_METHOD:
        log.info("on-screen keyboard off: QT_IM_MODULE=%s chosen", environment["QT_IM_MODULE"])
        return False
    if not keyboard_library_present():
        log.warning("on-screen keyboard off: libQt6VirtualKeyboard not found (is PySide6-Addons installed?)")
        return False
    for name, value in INPUT_METHOD_ENVIRONMENT.items():
        environment.setdefault(name, value)
    return True


def input_method_selected() -> bool:
    return os.environ.get("QT_IM_MODULE") == INPUT_METHOD and keyboard_library_present()


@functools.cache
def render_quick_in_software() -> None:
    """Software rendering: no GL context to create on a kiosk PC's graphics driver for a keyboard.

    Qt takes the choice once per process, before the first Qt Quick scene.
    """
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


class KeyboardDock(QWidget):
    """Qt's InputPanel (keyboard.qml) in a QQuickWidget, sized and coloured from the theme tokens.

    One per process (Qt allows a single InputPanel). `load()` returns a reason when it cannot load.
    """

    def __init__(self, metrics: theme.Metrics, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardDock")
        self.metrics = metrics
        self.language: Language = language
        self.view: QQuickWidget | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def load(self) -> str | None:
        """Build the keyboard; None when it is ready, else why it could not load."""
        if not input_method_selected():
            return "Qt Virtual Keyboard is not the input method of this process"
        from PySide6.QtCore import QLoggingCategory
        from PySide6.QtQuickWidgets import QQuickWidget

        QLoggingCategory.setFilterRules("\n".join(KEYBOARD_LOG_RULES))
        QFont.insertSubstitution(STYLE_FONT_FAMILY, QGuiApplication.font().family())
        render_quick_in_software()
        view = QQuickWidget(self)
        view.setObjectName("KeyboardView")
        # Taps on the keys must leave the focus (and the text cursor) in the field being typed in.
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setClearColor(theme.colour(theme.GROUND_DEEP))
        view.setInitialProperties(
            {
                "panelHeight": float(self.metrics.px(KEYBOARD_HEIGHT_PX)),
                "candidateHeight": float(self.metrics.px(CANDIDATE_BAR_PX)),
                "panelMaxWidth": float(self.metrics.px(KEYBOARD_MAX_WIDTH_PX)),
                "keyboardLocale": KEYBOARD_LOCALES[self.language],
                "groundColor": theme.colour(theme.GROUND_DEEP),
                "keyColor": theme.colour(theme.SURFACE_RAISED),
                "functionKeyColor": theme.colour(theme.SURFACE),
                "separatorColor": theme.colour(theme.HAIRLINE),
                "textColor": theme.colour(theme.TEXT),
                "accentColor": theme.colour(theme.ACCENT),
            }
        )
        view.setSource(QUrl.fromLocalFile(str(KEYBOARD_QML)))
        root = view.rootObject()
        if view.status() != QQuickWidget.Status.Ready or root is None:
            errors = "; ".join(error.toString() for error in view.errors()) or "no root item"
            view.deleteLater()
            return f"keyboard QML did not load: {errors}"
        self.layout_.addWidget(view)
        self.view = view
        # A QQuickWidget added to a window already on screen starts rendering on its show event.
        view.show()
        # A signal keyboard.qml declares: Qt's stubs cannot know the properties a QML file adds.
        root.requiredHeightChanged.connect(self._fit_view)  # type: ignore[attr-defined]
        self._fit_view()
        return None

    def check_pinyin(self) -> str | None:
        """Type `huanying` through the keyboard's input engine; None when 欢迎 is offered, else what was."""
        assert self.view is not None
        deadline = time.monotonic() + 5.0
        root = self.view.rootObject()
        assert root is not None, "loaded, or the view would not exist"
        while time.monotonic() < deadline and not root.property("typingReady"):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        root.setProperty("keyboardLocale", KEYBOARD_LOCALES["zh"])
        root.setProperty("checkInput", "huanying")
        offered = str(root.property("checkCandidates"))
        return None if "欢迎" in offered.split() else f"Pinyin huanying offered {offered[:80]!r}, not 欢迎"

    def _fit_view(self) -> None:
        assert self.view is not None
        root = self.view.rootObject()
        assert root is not None, "loaded, or the view would not exist"
        self.view.setFixedHeight(round(root.property("requiredHeight")))


class KeyboardWindow(QWidget):
    """The field being edited at the top, Done and Cancel beside it, the keyboard at the bottom."""

    def __init__(
        self,
        pack: ContentPack,
        language: Language,
        label: str,
        text: str,
        size: QSize,
        typing: Language | None = None,
    ) -> None:
        """`language` is staff's, for the window's words; `typing` the field's, for the keys it opens
        with (Pinyin for a Chinese field, Latin for an English one), staff's language by default."""
        super().__init__()
        self.setObjectName("KioskRoot")
        self.pack = pack
        self.language: Language = language
        self.result: dict[str, object] | None = None
        metrics = theme.Metrics.for_size(size)
        outer = QVBoxLayout(self)
        margin = metrics.px(theme.MARGIN_PX)
        outer.setContentsMargins(margin, margin, margin, 0)
        outer.setSpacing(metrics.px(theme.GAP_PX))
        self.title = QLabel(label or self.text("staff.keyboard_title"))
        self.title.setObjectName("SectionTitle")
        outer.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(metrics.px(theme.GAP_PX) // 2)
        self.field = QLineEdit(text)
        self.field.setObjectName("KeyboardField")
        self.field.setMinimumHeight(metrics.px(theme.TOUCH_TARGET_PX))
        self.field.returnPressed.connect(self.finish)
        row.addWidget(self.field, 1)
        self.done = QPushButton(self.text("staff.keyboard_done"))
        self.done.setObjectName("PrimaryButton")
        self.done.clicked.connect(self.finish)
        self.cancel = QPushButton(self.text("staff.cancel"))
        self.cancel.setObjectName("KeyboardCancel")
        self.cancel.clicked.connect(self.abandon)
        for button in (self.done, self.cancel):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        outer.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("Caption")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        self.dock = KeyboardDock(metrics, typing or language)
        # Landscape: the keyboard along the bottom edge, as on any tablet. Portrait: right under the
        # field, so eyes and hands stay together on a tall screen instead of 1 m apart.
        if metrics.portrait:
            outer.addWidget(self.dock)
            outer.addStretch(1)
        else:
            outer.addStretch(1)
            outer.addWidget(self.dock)
        self.resize(size)

    def text(self, key: str) -> str:
        return self.pack.text(key, self.language)

    def open(self) -> str | None:
        """Load the keyboard and give the field the focus; None when staff can type, else the reason."""
        failure = self.dock.load()
        if failure is not None:
            self.message.setText(self.text("staff.keyboard_unavailable"))
            self.message.show()
            return failure
        # A pre-filled text is selected so the first key replaces it; the cursor stands at its start,
        # where the keyboard capitalises the first Latin letter as at the start of a sentence.
        self.field.setSelection(len(self.field.text()), -len(self.field.text()))
        self.field.setFocus()
        # The field may have had the focus before the keyboard existed: tell the keyboard about it.
        QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImQueryAll)
        QGuiApplication.inputMethod().show()
        # Place the keyboard now rather than on the next pass of the event loop: a tap that comes
        # first must find the keys where they are drawn.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return None

    def finish(self) -> None:
        # A Pinyin syllable still being composed belongs to the text staff see, so it is committed first.
        QGuiApplication.inputMethod().commit()
        self.result = {"text": self.field.text()}
        self.close()

    def abandon(self) -> None:
        self.result = {"cancelled": True}
        self.close()


class ActivityReporter(QObject):
    """Tells the kiosk, now and then, that staff are typing, so staff mode does not time out under them."""

    def __init__(self) -> None:
        super().__init__()
        self.last = -ACTIVITY_EVERY_S

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            now = time.monotonic()
            if now - self.last >= ACTIVITY_EVERY_S:
                self.last = now
                emit({"active": True})
        return False


def emit(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()
