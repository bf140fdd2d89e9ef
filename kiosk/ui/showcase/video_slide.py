"""A video slide as the showcase plays it: the film in Qt's video output (frames never pass through
Python), looping seamlessly by the media player's own loops, for the slide's length on the kiosk's
clock (the player's timing, not the media's signals). A transition into it paints its first frame
(from the stills made at import), out of it the frame on screen, so neither is ever black.

Imported only when a program plays a video slide: QtMultimedia is not loaded otherwise.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSizeF, Qt, QUrl
from PySide6.QtGui import QHideEvent, QImage, QPainter, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language
from kiosk.playlist.slide_models import VideoSlide
from kiosk.ui.authoring.multimedia import has_audio_output, quiet_multimedia
from kiosk.ui.showcase.slide_base import Moment, WidgetSlide, snapshot
from kiosk.ui.style import theme


def still(stills: QImage, moment: Moment) -> QImage:
    """From a film's stills: its first frame (the top half), or the frame at a tenth (the bottom half),
    which stands for the film where nothing has played yet (its thumbnail)."""
    half = stills.height() // 2
    return stills.copy(0, 0 if moment == "first" else half, stills.width(), half)


class VideoSlideView(WidgetSlide):
    """A film filling the screen, letterboxed on the theme's ground. Its output is a graphics item,
    painted with the slide like any widget (no native window over the showcase's transitions)."""

    def __init__(self, slide: VideoSlide, media: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        quiet_multimedia()
        self.slide = slide
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("KioskRoot")
        self.output = QGraphicsVideoItem()
        self.output.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        scene = QGraphicsScene(self)
        scene.setBackgroundBrush(theme.colour(theme.GROUND))
        scene.addItem(self.output)
        self.view = QGraphicsView(scene, self)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.output)
        if slide.audio == "on" and has_audio_output():
            # Only a film with its sound on asks for a device: silent ones never touch the audio stack.
            self.player.setAudioOutput(QAudioOutput(self))
        # A set time plays the film round until the clock ends the slide.
        self.player.setLoops(QMediaPlayer.Loops.Infinite if slide.seconds is not None else slide.loops)
        self.stills = QImage()
        if media is not None:
            self.player.setSource(QUrl.fromLocalFile(str(media)))
            self.stills = QImage(str(media.parent / Path(slide.stills).name))
        # The first frame from the stills until the decoder's own arrives: the screen never shows the
        # bare ground between the transition's end and the film (nor in a render or a thumbnail).
        self.poster = QGraphicsPixmapItem()
        self.poster.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        scene.addItem(self.poster)
        self._poster_moment: Moment = "first"
        self.output.videoSink().videoFrameChanged.connect(self._frame_arrived)
        self.entered = False

    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if frame.isValid() and self.poster.isVisible():
            self.poster.hide()

    def _place_poster(self) -> None:
        if self.stills.isNull() or self.width() <= 0 or self.height() <= 0:
            return
        picture = still(self.stills, self._poster_moment).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.poster.setPixmap(QPixmap.fromImage(picture))
        self.poster.setPos((self.width() - picture.width()) / 2, (self.height() - picture.height()) / 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        size = event.size()
        self.view.setSceneRect(0, 0, size.width(), size.height())
        self.output.setSize(QSizeF(size))
        self._place_poster()

    def set_language(self, language: Language) -> None:
        """A film's words are its own."""

    def enter(self, start: float) -> None:
        self.entered = True
        self.player.play()

    def finish(self) -> None:
        """Not playing, its final frame is the film's thumbnail: the frame at a tenth."""
        if not self.entered:
            self._poster_moment = "last"
            self._place_poster()

    def moving_parts(self) -> list[QWidget]:
        # The video output repaints itself as frames arrive.
        return []

    def snapshot(self, moment: Moment) -> QImage:
        frame = self.output.videoSink().videoFrame()
        if moment == "last" and frame.isValid():
            # One frame converted, as the film leaves the screen: what the visitor last saw.
            return self._letterboxed(frame.toImage())
        if not self.stills.isNull():
            return self._letterboxed(still(self.stills, moment))
        return snapshot(self)

    def duration_s(self) -> float | None:
        return self.slide.length_s()

    def _letterboxed(self, picture: QImage) -> QImage:
        ratio = self.devicePixelRatioF()
        image = QImage(round(self.width() * ratio), round(self.height() * ratio), QImage.Format.Format_RGB32)
        image.fill(theme.colour(theme.GROUND))
        fitted = picture.scaled(
            image.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        painter = QPainter(image)
        painter.drawImage(
            (image.width() - fitted.width()) // 2, (image.height() - fitted.height()) // 2, fitted
        )
        painter.end()
        image.setDevicePixelRatio(ratio)
        return image

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        # Off screen (a visitor on the pages, the hall dark, the slide gone): still and silent.
        self.player.pause()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self.entered:
            self.player.play()
        super().showEvent(event)
