"""Settings are a value: wiring code makes a changed copy, it never edits the one others hold."""

from __future__ import annotations

import msgspec
import pytest

from kiosk.settings import Settings


def test_settings_cannot_be_changed_in_place() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.display_only = True  # type: ignore[misc]
    assert settings.display_only is False


def test_a_changed_copy_leaves_the_original_as_it_was() -> None:
    settings = Settings(idle_timeout_s=90)
    forced = msgspec.structs.replace(settings, display_only=True)
    assert (forced.display_only, forced.idle_timeout_s) == (True, 90)
    assert settings.display_only is False
