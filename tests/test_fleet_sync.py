"""Acceptance: a hall fed over two real Syncthing instances to a running kiosk process.

The staff PC's hall folder is send-only, the kiosk's receive-only; the kiosk's status folder goes
back the other way. A playlist and a content pack written on the staff side reach `kiosk run` and
play; a pack whose files do not yet match its manifest never shows; the kiosk's status file reaches
the staff side and `kiosk fleet status` lists it. Everything on 127.0.0.1, discovery and relays off.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from kiosk_process import KioskProcess
from syncthing_pair import HALL_FOLDER, Node, syncthing_binary, syncthing_pair

from kiosk.content.loader import DirectorySource, pack_digest
from kiosk.fleet.manifest import write_manifest

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO_ROOT / "assets" / "content"
# Generous for a loaded CI box; each wait ends as soon as the file is there.
SYNC_TIMEOUT_S = 30.0
NEW_SLIDE = "hall_welcome"

pytestmark = pytest.mark.skipif(
    syncthing_binary() is None,
    reason="SYNCTHING IS NOT INSTALLED: the hall acceptance test cannot run (apt-get install syncthing)",
)


def wait_until(what: str, check: Callable[[], Any], timeout: float = SYNC_TIMEOUT_S) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)  # polling files another process writes
    raise AssertionError(f"{what}: not within {timeout} s")


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document


def write_json(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def playlist(playlist_id: str, *slides: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": playlist_id,
        "name": {"zh": "展厅轮播", "en": "Hall loop"},
        "items": [
            {"slide": slide, "duration_s": 4, "transition": "fade", "enabled": True} for slide in slides
        ],
    }


def new_pack(target: Path) -> str:
    """The bundled pack with one more slide; returns its digest as the kiosk reports it."""
    shutil.copytree(BUNDLED_CONTENT, target)
    slides = json.loads((target / "slides.json").read_text(encoding="utf-8"))
    slides["slides"].append({"id": NEW_SLIDE, "kind": "title", "topic": "industry"})
    write_json(target / "slides.json", slides)
    return pack_digest(DirectorySource(target))


def test_a_staff_change_reaches_a_running_kiosk_over_syncthing(tmp_path: Path) -> None:
    began = time.monotonic()
    binary = syncthing_binary()
    assert binary is not None
    with syncthing_pair(tmp_path / "sync", binary) as (staff, kiosk_node):
        config = tmp_path / "kiosk" / "config"
        write_json(
            config / "fleet.json",
            {
                "kiosk_id": "entrance",
                "kiosk_name": "入口横屏",
                "hall_dir": str(kiosk_node.hall_dir),
                "status_dir": str(kiosk_node.status_dir),
            },
        )
        kiosk_status = kiosk_node.status_dir / "entrance.json"
        staff_status = staff.status_dir / "entrance.json"
        with KioskProcess(tmp_path / "kiosk", "--status-every", "1") as kiosk:
            kiosk.wait_for_log("showcase is on screen")
            bundled_digest = wait_until("a first status file", lambda: read_json(kiosk_status))[
                "content_hash"
            ]

            # 1. A playlist and the schedule: the kiosk plays the hall's loop.
            write_json(staff.hall_dir / "playlists" / "hall-loop.json", playlist("hall-loop", "title_intro"))
            write_json(
                staff.hall_dir / "schedule.json", {"schema_version": 1, "default_playlist": "hall-loop"}
            )
            push(staff)
            wait_until(
                "the hall's playlist playing on the kiosk",
                lambda: (read_json(kiosk_status) or {}).get("now_playing", {}).get("playlist") == "hall-loop",
            )

            # 2. A pack caught half-way: the manifest of the new pack, one file still the old one.
            pack = tmp_path / "new-pack"
            digest = new_pack(pack)
            write_manifest(pack, "content-pack")
            # Put together beside the hall and moved in at once, so the staff side never holds
            # anything but the half-way state; the kiosk side gets it file by file, in any order.
            staging = tmp_path / "staging"
            shutil.copytree(pack, staging)
            shutil.copy2(BUNDLED_CONTENT / "slides.json", staging / "slides.json")
            staged = staff.hall_dir / "content"
            staging.rename(staged)
            # The playlist that needs the new slide comes first: refused until the pack is there.
            write_json(
                staff.hall_dir / "playlists" / "hall-loop.json",
                playlist("hall-loop", NEW_SLIDE, "title_intro"),
            )
            push(staff)
            wait_until(
                "the half-synced pack on the kiosk",
                lambda: (
                    (kiosk_node.hall_dir / "content" / "manifest.json").exists()
                    and (kiosk_node.hall_dir / "content" / "slides.json").read_bytes()
                    == (BUNDLED_CONTENT / "slides.json").read_bytes()
                ),
            )
            kiosk.wait_for_log("not switched, the current one keeps playing")
            status = read_json(kiosk_status) or {}
            assert status["content_hash"] == bundled_digest, "a half-synced pack never shows"
            assert status["now_playing"]["slide"] != NEW_SLIDE

            # 3. The last file arrives: the new pack and the playlist on it play.
            shutil.copy2(pack / "slides.json", staged / "slides.json")
            push(staff)
            status = wait_until(
                "the new pack playing on the kiosk",
                lambda: (lambda s: s if s and s["now_playing"]["slide"] == NEW_SLIDE else None)(
                    read_json(kiosk_status)
                ),
            )
            assert status["content_hash"] == digest
            assert status["content_origin"] == "hall"
            assert "content pack switched to the one from hall" in kiosk.log_text()

            # 4. The status comes back to the staff PC, and the morning check lists the kiosk.
            kiosk_node.scan("xiangjiang-hall-status")
            wait_until(
                "the kiosk's status on the staff PC",
                lambda: (read_json(staff_status) or {}).get("content_hash") == digest,
            )
        report = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "fleet",
                "status",
                str(staff.status_dir),
                "--hall",
                str(staff.hall_dir),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert "entrance" in report.stdout and "入口横屏" in report.stdout, report.stdout + report.stderr
        assert "matches" in report.stdout, report.stdout
    elapsed = time.monotonic() - began
    print(f"hall acceptance over Syncthing took {elapsed:.1f} s")
    assert elapsed < 60, f"the acceptance test should stay under a minute, took {elapsed:.0f} s"


def push(staff: Node) -> None:
    staff.scan(HALL_FOLDER)
