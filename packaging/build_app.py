# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the one-folder kiosk with PyInstaller, pack the tarball the kiosk PC installs, and smoke-test it.

    python packaging/build_app.py [--skip-smoke] [--glibc-floor 2.36]

Needs PyInstaller in the environment that has the kiosk installed (requirements/build.txt, as `.ci/run`
installs it). The result:

    dist/kiosk/                       the application (run dist/kiosk/kiosk)
    dist/xiangjiang-kiosk.tar.gz      the same folder plus what packaging/README.md's later steps use on
                                      the kiosk PC: systemd/ and x11/ units, fleet/ (Syncthing's unit and
                                      ignore file), LICENSE and licences/ (the third-party notices, the
                                      font's OFL, and the system libraries' Debian copyright files)

The smoke test unpacks the tarball into a scratch folder and runs the copy from there, offscreen:
`kiosk run --exit-after`, `kiosk keyboard --check` (Qt Virtual Keyboard's Pinyin offers 欢迎 for
huanying), a render of the hub to PNG (checked for real content), `kiosk fleet syncthing-config`
(the kiosk PC has no python3), and the glibc floor read from the bundle's own ELF files, which must
not exceed the declared one (packaging/README.md states it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from glibc_floor import Version, folder_floor, version_text
from system_notices import NoticeError, notices_text, system_libraries

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
TARBALL = DIST / "xiangjiang-kiosk.tar.gz"

# The oldest glibc the build may need: Debian 12's. Built on Debian 12 it needs exactly this (its
# libstdc++ and libexpat are collected from the build machine); built on anything newer it would
# not start on Debian 12, and the smoke test says so.
DECLARED_GLIBC_FLOOR: Version = (2, 36)

# (source, folder in the tarball): the files packaging/README.md copies on the kiosk PC.
INSTALL_FILES = [
    *((path, "systemd") for path in sorted((ROOT / "packaging" / "systemd").glob("*"))),
    *((path, "x11") for path in sorted((ROOT / "packaging" / "x11").glob("*"))),
    *((path, "fleet") for path in sorted((ROOT / "packaging" / "fleet").glob("*"))),
    (ROOT / "LICENSE", "."),
    (ROOT / "assets" / "fonts" / "OFL.txt", "licences"),
    (ROOT / "kiosk" / "licences" / "NOTICES.txt", "licences"),
]


# The system libraries PyInstaller copied from the build machine, with their packages' copyright files.
SYSTEM_NOTICES = "licences/SYSTEM-LIBRARIES.txt"


class SmokeError(Exception):
    """The build does not do what the kiosk PC needs."""


def folder_size_mib(path: Path) -> float:
    return sum(
        item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink()
    ) / (1024 * 1024)


def build() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            *("--log-level", "WARN"),
            str(ROOT / "packaging" / "kiosk.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    folder = DIST / "kiosk"
    for source, destination in INSTALL_FILES:
        (folder / destination).mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, folder / destination / source.name)
    libraries = system_libraries(ROOT / "build" / "kiosk" / "COLLECT-00.toc", Path(sys.prefix))
    interpreter = {name for name in libraries if name.startswith("libpython")}
    (folder / SYSTEM_NOTICES).write_text(notices_text(libraries, interpreter), encoding="utf-8")
    print(f"{SYSTEM_NOTICES}: {len(libraries)} system libraries and their Debian copyright files")
    return folder


def pack(folder: Path) -> None:
    """dist/xiangjiang-kiosk.tar.gz with one top folder (packaging/README.md unpacks it with
    --strip-components=1 into /opt/xiangjiang-kiosk)."""
    subprocess.run(
        [
            *("tar", "-C", str(folder.parent), "--transform", f"s,^{folder.name},xiangjiang-kiosk,"),
            *("-czf", str(TARBALL), folder.name),
        ],
        check=True,
    )


def run(command: list[str], environment: dict[str, str], what: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    if result.returncode != 0:
        raise SmokeError(f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def check_picture(path: Path) -> str:
    """A real render, not a blank or one-colour frame: many colours across a grid of samples."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        raise SmokeError(f"the render {path.name} is not a picture")
    samples = {
        image.pixel(image.width() * column // 40, image.height() * row // 40)
        for row in range(40)
        for column in range(40)
    }
    if len(samples) < 20:
        raise SmokeError(f"the render {path.name} is nearly blank: {len(samples)} colours in 1600 samples")
    return f"{image.width()}x{image.height()}, {len(samples)} colours in 1600 samples"


def smoke_test(installed: Path, scratch: Path, declared: Version) -> None:
    app = installed / "kiosk"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_DATA_HOME": str(scratch / "data"),
    }
    missing = [
        f"{destination}/{source.name}"
        for source, destination in INSTALL_FILES
        if not (installed / destination / source.name).is_file()
    ]
    if not (installed / SYSTEM_NOTICES).is_file():
        missing.append(SYSTEM_NOTICES)
    if not any(installed.glob("**/kiosk/licences/notices.json")):
        missing.append("the notices the Licences screen shows (kiosk/licences/notices.json)")
    if missing:
        raise SmokeError(f"the tarball lacks {', '.join(missing)}")
    print(run([str(app), "--version"], environment, "kiosk --version").strip())

    started = time.monotonic()
    stats = scratch / "stats.json"
    run([str(app), "run", "--exit-after", "5", "--stats-json", str(stats)], environment, "kiosk run")
    figures = json.loads(stats.read_text(encoding="utf-8"))
    if figures["slides_shown"] < 1:
        raise SmokeError(f"kiosk run showed no slide: {figures}")
    print(
        f"kiosk run --exit-after 5: exit 0 in {time.monotonic() - started:.1f} s, first frame "
        f"{figures['first_frame_ms']:.0f} ms, peak RSS {figures['peak_rss_mib']:.0f} MiB"
    )

    # Staff mode's on-screen keyboard: plugin, QML and libraries all in the build, and Qt's Pinyin
    # engine offering 欢迎 for huanying.
    run([str(app), "keyboard", "--check"], environment, "kiosk keyboard --check")
    print("kiosk keyboard --check: Pinyin works")

    picture = scratch / "hub.png"
    run([str(app), "render", "hub", "--out", str(picture), "--size", "1280x720"], environment, "kiosk render")
    print(f"kiosk render hub: {check_picture(picture)}")

    config = run(
        [str(app), "fleet", "syncthing-config", "kiosk", "--this", "KIOSK", "--staff", "STAFF"],
        environment,
        "kiosk fleet syncthing-config",
    )
    if "xiangjiang-hall" not in config or "{{" in config:
        raise SmokeError(f"kiosk fleet syncthing-config wrote no complete configuration:\n{config}")
    print("kiosk fleet syncthing-config: a complete config.xml")

    floor, needing = folder_floor(installed)
    print(
        f"glibc floor: {version_text(floor)} (declared {version_text(declared)}), needed by "
        + ", ".join(map(str, needing))
    )
    if floor > declared:
        raise SmokeError(
            f"the build needs glibc {version_text(floor)}, above the declared {version_text(declared)}: it "
            "would not start on the distributions packaging/README.md names. Build on the oldest one "
            "supported (Debian 12), or declare the new floor (--glibc-floor) and update the README."
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-smoke", action="store_true")
    parser.add_argument(
        "--glibc-floor",
        type=lambda text: tuple(int(part) for part in text.split(".")),
        default=DECLARED_GLIBC_FLOOR,
        metavar="X.Y",
        help=f"the newest glibc the build may need (default {version_text(DECLARED_GLIBC_FLOOR)})",
    )
    args = parser.parse_args()
    started = time.monotonic()
    try:
        folder = build()
    except NoticeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    pack(folder)
    print(
        f"dist/kiosk: {folder_size_mib(folder):.0f} MiB; {TARBALL.relative_to(ROOT)}: "
        f"{TARBALL.stat().st_size / (1024 * 1024):.0f} MiB; built in {time.monotonic() - started:.0f} s"
    )
    if args.skip_smoke:
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        installed = Path(scratch) / "opt"
        installed.mkdir()
        subprocess.run(
            ["tar", "-C", str(installed), "--strip-components=1", "-xzf", str(TARBALL)], check=True
        )
        try:
            smoke_test(installed, Path(scratch), args.glibc_floor)
        except (SmokeError, subprocess.TimeoutExpired) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print(f"smoke test passed; {time.monotonic() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
