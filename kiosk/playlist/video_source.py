"""Films on a USB stick, before any decoding: the limits a film is checked against, the sentences
that refuse one, and the copy into the config dir's media folder (streamed, hashed as it goes,
renamed into place whole). Decoding the first frames, which needs QtMultimedia, is
kiosk/ui/authoring/video_import.py.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.fleet.layout import MEDIA_DIR
from kiosk.i18n.catalogue import import_refusal
from kiosk.i18n.keys import ImportRefusal
from kiosk.i18n.languages import StaffLanguage
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.slide_models import VIDEO_SUFFIXES

MAX_VIDEO_BYTES = 4 * 1024**3
# 4K UHD (DCI 4K's 4096 wide included), in either orientation.
MAX_LONG_SIDE = 4096
MAX_SHORT_SIDE = 2160
# Room left on the disk after a copy: the kiosk's logs, statistics and settings still need space.
RESERVE_BYTES = 256 * 1024 * 1024
_CHUNK = 4 * 1024 * 1024

# A film's own sentence where a picture's would say "not a picture".
FILM_WORDING: dict[ImportRefusal, ImportRefusal] = {"empty": "film_empty", "truncated": "film_truncated"}


class VideoRefusedError(ImportRefusedError):
    """A film that cannot become a slide; a picture's sentences serve where a film's are the same."""

    def text(self, language: StaffLanguage) -> str:
        return import_refusal(FILM_WORDING.get(self.key, self.key), language).format(**self.details)


def checked_size(path: Path) -> int:
    """The film's size in bytes, refused when not named as a film, empty, over 4 GB or gone."""
    name = path.name
    if path.suffix.lower() not in VIDEO_SUFFIXES:
        raise VideoRefusedError("not_film_file", name)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise VideoRefusedError("missing", name) from None
    except OSError:
        raise VideoRefusedError("unreadable", name) from None
    if size == 0:
        raise VideoRefusedError("empty", name)
    if size > MAX_VIDEO_BYTES:
        raise VideoRefusedError("too_large_video", name, megabytes=size // (1024 * 1024))
    return size


def check_room(config_dir: Path, path: Path, size: int) -> None:
    """Refuse before copying when the film would not fit with the kiosk's reserve left over."""
    config_dir.mkdir(parents=True, exist_ok=True)
    if shutil.disk_usage(config_dir).free < size + RESERVE_BYTES:
        raise VideoRefusedError("no_room", path.name, megabytes=max(1, size // (1024 * 1024)))


def check_resolution(name: str, width: int, height: int) -> None:
    if max(width, height) > MAX_LONG_SIDE or min(width, height) > MAX_SHORT_SIDE:
        raise VideoRefusedError("too_many_video_pixels", name, width=width, height=height)


@dataclass(frozen=True)
class CopiedVideo:
    """A film in the media folder under its content-hashed name."""

    path: Path
    media: str
    sha256: str


def copy_video(path: Path, config_dir: Path, slide_id: str, size: int) -> CopiedVideo:
    """Copy the film into `media/<id>-<hash><suffix>`: into a temporary file (never read as
    configuration) hashed as it is written, synced, then renamed whole. A stick pulled out or a
    full disk midway leaves nothing behind."""
    folder = config_dir / MEDIA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{slide_id}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(descriptor, "wb") as target:
            try:
                with path.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        target.write(chunk)
            except OSError:
                raise VideoRefusedError("unreadable", path.name) from None
            target.flush()
            os.fsync(target.fileno())
            copied = target.tell()
        if copied != size:
            # The file changed or vanished while it was read: a copy in progress, a stick pulled out.
            raise VideoRefusedError("unreadable", path.name)
        sha256 = digest.hexdigest()
        media = f"{MEDIA_DIR}/{slide_id}-{sha256[:12]}{path.suffix.lower()}"
        os.replace(temp, config_dir / media)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise VideoRefusedError("disk_full", path.name) from None
        raise VideoRefusedError("write_failed", path.name, reason=error.strerror or str(error)) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return CopiedVideo(config_dir / media, media, sha256)
