"""A staff slide as it will play: painted at the screen's size by the showcase's own widget, then
scaled into the slides page, and where a picture slide's picture is found."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.clock import ManualClock
from kiosk.content.models import ContentPack
from kiosk.playlist.slide_models import ImagePicture, StaffSlide, main_text
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.staff.widgets import label
from kiosk.ui.style.motion import FrameDriver


def picture_path(slide_id: str, picture: ImagePicture, hall_media: dict[str, Path], config_dir: Path) -> Path:
    """A slide from the hall's folder has its picture there; one made here, in the config dir."""
    known = hall_media.get(slide_id)
    if known is not None and known.name == Path(picture.image).name:
        return known
    return config_dir / picture.image


def slide_image(
    slide: StaffSlide | None, media: Path | None, pack: ContentPack, family: str, size: QSize
) -> QImage | None:
    """The slide painted at `size` by the view the showcase plays; None while there is nothing to
    show (no slide, or a card without its main text). A picture that cannot be read raises
    ImportRefusedError or OSError."""
    if slide is None or (slide.needs_text and not main_text(slide).present()):
        return None
    view = build_slide(slide, SlideContext(pack, family, FrameDriver(ManualClock())), media)
    view.as_widget().resize(size)
    image = view.snapshot("first")
    view.as_widget().deleteLater()
    return image


class SlidePreview(QWidget):
    """A title over the slide, scaled to fit the space the page gives it."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("section")
        self.picture = label()
        self.picture.setObjectName("staff-slide-preview")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(160, 160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.picture, 1)

    def show_image(self, image: QImage | None) -> None:
        if image is None:
            self.picture.setPixmap(QPixmap())
            return
        scaled = image.scaled(
            self.picture.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def pixmap(self) -> QPixmap:
        """What staff see in the preview now."""
        return self.picture.pixmap()
