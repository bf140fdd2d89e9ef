"""Pictures on a USB stick or in a folder, before any decoding: where they are, their bytes read once,
their real format and whether they arrived whole.

Every refusal is a code with a sentence naming the file, in staff's language (`ImportRefusedError`); decoding,
rotating and downscaling, which need Qt, are in kiosk/ui/authoring/image_import.py.
"""

from __future__ import annotations

import glob
import logging
import struct
from pathlib import Path

from kiosk.i18n.catalogue import import_refusal
from kiosk.i18n.keys import ImportRefusal
from kiosk.i18n.languages import StaffLanguage
from kiosk.playlist.slide_models import IMAGE_SUFFIXES

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024 * 1024
# Pictures people bring that the kiosk does not decode (no HEIC decoder ships with Qt; a GIF's
# animation would play as its first frame): listed in the picker with the reason, never imported.
UNSUPPORTED_SUFFIXES: dict[str, ImportRefusal] = {".heic": "heic", ".heif": "heic", ".gif": "gif"}


class ImportRefusedError(Exception):
    """A picture that cannot become a slide, with the reason as a sentence in either language."""

    def __init__(self, key: ImportRefusal, file: str, **details: object) -> None:
        self.key: ImportRefusal = key
        self.details = {"file": file, **details}
        super().__init__(self.text("en"))

    def text(self, language: StaffLanguage) -> str:
        return import_refusal(self.key, language).format(**self.details)


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


def unsupported_format(data: bytes) -> ImportRefusal | None:
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


def picture_files(folder: Path, suffixes: tuple[str, ...] = IMAGE_SUFFIXES) -> list[Path]:
    """The files directly in `folder` with one of `suffixes` (the kinds of slide staff can import:
    pictures by default; the picker adds `UNSUPPORTED_SUFFIXES` to say why those cannot be used), by
    name; hidden and temporary files left out."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name.lower())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if not entry.name.startswith(".") and entry.suffix.lower() in suffixes and entry.is_file()
    ]
