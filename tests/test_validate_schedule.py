"""`kiosk validate --config-dir DIR` names schedule rules that never play, with exact times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main


def write_schedule(config_dir: Path, rules: list[dict[str, object]]) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    schedule = {"schema_version": 1, "default_playlist": "full", "rules": rules}
    (config_dir / "schedule.json").write_text(json.dumps(schedule), encoding="utf-8")


def test_a_rule_that_never_plays_is_named_and_fails_validation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_schedule(
        tmp_path,
        [
            {"days": ["sat"], "start": "09:00", "end": "12:00", "playlist": "full"},
            {"days": ["sat"], "start": "09:10", "end": "09:50", "playlist": "short"},
        ],
    )
    code = main(["validate", "--config-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "schedule.json: rule 2 (Sat 09:10–09:50, short) never plays: rule 1 (Sat 09:00–12:00) covers it"
    ) in err


def test_a_rule_that_plays_partly_is_a_warning_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_schedule(
        tmp_path,
        [
            {"days": ["fri"], "start": "22:00", "end": "02:00", "playlist": "full"},
            {"days": ["sat"], "start": "01:00", "end": "03:00", "playlist": "short"},
        ],
    )
    code = main(["validate", "--config-dir", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "warning: schedule.json: rule 2 (Sat 01:00–03:00, short) plays only partly" in captured.err
    assert "take 60 of its 120 minutes" in captured.err
