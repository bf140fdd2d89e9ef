"""Text that must fit its space: wrapped by the one line breaker (`kiosk.content.linebreak`), or
cut short with an ellipsis on one line."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from kiosk.content.linebreak import break_lines

# Recent line breaks by text, font and width: a page's layout asks the same label's height many
# times while it settles (each story card, each bar label), and a first visit must not pay for that.
_BROKEN: OrderedDict[tuple[str, str, float], str] = OrderedDict()
BROKEN_KEPT = 1024


def broken_text(text: str, font: QFont, width: float) -> str:
    """`text` with a newline wherever a line ends at `width` in `font` (避头尾, no lone last character)."""
    if width <= 0:
        return text
    key = (text, font.key(), width)
    broken = _BROKEN.get(key)
    if broken is None:
        broken = "\n".join(break_lines(text, width, QFontMetricsF(font).horizontalAdvance))
        _BROKEN[key] = broken
        if len(_BROKEN) > BROKEN_KEPT:
            _BROKEN.popitem(last=False)
    else:
        _BROKEN.move_to_end(key)
    return broken


class BrokenLabel(QLabel):
    """A word-wrapping label whose lines come from the kiosk's line breaker, re-broken whenever
    its width or font changes. `source_text()` is the text as written; `text()` has the breaks."""

    def __init__(self) -> None:
        super().__init__()
        self._source = ""
        self.setWordWrap(True)

    def set_source_text(self, text: str) -> None:
        self._source = text
        self._rebreak()

    def source_text(self) -> str:
        return self._source

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        # From the text as written, broken at `width`: the lines shown now were broken at the
        # label's current width, and measured at another (a first layout's narrow one, 9 lines
        # where 4 are needed) they made a story card a screen tall.
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right() - 2 * self.margin()
        if inner <= 1 or not self._source:
            return super().heightForWidth(width)
        lines = broken_text(self._source, self.font(), inner - 1)
        bounds = self.fontMetrics().boundingRect(
            QRect(0, 0, inner, 1_000_000), int(Qt.TextFlag.TextWordWrap) | int(self.alignment()), lines
        )
        return bounds.height() + margins.top() + margins.bottom() + 2 * self.margin()

    def _rebreak(self) -> None:
        width = self.contentsRect().width()
        # Qt's own wrapping still runs after ours; a hair of slack keeps it from breaking again.
        self.setText(broken_text(self._source, self.font(), width - 1) if width > 1 else self._source)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._rebreak()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._rebreak()


class ElidedLabel(QLabel):
    """One line that ends in "…" when its space is too narrow, rather than pushing its neighbours
    (a page title beside its buttons). `source_text()` is the whole text; `text()` is what shows."""

    def __init__(self) -> None:
        super().__init__()
        self._source = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_source_text(self, text: str) -> None:
        self._source = text
        self._elide()

    def source_text(self) -> str:
        return self._source

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._source, Qt.TextElideMode.ElideRight, width)
        self.setText(shown if width > 0 else self._source)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()
