"""Pictures on a USB stick or in a folder, before any decoding: where they are, their bytes read once,
their real format and whether they arrived whole.

Every refusal is a sentence naming the file, in Chinese and English (`ImportRefusedError`); decoding,
rotating and downscaling, which need Qt, are in kiosk/ui/authoring/image_import.py.
"""

from __future__ import annotations

import glob
import logging
import struct
from pathlib import Path

from kiosk.content.models import Language
from kiosk.playlist.staff_slides import IMAGE_SUFFIXES

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024 * 1024
# Pictures people bring that the kiosk does not decode (no HEIC decoder ships with Qt; a GIF's
# animation would play as its first frame): listed in the picker with the reason, never imported.
UNSUPPORTED_SUFFIXES = {".heic": "heic", ".heif": "heic", ".gif": "gif"}

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
    "heic": (
        "“{file}”是 HEIC 照片，本机无法显示：请在手机上导出为 JPEG（或将相机格式设为“兼容性最佳”）后再复制。",
        "{file} is a HEIC photo, which the kiosk cannot show: export it as JPEG on the phone"
        ' (or set the camera to "Most Compatible") and copy it again.',
    ),
    "gif": (
        "“{file}”是 GIF 动图，本机不播放动图：请另存为 PNG 或 JPEG。",
        "{file} is a GIF animation, which the kiosk does not play: save it as PNG or JPEG.",
    ),
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


def unsupported_format(data: bytes) -> str | None:
    """ "heic" or "gif" when the file's first bytes say it is one (the refusal's key), else None."""
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    return None


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
    """The pictures directly in `folder`, by name, those the kiosk cannot use (HEIC, GIF) included so
    that the picker can say why; hidden and temporary files left out."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name.lower())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if not entry.name.startswith(".")
        and (entry.suffix.lower() in IMAGE_SUFFIXES or entry.suffix.lower() in UNSUPPORTED_SUFFIXES)
        and entry.is_file()
    ]
