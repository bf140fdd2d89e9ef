"""A touch button whose words step down in size, instead of being cut, when a longer language does
not fit the width the layout gives it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QPushButton

# The sizes the words step down to, as shares of the button's own size; a style sheet sizes each
# step by the button's `textFit` property (see `fit_rules`).
TEXT_FIT_STEPS = (1.0, 0.85, 0.72, 0.62)


def fit_rules(full_px: int) -> str:
    """The style-sheet rules for the steps of a button whose words are `full_px` at full size."""
    return "".join(
        f'QPushButton[textFit="{step}"] {{ font-size: {max(1, round(full_px * share))}px; }}'
        for step, share in enumerate(TEXT_FIT_STEPS)
        if step
    )


class FittingButton(QPushButton):
    """A button whose words step down in size until they fit its width. It asks the layout for the
    room its words need at full size, so a button is never left smaller than it could be."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.fit_text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_text()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(hint.width() + self._words_width(0) - self._words_width(self._step()), hint.height())

    def fits(self) -> bool:
        """Whether the words, at the size they are drawn (in bold too, if it can be checked), fit."""
        padding = super().sizeHint().width() - self._words_width(self._step())
        return self._words_width(self._step(), self.isCheckable()) + padding <= self.width() + 1

    def fit_text(self) -> None:
        if self.font().pixelSize() <= 0:
            return
        step = self._step()
        padding = super().sizeHint().width() - self._words_width(step)
        steps = range(len(TEXT_FIT_STEPS))
        # A checkable button's words turn bold when checked: they must fit in bold as well.
        bold = self.isCheckable()
        fitting = (index for index in steps if self._words_width(index, bold) + padding <= self.width())
        wanted = next(fitting, steps[-1])
        if wanted != step:
            self.setProperty("textFit", wanted)
            self.style().unpolish(self)
            self.style().polish(self)

    def _step(self) -> int:
        return int(self.property("textFit") or 0)

    def _words_width(self, step: int, bold: bool = False) -> int:
        font = QFont(self.font())
        font.setBold(bold or font.bold())
        if font.pixelSize() > 0:
            full_px = font.pixelSize() / TEXT_FIT_STEPS[self._step()]
            font.setPixelSize(max(1, round(full_px * TEXT_FIT_STEPS[step])))
        return QFontMetrics(font).horizontalAdvance(self.text())
