"""A slide's "play now": it alone for 30 minutes over the schedule, written through the one
conditional save path (kiosk.playlist.slide_actions), and the sentence staff read afterwards."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.documents.decoding import ContentError
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.playlist.slide_actions import play_slide_now
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.staff_slides import staff_slide_title
from kiosk.storage import ConflictError
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext

log = logging.getLogger(__name__)

PLAY_NOW_MINUTES = 30


def play_now(
    slide: StaffSlide, context: StaffContext, language: Language, text: Callable[[StaffKey], str]
) -> str:
    """Play `slide` now; what happened, as a sentence: until when, or why nothing changed."""
    try:
        until = play_slide_now(
            context.locations.config_dir,
            context.library(),
            slide,
            context.slide_ids(),
            context.clock.now(),
            PLAY_NOW_MINUTES,
        )
    except ContentError as error:
        # The schedule file in force is refused as it is on disk: play-now would replace it.
        log.error("play now of slide %r: the schedule is refused: %s", slide.id, error)
        reason = strings.reasons_text(error.problems, language)
        return text("play_now_refused").format(file=error.problems[0].file, reason=reason)
    except ConflictError:
        log.warning("play now of slide %r: schedule.json changed as it was written; not played", slide.id)
        return text("changed_on_disk")
    except OSError as error:
        log.error("play now of slide %r failed: %s", slide.id, error)
        return text("write_failed")
    context.apply()
    log.info("slide %r plays now until %s", slide.id, until.strftime("%H:%M"))
    return text("playing_until").format(
        name=staff_slide_title(slide, language), until=until.strftime("%H:%M")
    )
