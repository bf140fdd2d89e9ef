# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the third-party notices the kiosk ships: kiosk/licences/notices.json (the staff Licences
screen reads it) and kiosk/licences/NOTICES.txt (the same, as text, in the wheel and the tarball).

    python packaging/build_notices.py            # regenerate both
    python packaging/build_notices.py --check    # exit 1 if either differs from the installed packages

Generated from what is installed, so it cannot drift: every distribution the kiosk depends on at run
time (its requirements, followed through theirs) with its version, its licence as its metadata gives
it and the licence files it ships; every icon font qtawesome installs, by its file name. Only what no
metadata can say is written here by hand: the parts inside the PySide6 wheels (Qt, Qt Virtual Keyboard
and its input engines, FFmpeg), the Python interpreter the PyInstaller build carries, the icon fonts'
licences and the bundled Noto Sans CJK subset. Licence texts for those are in packaging/licences/.
A dependency with no licence text, or an icon font with no entry here, stops the generator.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "packaging" / "licences"
OUTPUT = ROOT / "kiosk" / "licences"
PROJECT = "xiangjiang-kiosk"

# Licence files from packaging/licences/, by the id the notices use.
LICENCE_FILES = {
    "GPL-3.0": ROOT / "LICENSE",
    "LGPL-3.0": TEXTS / "LGPL-3.0.txt",
    "LGPL-2.1": TEXTS / "LGPL-2.1.txt",
    "Apache-2.0": TEXTS / "Apache-2.0.txt",
    "CC-BY-4.0": TEXTS / "CC-BY-4.0.txt",
    "OFL-1.1": TEXTS / "OFL-1.1.txt",
    "MIT (Phosphor)": TEXTS / "MIT-Phosphor.txt",
    "PSF-2.0": TEXTS / "Python-PSF-2.0.txt",
    "OFL-1.1 (Noto Sans CJK)": ROOT / "assets" / "fonts" / "OFL.txt",
}

# Distributions whose metadata names a licence but ships no text of it.
TEXTS_FOR_LICENCE = {"LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only": ["LGPL-3.0", "GPL-3.0"]}

# qtawesome's icon fonts, by the start of their file name: (name, licence, notice, texts).
ICON_FONTS = {
    "codicon": ("Codicons", "CC-BY-4.0", "Copyright (c) Microsoft Corporation.", ["CC-BY-4.0"]),
    "elusiveicons": (
        "Elusive Icons",
        "OFL-1.1",
        "Copyright (c) 2013 Aristeides Stathopoulos (elusiveicons.com).",
        ["OFL-1.1"],
    ),
    "fontawesome5": (
        "Font Awesome Free 5",
        "CC-BY-4.0 AND OFL-1.1",
        "Font Awesome Free by Fonticons, Inc. (fontawesome.com): icons under CC BY 4.0, fonts under "
        "the SIL OFL 1.1.",
        ["CC-BY-4.0", "OFL-1.1"],
    ),
    "fontawesome6": (
        "Font Awesome Free 6",
        "CC-BY-4.0 AND OFL-1.1",
        "Font Awesome Free by Fonticons, Inc. (fontawesome.com): icons under CC BY 4.0, fonts under "
        "the SIL OFL 1.1.",
        ["CC-BY-4.0", "OFL-1.1"],
    ),
    "materialdesignicons5": (
        "Material Design Icons 5",
        "Apache-2.0",
        "Copyright (c) Austin Andrews and the Pictogrammers (materialdesignicons.com); Google's Material "
        "Design icons under the same licence.",
        ["Apache-2.0"],
    ),
    "materialdesignicons6": (
        "Material Design Icons 6",
        "Apache-2.0",
        "Copyright (c) Austin Andrews and the Pictogrammers (materialdesignicons.com); Google's Material "
        "Design icons under the same licence. The kiosk draws its icons with this font.",
        ["Apache-2.0"],
    ),
    "phosphor": ("Phosphor Icons", "MIT", "Copyright (c) 2020 Phosphor Icons.", ["MIT (Phosphor)"]),
    "remixicon": ("Remix Icon", "Apache-2.0", "Copyright (c) RemixIcon.com.", ["Apache-2.0"]),
}


@dataclass
class Notice:
    name: str
    version: str
    licence: str
    kind: str  # "program", "python", "part" (inside another package), "font"
    notice: str = ""
    texts: list[str] = field(default_factory=list)


def _requirements(distribution: metadata.Distribution) -> list[str]:
    names = []
    for line in distribution.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            names.append(requirement.name)
    return names


def runtime_distributions() -> list[metadata.Distribution]:
    """The kiosk's run-time dependencies, followed through theirs, without extras."""
    found: dict[str, metadata.Distribution] = {}
    pending = _requirements(metadata.distribution(PROJECT))
    while pending:
        name = pending.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        found[key] = metadata.distribution(name)
        pending += _requirements(found[key])
    return [found[key] for key in sorted(found)]


def _licence(distribution: metadata.Distribution) -> str:
    data = distribution.metadata
    expression = data.get("License-Expression") or data.get("License") or ""
    if expression and len(expression) < 120:
        return expression
    classifiers = data.get_all("Classifier") or []
    licences = [item.split(" :: ")[-1] for item in classifiers if item.startswith("License")]
    return " AND ".join(licences)


def _licence_files(distribution: metadata.Distribution) -> dict[str, str]:
    """The licence files the distribution ships, by their path in its metadata folder."""
    files = {}
    for name in distribution.metadata.get_all("License-File") or []:
        for path in distribution.files or []:
            if ".dist-info" in path.parts[0] and path.as_posix().endswith(name):
                files[name] = path.read_text(encoding="utf-8")
                break
    return files


def python_notices(texts: dict[str, str]) -> list[Notice]:
    notices = []
    for distribution in runtime_distributions():
        name = distribution.metadata["Name"]
        licence = _licence(distribution)
        shipped = _licence_files(distribution)
        ids = []
        for file_name, text in shipped.items():
            text_id = f"{name}: {file_name}"
            texts[text_id] = text
            ids.append(text_id)
        ids = ids or TEXTS_FOR_LICENCE.get(licence, [])
        if not licence or not ids:
            raise SystemExit(f"error: {name} {distribution.version} names no licence or ships no text of it")
        notices.append(Notice(name, distribution.version, licence, "python", texts=ids))
    return notices


def icon_font_notices() -> list[Notice]:
    fonts = Path(str(metadata.distribution("QtAwesome").locate_file("qtawesome/fonts")))
    found: dict[str, Notice] = {}
    for font in sorted(fonts.glob("*.ttf")):
        prefix = next((prefix for prefix in ICON_FONTS if font.name.startswith(prefix)), None)
        if prefix is None:
            raise SystemExit(f"error: qtawesome ships {font.name}, which has no licence entry in {__file__}")
        name, licence, notice, ids = ICON_FONTS[prefix]
        version = font.stem.rsplit("-", 1)[-1]
        entry = found.setdefault(prefix, Notice(name, version, licence, "font", notice, list(ids)))
        entry.notice += f" File: qtawesome/fonts/{font.name}."
    return list(found.values())


def bundled_notices() -> list[Notice]:
    """What no metadata names: the parts inside the PySide6 wheels, the interpreter the frozen build
    carries, the kiosk's own font subset, and the kiosk itself."""
    from kiosk import __version__

    qt = metadata.version("PySide6-Essentials")
    qt_lib = Path(str(metadata.distribution("PySide6-Essentials").locate_file("PySide6/Qt/lib")))
    ffmpeg = sorted(
        path.name.removeprefix("libavcodec.so.")
        for path in qt_lib.glob("libavcodec.so.*")
        if path.name.count(".") > 3
    )
    android = "Copyright (C) 2009 The Android Open Source Project."
    return [
        Notice(
            "Xiangjiang New Area exhibition kiosk",
            __version__,
            "GPL-3.0-or-later",
            "program",
            "This program is free software: you can redistribute it and/or modify it under the terms of "
            "the GNU General Public License as published by the Free Software Foundation, either version 3 "
            "of the License, or (at your option) any later version. It comes with NO WARRANTY.",
            ["GPL-3.0"],
        ),
        Notice(
            "Qt",
            qt,
            "LGPL-3.0-only",
            "part",
            "The Qt 6 libraries and plugins in the PySide6 wheels (Qt Core, Gui, Widgets, Qml, Quick, "
            "Multimedia, Svg, ...). Copyright (C) The Qt Company Ltd. and other contributors. You may "
            "replace them with your own build of the same Qt version: see packaging/README.md.",
            ["LGPL-3.0", "GPL-3.0"],
        ),
        Notice(
            "Qt Virtual Keyboard",
            qt,
            "GPL-3.0-only",
            "part",
            "Staff mode's on-screen keyboard. Copyright (C) The Qt Company Ltd. Available under the GPL "
            "3.0 (or a commercial licence): it makes the kiosk as a whole GPL-3.0.",
            ["GPL-3.0"],
        ),
        Notice(
            "Qt Virtual Keyboard: Pinyin",
            qt,
            "Apache-2.0",
            "part",
            "The Pinyin input engine and dictionary for Simplified Chinese, from Android's PinyinIME. "
            + android,
            ["Apache-2.0"],
        ),
        Notice(
            "Qt Virtual Keyboard: OpenWnn",
            qt,
            "Apache-2.0",
            "part",
            "The Japanese input engine. Copyright (C) 2008-2012 OMRON SOFTWARE Co., Ltd.",
            ["Apache-2.0"],
        ),
        Notice(
            "Qt Virtual Keyboard: tcime",
            qt,
            "Apache-2.0",
            "part",
            f"The Traditional Chinese input engines (Cangjie, Zhuyin). Copyright 2010 Google Inc. {android}",
            ["Apache-2.0"],
        ),
        Notice(
            "FFmpeg",
            "libavcodec " + ", ".join(ffmpeg),
            "LGPL-2.1-or-later",
            "part",
            "libavcodec, libavformat, libavutil, libswresample and libswscale in the PySide6 wheels, which "
            "Qt Multimedia links (the keyboard links Qt Multimedia). Copyright (c) the FFmpeg developers "
            "(ffmpeg.org). Built by The Qt Company without GPL or non-free parts.",
            ["LGPL-2.1"],
        ),
        Notice(
            "Python",
            "{}.{}".format(*sys.version_info[:2]),
            "PSF-2.0",
            "part",
            "The interpreter and standard library inside the PyInstaller build. Copyright (c) 2001 Python "
            "Software Foundation; All Rights Reserved.",
            ["PSF-2.0"],
        ),
        Notice(
            "Kiosk Sans SC (a subset of Noto Sans CJK SC)",
            "",
            "OFL-1.1",
            "font",
            "The kiosk's Chinese font: Noto Sans CJK SC subset and renamed Kiosk Sans SC (a Modified Version "
            "under the OFL, which reserves no font name here), in assets/fonts/. © 2014-2021 Adobe "
            "(adobe.com). Noto is a trademark of Google Inc.",
            ["OFL-1.1 (Noto Sans CJK)"],
        ),
    ]


def notices() -> dict[str, object]:
    texts = {text_id: path.read_text(encoding="utf-8") for text_id, path in LICENCE_FILES.items()}
    entries = [*bundled_notices(), *python_notices(texts), *icon_font_notices()]
    used = {text_id for entry in entries for text_id in entry.texts}
    return {
        "generated_by": "packaging/build_notices.py",
        "entries": [asdict(entry) for entry in entries],
        "texts": {text_id: text for text_id, text in texts.items() if text_id in used},
    }


def notices_text(data: dict[str, object]) -> str:
    entries = data["entries"]
    texts = data["texts"]
    assert isinstance(entries, list) and isinstance(texts, dict)
    rule = "=" * 78
    lines = [
        "Third-party notices of the Xiangjiang New Area exhibition kiosk",
        "(generated by packaging/build_notices.py from the installed packages)",
        "",
    ]
    for entry in entries:
        version = f" {entry['version']}" if entry["version"] else ""
        lines += [f"- {entry['name']}{version}: {entry['licence']}"]
    for entry in entries:
        lines += ["", rule, f"{entry['name']} {entry['version']}".strip(), f"Licence: {entry['licence']}"]
        if entry["notice"]:
            lines += [entry["notice"]]
        lines += [f"Licence text: {text_id} (below)" for text_id in entry["texts"]]
    for text_id, text in texts.items():
        lines += ["", rule, f"Licence text: {text_id}", rule, "", text.rstrip()]
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    data = notices()
    return {
        OUTPUT / "notices.json": json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        OUTPUT / "NOTICES.txt": notices_text(data),
    }


def stale_outputs() -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path, text in outputs().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if they differ from what is installed")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_outputs()
        if stale:
            print(f"stale: {', '.join(stale)}; run: python packaging/build_notices.py", file=sys.stderr)
            return 1
        print("notices up to date")
        return 0
    for path, text in outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
