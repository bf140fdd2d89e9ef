"""The kiosk's one application-wide event filter, and the order in which input is handled.

Every touch, click, key and hover of the kiosk's window passes here once per receiver (the window,
then each widget a press travels up through). The handlers are called in `ORDER`, whatever the order
in which they were attached, and every handler sees every routed event: each keeps its own books
(staff's idle time, the visitor's, the woken hall's) whether or not an earlier one kept the press.
A handler answers whether the event is its own; the router alone decides from those answers
whether the event goes on to the widget under it.

A handler acts only in the screen states its own condition names; README "How the kiosk is put
together" has the table.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

# `(watched, event) -> kept`: True keeps the event from the widget under it.
InputHandler = Callable[[QObject, QEvent], bool]


class Route(StrEnum):
    """The handlers, in the order they see input."""

    # The corner hold and staff's own touches (their time-out); a touch that ends a preview.
    STAFF_GESTURE = "staff gesture"
    # Kiosk mode: no context menu; a real mouse's move shows the hidden cursor.
    LOCKDOWN = "lockdown"
    # "Still there?": the dismissing tap, finger or pointer, ends the countdown when it lifts.
    COUNTDOWN = "countdown dismissal"
    # A pressed pointer (a mouse, an IR frame reporting as one) dragged over a page scrolls it.
    POINTER_SCROLL = "pointer scroll"
    # Any other touch, click, key or scroll keeps the visit.
    IDLE_ACTIVITY = "idle activity"
    # A tap on a chart during a visit.
    STATISTICS = "statistics"
    # After hours, a touch keeps the woken kiosk awake.
    OPENING_HOURS = "opening hours"


ORDER: tuple[Route, ...] = tuple(Route)

# What any handler looks at. Everything else returns at once, which also keeps the handlers away
# from objects half-way through destruction (ChildRemoved and the like).
ROUTED = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.ContextMenu,
    }
)


class InputRouter(QObject):
    """Installed on the application once per kiosk window; the modules attach their handlers."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._handlers: dict[Route, InputHandler] = {}
        self._installed = False

    def attach(self, route: Route, handler: InputHandler) -> None:
        """`handler` takes `route`'s place in the order (a later one for the same route replaces it)."""
        self._handlers[route] = handler

    def handlers(self) -> dict[Route, InputHandler]:
        """The attached handlers, in the order they are called."""
        return {route: self._handlers[route] for route in ORDER if route in self._handlers}

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def release(self) -> None:
        """The window is closing for good: no handler sees input any more."""
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() not in ROUTED:
            return False
        kept = False
        for route in ORDER:
            handler = self._handlers.get(route)
            if handler is not None and handler(watched, event):
                kept = True
        return kept
