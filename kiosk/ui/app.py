"""Application start-up: resources, fonts, theme and the pack, in the order the first frame needs."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.content.loader import DirectorySource, PackSource, load_pack
from kiosk.content.models import ContentPack
from kiosk.ui import theme
from kiosk.ui.content_source import ResourceSource
from kiosk.ui.resources import load_bundled_fonts


@dataclass
class Runtime:
    app: QApplication
    family: str
    pack: ContentPack
    source: PackSource


def ensure_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(sys.argv[:1])


def content_source(content_dir: Path | None) -> PackSource:
    return DirectorySource(content_dir) if content_dir is not None else ResourceSource()


def start(content_dir: Path | None = None, size: QSize | None = None) -> Runtime:
    """Create the application with the bundled font and theme, and load the content pack."""
    app = ensure_application()
    family = load_bundled_fonts()
    base = theme.font(family, theme.BODY_PX)
    base.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(base)
    app.setStyleSheet(theme.style_sheet(theme.Metrics.for_size(size or QSize(1920, 1080)), family))
    source = content_source(content_dir)
    return Runtime(app=app, family=family, pack=load_pack(source), source=source)
