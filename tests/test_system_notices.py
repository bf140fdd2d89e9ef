"""The notices of the system libraries a PyInstaller build carries (packaging/system_notices.py): each
library named with the Debian package it came from, that package's copyright file and the common
licence texts it refers to; a library no package owns stops the build."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ZLIB = Path("/lib/x86_64-linux-gnu/libz.so.1")  # Debian's zlib1g (x86-64), there wherever Qt loads


def _system_notices() -> ModuleType:
    # packaging/ holds scripts, not an importable package.
    path = REPO_ROOT / "packaging" / "system_notices.py"
    spec = importlib.util.spec_from_file_location("_packaging_system_notices", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


system_notices = _system_notices()


def collect_table(path: Path, entries: list[tuple[str, str, str]]) -> Path:
    """A COLLECT table as PyInstaller writes it: a Python literal of (destination, source, kind)."""
    path.write_text(repr((entries,)), encoding="utf-8")
    return path


def test_only_libraries_from_outside_the_python_environment_count(tmp_path: Path) -> None:
    prefix = Path(sys.prefix)
    table = collect_table(
        tmp_path / "COLLECT-00.toc",
        [
            ("libz.so.1", str(ZLIB), "BINARY"),
            ("PySide6/Qt/lib/libQt6Core.so.6", str(prefix / "lib" / "libQt6Core.so.6"), "BINARY"),
            ("kiosk/kiosk.rcc", str(REPO_ROOT / "kiosk" / "kiosk.rcc"), "DATA"),
        ],
    )
    assert system_notices.system_libraries(table, prefix) == {"libz.so.1": ZLIB}


def test_a_library_is_named_with_its_package_copyright_and_licence_texts() -> None:
    text = system_notices.notices_text({"libz.so.1": ZLIB}, set())
    assert "- libz.so.1: Debian package zlib1g " in text
    assert "/usr/share/doc/zlib1g/copyright" in text
    assert "Jean-loup Gailly" in text  # from zlib's own copyright notice


def test_a_library_no_package_owns_stops_the_build(tmp_path: Path) -> None:
    stray = tmp_path / "libstray.so.1"
    stray.write_bytes(b"\x7fELF")
    with pytest.raises(system_notices.NoticeError, match=r"libstray\.so\.1"):
        system_notices.notices_text({"libstray.so.1": stray}, set())
    assert "the Python interpreter" in system_notices.notices_text(
        {"libpython3.11.so.1.0": stray}, {"libpython3.11.so.1.0"}
    )
