"""A slide made of a file staff picked (a picture on a USB stick): by the kind of slide that takes such
files, under a new id, saved in the config dir."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.slide_refusals import taken_slide_ids
from kiosk.playlist.staff_slides import new_slide_id
from kiosk.ui.showcase.kinds import importer_for
from kiosk.ui.staff.context import StaffContext


def import_slide(path: Path, context: StaffContext, font_chars: set[int], box: QSize) -> StaffSlide | None:
    """The slide made of `path`, saved; None when no kind of slide takes such a file (the picker lists
    only files some kind takes). Raises ImportRefusedError."""
    importer = importer_for(path)
    if importer is None:
        return None
    config_dir = context.locations.config_dir
    slide_id = new_slide_id(path.stem, taken_slide_ids(config_dir, context.pack))
    return importer(path, config_dir, slide_id, font_chars, box)
