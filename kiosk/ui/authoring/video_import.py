"""Films from a USB stick or a folder, made into video slides: size and room checked first, then
probed by decoding (QtMultimedia's FFmpeg backend: the first frame, the frame at a tenth, the last
frame, so a cut-off or mislabelled file is refused whatever its name says), copied as it is under a
content-hashed name, its stills written, and the slide file last.

Every refusal is a sentence naming the file, in Chinese and English, and leaves nothing behind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QRect,
    QSize,
    QTimer,
    QUrl,
    SignalInstance,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoSink

from kiosk.documents.decoding import ContentError
from kiosk.playlist.slide_models import SLIDE_SCHEMA_VERSION, Audio, SlideText, VideoSlide
from kiosk.playlist.staff_slides import remove_unused_media, save_slide
from kiosk.playlist.video_source import (
    VideoRefusedError,
    check_resolution,
    check_room,
    checked_size,
    copy_video,
)
from kiosk.storage import atomic_write
from kiosk.ui.authoring.image_import import SCREEN_1080P, decoder_messages, downscaled
from kiosk.ui.authoring.multimedia import quiet_multimedia

log = logging.getLogger(__name__)

# How long the decoder may take to open a file or give a frame before the file is called damaged
# (a local file answers in tens of milliseconds; a slow stick in well under a second).
WAIT_MS = 5000
STILLS_QUALITY = 90
_STATUS_SETTLED = (
    QMediaPlayer.MediaStatus.LoadedMedia,
    QMediaPlayer.MediaStatus.InvalidMedia,
    QMediaPlayer.MediaStatus.EndOfMedia,
)


@dataclass(frozen=True)
class VideoProbe:
    """What decoding a film's first frames found."""

    width: int
    height: int
    fps: float
    duration_ms: int
    first: QImage
    tenth: QImage


def _wait(signal: SignalInstance) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _frame_at(player: QMediaPlayer, sink: QVideoSink, position_ms: int) -> QImage | None:
    """The decoded frame at `position_ms`, or None when the decoder cannot reach it."""
    player.setPosition(position_ms)
    _wait(sink.videoFrameChanged)
    frame = sink.videoFrame()
    if player.error() != QMediaPlayer.Error.NoError or not frame.isValid():
        return None
    return frame.toImage()


def probe_video(path: Path) -> VideoProbe:
    """Open and decode `path` here; raises VideoRefusedError for what cannot play."""
    quiet_multimedia()
    name = path.name
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    with decoder_messages():
        player.setSource(QUrl.fromLocalFile(str(path)))
        while player.mediaStatus() not in _STATUS_SETTLED and player.error() == QMediaPlayer.Error.NoError:
            before = player.mediaStatus()
            _wait(player.mediaStatusChanged)
            if player.mediaStatus() == before:
                break
        try:
            if player.mediaStatus() != QMediaPlayer.MediaStatus.LoadedMedia or player.duration() <= 0:
                raise VideoRefusedError("not_video", name)
            if not player.hasVideo():
                raise VideoRefusedError("audio_only", name)
            metadata = player.metaData()
            resolution = metadata.value(QMediaMetaData.Key.Resolution)
            size = resolution if isinstance(resolution, QSize) else QSize()
            check_resolution(name, size.width(), size.height())
            player.pause()
            _wait(sink.videoFrameChanged)
            first = sink.videoFrame()
            if not first.isValid():
                raise VideoRefusedError("not_video", name)
            first_image = first.toImage()
            duration = player.duration()
            tenth = _frame_at(player, sink, duration // 10)
            # The last frame: a file cut short opens, and plays, until the data runs out.
            last = _frame_at(player, sink, max(0, duration - 1))
            if tenth is None or last is None:
                raise VideoRefusedError("truncated", name)
        finally:
            player.stop()
            player.setSource(QUrl())
    fps = float(metadata.stringValue(QMediaMetaData.Key.VideoFrameRate) or 0) or 25.0
    width = size.width() if size.isValid() else first_image.width()
    height = size.height() if size.isValid() else first_image.height()
    return VideoProbe(width, height, fps, duration, first_image, tenth)


def encode_stills(probe: VideoProbe) -> bytes:
    """The first frame above the frame at a tenth, each no larger than 1080p, as one JPEG."""
    first = downscaled(probe.first, SCREEN_1080P)
    tenth = downscaled(probe.tenth, SCREEN_1080P)
    stills = QImage(first.width(), first.height() * 2, QImage.Format.Format_RGB32)
    painter = QPainter(stills)
    painter.drawImage(QRect(0, 0, first.width(), first.height()), first)
    painter.drawImage(QRect(0, first.height(), first.width(), first.height()), tenth)
    painter.end()
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but at run time only a str is accepted.
    stills.save(buffer, "JPEG", STILLS_QUALITY)  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())


def import_video(
    path: Path,
    config_dir: Path,
    slide_id: str,
    audio: Audio = "off",
    loops: int = 1,
    seconds: float | None = None,
) -> VideoSlide:
    """Make `path` a video slide in `config_dir`: the film, then its stills and the slide file.
    Raises VideoRefusedError; on any failure no new file stays in the config dir."""
    name = path.name
    size = checked_size(path)
    probe = probe_video(path)
    check_room(config_dir, path, size)
    copied = copy_video(path, config_dir, slide_id, size)
    stills = encode_stills(probe)
    slide = VideoSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id=slide_id,
        video=copied.media,
        sha256=copied.sha256,
        width=probe.width,
        height=probe.height,
        duration_ms=probe.duration_ms,
        fps=probe.fps,
        stills=copied.media.rsplit(".", 1)[0] + "-stills.jpg",
        audio=audio,
        loops=loops,
        seconds=seconds,
        title=SlideText(zh=path.stem[:60], en=path.stem[:60]),
    )
    try:
        atomic_write(config_dir / slide.stills, stills, keep_backup=False)
        save_slide(config_dir, slide)
    except (ContentError, OSError) as error:
        remove_unused_media(config_dir)
        log.error("importing %s failed: %s", path, error)
        raise VideoRefusedError("write_failed", name, reason=str(error)) from None
    log.info(
        "imported %s as slide %r (%d×%d, %.2f fps, %.1f s)",
        path,
        slide_id,
        probe.width,
        probe.height,
        probe.fps,
        probe.duration_ms / 1000,
    )
    return slide
