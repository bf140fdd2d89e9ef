"""Pictures from a USB stick or a folder, made into image slides: checked before anything is
decoded, decoded once with the camera's rotation applied, downscaled to the screen, and written
into the config dir through the one atomic-write helper.

Every refusal is a sentence naming the file, in Chinese and English, and leaves nothing behind.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import logging
import struct
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

from kiosk.content.loader import ContentError
from kiosk.content.models import Language
from kiosk.playlist.staff_slides import (
    IMAGE_SUFFIXES,
    SLIDE_SCHEMA_VERSION,
    Fit,
    ImageSlide,
    SlideText,
    media_name,
    remove_unused_media,
    save_slide,
)

log = logging.getLogger(__name__)

# A picture over this many pixels is refused before it is decoded (a 30000×30000 PNG is a few
# hundred kilobytes on a stick and 3.6 GB in memory); the allocation limit backs it up.
MAX_PIXELS = 50_000_000
ALLOCATION_LIMIT_MB = 256
MAX_FILE_BYTES = 64 * 1024 * 1024
# The screen a picture is downscaled to, in the picture's own orientation.
SCREEN_1080P = QSize(1920, 1080)
THUMBNAIL_SIDE = 240
_FORMATS = {b"png": "png", b"jpeg": "jpeg", b"jpg": "jpeg", b"webp": "webp"}

REFUSALS: dict[str, tuple[str, str]] = {
    "missing": (
        "找不到文件“{file}”：U 盘可能已被拔出。",
        "{file} is not there any more: was the USB stick removed?",
    ),
    "unreadable": (
        "无法读取“{file}”：U 盘可能已被拔出，或文件已损坏。",
        "{file} could not be read: the USB stick may have been removed, or the file is damaged.",
    ),
    "empty": ("“{file}”是空文件（0 字节），不是图片。", "{file} is empty (0 bytes), not a picture."),
    "too_large_file": (
        "“{file}”太大（{megabytes} MB），最多 64 MB。",
        "{file} is too large ({megabytes} MB); at most 64 MB.",
    ),
    "not_image": (
        "“{file}”不是 PNG、JPEG 或 WebP 图片。",
        "{file} is not a PNG, JPEG or WebP picture, whatever its name says.",
    ),
    "truncated": (
        "“{file}”不完整（文件被截断），请重新复制。",
        "{file} is cut short (truncated): copy it again.",
    ),
    "damaged": ("“{file}”已损坏，无法显示。", "{file} is damaged and cannot be shown."),
    "too_many_pixels": (
        "“{file}”像素过多（{width}×{height}），最多 5000 万像素。",
        "{file} has too many pixels ({width}×{height}); at most 50 megapixels.",
    ),
    "disk_full": (
        "磁盘空间不足，无法导入“{file}”；未留下任何文件。",
        "The kiosk's disk is full: {file} was not imported, and nothing was left behind.",
    ),
    "write_failed": (
        "无法保存“{file}”（{reason}）；未留下任何文件。",
        "{file} could not be saved ({reason}); nothing was left behind.",
    ),
    "bad_text": ("“{file}”的说明文字有问题：{reason}", "The caption of {file} has a problem: {reason}"),
}


class ImportRefusedError(Exception):
    """A picture that cannot become a slide, with the reason as a sentence in either language."""

    def __init__(self, key: str, file: str, **details: object) -> None:
        self.key = key
        self.details = {"file": file, **details}
        super().__init__(self.text("en"))

    def text(self, language: Language) -> str:
        zh, en = REFUSALS[self.key]
        return (zh if language == "zh" else en).format(**self.details)


@dataclass(frozen=True)
class PreparedImage:
    """A decoded, rotated and downscaled picture, encoded for the media folder."""

    data: bytes
    suffix: str
    width: int
    height: int


def read_source(path: Path) -> bytes:
    """The file's bytes, read once; a stick pulled out midway is a refusal, not a crash."""
    name = path.name
    try:
        size = path.stat().st_size
        if size == 0:
            raise ImportRefusedError("empty", name)
        if size > MAX_FILE_BYTES:
            raise ImportRefusedError("too_large_file", name, megabytes=size // (1024 * 1024))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportRefusedError("missing", name) from None
    except OSError as error:
        log.warning("reading %s failed: %s", path, error)
        raise ImportRefusedError("unreadable", name) from None
    if len(data) != size:
        # The file changed or vanished while it was read: a copy in progress, a stick pulled out.
        raise ImportRefusedError("unreadable", name)
    return data


def sniff_format(data: bytes) -> str | None:
    """The picture format from the file's first bytes, whatever its extension says."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def is_complete(data: bytes, kind: str) -> bool:
    """Whether the file holds its whole picture: decoders fill a cut-off picture with grey."""
    if kind == "png":
        return b"IEND" in data[-64:]
    if kind == "jpeg":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == "webp":
        return len(data) >= 12 and struct.unpack("<I", data[4:8])[0] + 8 <= len(data)
    return False


@contextmanager
def _decoder_messages() -> Iterator[list[str]]:
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
        raise ImportRefusedError("not_image", name)
    if not is_complete(data, kind):
        raise ImportRefusedError("truncated", name)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    with _decoder_messages() as messages:
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


def removable_roots(patterns: list[str]) -> list[Path]:
    """The mounted removable media: folders matching the settings' patterns (`/media/*`, …)."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        for match in sorted(glob.glob(pattern)):
            path = Path(match)
            if path.is_dir():
                found[path] = None
    return list(found)


def picture_files(folder: Path) -> list[Path]:
    """The pictures directly in `folder`, by name; hidden and temporary files left out."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name.lower())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if not entry.name.startswith(".") and entry.suffix.lower() in IMAGE_SUFFIXES and entry.is_file()
    ]


def thumbnail(path: Path, side: int = THUMBNAIL_SIDE) -> QImage | None:
    """A small picture for the file picker, or None for a file that would be refused."""
    try:
        image = decode_checked(read_source(path), path.name)
    except ImportRefusedError:
        return None
    return image.scaled(
        QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
