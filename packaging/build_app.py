"""Build the one-folder kiosk with PyInstaller and smoke-test it.

    python packaging/build_app.py [--skip-smoke]

Needs `pip install pyinstaller` in the environment that has the kiosk installed. The result is
dist/kiosk/ (run dist/kiosk/kiosk). The smoke test runs `--version` and a headless render from the
build, checks the on-screen keyboard (`kiosk keyboard --check`), and prints the folder's size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size_mib(path: Path) -> float:
    return sum(
        item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink()
    ) / (1024 * 1024)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-smoke", action="store_true")
    args = parser.parse_args()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            str(ROOT / "packaging" / "kiosk.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    app = ROOT / "dist" / "kiosk" / "kiosk"
    if not args.skip_smoke:
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        version = subprocess.run(
            [str(app), "--version"], capture_output=True, text=True, check=True, env=environment
        )
        print(version.stdout.strip())
        with tempfile.TemporaryDirectory() as scratch:
            picture = Path(scratch) / "hub.png"
            subprocess.run(
                [str(app), "render", "hub", "--out", str(picture), "--size", "1280x720"],
                check=True,
                env=environment,
                capture_output=True,
            )
            if not picture.exists() or picture.stat().st_size < 10_000:
                print("error: the frozen build rendered no picture", file=sys.stderr)
                return 1
            print(f"rendered {picture.stat().st_size} bytes from the build")
            # Staff mode's on-screen keyboard: plugin, QML and libraries all in the build, and Qt's
            # Pinyin engine offering 欢迎 for huanying.
            keyboard = subprocess.run(
                [str(app), "keyboard", "--check"],
                capture_output=True,
                text=True,
                check=False,
                env={**environment, "XDG_CONFIG_HOME": scratch},
            )
            if keyboard.returncode != 0:
                print(f"error: the on-screen keyboard does not work: {keyboard.stdout}", file=sys.stderr)
                return 1
            print("on-screen keyboard: Pinyin works in the build")
    print(f"dist/kiosk: {folder_size_mib(app.parent):.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
