"""The glibc floor of a build, read from its ELF files' symbol version needs (packaging/glibc_floor.py),
which the PyInstaller smoke test compares with the floor packaging/README.md states."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parent.parent


def _glibc_floor() -> ModuleType:
    # packaging/ holds scripts, not an importable package.
    spec = importlib.util.spec_from_file_location(
        "_packaging_glibc_floor", REPO_ROOT / "packaging" / "glibc_floor.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


glibc_floor = _glibc_floor()
INTERPRETER = Path(sys.executable).resolve()


def test_an_executable_needs_the_highest_glibc_version_it_names() -> None:
    names = glibc_floor.needed_versions(INTERPRETER.read_bytes())
    versions = [
        tuple(map(int, name.decode().split("_")[1].split(".")))
        for name in names
        if name.startswith(b"GLIBC_2")
    ]
    assert versions, "a dynamically linked interpreter needs glibc symbol versions"
    assert glibc_floor.glibc_needed(INTERPRETER.read_bytes()) == max(versions)
    objdump = shutil.which("objdump")
    if objdump:  # binutils, where installed, reads the same
        listing = subprocess.run(
            [objdump, "-T", str(INTERPRETER)], capture_output=True, text=True, check=True
        )
        seen = {
            tuple(map(int, found.split(".")))
            for found in re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", listing.stdout)
        }
        assert glibc_floor.glibc_needed(INTERPRETER.read_bytes()) == max(seen)


def test_a_folder_s_floor_is_its_neediest_file(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    shutil.copy(INTERPRETER, tmp_path / "lib" / "program")
    (tmp_path / "notes.txt").write_text("GLIBC_9.99 in a text file means nothing", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "lib" / "program")
    floor, needing = glibc_floor.folder_floor(tmp_path)
    assert floor == glibc_floor.glibc_needed(INTERPRETER.read_bytes())
    assert needing == [Path("lib/program")]


def test_files_that_are_not_elf_need_nothing() -> None:
    assert glibc_floor.glibc_needed(b"#!/bin/sh\necho GLIBC_2.99\n") is None
    assert glibc_floor.needed_versions(b"") == set()
