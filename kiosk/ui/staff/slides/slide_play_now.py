"""A slide's "play now": it alone for 30 minutes over the schedule, written through the one
conditional save path (kiosk.playlist.slide_actions); the play-now bar then says what plays."""

from __future__ import annotations

import logging

from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.playlist.slide_actions import play_slide_now
from kiosk.playlist.slide_models import StaffSlide
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.play_now_bar import written_at_once

log = logging.getLogger(__name__)

PLAY_NOW_MINUTES = 30


def play_now(slide: StaffSlide, context: StaffContext, language: Language) -> str:
    """Play `slide` now; "" once it plays, else why nothing changed, as a sentence."""
    refusal = written_at_once(
        lambda: play_slide_now(
            context.locations.config_dir,
            context.library(),
            slide,
            context.slide_ids(),
            context.clock.now(),
            PLAY_NOW_MINUTES,
        ),
        f"slide {slide.id!r}",
        language,
    )
    if not refusal:
        context.apply()
        log.info("slide %r plays now for %d min", slide.id, PLAY_NOW_MINUTES)
    return refusal
