"""`kiosk run`'s command line becomes one frozen RunOptions, and the staff's settings are never
changed in place by it: `--display-only` applies on top of them for this run only."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kiosk.cli.actions import run_options
from kiosk.cli.parser import build_parser
from kiosk.settings import Locations
from kiosk.ui.runtime.app import initial_settings
from kiosk.ui.runtime.options import RunOptions


def options_for(*argv: str) -> RunOptions:
    return run_options(build_parser().parse_args(["run", *argv]))


def test_the_command_line_becomes_frozen_options(tmp_path: Path) -> None:
    options = options_for(
        "--size", "1080x1920", "--display-only", "--playlist", "delegation", "--exit-after", "2.5"
    )
    assert options.size == (1080, 1920)
    assert options.display_only
    assert options.playlist == "delegation"
    assert options.exit_after_s == 2.5
    assert not options.kiosk_mode, "a fixed size is a window, not the locked-down full screen"
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.display_only = False  # type: ignore[misc]


def test_plain_run_is_the_locked_down_kiosk() -> None:
    options = options_for()
    assert options.kiosk_mode
    assert not options.display_only and not options.safe
    assert options.size is None and options.exit_after_s is None


def test_display_only_from_the_command_line_leaves_the_staff_settings_alone(tmp_path: Path) -> None:
    locations = Locations(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    locations.config_dir.mkdir()
    settings_file = locations.config_dir / "settings.json"
    settings_file.write_text(json.dumps({"display_only": False, "default_language": "en"}), encoding="utf-8")
    before = settings_file.read_bytes()

    forced = initial_settings(locations, safe=False, force_display_only=True)
    staff_own = initial_settings(locations, safe=False, force_display_only=False)

    assert forced.display_only and forced.default_language == "en"
    assert not staff_own.display_only, "the staff's choice is what a run without the flag gets"
    assert settings_file.read_bytes() == before


def test_safe_mode_reads_no_settings_file(tmp_path: Path) -> None:
    locations = Locations(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    locations.config_dir.mkdir()
    (locations.config_dir / "settings.json").write_text(json.dumps({"default_language": "en"}), "utf-8")
    assert initial_settings(locations, safe=True, force_display_only=False).default_language == "zh"
