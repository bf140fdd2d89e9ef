"""What the hall console shows of each kiosk: its status file read into one card, never a crash.

A card is made from `<status dir>/<kiosk-id>.json` and the thumbnail beside it. A file that is
corrupt, from a newer kiosk or claims another kiosk's id gives a card that names the fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kiosk.fleet.layout import CONFIG_FILES, CONTENT_DIR, FLEET_FILE, KIOSKS_DIR, PLAYLISTS_DIR
from kiosk.fleet.status import FleetRow, KioskStatus, read_status_file, status_files, thumbnail_path

# What a hall folder may hold at its top; a folder with other things and none of these is not one.
HALL_ENTRIES = {CONTENT_DIR, KIOSKS_DIR, PLAYLISTS_DIR, "slides", "media", "emergency.json", *CONFIG_FILES}
STAFF_SCREENS = ("staff", "preview")


@dataclass(frozen=True)
class KioskCard:
    """One kiosk at a glance."""

    row: FleetRow
    status: KioskStatus | None
    thumbnail: Path | None

    @property
    def kiosk_id(self) -> str:
        return self.row.kiosk_id

    @property
    def mode(self) -> str:
        """normal, safe, dark, display-only, staff in, emergency; "-" for an unusable file."""
        status = self.status
        if status is None:
            return "-"
        if status.mode == "safe":
            return "safe"
        if status.screen in STAFF_SCREENS:
            return "staff in"
        if status.screen == "emergency":
            return "emergency"
        if status.screen == "dark" or not status.screen_on:
            return "dark"
        if status.display_only:
            return "display-only"
        return "normal"

    @property
    def visits_today(self) -> int | None:
        today = self.status.today if self.status is not None else None
        visits = today.get("sessions") if today else None
        return visits if isinstance(visits, int) else None


def read_cards(status_dir: Path, hall_dir: Path | None, now: dt.datetime) -> list[KioskCard]:
    """A card for every status file in `status_dir`, in file-name order."""
    cards = []
    for path in status_files(status_dir):
        row, status = read_status_file(path, hall_dir, now)
        picture = thumbnail_path(status_dir, path.stem)
        cards.append(KioskCard(row, status, picture if picture.is_file() else None))
    return cards


def hall_folder_problem(hall_dir: Path) -> str | None:
    """Why `hall_dir` is not a hall folder, as a sentence; None when it is one (an empty one too)."""
    if not hall_dir.is_dir():
        return f"{hall_dir} is not a folder: give the hall folder the kiosks receive."
    names = {path.name for path in hall_dir.iterdir() if not path.name.startswith(".")}
    if FLEET_FILE in names:
        return f"{hall_dir} is a kiosk's own configuration folder (it has {FLEET_FILE}), not the hall folder."
    if names and not names & HALL_ENTRIES:
        return (
            f"{hall_dir} holds none of a hall's files (content/, playlists/, kiosks/, settings.json, "
            "schedule.json): is it the hall folder?"
        )
    return None
