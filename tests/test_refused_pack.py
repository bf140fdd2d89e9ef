"""A hall's content pack that a kiosk refuses, end to end: `kiosk run` in a child process on a hall
folder, its status file, and the morning check (`kiosk fleet status`) that must fail and name the
pack and the reason; and a kiosk restarted meanwhile, which plays its copy of the hall's last good
pack rather than the bundled figures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from kiosk_process import run_until_exit

from kiosk.cli import main as kiosk_main
from kiosk.content.loader import DirectorySource, pack_digest
from kiosk.fleet.manifest import write_manifest

REPO = Path(__file__).resolve().parent.parent


def hall_with_pack(root: Path, version: str) -> Path:
    """A hall folder whose content pack is the bundled one with its own version, and a kiosk's
    config dir naming it."""
    hall = root / "hall"
    shutil.copytree(REPO / "assets" / "content", hall / "content")
    meta_path = hall / "content" / "pack.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["version"] = version
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    write_manifest(hall / "content", "content-pack")
    config = root / "config"
    config.mkdir()
    (config / "fleet.json").write_text(
        json.dumps({"kiosk_id": "entrance", "hall_dir": str(hall)}), encoding="utf-8"
    )
    return hall


def refuse(hall: Path) -> None:
    """A delivery whose figures.json does not match its manifest: one digit changed after it was made."""
    figures = hall / "content" / "figures.json"
    figures.write_bytes(figures.read_bytes().replace(b"1", b"2", 1))


def status_of(root: Path) -> dict[str, Any]:
    status: dict[str, Any] = json.loads(
        (root / "data" / "status" / "entrance.json").read_text(encoding="utf-8")
    )
    return status


def test_the_morning_check_fails_naming_a_refused_hall_pack_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hall = hall_with_pack(tmp_path, "2024.1")
    refuse(hall)
    result = run_until_exit(tmp_path)
    assert result.returncode == 0, result.stderr
    status = status_of(tmp_path)
    assert status["content_origin"] == "bundled"
    (refused,) = status["refused_packs"]
    assert refused["origin"] == "hall" and refused["directory"] == str(hall / "content")
    assert "figures.json does not match the manifest" in refused["reason"]

    status_dir = str(tmp_path / "data" / "status")
    assert kiosk_main(["fleet", "status", status_dir, "--hall", str(hall)]) == 1
    table = capsys.readouterr().out
    assert "entrance: content pack in hall REFUSED" in table
    assert "figures.json does not match the manifest" in table
    assert "bundled pack plays" in table
    assert kiosk_main(["fleet", "status", status_dir, "--hall", str(hall), "--format", "json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert row["healthy"] is False and row["config"] == "matches"
    assert row["refused_packs"][0]["origin"] == "hall"
    assert "does not match the manifest" in row["refused_packs"][0]["reason"]


def test_a_restarted_kiosk_plays_the_hall_pack_it_last_played_when_the_new_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hall = hall_with_pack(tmp_path, "2024.1")
    good_digest = pack_digest(DirectorySource(hall / "content"))
    first = run_until_exit(tmp_path)
    assert first.returncode == 0, first.stderr
    assert status_of(tmp_path)["content_hash"] == good_digest

    refuse(hall)
    restarted = run_until_exit(tmp_path)
    assert restarted.returncode == 0, restarted.stderr
    status = status_of(tmp_path)
    assert (status["content_origin"], status["content_hash"]) == ("hall", good_digest)
    assert status["content_version"] == "2024.1", "the hall's figures, not the bundled ones"
    (refused,) = status["refused_packs"]
    assert refused["origin"] == "hall"
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "this kiosk's copy of its last good pack" in log

    assert kiosk_main(["fleet", "status", str(tmp_path / "data" / "status"), "--hall", str(hall)]) == 1
    table = capsys.readouterr().out
    assert f"its last good pack plays: hall {good_digest} (2024.1)" in table
