"""Hands the model layer the bundled pack's bytes, read from the compiled Qt resources."""

from __future__ import annotations

from PySide6.QtCore import QFile

from kiosk.ui.style.resources import read_resource

CONTENT_PREFIX = ":/assets/content/"


class ResourceSource:
    """A PackSource over `:/assets/content/` for the loader, which never touches Qt itself."""

    def read(self, name: str) -> bytes:
        path = CONTENT_PREFIX + name
        if not QFile.exists(path):
            raise FileNotFoundError(path)
        return read_resource(path)

    def describe(self) -> str:
        return "the bundled content pack"
