"""`kiosk render`, `kiosk set-pin` and `kiosk playlist schema`, run as a technician runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.system.pin import PinStore

REPO = Path(__file__).resolve().parent.parent


def kiosk(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv],
        input=stdin,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )


# --- kiosk render ------------------------------------------------------------------------------


@pytest.mark.parametrize(("screen", "size"), [("title_intro", (1280, 720)), ("industry", (720, 1280))])
def test_render_writes_a_png_of_the_asked_size_with_the_screen_on_it(
    tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    out = tmp_path / f"{screen}.png"
    done = kiosk(
        "render",
        screen,
        "--out",
        str(out),
        "--size",
        f"{size[0]}x{size[1]}",
        "--lang",
        "en",
        "--config-dir",
        str(tmp_path / "config"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    # Not a blank frame: a grid of samples over the whole screen meets the ground, text and artwork.
    samples = [
        QColor(image.pixel(x, y)).name()
        for x in range(0, size[0], size[0] // 40)
        for y in range(0, size[1], size[1] // 40)
    ]
    most_common_share = max(samples.count(colour) for colour in set(samples)) / len(samples)
    assert len(set(samples)) >= 8, "only a few colours: the screen did not draw"
    assert most_common_share < 0.97, "almost every sample is one colour: a blank frame"


def test_render_refuses_an_unknown_screen_with_a_sentence(tmp_path: Path) -> None:
    out = tmp_path / "nothing.png"
    done = kiosk("render", "no_such_slide", "--out", str(out), "--config-dir", str(tmp_path / "config"))
    assert done.returncode == 2
    assert "error: unknown screen 'no_such_slide'; screens are:" in done.stderr
    assert "title_intro" in done.stderr
    assert not out.exists()


# --- kiosk set-pin -----------------------------------------------------------------------------


def set_pin(monkeypatch: pytest.MonkeyPatch, config: Path, typed: str) -> int:
    """`kiosk set-pin` without a terminal: the two entries come from standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    return main(["set-pin", "--config-dir", str(config)])


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    return config, data


def test_set_pin_then_staff_mode_opens_with_that_pin_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dirs: tuple[Path, Path]
) -> None:
    config, data = dirs
    assert set_pin(monkeypatch, config, "2468\n2468\n") == 0
    assert f"staff PIN set in {config / 'pin.json'}" in capsys.readouterr().out
    assert "2468" not in (config / "pin.json").read_text(encoding="utf-8"), "only a hash is stored"
    store = PinStore(config, ManualClock(), data)
    assert store.check("1357").outcome == "wrong"
    assert store.check("2468").outcome == "accepted"


def test_set_pin_replaces_the_old_pin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dirs: tuple[Path, Path]
) -> None:
    config, data = dirs
    assert set_pin(monkeypatch, config, "2468\n2468\n") == 0
    assert set_pin(monkeypatch, config, "97531\n97531\n") == 0
    store = PinStore(config, ManualClock(), data)
    assert store.check("2468").outcome == "wrong"
    assert store.check("97531").outcome == "accepted"


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("12\n12\n", "error: A PIN is 4 to 8 digits.\n"),
        ("12a4\n12a4\n", "error: A PIN is 4 to 8 digits.\n"),
        ("123456789\n123456789\n", "error: A PIN is 4 to 8 digits.\n"),
        ("2468\n2469\n", "error: the two PINs differ; nothing was changed\n"),
        ("", "error: A PIN is 4 to 8 digits.\n"),
    ],
    ids=["too-short", "not-digits", "too-long", "differ", "nothing-typed"],
)
def test_set_pin_refuses_a_bad_pin_with_a_sentence_and_keeps_the_old_one(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dirs: tuple[Path, Path],
    typed: str,
    sentence: str,
) -> None:
    config, data = dirs
    assert set_pin(monkeypatch, config, "2468\n2468\n") == 0
    capsys.readouterr()
    assert set_pin(monkeypatch, config, typed) == 1
    assert capsys.readouterr().err == sentence
    assert PinStore(config, ManualClock(), data).check("2468").outcome == "accepted"


def test_set_pin_as_a_process_reads_standard_input_and_keeps_to_the_given_dirs(tmp_path: Path) -> None:
    config, data = tmp_path / "config", tmp_path / "data"
    done = kiosk("set-pin", "--config-dir", str(config), "--data-dir", str(data), stdin="8642\n8642\n")
    assert done.returncode == 0, done.stderr
    # The failure count lives in the data dir asked for, not in the user's own.
    assert (data / "pin-lock.json").is_file()
    assert PinStore(config, ManualClock(), data).check("8642").outcome == "accepted"
    too_short = kiosk("set-pin", "--config-dir", str(config), "--data-dir", str(data), stdin="86\n86\n")
    assert (too_short.returncode, too_short.stderr) == (1, "error: A PIN is 4 to 8 digits.\n")


# --- kiosk playlist schema ---------------------------------------------------------------------


def refs(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def test_playlist_schema_prints_a_json_schema_with_the_models_limits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["playlist", "schema"]) == 0
    schema: dict[str, Any] = json.loads(capsys.readouterr().out)
    definitions = schema["$defs"]
    assert schema["$ref"] == "#/$defs/Playlist"
    assert all(ref.removeprefix("#/$defs/") in definitions for ref in refs(schema)), "every $ref resolves"
    playlist = definitions["Playlist"]
    assert playlist["type"] == "object"
    assert set(playlist["required"]) == {"schema_version", "id", "name", "items"}
    assert playlist["properties"]["items"]["maxItems"] == 500
    duration = definitions["PlaylistItem"]["properties"]["duration_s"]
    assert (duration["type"], duration["minimum"], duration["maximum"]) == ("number", 3.0, 600.0)
    assert definitions["PlaylistItem"]["properties"]["transition"]["enum"] == ["fade", "none", "slide"]


def test_the_schema_accepts_the_bundled_playlists_limits(capsys: pytest.CaptureFixture[str]) -> None:
    """What the schema tells an editor agrees with the files the kiosk ships."""
    assert main(["playlist", "schema"]) == 0
    duration = json.loads(capsys.readouterr().out)["$defs"]["PlaylistItem"]["properties"]["duration_s"]
    for path in sorted((REPO / "assets" / "playlists").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            assert duration["minimum"] <= item["duration_s"] <= duration["maximum"], path.name
