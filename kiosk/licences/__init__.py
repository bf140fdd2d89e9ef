# SPDX-License-Identifier: GPL-3.0-or-later
"""The third-party notices the kiosk ships: what is in it, under which licence, with the licence
texts. Written by packaging/build_notices.py from the installed packages (notices.json beside this
file, and NOTICES.txt, the same as text); read by staff mode's Licences screen."""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec

NOTICES_FILE = Path(__file__).with_name("notices.json")
SYSTEM_LIBRARIES = "System libraries of this build"


class Notice(msgspec.Struct, frozen=True):
    name: str
    version: str
    licence: str
    kind: str  # "program", "python" (a distribution), "part" (inside another package), "font"
    notice: str
    texts: list[str]  # keys of `Notices.texts`


class Notices(msgspec.Struct, frozen=True):
    generated_by: str
    entries: list[Notice]
    texts: dict[str, str]

    def licence_text(self, entry: Notice) -> str:
        """Every licence text of `entry`, one after the other; each under its name when there are
        several (numpy ships a dozen)."""
        if len(entry.texts) == 1:
            return self.texts[entry.texts[0]].rstrip()
        return "\n\n\n".join(f"── {key} ──\n\n{self.texts[key].rstrip()}" for key in entry.texts)


def frozen_system_notices() -> Path | None:
    """In the PyInstaller build, the notices of the system libraries it carries, which
    packaging/build_app.py writes beside the executable (they depend on the build machine)."""
    if not getattr(sys, "frozen", False):
        return None
    path = Path(sys.executable).parent / "licences" / "SYSTEM-LIBRARIES.txt"
    return path if path.is_file() else None


def load_notices(path: Path = NOTICES_FILE, system_libraries: Path | None = None) -> Notices:
    """The notices, and with `system_libraries` one more entry that shows that file."""
    notices = msgspec.json.decode(path.read_bytes(), type=Notices)
    if system_libraries is None:
        return notices
    entry = Notice(
        SYSTEM_LIBRARIES,
        "",
        "as each Debian package's copyright file says",
        "part",
        "Shared libraries PyInstaller copied from the Debian machine the build was made on: each one, "
        "its package, and that package's copyright file (licences/SYSTEM-LIBRARIES.txt).",
        [SYSTEM_LIBRARIES],
    )
    texts = {
        **notices.texts,
        SYSTEM_LIBRARIES: system_libraries.read_text(encoding="utf-8", errors="replace"),
    }
    return Notices(notices.generated_by, [*notices.entries, entry], texts)
