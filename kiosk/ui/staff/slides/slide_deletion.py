"""What staff are told before one of their slides is deleted: that it is refused (the only slide of a
playlist, or a slide from the hall's shared folder), or which playlists lose it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.content.models import Language
from kiosk.documents.decoding import ContentError
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.slide_actions import delete_slide_everywhere, deletion_block
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.staff_slides import playlists_using, staff_slide_title
from kiosk.ui.staff.context import StaffContext

log = logging.getLogger(__name__)


def deletion_question(
    slide: StaffSlide, context: StaffContext, language: Language, text: Callable[[StaffKey], str]
) -> tuple[str, bool]:
    """The sentence to show, and whether staff may go on to delete (False: it says why not)."""
    name = staff_slide_title(slide, language)
    library = context.library()
    playlist_name = context.playlist_name
    block = deletion_block(context.locations.config_dir, library, slide.id)
    if block is not None:
        key: StaffKey = "delete_only_slide" if block.reason == "only_slide" else "delete_not_here"
        playlist = playlist_name(block.playlist, language) if block.playlist else ""
        return text(key).format(name=name, playlist=playlist), False
    uses = playlists_using(slide.id, library.playlists)
    if not uses:
        return text("delete_confirm").format(name=name), True
    named = "、".join(f"“{playlist_name(playlist_id, language)}”" for playlist_id in uses)
    return text("delete_in_use").format(name=name, uses=named), True


def delete_everywhere(slide: StaffSlide, context: StaffContext) -> bool:
    """Delete `slide` and take it out of the playlists that use it; False when it could not be written
    (the log says why)."""
    try:
        delete_slide_everywhere(
            context.locations.config_dir, context.library(), slide.id, context.slide_ids()
        )
    except (ContentError, OSError) as error:
        log.error("deleting slide %r failed: %s", slide.id, error)
        return False
    return True
