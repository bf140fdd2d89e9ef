"""Compiled Qt resources (kiosk/kiosk.rcc) and the bundled CJK fonts.

The kiosk must render Chinese on machines with no CJK fonts installed, so subsets of
Noto Sans CJK SC ship inside kiosk.rcc and are registered with Qt here. They carry their own
family name, so Qt never resolves the kiosk's family to a system font of the same name.
Rebuild the .rcc with ``python packaging/build_resources.py``.
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

from PySide6.QtCore import QDir, QFile, QIODevice, QResource
from PySide6.QtGui import QFontDatabase, QGuiApplication

__all__ = [
    "BUNDLED_FONT_FAMILY",
    "BUNDLED_FONT_PATHS",
    "bundled_playlists",
    "load_bundled_fonts",
    "read_resource",
    "register_resources",
]

BUNDLED_FONT_FAMILY = "Kiosk Sans SC"
BUNDLED_FONT_PATHS = (
    ":/assets/fonts/NotoSansCJKsc-Regular.subset.otf",
    ":/assets/fonts/NotoSansCJKsc-Bold.subset.otf",
)
_RCC_NAME = "kiosk.rcc"

_registered = False
# Qt does not copy data passed to registerResourceData; it must outlive the app.
_rcc_data: bytes | None = None
_font_family: str | None = None


def register_resources() -> bool:
    """Register kiosk.rcc with Qt once; False if it is missing or invalid."""
    global _registered, _rcc_data
    if _registered:
        return True
    resource = importlib_resources.files("kiosk").joinpath(_RCC_NAME)
    if not resource.is_file():
        return False
    if isinstance(resource, Path):
        # A real file: Qt maps it instead of holding ~7 MB on the Python heap.
        ok = QResource.registerResource(str(resource))
    else:
        # Zipped/frozen install: no filesystem path, so hand Qt the bytes.
        data = resource.read_bytes()
        ok = QResource.registerResourceData(data)
        if ok:
            _rcc_data = data
    _registered = bool(ok)
    return _registered


def load_bundled_fonts() -> str:
    """Add the bundled fonts to Qt and return their family name."""
    global _font_family
    if _font_family is not None:
        return _font_family
    if QGuiApplication.instance() is None:
        raise RuntimeError("load_bundled_fonts() needs a QGuiApplication to exist first")
    if not register_resources():
        raise RuntimeError(f"cannot register kiosk/{_RCC_NAME}; run: python packaging/build_resources.py")
    families: set[str] = set()
    for path in BUNDLED_FONT_PATHS:
        if not QFile.exists(path):
            raise RuntimeError(f"bundled font {path} is not in kiosk/{_RCC_NAME}")
        font_id = QFontDatabase.addApplicationFont(path)
        if font_id < 0:
            raise RuntimeError(f"Qt could not load bundled font {path}")
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if families != {BUNDLED_FONT_FAMILY}:
        raise RuntimeError(
            f"bundled fonts report families {sorted(families)}, expected {BUNDLED_FONT_FAMILY!r}"
        )
    _font_family = BUNDLED_FONT_FAMILY
    return _font_family


def read_resource(path: str) -> bytes:
    """Return the contents of a ``:/...`` resource file."""
    if not path.startswith(":/"):
        raise ValueError(f"not a Qt resource path (must start with ':/'): {path!r}")
    register_resources()
    file = QFile(path)
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"no such resource: {path}")
    try:
        return bytes(file.readAll().data())
    finally:
        file.close()


def bundled_playlists() -> dict[str, bytes]:
    """The default playlists compiled into the resources, by file name."""
    register_resources()
    directory = QDir(":/assets/playlists")
    return {
        name: read_resource(f":/assets/playlists/{name}")
        for name in directory.entryList(["*.json"], QDir.Filter.Files)
    }


def bundled_font_chars() -> set[int]:
    """Code points every bundled font covers, for the glyph check of a content pack."""
    from kiosk.content.text_checks import font_chars_from_bytes

    if not register_resources():
        raise RuntimeError(
            f"the compiled resources kiosk/{_RCC_NAME} are missing; run packaging/build_resources.py"
        )
    chars: set[int] | None = None
    for path in BUNDLED_FONT_PATHS:
        font_chars = font_chars_from_bytes(read_resource(path))
        chars = font_chars if chars is None else chars & font_chars
    return chars or set()
