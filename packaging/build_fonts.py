"""Build the bundled subsets of Noto Sans CJK SC under assets/fonts/, renamed to "Kiosk Sans SC".

Run as ``python packaging/build_fonts.py`` after changing assets/content or
assets/playlists, then ``python packaging/build_resources.py`` to refresh the
compiled Qt resources.

The output is byte-reproducible: the same source fonts and the same JSON give
identical files, because head.created/modified are copied from the source face
rather than taken from the clock.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO_ROOT / "assets" / "fonts"
JSON_DIRS = (REPO_ROOT / "assets" / "content", REPO_ROOT / "assets" / "playlists")

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
APT_PACKAGE = "fonts-noto-cjk"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FAMILY = "Noto Sans CJK SC"
# The subset's own family name. Under the source's name, Qt resolved the family to the system's
# fonts-noto-cjk files wherever that package is installed and mapped them too (15-17 MiB of RSS).
# The SIL OFL 1.1 allows renaming a Modified Version (it only forbids Reserved Font Names, and
# the Noto CJK notice reserves none); "Noto" is Google's trademark, so the new name avoids it.
SUBSET_FAMILY = "Kiosk Sans SC"

TYPOGRAPHIC = "“”‘’—–·…°²×©" + "，。、；：？！（）《》【】"


@dataclass(frozen=True)
class Variant:
    style: str
    source: Path
    output: Path

    @property
    def postscript_name(self) -> str:
        return f"{SUBSET_FAMILY.replace(' ', '')}-{self.style}"


VARIANTS = (
    Variant(
        "Regular",
        SOURCE_DIR / "NotoSansCJK-Regular.ttc",
        FONTS_DIR / "NotoSansCJKsc-Regular.subset.otf",
    ),
    Variant(
        "Bold",
        SOURCE_DIR / "NotoSansCJK-Bold.ttc",
        FONTS_DIR / "NotoSansCJKsc-Bold.subset.otf",
    ),
)


def gb2312_chars() -> set[str]:
    """Every character encodable in GB2312 (rows 0xA1..0xF7, cells 0xA1..0xFE)."""
    chars: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned code points inside the grid
    return chars


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def json_files(dirs: Iterable[Path] = JSON_DIRS) -> list[Path]:
    """The JSON files whose text must be covered, sorted for stable output."""
    return sorted(p for d in dirs if d.is_dir() for p in d.glob("*.json") if p.is_file())


def json_chars(dirs: Iterable[Path] = JSON_DIRS) -> set[str]:
    """Every non-control character in any string (keys included) of the JSON files."""
    chars: set[str] = set()
    for path in json_files(dirs):
        data = json.loads(path.read_text(encoding="utf-8"))
        for text in _strings(data):
            chars.update(text)
    # Controls (newlines, tabs) never have glyphs; they are laid out, not drawn.
    return {c for c in chars if unicodedata.category(c) != "Cc"}


def wanted_chars() -> set[str]:
    printable_ascii = {chr(c) for c in range(0x20, 0x7F)}
    return gb2312_chars() | printable_ascii | set(TYPOGRAPHIC) | json_chars()


def open_sc_face(collection_path: Path) -> TTFont:
    """Open the face of the collection whose family name is exactly FAMILY."""
    # The face order inside the TTC differs between upstream releases, so the
    # index is found by name instead of being hard-coded.
    collection = TTCollection(str(collection_path), lazy=True)
    for index, face in enumerate(collection.fonts):
        if face["name"].getDebugName(1) == FAMILY:
            return TTFont(str(collection_path), fontNumber=index, recalcTimestamp=False)
    raise SystemExit(f"error: no face named {FAMILY!r} in {collection_path}")


def subset_options() -> subset.Options:
    options = subset.Options()
    # Horizontal Simplified Chinese and Latin only. Keeping every feature ('locl', 'vert', the
    # width variants) pulled in the Japanese, Korean and Traditional glyph variants and vertical
    # forms: twice the glyphs, twice the memory, none of them ever drawn.
    options.layout_features = ["ccmp", "kern", "liga", "palt", "halt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]  # the zh-CN (2052) family name Qt may display
    options.notdef_outline = True
    options.recalc_timestamp = False
    return options


def build_variant(variant: Variant, chars: set[str]) -> tuple[TTFont, set[str]]:
    """Subset one style; returns the font and the requested chars it lacks."""
    font = open_sc_face(variant.source)
    created, modified = font["head"].created, font["head"].modified
    available = {chr(cp) for cp in font.getBestCmap()}
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    rename(font, variant)
    font["head"].created = created
    font["head"].modified = modified
    return font, chars - available


def rename(font: TTFont, variant: Variant) -> None:
    """Give the subset its own family name in the name table and in the CFF table.

    Every localised family, full and PostScript name (IDs 1, 3, 4, 6, 16, 17) is replaced by one
    English record each: fontconfig and Qt register every localised family name, so a zh-CN record
    left at the source's name would still match the system's font. Regular and Bold form a plain
    style-linked family, so IDs 16 and 17 (typographic family and subfamily) are not written.
    The copyright and trademark notices (IDs 0 and 7) and the licence (13, 14) are kept, as OFL
    condition 2 requires.
    """
    name = font["name"]
    source_name = name.getDebugName(6)
    renamed = (1, 2, 3, 4, 6, 16, 17)
    name.names = [record for record in name.names if record.nameID not in renamed]
    version = str(name.getDebugName(5) or "").removeprefix("Version ").split(";")[0]
    records = {
        1: SUBSET_FAMILY,
        2: variant.style,
        3: f"{version};{variant.postscript_name};subset of {source_name}",
        4: f"{SUBSET_FAMILY} {variant.style}",
        6: variant.postscript_name,
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [variant.postscript_name]
    top = cff.topDictIndex[0]
    top.FamilyName = SUBSET_FAMILY
    top.FullName = records[4]


def source_version(font: TTFont) -> str:
    return str(font["name"].getDebugName(5))


def write_licence(font: TTFont) -> None:
    if not DEBIAN_COPYRIGHT.is_file():
        raise SystemExit(f"error: {DEBIAN_COPYRIGHT} missing; install {APT_PACKAGE}")
    ofl = extract_ofl(DEBIAN_COPYRIGHT.read_text(encoding="utf-8"))
    name = font["name"]
    # OFL condition 2: ship the font's own copyright notice with the licence.
    notice = "\n".join(str(name.getDebugName(i)) for i in (0, 7) if name.getDebugName(i))
    header = (
        f"{notice}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        f"{name.getDebugName(14) or 'https://openfontlicense.org'}\n\n"
    )
    (FONTS_DIR / "OFL.txt").write_text(header + ofl, encoding="utf-8", newline="\n")


def extract_ofl(copyright_text: str) -> str:
    """Pull the OFL 1.1 body out of a DEP-5 copyright file's 'License: SIL-1.1' stanza."""
    lines = copyright_text.splitlines()
    text = ""
    # The first 'License: SIL-1.1' line belongs to a 'Files:' stanza and has no
    # body; the standalone stanza carrying the full text comes later.
    for start, line in enumerate(lines):
        if line != "License: SIL-1.1":
            continue
        body: list[str] = []
        for cont in lines[start + 1 :]:
            if not cont.startswith(" "):
                break
            # DEP-5 continuation lines: one leading space; a lone " ." is a blank line.
            body.append("" if cont == " ." else cont[1:])
        if body:
            text = "\n".join(body).strip("\n") + "\n"
            break
    if "SIL OPEN FONT LICENSE Version 1.1" not in text or "DISCLAIMER" not in text:
        raise SystemExit(f"error: OFL 1.1 text in {DEBIAN_COPYRIGHT} looks incomplete")
    return text


def write_readme(version: str, glyphs: dict[str, int], n_chars: int) -> None:
    readme = f"""# Bundled fonts

`NotoSansCJKsc-Regular.subset.otf` and `NotoSansCJKsc-Bold.subset.otf` are
subsets of **{FAMILY}** (CFF-flavoured OpenType), taken from the Debian
package `{APT_PACKAGE}` (`NotoSansCJK-Regular.ttc` / `NotoSansCJK-Bold.ttc`,
face named "{FAMILY}").

Source font version: `{version}`

The subset covers {n_chars} requested characters ({glyphs["Regular"]} glyphs in
Regular, {glyphs["Bold"]} in Bold):

- every GB2312 character,
- printable ASCII and a few typographic marks (“ ” ‘ ’ — – · … ° ² × © and the
  full-width punctuation ，。、；：？！（）《》【】),
- every character used in `assets/content/*.json` and `assets/playlists/*.json`.

OpenType layout features kept: {", ".join(subset_options().layout_features)}.

The family is renamed to **{SUBSET_FAMILY}** (name IDs 1, 2, 3, 4 and 6 and the CFF
table's names; every localised record of them is dropped), so that Qt never takes
the system's `{APT_PACKAGE}` files for the kiosk's family where that package is
installed. The SIL OFL 1.1 permits this: a Modified Version may not use a
Reserved Font Name (condition 3), and the font's notice in `OFL.txt` reserves
none; the new name also leaves out "Noto", Google's trademark (name ID 7). The
copyright and trademark notices and the licence records are kept.

Licence: SIL Open Font License 1.1, see `OFL.txt`.

## Rebuilding

Whenever the content or playlist JSON changes (new characters), run:

    apt-get install {APT_PACKAGE}   # provides the source fonts
    python packaging/build_fonts.py
    python packaging/build_resources.py

The output is byte-reproducible: the same source fonts and JSON give
identical files.
"""
    (FONTS_DIR / "README.md").write_text(readme, encoding="utf-8", newline="\n")


def main() -> int:
    missing = [v.source for v in VARIANTS if not v.source.is_file()]
    if missing:
        names = ", ".join(str(p) for p in missing)
        print(
            f"error: source font(s) not found: {names}\n"
            f"Install the Debian package: apt-get install {APT_PACKAGE}",
            file=sys.stderr,
        )
        return 1

    FONTS_DIR.mkdir(parents=True, exist_ok=True)
    chars = wanted_chars()
    from_json = json_chars()
    glyphs: dict[str, int] = {}
    version = ""
    for variant in VARIANTS:
        font, lacking = build_variant(variant, chars)
        lacking_json = sorted(lacking & from_json)
        if lacking_json:
            # Keep going: the kiosk still works, but these will render as tofu.
            shown = " ".join(f"U+{ord(c):04X}({c})" for c in lacking_json)
            print(f"warning: {variant.style} has no glyph for JSON chars: {shown}", file=sys.stderr)
        font.save(str(variant.output), reorderTables=True)
        glyphs[variant.style] = len(font.getGlyphOrder())
        if variant.style == "Regular":
            version = source_version(font)
            write_licence(font)

    write_readme(version, glyphs, len(chars))
    for variant in VARIANTS:
        size = variant.output.stat().st_size
        rel = variant.output.relative_to(REPO_ROOT)
        print(f"{rel}: {size:,} bytes ({size / 1024 / 1024:.2f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
