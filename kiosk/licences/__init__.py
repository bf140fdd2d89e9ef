# SPDX-License-Identifier: GPL-3.0-or-later
"""The third-party notices the kiosk ships: what is in it, under which licence, with the licence
texts. Written by packaging/build_notices.py from the installed packages (notices.json beside this
file, and NOTICES.txt, the same as text); read by staff mode's Licences screen."""

from __future__ import annotations

from pathlib import Path

import msgspec

NOTICES_FILE = Path(__file__).with_name("notices.json")


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


def load_notices(path: Path = NOTICES_FILE) -> Notices:
    return msgspec.json.decode(path.read_bytes(), type=Notices)
