"""Atomic saves of user state, and settings that survive a bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.documents.decoding import ContentError
from kiosk.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from kiosk.storage import atomic_write, backup_path, unwritable_reason

OLD = b'{"version": 1, "items": ["a", "b"]}'
NEW = b'{"version": 2, "items": ["c"]}'


def leftovers(directory: Path) -> list[str]:
    """Anything but the file and its backup: temp files a failed save left behind."""
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith("state.json"))


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "state.json"
    atomic_write(path, OLD)
    return path


def test_writes_new_file_and_creates_parent(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "state.json"
    atomic_write(path, OLD)
    assert path.read_bytes() == OLD
    assert not backup_path(path).exists()  # nothing to back up the first time
    assert sorted(p.name for p in path.parent.iterdir()) == ["state.json"]


def test_keeps_previous_version_as_backup(state: Path) -> None:
    atomic_write(state, NEW)
    assert state.read_bytes() == NEW
    assert backup_path(state) == state.with_name("state.json.bak")
    assert backup_path(state).read_bytes() == OLD
    third = b'{"version": 3}'
    atomic_write(state, third)
    assert state.read_bytes() == third
    assert backup_path(state).read_bytes() == NEW  # rotated: the one before this save
    assert leftovers(state.parent) == []


def test_no_backup_when_asked(state: Path) -> None:
    atomic_write(state, NEW, keep_backup=False)
    assert state.read_bytes() == NEW
    assert not backup_path(state).exists()


def test_failed_replace_leaves_old_file_and_no_temp(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []

    def failing_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        calls.append((str(source), str(target)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(state, NEW)
    monkeypatch.undo()
    assert calls, "os.replace was never reached"
    assert state.read_bytes() == OLD
    assert json.loads(state.read_bytes()) == {"version": 1, "items": ["a", "b"]}
    assert leftovers(state.parent) == []


def test_failed_replace_of_the_file_itself_after_backup(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replace_all_but_state(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target) == state:
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_all_but_state)
    with pytest.raises(PermissionError):
        atomic_write(state, NEW)
    monkeypatch.undo()
    assert state.read_bytes() == OLD
    assert backup_path(state).read_bytes() == OLD
    assert leftovers(state.parent) == []


def test_failed_fsync_leaves_old_file_and_no_temp(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output error"):
        atomic_write(state, NEW)
    monkeypatch.undo()
    assert state.read_bytes() == OLD
    assert json.loads(state.read_bytes())["version"] == 1
    assert leftovers(state.parent) == []


def test_failed_write_leaves_old_file_and_no_temp(state: Path) -> None:
    # bytes-like objects are written as they are; a str is a programming error caught mid-write.
    with pytest.raises(TypeError):
        atomic_write(state, "not bytes")  # type: ignore[arg-type]
    assert state.read_bytes() == OLD
    assert leftovers(state.parent) == []


def test_interrupt_during_save_leaves_no_temp(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted_fsync(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(state, NEW)
    monkeypatch.undo()
    assert state.read_bytes() == OLD
    assert leftovers(state.parent) == []


# --- settings -------------------------------------------------------------------------------------


def test_missing_settings_are_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), [])


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        idle_timeout_s=120, idle_countdown_s=20, default_language="en", display_only=True, reduced_motion=True
    )
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, [])
    saved = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved["idle_timeout_s"] == 120 and saved["default_language"] == "en"


def test_second_save_keeps_a_backup(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(idle_timeout_s=30))
    save_settings(tmp_path, Settings(idle_timeout_s=45))
    assert load_settings(tmp_path)[0].idle_timeout_s == 45
    backup = json.loads(backup_path(tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert backup["idle_timeout_s"] == 30


def test_out_of_range_settings_are_not_saved(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(idle_timeout_s=90))
    with pytest.raises(ContentError) as raised:
        save_settings(tmp_path, Settings(idle_timeout_s=9_999_999_999_999))
    assert [str(p) for p in raised.value.problems] == [
        "settings.json, $.idle_timeout_s: must be between 15 and 3600, got 9999999999999."
    ]
    assert load_settings(tmp_path) == (Settings(idle_timeout_s=90), [])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"idle_timeout_s": 6', "settings.json: is not valid JSON ("),
        (b"", "settings.json: the file is empty"),
        (b'{"idle_timeout_s": 9999999999999}', "settings.json, $.idle_timeout_s: must be between"),
        (b'{"idle_timeout_s": "60"}', "settings.json, $.idle_timeout_s: expected `int`, got `str`."),
        (b"\xff\xfe{}", "settings.json: is not valid JSON ("),
        ('{"default_language": "中文"}'.encode("gbk"), "settings.json: is not UTF-8 text"),
    ],
    ids=["truncated", "empty", "absurd", "wrong-type", "binary", "gbk"],
)
def test_corrupt_settings_fall_back_to_defaults(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(content)
    settings, problems = load_settings(tmp_path)
    assert settings == Settings()
    assert len(problems) == 1
    assert str(problems[0]).startswith(expected), str(problems[0])
    assert problems[0].file == SETTINGS_FILE


def test_unreadable_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).mkdir()
    settings, problems = load_settings(tmp_path)
    assert settings == Settings()
    assert [str(p) for p in problems] == ["settings.json: cannot be read: Is a directory."]


def test_a_read_only_config_dir_is_named_before_any_save_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kiosk run` says this once at start ("staff saves will fail: ..."). The folder is made
    read-only by its mode; root writes whatever the mode says, so for root the read-only answer a
    read-only mount gives (EROFS) comes from os.access, the boundary the check asks."""
    config, parent = tmp_path / "config", tmp_path / "mounted"
    config.mkdir()
    parent.mkdir()
    assert unwritable_reason(config) is None
    assert unwritable_reason(parent / "config") is None, "a save makes the folder"
    for folder in (config, parent):
        folder.chmod(0o555)
    if os.access(config, os.W_OK):
        read_only = {config, parent}
        system_access = os.access
        monkeypatch.setattr(
            os, "access", lambda path, mode: Path(path) not in read_only and system_access(path, mode)
        )
    try:
        assert unwritable_reason(config) == f"{config} is read-only"
        assert (
            unwritable_reason(parent / "config")
            == f"{parent / 'config'} cannot be made ({parent} is read-only)"
        )
    finally:
        for folder in (config, parent):
            folder.chmod(0o755)
