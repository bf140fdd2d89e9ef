"""Pictures for the staff-slide tests, made in the test: an EXIF-rotated JPEG, a plain PNG, a
corrupt JPEG, a truncated one and a PNG decompression bomb (30000×30000 pixels, a few hundred
kilobytes on disk)."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QColor, QImage, QPainter

RED = QColor("#d0201a")
BLUE = QColor("#1a40d0")


def two_colour_image(width: int, height: int) -> QImage:
    """Left half red, right half blue: after a turn to the right, red is on top."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, width // 2, height), RED)
    painter.fillRect(QRect(width // 2, 0, width - width // 2, height), BLUE)
    painter.end()
    return image


def encoded(image: QImage, fmt: str, quality: int = 90) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but at run time only a str is accepted.
    assert image.save(buffer, fmt, quality)  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())


def exif_orientation_segment(orientation: int) -> bytes:
    """An APP1 Exif segment holding only the Orientation tag (6: the camera was turned right)."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def rotated_jpeg(width: int = 2400, height: int = 1600) -> bytes:
    """A landscape JPEG whose EXIF says "turn me right": it should show as portrait."""
    data = encoded(two_colour_image(width, height), "JPEG")
    return data[:2] + exif_orientation_segment(6) + data[2:]


def plain_png(width: int = 3000, height: int = 2000) -> bytes:
    return encoded(two_colour_image(width, height), "PNG")


def corrupt_jpeg(seed: int = 7) -> bytes:
    """A JPEG's first bytes, then noise, then the end marker: looks like a JPEG, is not one."""
    head = encoded(two_colour_image(64, 64), "JPEG")[:20]
    noise = random.Random(seed).randbytes(4000)
    return head + noise + b"\xff\xd9"


def truncated_jpeg() -> bytes:
    data = encoded(two_colour_image(800, 600), "JPEG")
    return data[: len(data) // 2]


def png_bomb(side: int = 30000) -> bytes:
    """A 1-bit greyscale PNG of side×side pixels, all black: tiny compressed, huge decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def write_stick(root: Path) -> dict[str, Path]:
    """A fake USB stick at `root` with the four pictures of the import journey."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "rotated": root / "IMG_0412.jpg",
        "png": root / "poster.png",
        "corrupt": root / "broken.jpg",
        "bomb": root / "huge.png",
    }
    files["rotated"].write_bytes(rotated_jpeg())
    files["png"].write_bytes(plain_png())
    files["corrupt"].write_bytes(corrupt_jpeg())
    files["bomb"].write_bytes(png_bomb())
    return files
