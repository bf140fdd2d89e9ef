# SPDX-License-Identifier: GPL-3.0-or-later
"""The notices of the system libraries a PyInstaller build carries, from the Debian packages they came from.

PyInstaller copies into the build every shared library the Python extensions and Qt plugins link
that the wheels do not bring themselves: about a hundred of the build machine's own (libstdc++,
libpulse, libreadline, libnss3, ...), each under its own licence. Which ones depends on the build
machine, so this is written at build time, beside the build: the library, the Debian package and
version it came from, that package's copyright file, and the full text of every licence in
/usr/share/common-licenses the copyright files refer to.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

COMMON_LICENCES = Path("/usr/share/common-licenses")
COMMON_LICENCE_REFERENCE = re.compile(r"/usr/share/common-licenses/([A-Za-z0-9][\w.+-]*[\w+])")


class NoticeError(Exception):
    """A bundled system library whose origin and licence cannot be told."""


def system_libraries(collect_toc: Path, python_prefix: Path) -> dict[str, Path]:
    """The shared libraries of the build that come from the system, not from the Python environment:
    their name in the build, and where PyInstaller copied them from (its COLLECT table)."""
    entries = ast.literal_eval(collect_toc.read_text(encoding="utf-8"))[0]
    return {
        destination: Path(source)
        for destination, source, kind in entries
        if kind == "BINARY" and not Path(source).resolve().is_relative_to(python_prefix.resolve())
    }


def package_owners(paths: list[Path]) -> dict[Path, str]:
    """The Debian package that installed each file (dpkg -S), for those that one did."""
    asked = sorted({str(path) for path in paths} | {str(path.resolve()) for path in paths})
    result = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False)
    owners: dict[Path, str] = {}
    for line in result.stdout.splitlines():
        package, _, path = line.partition(": ")
        owners[Path(path)] = package.split(":")[0].split(",")[0]
    return {
        path: owners.get(path) or owners[path.resolve()]
        for path in paths
        if path in owners or path.resolve() in owners
    }


def package_version(package: str) -> str:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def notices_text(libraries: dict[str, Path], python_libraries: set[str]) -> str:
    """SYSTEM-LIBRARIES.txt; `python_libraries` are those of the Python interpreter itself (not from
    a Debian package where Python was built by hand), whose licence NOTICES.txt gives."""
    owners = package_owners(list(libraries.values()))
    unknown = [
        name for name, source in libraries.items() if source not in owners and name not in python_libraries
    ]
    if unknown:
        raise NoticeError(f"no Debian package owns {', '.join(sorted(unknown))}: their licence is unknown")
    packages = sorted(set(owners.values()))
    rule = "=" * 78
    lines = [
        "System libraries in this build of the Xiangjiang New Area exhibition kiosk",
        "(copied by PyInstaller from the Debian machine it was built on;",
        "written by packaging/system_notices.py)",
        "",
    ]
    for name, source in sorted(libraries.items()):
        origin = owners.get(source)
        lines.append(
            f"- {name}: Debian package {origin} {package_version(origin)}"
            if origin
            else f"- {name}: the Python interpreter, see NOTICES.txt"
        )
    referenced: set[str] = set()
    for package in packages:
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
        referenced |= set(COMMON_LICENCE_REFERENCE.findall(text))
        lines += [
            "",
            rule,
            f"{package} {package_version(package)}: {copyright_file}",
            rule,
            "",
            text.rstrip(),
        ]
    for licence in sorted(referenced):
        path = COMMON_LICENCES / licence
        if path.is_file():
            lines += ["", rule, f"{path}", rule, "", path.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"
