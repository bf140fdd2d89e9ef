"""Pictures from a USB stick or a folder, made into image slides: checked before anything is
decoded, decoded once with the camera's rotation applied, downscaled to the screen, and written
into the config dir through the one atomic-write helper.

Every refusal is a sentence naming the file, in Chinese and English, and leaves nothing behind.
"""

from __future__ import annotations

import errno
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage, QImageReader

from kiosk.documents.decoding import ContentError
from kiosk.playlist.picture_source import (
    ImportRefusedError,
    is_complete,
    read_source,
    sniff_format,
    unsupported_format,
)
from kiosk.playlist.slide_models import SLIDE_SCHEMA_VERSION, Fit, ImageSlide, SlideText
from kiosk.playlist.staff_slides import media_name, picture_title, remove_unused_media, save_slide

log = logging.getLogger(__name__)

# A picture over this many pixels is refused before it is decoded (a 30000×30000 PNG is a few
# hundred kilobytes on a stick and 3.6 GB in memory); the allocation limit backs it up.
MAX_PIXELS = 50_000_000
ALLOCATION_LIMIT_MB = 256
# The screen a picture is downscaled to, in the picture's own orientation.
SCREEN_1080P = QSize(1920, 1080)
THUMBNAIL_SIDE = 240
_FORMATS = {b"png": "png", b"jpeg": "jpeg", b"jpg": "jpeg", b"webp": "webp"}


@dataclass(frozen=True)
class PreparedImage:
    """A decoded, rotated and downscaled picture, encoded for the media folder."""

    data: bytes
    suffix: str
    width: int
    height: int


@contextmanager
def decoder_messages() -> Iterator[list[str]]:
    """Collects what the image decoders complain about while decoding, instead of logging it."""
    messages: list[str] = []

    def collect(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        messages.append(message)

    previous = qInstallMessageHandler(collect)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def decode_checked(data: bytes, name: str, limit: QSize | None = None) -> QImage:
    """Decode `data` after checking its format, completeness and pixel count, rotated as the camera
    says; with `limit`, scaled down to fit it. Raises ImportRefusedError."""
    kind = sniff_format(data)
    if kind is None:
        raise ImportRefusedError(unsupported_format(data) or "not_image", name)
    if not is_complete(data, kind):
        raise ImportRefusedError("truncated", name)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    with decoder_messages() as messages:
        reader = QImageReader(buffer, kind.encode())
        reader.setAutoTransform(True)
        size = reader.size()
        if _FORMATS.get(bytes(reader.format().data()).lower()) != kind or not size.isValid():
            raise ImportRefusedError("damaged", name)
        if size.width() * size.height() > MAX_PIXELS:
            raise ImportRefusedError("too_many_pixels", name, width=size.width(), height=size.height())
        image = reader.read()
    buffer.close()
    if image.isNull() or messages:
        log.warning("decoding %s failed: %s", name, "; ".join(messages) or reader.errorString())
        raise ImportRefusedError("damaged", name)
    if limit is not None:
        image = downscaled(image, limit)
    return image


def downscaled(image: QImage, screen: QSize) -> QImage:
    """`image` no larger than the screen in the picture's own orientation; never enlarged."""
    long_side, short_side = max(screen.width(), screen.height()), min(screen.width(), screen.height())
    box = QSize(long_side, short_side) if image.width() >= image.height() else QSize(short_side, long_side)
    if image.width() <= box.width() and image.height() <= box.height():
        return image
    return image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def screen_box(window: QSize) -> QSize:
    """What a picture is downscaled to: the screen the kiosk shows it on, and never less than 1080p."""
    long_side = max(window.width(), window.height(), SCREEN_1080P.width())
    short_side = max(min(window.width(), window.height()), SCREEN_1080P.height())
    return QSize(long_side, short_side)


def prepare_image(data: bytes, name: str, screen: QSize = SCREEN_1080P) -> PreparedImage:
    """Decode, rotate and downscale once; encode as PNG when the picture has transparency or was a
    PNG, else as JPEG."""
    image = decode_checked(data, name, screen)
    lossless = sniff_format(data) == "png" or image.hasAlphaChannel()
    suffix, fmt = (".png", "PNG") if lossless else (".jpg", "JPEG")
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but at run time only a str is accepted.
    if not image.save(buffer, fmt, -1 if lossless else 90):  # type: ignore[call-overload]
        raise ImportRefusedError("damaged", name)
    buffer.close()
    return PreparedImage(bytes(array.data()), suffix, image.width(), image.height())


def import_image(
    path: Path,
    config_dir: Path,
    slide_id: str,
    fit: Fit = "fit",
    caption: SlideText | None = None,
    font_chars: set[int] | None = None,
    screen: QSize = SCREEN_1080P,
) -> ImageSlide:
    """Make `path` an image slide in `config_dir`: picture first, then the slide file, each atomic.
    Raises ImportRefusedError; on any failure no new file stays in the config dir."""
    name = path.name
    prepared = prepare_image(read_source(path), name, screen)
    slide = ImageSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id=slide_id,
        image=media_name(slide_id, prepared.data, prepared.suffix),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        width=prepared.width,
        height=prepared.height,
        fit=fit,
        caption=caption or SlideText(),
        title=picture_title(name),
    )
    try:
        save_slide(config_dir, slide, font_chars, prepared.data)
    except ContentError as error:
        raise ImportRefusedError(
            "bad_text", name, reason=" ".join(p.message for p in error.problems)
        ) from None
    except OSError as error:
        remove_unused_media(config_dir)
        log.error("importing %s failed: %s", path, error)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise ImportRefusedError("disk_full", name) from None
        raise ImportRefusedError("write_failed", name, reason=error.strerror or str(error)) from None
    log.info("imported %s as slide %r (%d×%d)", path, slide_id, prepared.width, prepared.height)
    return slide


def thumbnail(path: Path, side: int = THUMBNAIL_SIDE) -> QImage:
    """A small picture for the file picker. Raises ImportRefusedError for a file that would be refused."""
    image = decode_checked(read_source(path), path.name)
    return image.scaled(
        QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
