# SPDX-License-Identifier: GPL-3.0-or-later
"""The oldest glibc a one-folder build starts on, read from its own ELF files.

    python packaging/glibc_floor.py dist/kiosk

Every executable and shared library names the glibc symbol versions it needs (GLIBC_2.34, ...) in
its `.gnu.version_r` section; the highest over the whole folder is the floor: on an older glibc the
loader refuses to start the program ("version `GLIBC_2.36' not found"). Read here with the standard
library, so neither binutils nor pyelftools is needed.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
SHT_GNU_VERNEED = 0x6FFFFFFE
GLIBC_VERSION = re.compile(rb"^GLIBC_(\d+)\.(\d+)(?:\.(\d+))?$")

Version = tuple[int, ...]


def _c_string(data: bytes, offset: int) -> bytes:
    return data[offset : data.index(b"\0", offset)]


def needed_versions(data: bytes) -> set[bytes]:
    """The symbol version names an ELF file needs from its libraries (its Verneed entries)."""
    if data[:4] != ELF_MAGIC:
        return set()
    wide = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    if wide:
        (section_offset,) = struct.unpack_from(order + "Q", data, 0x28)
        entry_size, count = struct.unpack_from(order + "HH", data, 0x3A)
        layout = order + "IIQQQQIIQQ"
    else:
        (section_offset,) = struct.unpack_from(order + "I", data, 0x20)
        entry_size, count = struct.unpack_from(order + "HH", data, 0x2E)
        layout = order + "IIIIIIIIII"
    sections = [
        struct.unpack_from(layout, data, section_offset + index * entry_size) for index in range(count)
    ]
    names: set[bytes] = set()
    for _name, kind, _flags, _address, offset, _size, link, info, _align, _entry in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strings = sections[link][4]
        need = offset
        for _ in range(info):
            _version, aux_count, _file, aux_offset, next_need = struct.unpack_from(
                order + "HHIII", data, need
            )
            aux = need + aux_offset
            for _ in range(aux_count):
                _hash, _aux_flags, _other, name, next_aux = struct.unpack_from(order + "IHHII", data, aux)
                names.add(_c_string(data, strings + name))
                aux += next_aux
            need += next_need
    return names


def glibc_needed(data: bytes) -> Version | None:
    """The highest GLIBC_x.y an ELF file needs, or None (not ELF, or no glibc symbol versions)."""
    versions = [
        tuple(int(part) for part in match.groups() if part is not None)
        for match in map(GLIBC_VERSION.match, needed_versions(data))
        if match
    ]
    return max(versions, default=None)


def folder_floor(folder: Path) -> tuple[Version, list[Path]]:
    """The highest glibc version any ELF file under `folder` needs, and the files that need it."""
    floor: Version = (0,)
    needing: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != ELF_MAGIC:
                continue
        version = glibc_needed(path.read_bytes())
        if version is None or version < floor:
            continue
        if version > floor:
            floor, needing = version, []
        needing.append(path.relative_to(folder))
    return floor, needing


def version_text(version: Version) -> str:
    return ".".join(str(part) for part in version)


def main() -> int:
    folder = Path(sys.argv[1])
    floor, needing = folder_floor(folder)
    print(f"glibc >= {version_text(floor)}, needed by {', '.join(map(str, needing))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
