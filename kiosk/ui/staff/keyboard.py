"""The on-screen keyboard of staff mode: Latin and Pinyin (Qt Virtual Keyboard), no physical keyboard needed.

What loads when:

- At start, `enable_input_method()` (called before the QApplication exists) selects Qt Virtual Keyboard
  as Qt's input-method plugin, in application-integration mode. Qt only reads that choice when the
  application is created, so it cannot wait for staff mode; it costs the visitor path the loading of the
  plugin and its libraries (measured in the README), but no QML engine, no scene and no window.
- The first time a field passed to `attach_keyboard` is focused, the `KeyboardDock` that the staff panel
  holds at its bottom imports QtQuickWidgets and loads `keyboard.qml` (Qt's InputPanel, software
  rendered). The dock sits in the panel's layout, so the content above it shrinks instead of being
  covered, and the focused field is scrolled into view.
- Where the keyboard cannot load (the PySide6-Addons library missing, the plugin not selected, a QML
  error) the dock and every attached field say so in a sentence, in the staff's language, and nothing
  else changes: fields still take a physical keyboard, every button works.

The Pinyin engine, its dictionary and the keyboard layouts are Qt's own; typing `huanying` offers 欢迎.
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, Qt, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack, Language
from kiosk.ui import theme

log = logging.getLogger(__name__)

INPUT_METHOD = "qtvirtualkeyboard"
# Application integration: the keyboard lives in our window (the dock), never in a top-level window
# of its own that could open over the visitor screens.
INPUT_METHOD_ENVIRONMENT = {"QT_IM_MODULE": INPUT_METHOD, "QT_VIRTUALKEYBOARD_DESKTOP_DISABLE": "1"}
KEYBOARD_QML = Path(__file__).with_name("keyboard.qml")
KEYBOARD_LOCALES: dict[Language, str] = {"zh": "zh_CN", "en": "en_US"}
UNAVAILABLE_TEXT_KEY = "staff.keyboard_unavailable"

# Keyboard size at the 1080p reference: 4 rows of keys >= 88 px (the candidate bar comes on top).
KEYBOARD_HEIGHT_PX = 440
CANDIDATE_BAR_PX = theme.TOUCH_TARGET_PX
KEYBOARD_MAX_WIDTH_PX = 1500
# The style of the built-in keyboard asks for "Arial"; the kiosk's own font stands in for it, so keys
# and Pinyin candidates render on a machine without any CJK font.
STYLE_FONT_FAMILY = "Arial"
# Qt's own messages while the keyboard loads that say nothing about the kiosk, with the reason.
KEYBOARD_LOG_RULES = (
    # Qt Multimedia (linked for key-click sounds the kiosk does not play) looks for PipeWire first.
    "qt.multimedia.symbolsresolver.warning=false",
    # A naming clash inside Qt's own PopupList.qml, reported while its types are registered.
    "qt.qml.propertyCache.append.warning=false",
)


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
    set) is kept, and so is a machine without the library: the fields then say the keyboard is missing.
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


class KeyboardDock(QWidget):
    """The bottom strip of the staff panel where the keyboard appears for an attached field.

    Put one in the staff panel's layout, below the page content (one per process: Qt allows a single
    InputPanel). It is hidden, and takes no space, until an attached field is focused.
    """

    def __init__(self, pack: ContentPack, language: Language = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardDock")
        self.pack = pack
        self.language: Language = language
        self.metrics = theme.Metrics(scale=1.0, portrait=False)
        self.failure: str | None = None
        self.view: QWidget | None = None
        self.field: QLineEdit | None = None
        self.message = QLabel()
        self.message.setObjectName("Caption")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.message)
        self.hide()
        QGuiApplication.inputMethod().visibleChanged.connect(self._follow_input_method)

    @property
    def available(self) -> bool:
        """False once the keyboard failed to load (the dock then shows why instead)."""
        return self.failure is None

    def unavailable_text(self) -> str:
        return self.pack.text(UNAVAILABLE_TEXT_KEY, self.language)

    def set_language(self, language: Language) -> None:
        """The staff language: the keyboard's first layout and the sentence shown on a failure."""
        self.language = language
        if self.view is not None:
            self._root_property("keyboardLocale", KEYBOARD_LOCALES[language])
        if not self.available:
            self.message.setText(self.unavailable_text())
            if self.field is not None:
                self.field.setPlaceholderText(self.unavailable_text())

    def set_metrics(self, metrics: theme.Metrics) -> None:
        """Follow the staff panel's scale (a 4K screen doubles every size)."""
        self.metrics = metrics
        if self.view is not None:
            self._root_property("panelHeight", float(metrics.px(KEYBOARD_HEIGHT_PX)))
            self._root_property("panelMaxWidth", float(metrics.px(KEYBOARD_MAX_WIDTH_PX)))
            self._root_property("candidateHeight", float(metrics.px(CANDIDATE_BAR_PX)))
            self._fit_view()

    def show_for(self, field: QLineEdit) -> None:
        """Open the keyboard under `field` (loading it the first time) and keep the field in view."""
        self.field = field
        if self.available and self.view is None:
            self._load()
        if not self.available:
            field.setPlaceholderText(self.unavailable_text())
            self.message.setText(self.unavailable_text())
            self.message.show()
            self.show()
            return
        self.show()
        QGuiApplication.inputMethod().show()
        if not QGuiApplication.inputMethod().isVisible():
            self._fail("the input method did not open the keyboard (QT_IM_MODULE is not qtvirtualkeyboard)")
            self.show_for(field)
            return
        reveal(field)

    def close_keyboard(self) -> None:
        if self.isVisible() and self.available:
            QGuiApplication.inputMethod().hide()
        self.hide()

    def _follow_input_method(self) -> None:
        # The keyboard's own "hide" key closes the input panel; the dock gives the space back.
        if self.view is not None and not QGuiApplication.inputMethod().isVisible():
            self.hide()

    def _load(self) -> None:
        if not input_method_selected():
            self._fail("Qt Virtual Keyboard is not the input method of this process")
            return
        from PySide6.QtCore import QLoggingCategory
        from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
        from PySide6.QtQuickWidgets import QQuickWidget

        QLoggingCategory.setFilterRules("\n".join(KEYBOARD_LOG_RULES))
        family = QGuiApplication.font().family()
        QFont.insertSubstitution(STYLE_FONT_FAMILY, family)
        # Software rendering keeps the staff window a plain raster window: no GL context to create,
        # no window re-creation (a visible flash) when the keyboard first appears.
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
        view = QQuickWidget(self)
        view.setObjectName("KeyboardView")
        # Taps on the keys must leave the focus (and the text cursor) in the field being typed in.
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
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
        if view.status() != QQuickWidget.Status.Ready or view.rootObject() is None:
            errors = "; ".join(error.toString() for error in view.errors()) or "no root item"
            view.deleteLater()
            self._fail(f"keyboard QML did not load: {errors}")
            return
        self.layout_.addWidget(view)
        self.view = view
        view.rootObject().requiredHeightChanged.connect(self._fit_view)
        self._fit_view()
        log.info("on-screen keyboard loaded")

    def _fit_view(self) -> None:
        assert self.view is not None
        root = self.view.rootObject()  # type: ignore[attr-defined]
        self.view.setFixedHeight(round(root.property("requiredHeight")))

    def _root_property(self, name: str, value: object) -> None:
        assert self.view is not None
        root = self.view.rootObject()  # type: ignore[attr-defined]
        root.setProperty(name, value)

    def _fail(self, reason: str) -> None:
        log.error("on-screen keyboard unavailable: %s", reason)
        self.failure = reason
        if self.view is not None:
            self.view.hide()


def find_dock(field: QWidget) -> KeyboardDock | None:
    return field.window().findChild(KeyboardDock)


def reveal(field: QWidget) -> None:
    """Scroll every scroll area holding `field` so that it stays in view above the keyboard."""
    child: QWidget = field
    parent = field.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(child)
            child = parent
        parent = parent.parentWidget()


class _KeyboardOpener(QObject):
    """Opens the window's keyboard dock when its field is focused or tapped, closes it on leaving."""

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.setObjectName("KeyboardOpener")
        self.field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease):
            dock = find_dock(self.field)
            if dock is None:
                log.error("on-screen keyboard: no KeyboardDock in the window of %r", self.field.objectName())
            elif self.field.hasFocus():
                dock.show_for(self.field)
        elif kind == QEvent.Type.FocusOut:
            next_focus = QGuiApplication.focusObject()
            dock = find_dock(self.field)
            if dock is not None and not (isinstance(next_focus, QLineEdit) and has_keyboard(next_focus)):
                dock.close_keyboard()
        return False


def has_keyboard(field: QLineEdit) -> bool:
    return field.findChild(_KeyboardOpener, "KeyboardOpener") is not None


def attach_keyboard(field: QLineEdit) -> QLineEdit:
    """Give `field` the on-screen keyboard of its window's KeyboardDock; returns the field.

    Call it in the staff text-field factory. Idempotent.
    """
    if not has_keyboard(field):
        field.installEventFilter(_KeyboardOpener(field))
    return field
