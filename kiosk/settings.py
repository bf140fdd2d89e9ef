"""Settings staff can change, and where user state lives on disk."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import msgspec
import platformdirs

from kiosk.documents.decoding import (
    ContentError,
    Problem,
    decode_document,
    struct_problems,
    upgraded_document,
)
from kiosk.fleet.layout import config_files_by_layer, resolve_fleet
from kiosk.history import ANY_VERSION, save_file
from kiosk.i18n.languages import OfferedVisitorLanguage
from kiosk.migrations import FileKind
from kiosk.opening_hours import OpeningHours, check_opening_hours

APP_NAME = "xiangjiang-kiosk"
SETTINGS_FILE = "settings.json"
DEFAULT_MEDIA_ROOTS = ("/media/*", "/run/media/*/*")
# A settings file without `schema_version` is a version 1 file, as it always was.
SETTINGS_KIND = FileKind("settings", current=1, steps={}, missing_version=1)


class Settings(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    schema_version: int = SETTINGS_KIND.current
    idle_timeout_s: Annotated[int, msgspec.Meta(ge=15, le=3600)] = 60
    # WCAG 2.2.1: at least 20 s to answer "still there?"
    idle_countdown_s: Annotated[int, msgspec.Meta(ge=3, le=120)] = 20
    default_language: OfferedVisitorLanguage = "zh"
    display_only: bool = False
    reduced_motion: bool = False
    # Where staff's USB sticks appear (glob patterns), for importing pictures as slides.
    media_roots: list[str] = msgspec.field(default_factory=lambda: list(DEFAULT_MEDIA_ROOTS))
    opening_hours: OpeningHours = msgspec.field(default_factory=OpeningHours)
    stats_enabled: bool = True
    stats_retention_days: Annotated[int, msgspec.Meta(ge=7, le=3650)] = 400
    stats_max_mb: Annotated[int, msgspec.Meta(ge=16, le=16384)] = 1024


def check_settings(settings: Settings) -> list[Problem]:
    """The limits the model declares (for settings built by the staff page), and what they cannot say."""
    problems = struct_problems(settings, SETTINGS_FILE)
    for index, root in enumerate(settings.media_roots):
        if not root.startswith("/"):
            problems.append(
                Problem(
                    SETTINGS_FILE,
                    f"$.media_roots[{index}]",
                    f"{root!r} must be an absolute path, e.g. /media/*.",
                )
            )
    # The opening hours' own limits are among the settings' declared ones: report each once.
    problems += [
        problem
        for problem in check_opening_hours(settings.opening_hours, SETTINGS_FILE)
        if problem not in problems
    ]
    return problems


def decode_settings(data: bytes) -> Settings:
    settings = decode_document(data, Settings, SETTINGS_FILE, SETTINGS_KIND)
    problems = check_settings(settings)
    if problems:
        raise ContentError(problems)
    return settings


def load_settings(config_dir: Path) -> tuple[Settings, list[Problem]]:
    """The saved settings, or the defaults with the reason when a file is unusable.

    In a hall, the hall's `settings.json`, this kiosk's override and the glass's are merged field
    by field, the later winning; each file is checked on its own and then the merge as a whole.
    """
    paths = config_files_by_layer(resolve_fleet(config_dir), SETTINGS_FILE)
    if not paths:
        return Settings(), []
    try:
        return decode_settings(msgspec.json.encode(_merged(paths))), []
    except ContentError as error:
        return Settings(), error.problems
    except OSError as error:
        return Settings(), [Problem(SETTINGS_FILE, "", f"cannot be read: {error.strerror}.")]


def _merged(paths: list[Path]) -> dict[str, object]:
    """The layers' documents merged field by field, each checked on its own and upgraded first, so
    an old hall file and a new glass file combine field by field. Raises ContentError, OSError."""
    merged: dict[str, object] = {}
    for path in paths:
        data = path.read_bytes()
        decode_settings(data)
        merged.update(upgraded_document(data, SETTINGS_FILE, SETTINGS_KIND))
    return merged


def save_settings(config_dir: Path, settings: Settings, loaded_digest: str | None = ANY_VERSION) -> None:
    """Validate, then write atomically; with the editor's `loaded_digest`, `ConflictError` instead of
    overwriting a file changed since it was loaded."""
    problems = check_settings(settings)
    if problems:
        raise ContentError(problems)
    save_file(config_dir / SETTINGS_FILE, msgspec.json.format(msgspec.json.encode(settings)), loaded_digest)


def save_changed_settings(
    config_dir: Path, settings: Settings, loaded: Settings, loaded_digest: str | None = ANY_VERSION
) -> None:
    """Save what staff changed on the glass (`settings` against the `loaded` ones) and only that:
    the glass's own file keeps the fields it already set, takes the changed ones, and drops a
    changed field back at the value of the layers below (the hall's, else the default). So in a
    hall the glass pins nothing staff did not touch, and the hall's later changes of the other
    fields still arrive. Conditional on `loaded_digest` as `save_settings`; a glass file refused as
    it is (staff chose to replace it) counts as none."""
    problems = check_settings(settings)
    if problems:
        raise ContentError(problems)
    paths = config_files_by_layer(resolve_fleet(config_dir), SETTINGS_FILE)
    path = config_dir / SETTINGS_FILE
    below = msgspec.to_builtins(Settings())
    # Layers refused as they are give nothing: every changed field is then the glass's own.
    with contextlib.suppress(ContentError, OSError):
        below.update(_merged([layer for layer in paths if layer != path]))
    document: dict[str, object] = {}
    with contextlib.suppress(ContentError, OSError):
        document = _merged([path]) if path in paths else {}
    current, before = msgspec.to_builtins(settings), msgspec.to_builtins(loaded)
    for name, value in current.items():
        if value == before.get(name):
            continue
        if value == below.get(name):
            document.pop(name, None)
        else:
            document[name] = value
    document["schema_version"] = SETTINGS_KIND.current
    save_file(path, msgspec.json.format(msgspec.json.encode(document)), loaded_digest)


@dataclass(frozen=True)
class Locations:
    """Where user state lives: settings, playlists, schedule and PIN; logs and analytics."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def resolve(cls, config_dir: Path | None = None, data_dir: Path | None = None) -> Locations:
        config = config_dir or _from_env("KIOSK_CONFIG_DIR") or Path(platformdirs.user_config_dir(APP_NAME))
        data = data_dir or _from_env("KIOSK_DATA_DIR") or Path(platformdirs.user_data_dir(APP_NAME))
        return cls(config_dir=config, data_dir=data)

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None
