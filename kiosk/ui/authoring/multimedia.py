"""What the kiosk sets up before QtMultimedia loads: its chatter kept out of the log (a kiosk without
PipeWire says so as the module loads, FFmpeg's banner on first use), and whether there is a device to
hear a film on (none: films play muted, logged once). QtMultimedia itself is imported by the callers,
after `quiet_multimedia`."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QLoggingCategory

from kiosk.ui.authoring.image_import import decoder_messages

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

    # Qt's audio backends complain in their own words when there is no sound server; said once, here.
    with decoder_messages() as messages:
        outputs = QMediaDevices.audioOutputs()
    if outputs:
        return True
    log.warning("no audio device: films play muted (%s)", "; ".join(messages) or "none listed")
    return False
