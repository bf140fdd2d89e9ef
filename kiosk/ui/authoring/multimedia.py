"""What the kiosk sets up before QtMultimedia loads: its chatter kept out of the log (a kiosk without
PipeWire says so as the module loads, FFmpeg's banner on first use), and whether there is a device to
hear a film on (none: films play muted, logged once). QtMultimedia itself is imported by the callers,
after `quiet_multimedia`."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QLoggingCategory

log = logging.getLogger(__name__)

MULTIMEDIA_LOG_RULES = (
    # Qt Multimedia looks for PipeWire first, and falls back to PulseAudio or ALSA.
    "qt.multimedia.symbolsresolver.warning=false",
    "qt.multimedia.ffmpeg.info=false",
)


@cache
def quiet_multimedia() -> None:
    QLoggingCategory.setFilterRules("\n".join(MULTIMEDIA_LOG_RULES))


@cache
def has_audio_output() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.audioOutputs():
        return True
    log.warning("no audio device: films play muted")
    return False
