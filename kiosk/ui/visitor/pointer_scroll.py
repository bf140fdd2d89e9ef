"""Drag-to-scroll for a pointer: a mouse, or a large infrared touch frame that reports as one.

A finger scrolls a page through its kinetic scroller's touch gesture; a pointer's press goes to the
button under it, as a click should. Only when a pressed pointer moves further than a finger's tremor
does it become a drag: the press under it is taken back (the button is not clicked on release) and
the page's own scroller follows the pointer, with the same kinetic flick a finger gives.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QScroller, QWidget

from kiosk.ui.style import theme

# How far a pressed pointer moves before it is a drag, in logical pixels at 1080p (scaled with the
# screen): further than a shaky hand on an IR frame, less than any scroll a visitor means.
DRAG_START_PX = 16


class PointerScroll:
    """Turns a pressed pointer's move over a visitor page into a scroll of that page."""

    def __init__(self, root: QWidget) -> None:
        self.root = root
        self._viewport: QWidget | None = None
        self._pressed: QWidget | None = None
        self._pressed_at = QPoint()
        self._dragging = False
        # The event already handled: the filter sees one event once per widget it travels up through.
        self._last: tuple[int, int, int, int] | None = None

    def dragging(self) -> bool:
        return self._dragging

    def handle_input(self, watched: QObject, event: QEvent) -> bool:
        """From the shell's input router: True keeps a dragging pointer's events from the widgets."""
        if not isinstance(event, QMouseEvent) or not isinstance(watched, QWidget):
            return False  # the window's own pass comes first: the widget under the pointer follows
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return False  # a finger: the page's touch scroller has it
        kind = event.type()
        point = event.globalPosition().toPoint()
        key = (int(kind), event.timestamp(), point.x(), point.y())
        if key == self._last:
            return self._dragging
        self._last = key
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._viewport = self._page_viewport(watched)
            self._pressed = watched
            self._pressed_at = point
            self._dragging = False
            return False
        if self._viewport is None:
            return False
        if kind == QEvent.Type.MouseMove:
            return self._move(point, event.timestamp())
        if kind == QEvent.Type.MouseButtonRelease:
            return self._end(point, event.timestamp())
        return False

    def _move(self, point: QPoint, timestamp: int) -> bool:
        viewport = self._viewport
        assert viewport is not None
        scroller = QScroller.scroller(viewport)
        if not self._dragging:
            drag_start = theme.Metrics.for_size(self.root.size()).px(DRAG_START_PX)
            if (point - self._pressed_at).manhattanLength() < drag_start:
                return False
            self._dragging = True
            if isinstance(self._pressed, QAbstractButton):
                self._pressed.setDown(False)  # shown released; a release of a button not down clicks nothing
            scroller.handleInput(QScroller.Input.InputPress, self._local(self._pressed_at), timestamp)
        scroller.handleInput(QScroller.Input.InputMove, self._local(point), timestamp)
        return True

    def _end(self, point: QPoint, timestamp: int) -> bool:
        viewport, dragging = self._viewport, self._dragging
        self._viewport, self._pressed, self._dragging = None, None, False
        if viewport is None or not dragging:
            return False
        QScroller.scroller(viewport).handleInput(
            QScroller.Input.InputRelease, QPointF(viewport.mapFromGlobal(point)), timestamp
        )
        return True

    def _local(self, point: QPoint) -> QPointF:
        assert self._viewport is not None
        return QPointF(self._viewport.mapFromGlobal(point))

    def _page_viewport(self, watched: QObject) -> QWidget | None:
        """The scrolling viewport of the visitor page under the press, if any."""
        widget = watched if isinstance(watched, QWidget) else None
        while widget is not None and widget is not self.root:
            if widget.objectName() == PAGE_VIEWPORT:
                return widget
            widget = widget.parentWidget()
        return None


# The object name a page gives its scroll area's viewport, so the pointer finds the page it is on.
PAGE_VIEWPORT = "PageViewport"
