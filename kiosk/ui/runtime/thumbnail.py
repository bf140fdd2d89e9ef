"""A small picture of what the kiosk shows, beside its status file, for the hall console.

Written shortly after the first frame, every five minutes and after each change of screen (once the
new screen has painted), never while staff mode is open (the PIN pad, the panel, a preview): what
staff type is nobody else's. At most 480 pixels on a side and 40 KB: a JPEG, its quality lowered
until it fits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.fleet.status import THUMBNAIL_MAX_BYTES, THUMBNAIL_MAX_WIDTH
from kiosk.storage import atomic_write
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.shell import ShellWindow

log = logging.getLogger(__name__)

EVERY_S = 5 * 60.0
# After a change of screen: long enough for the new screen's first frames to paint.
AFTER_CHANGE_MS = 1500
QUALITIES = (80, 65, 50, 35, 20)
STAFF_SCREENS = (Screen.STAFF, Screen.PREVIEW)


def encode_thumbnail(image: QImage) -> bytes:
    """`image` scaled to fit 480 x 480 and as a JPEG of at most 40 KB."""
    if image.width() > THUMBNAIL_MAX_WIDTH or image.height() > THUMBNAIL_MAX_WIDTH:
        image = image.scaled(
            THUMBNAIL_MAX_WIDTH,
            THUMBNAIL_MAX_WIDTH,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = b""
    for quality in QUALITIES:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPG", quality)  # type: ignore[call-overload]
        data = bytes(QByteArray(buffer.data()).data())
        if len(data) <= THUMBNAIL_MAX_BYTES:
            break
    return data


def small_picture(widget: QWidget) -> QImage:
    """`widget` painted straight at thumbnail size: 12 ms at 1080p where a full-size grab and a
    scale take 45 ms to 100 ms (4K), long enough to drop frames of a transition under way."""
    size = widget.size()
    scale = min(1.0, THUMBNAIL_MAX_WIDTH / max(size.width(), size.height(), 1))
    image = QImage(
        max(1, round(size.width() * scale)), max(1, round(size.height() * scale)), QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(scale, scale)
    widget.render(painter, QPoint(0, 0))
    painter.end()
    return image


class ScreenThumbnails(QObject):
    """Writes the shell's picture to `path()` on a timer and after each change of screen."""

    def __init__(self, shell: ShellWindow, path: Callable[[], Path], parent: QObject) -> None:
        super().__init__(parent)
        self.shell = shell
        self.path = path
        self._error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(round(EVERY_S * 1000))
        self.timer.timeout.connect(self.write)
        self.timer.start()
        self._after_change = QTimer(self)
        self._after_change.setSingleShot(True)
        self._after_change.setInterval(AFTER_CHANGE_MS)
        self._after_change.timeout.connect(self.write)
        shell.screens.changed.connect(lambda _old, _new: self._after_change.start())
        shell.player.first_frame_painted.connect(self._after_change.start)

    def may_write(self) -> bool:
        return self.shell.isVisible() and self.shell.screens.state not in STAFF_SCREENS

    def write(self) -> bool:
        """The picture of the screen now, unless staff mode is open; True when written."""
        if not self.may_write():
            return False
        image = small_picture(self.shell)
        path = self.path()
        try:
            atomic_write(path, encode_thumbnail(image), keep_backup=False)
        except OSError as error:
            if self._error != error.strerror:
                log.error("cannot write the screen's thumbnail %s: %s", path, error.strerror)
                self._error = error.strerror
            return False
        self._error = None
        return True
