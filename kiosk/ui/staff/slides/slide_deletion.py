"""What staff are told before one of their slides is deleted: that it is refused (the only slide of a
playlist, or a slide from the hall's shared folder), or which playlists lose it."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.content.models import Language
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.slide_actions import deletion_block
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.staff_slides import playlists_using, staff_slide_title
from kiosk.ui.staff.context import StaffContext


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
