"""A font probe: a short Qt program run in a fresh interpreter, whose fonts and fontconfig set-up are
its own, that prints one JSON object. The font tests read what Qt resolved and mapped from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_font_probe(
    probe: str, arguments: list[str], environment: Mapping[str, str] | None = None, cwd: Path | None = None
) -> dict[str, Any]:
    """Run `probe` with `arguments`, offscreen, with no QT_ variable of ours and `environment` on top
    (a FONTCONFIG_FILE replaces ours too). Qt warnings and fontconfig errors fail the test."""
    dropped = ("FONTCONFIG_", "QT_") if environment and "FONTCONFIG_FILE" in environment else ("QT_",)
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env.update(environment or {})
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"probe failed:\n{done.stderr}"
    assert done.stderr == "", f"probe wrote to stderr:\n{done.stderr}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result
