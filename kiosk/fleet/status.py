"""Each kiosk's status file, and the morning check over a hall's status folder.

A kiosk writes `<status dir>/<kiosk-id>.json` atomically every minute. `fleet_report` reads a
folder of them (on the staff PC, the folder Syncthing brings back from every kiosk).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from kiosk.documents.decoding import ContentError, decode_document
from kiosk.fleet.layout import hall_config_hash, is_temporary
from kiosk.migrations import FileKind
from kiosk.storage import atomic_write

# 2 added the pack's version and the refused packs. A staff PC that reads only version 1 calls a
# version-2 file unreadable instead of reporting "matches" for a kiosk whose hall pack is refused.
STATUS_VERSION = 2
STATUS_KIND = FileKind(
    "status", current=STATUS_VERSION, steps={1: dict}, missing_version=1, version_field="status_version"
)
STALE_AFTER_S = 5 * 60
THUMBNAIL_SUFFIX = ".jpg"
THUMBNAIL_MAX_WIDTH = 480
THUMBNAIL_MAX_BYTES = 40_000


class NowPlaying(msgspec.Struct):
    playlist: str
    slide: str


class ErrorNote(msgspec.Struct):
    at: str
    message: str


class RefusedPack(msgspec.Struct):
    """A layer's content pack this kiosk does not play: which delivery, since when, and why."""

    origin: str
    directory: str
    reason: str
    # A short hash of the pack's manifest.json (None without one): which delivery was refused.
    manifest: str | None
    since: str


class EmergencyNote(msgspec.Struct):
    """The hall's emergency message as this kiosk has it: which, until when, and whether it is on
    screen now (not while staff mode is open over it)."""

    id: str
    title: str
    ends_at: str
    on_screen: bool


class KioskStatus(msgspec.Struct, kw_only=True):
    """What a hall manager checks each morning, one file per kiosk."""

    status_version: int = STATUS_VERSION
    kiosk_id: str
    kiosk_name: str
    version: str
    written_at: str
    started_at: str
    uptime_s: int
    mode: str
    safe_reason: str | None = None
    # The pack on screen: its layer ("hall", "hall/kiosks/<id>", "local"), "bundled" or "--content";
    # its digest and its pack.json version.
    content_origin: str
    content_hash: str
    content_version: str | None = None
    refused_packs: list[RefusedPack] = msgspec.field(default_factory=list)
    config_hash: str
    hall_config_hash: str | None = None
    local_overrides: list[str] = msgspec.field(default_factory=list)
    now_playing: NowPlaying | None = None
    screen_on: bool = True
    last_errors: list[ErrorNote] = msgspec.field(default_factory=list)
    # Today's statistics summary (issue 10), filled by the one source the kiosk is given; None without it.
    today: dict[str, Any] | None = None
    # The hall's emergency message current for this kiosk; None without one. Older readers ignore it.
    emergency: EmergencyNote | None = None
    # The screen's state ("showcase", "visitor", "staff", "preview", "dark", "woken", "emergency") and
    # whether the kiosk is signage only: the hall console's mode. None from a kiosk before them.
    screen: str | None = None
    display_only: bool = False


def status_path(status_dir: Path, kiosk_id: str) -> Path:
    return status_dir / f"{kiosk_id}.json"


def thumbnail_path(status_dir: Path, kiosk_id: str) -> Path:
    """The small picture of the kiosk's screen, beside its status file."""
    return status_dir / f"{kiosk_id}{THUMBNAIL_SUFFIX}"


def write_status(status_dir: Path, status: KioskStatus) -> Path:
    path = status_path(status_dir, status.kiosk_id)
    atomic_write(path, msgspec.json.format(msgspec.json.encode(status), indent=2) + b"\n", keep_backup=False)
    return path


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


@dataclass(frozen=True)
class FleetRow:
    """One line of the morning check."""

    kiosk_id: str
    kiosk_name: str
    last_seen: str
    age_s: int | None
    stale: bool
    mode: str
    config: str
    content_hash: str
    now_playing: str
    errors: list[str]
    problem: str | None = None
    content_origin: str = "-"
    content_version: str | None = None
    refused_packs: list[RefusedPack] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        fine = not (self.stale or self.problem or self.errors or self.refused_packs or self.mode != "normal")
        return fine and self.config in ("matches", "no hall given")

    @property
    def content(self) -> str:
        """The pack on screen, as the table shows it: its layer, digest and version."""
        version = f" ({self.content_version})" if self.content_version else ""
        return f"{self.content_origin} {self.content_hash}{version}"

    def refusal_lines(self) -> list[str]:
        """One sentence per refused pack: which, since when, why, and what plays instead."""
        lines = []
        for refused in self.refused_packs:
            delivery = f"manifest {refused.manifest}" if refused.manifest else "no manifest"
            instead = (
                "its last good pack plays"
                if refused.origin == self.content_origin
                else f"{self.content_origin} pack plays"
            )
            lines.append(
                f"content pack in {refused.origin} REFUSED since {refused.since} ({refused.directory}, "
                f"{delivery}): {refused.reason}; {instead}: {self.content}"
            )
        return lines


def status_files(status_dir: Path) -> list[Path]:
    return [path for path in sorted(status_dir.glob("*.json")) if not is_temporary(path.name)]


def fleet_report(status_dir: Path, hall_dir: Path | None, now: dt.datetime) -> list[FleetRow]:
    """Every status file in `status_dir`, judged against the hall folder when one is given."""
    return [read_status_file(path, hall_dir, now)[0] for path in status_files(status_dir)]


def read_status_file(
    path: Path, hall_dir: Path | None, now: dt.datetime
) -> tuple[FleetRow, KioskStatus | None]:
    """One kiosk's line of the morning check, and its status when the file is usable: a file that
    is corrupt, from a newer kiosk, or names another kiosk than its file name is named as such."""
    try:
        status = decode_document(path.read_bytes(), KioskStatus, path.name, STATUS_KIND)
        written = parse_utc(status.written_at)
    except (ContentError, ValueError, OSError) as error:
        reason = error.problems[0].message if isinstance(error, ContentError) else str(error)
        return _problem_row(path, f"unreadable: {reason}"), None
    if status.kiosk_id != path.stem:
        return _problem_row(path, f"claims to be kiosk {status.kiosk_id!r}: a copied or misnamed file"), None
    age = round((now - written).total_seconds())
    return (
        FleetRow(
            kiosk_id=status.kiosk_id,
            kiosk_name=status.kiosk_name,
            last_seen=status.written_at,
            age_s=age,
            stale=age > STALE_AFTER_S,
            mode=status.mode if status.mode == "normal" else f"{status.mode}: {status.safe_reason or '?'}",
            config=_config_verdict(status, hall_dir),
            content_hash=status.content_hash,
            now_playing=(
                f"{status.now_playing.playlist} · {status.now_playing.slide}" if status.now_playing else "-"
            ),
            errors=[f"{note.at} {note.message}" for note in status.last_errors],
            content_origin=status.content_origin,
            content_version=status.content_version,
            refused_packs=status.refused_packs,
        ),
        status,
    )


def _problem_row(path: Path, problem: str) -> FleetRow:
    return FleetRow(path.stem, path.stem, "-", None, True, "-", "-", "-", "-", [], problem)


def _config_verdict(status: KioskStatus, hall_dir: Path | None) -> str:
    if hall_dir is None:
        return "no hall given"
    if status.hall_config_hash is None:
        return "differs: the kiosk has no hall folder"
    if status.hall_config_hash != hall_config_hash(hall_dir, status.kiosk_id):
        return "differs: not yet synced, or the hall changed since"
    if status.local_overrides:
        return "matches, but local edits win: " + ", ".join(status.local_overrides)
    return "matches"


def format_table(rows: list[FleetRow]) -> str:
    if not rows:
        return "no status files found"
    header = (
        "kiosk",
        "name",
        "last seen",
        "state",
        "mode",
        "config",
        "content",
        "refused",
        "now playing",
        "errors",
    )
    lines = [header]
    for row in rows:
        if row.problem:
            state = row.problem
        elif row.stale:
            state = f"STALE ({short_age(row.age_s)} ago)"
        else:
            state = f"ok ({short_age(row.age_s)} ago)"
        lines.append(
            (
                row.kiosk_id,
                row.kiosk_name,
                row.last_seen,
                state,
                row.mode,
                row.config,
                row.content,
                ", ".join(refused.origin for refused in row.refused_packs) or "none",
                row.now_playing,
                str(len(row.errors)) if row.errors else "none",
            )
        )
    widths = [max(_display_width(line[column]) for line in lines) for column in range(len(header))]
    text = [
        "  ".join(
            cell + " " * (width - _display_width(cell)) for cell, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in lines
    ]
    for row in rows:
        text += [f"{row.kiosk_id}: {line}" for line in row.refusal_lines()]
        text += [f"{row.kiosk_id}: {error}" for error in row.errors]
    return "\n".join(text)


def format_json(rows: list[FleetRow]) -> str:
    return msgspec.json.format(
        msgspec.json.encode(
            [{**row.__dict__, "content": row.content, "healthy": row.healthy} for row in rows]
        ),
        indent=2,
    ).decode()


def _display_width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def short_age(seconds: int | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
