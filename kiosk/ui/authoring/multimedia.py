"""What the kiosk sets up once before QtMultimedia plays or probes anything: its chatter kept out of
the log (a kiosk without PipeWire says so on every start), and whether there is a device to hear a
film on (none: films play muted, logged once)."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QLoggingCategory
from PySide6.QtMultimedia import QMediaDevices

log = logging.getLogger(__name__)


@cache
def quiet_multimedia() -> None:
    QLoggingCategory.setFilterRules("qt.multimedia.*=false\nqt.rhi.*=false")


@cache
def has_audio_output() -> bool:
    if QMediaDevices.audioOutputs():
        return True
    log.warning("no audio device: films play muted")
    return False
