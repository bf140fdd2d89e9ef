"""Regenerate resources.qrc from assets/ and compile it to kiosk/kiosk.rcc.

Usage:
    python packaging/build_resources.py           # rewrite resources.qrc and kiosk/kiosk.rcc
    python packaging/build_resources.py --check   # exit 1 if either is stale

Files are bundled under prefix "/" with their repo-relative path, so
assets/content/figures.json is ":/assets/content/figures.json" at runtime.

The .rcc is byte-reproducible. rcc format versions >= 2 embed each input's
mtime, so a mere ``touch`` or a fresh checkout would change the bytes; format
version 1 has no timestamps at all (unlike QT_RCC_SOURCE_DATE_OVERRIDE /
SOURCE_DATE_EPOCH it cannot be defeated by the caller's environment).
Compression is off so the bytes do not depend on the zlib/zstd build either;
the fonts are CFF and do not reach rcc's compression threshold anyway.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parent.parent
QRC_PATH = REPO_ROOT / "resources.qrc"
RCC_PATH = REPO_ROOT / "kiosk" / "kiosk.rcc"

# Globs relative to the repo root; everything else under assets/ (READMEs,
# sources, scratch files) stays out of the binary.
BUNDLED_GLOBS = (
    "assets/fonts/*.otf",
    "assets/fonts/OFL.txt",
    "assets/content/*.json",
    "assets/content/source.txt",
    "assets/playlists/*.json",
    "assets/styles/*.qss",
)

RCC_OPTIONS = ("--binary", "--format-version", "1", "--no-compress")


def bundled_files(root: Path | None = None) -> list[str]:
    """Repo-relative POSIX paths of every file to bundle, sorted."""
    root = REPO_ROOT if root is None else root
    found = {
        path.relative_to(root).as_posix()
        for pattern in BUNDLED_GLOBS
        for path in root.glob(pattern)
        if path.is_file()
    }
    return sorted(found)


def qrc_text(files: list[str] | None = None) -> str:
    """The resources.qrc document for ``files`` (default: current assets)."""
    entries = bundled_files() if files is None else files
    lines = ["<!DOCTYPE RCC>", '<RCC version="1.0">', '<qresource prefix="/">']
    lines += [f"    <file>{escape(name)}</file>" for name in entries]
    lines += ["</qresource>", "</RCC>", ""]
    return "\n".join(lines)


def rcc_command() -> list[str]:
    # Prefer the pyside6-rcc next to the running interpreter so a venv's
    # PySide6 wins over whatever else is on PATH.
    sibling = Path(sys.executable).with_name("pyside6-rcc")
    if sibling.is_file():
        return [str(sibling)]
    found = shutil.which("pyside6-rcc")
    if found is None:
        raise SystemExit("error: pyside6-rcc not found; install PySide6 in this environment")
    return [found]


def _run_rcc(output: Path, qrc: str | None = None) -> None:
    """Compile resources.qrc, or the given qrc text fed on stdin, into ``output``."""
    # On stdin with cwd at the repo root, rcc resolves the <file> paths exactly
    # as it does for resources.qrc itself and emits identical bytes, which
    # lets the check compile the *expected* qrc without writing it anywhere.
    source = str(QRC_PATH) if qrc is None else "-"
    result = subprocess.run(
        [*rcc_command(), *RCC_OPTIONS, "-o", str(output), source],
        input=None if qrc is None else qrc.encode("utf-8"),
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
        raise RuntimeError(f"pyside6-rcc failed ({result.returncode}): {detail}")


def expected_rcc_bytes(qrc: str | None = None) -> bytes:
    """Compile ``qrc`` (default: the qrc for the current assets) in a temp dir."""
    with tempfile.TemporaryDirectory(prefix="kiosk-rcc-") as tmp:
        out = Path(tmp) / "kiosk.rcc"
        _run_rcc(out, qrc_text() if qrc is None else qrc)
        return out.read_bytes()


def stale_outputs() -> list[str]:
    """Human-readable reasons why resources.qrc / kiosk/kiosk.rcc are out of date."""
    problems: list[str] = []
    qrc = qrc_text()
    if not QRC_PATH.is_file():
        problems.append(f"{QRC_PATH.name} is missing")
    elif QRC_PATH.read_text(encoding="utf-8") != qrc:
        problems.append(f"{QRC_PATH.name} does not match the files under assets/")
    rel_rcc = RCC_PATH.relative_to(REPO_ROOT).as_posix()
    if not RCC_PATH.is_file():
        problems.append(f"{rel_rcc} is missing")
    elif RCC_PATH.read_bytes() != expected_rcc_bytes(qrc):
        problems.append(f"{rel_rcc} differs from a fresh build of the current assets")
    return problems


def build() -> None:
    qrc = qrc_text()
    QRC_PATH.write_text(qrc, encoding="utf-8", newline="\n")
    # Compile next to the target and rename, so a running kiosk never maps a
    # half-written .rcc.
    tmp = RCC_PATH.with_name(RCC_PATH.name + ".tmp")
    try:
        _run_rcc(tmp)
        tmp.replace(RCC_PATH)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"{QRC_PATH.relative_to(REPO_ROOT)}: {qrc.count('<file>')} files")
    print(f"{RCC_PATH.relative_to(REPO_ROOT)}: {RCC_PATH.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if resources.qrc or kiosk/kiosk.rcc is stale"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_outputs()
        if problems:
            for problem in problems:
                print(f"stale: {problem}", file=sys.stderr)
            print("run: python packaging/build_resources.py", file=sys.stderr)
            return 1
        print("resources.qrc and kiosk/kiosk.rcc are up to date")
        return 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
