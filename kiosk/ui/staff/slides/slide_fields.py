"""The texts of a staff slide as staff edit them: the template of a text card, its lines in Chinese
and English, a picture's caption and how the picture fills the screen."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack
from kiosk.playlist.staff_slides import TEMPLATES, ImageSlide, StaffSlide, TextSlide
from kiosk.ui.staff.widgets import label, text_field, touch_button

# Each field, and the words that name it (a key of the slide page's texts).
PLACEHOLDERS = {
    "zh": "main_zh",
    "en": "main_en",
    "line2-zh": "line2_zh",
    "line2-en": "line2_en",
    "caption-zh": "caption_zh",
    "caption-en": "caption_en",
}


def slide_with_text(slide: StaffSlide | None, field: str, value: str) -> StaffSlide | None:
    """The slide with the text of `field` (a key of PLACEHOLDERS) set to `value`; None when the
    slide has no such text."""
    if isinstance(slide, TextSlide):
        if field in ("zh", "en"):
            return msgspec.structs.replace(slide, text=msgspec.structs.replace(slide.text, **{field: value}))
        if field.startswith("line2-"):
            language = field.removeprefix("line2-")
            return msgspec.structs.replace(
                slide, line2=msgspec.structs.replace(slide.line2, **{language: value})
            )
    if isinstance(slide, ImageSlide) and field.startswith("caption-"):
        language = field.removeprefix("caption-")
        return msgspec.structs.replace(
            slide, caption=msgspec.structs.replace(slide.caption, **{language: value})
        )
    return None


class SlideFields(QWidget):
    """`typed` carries a field's whole text after each keystroke (or a word from the keyboard);
    `template_chosen` a text card's new template; `fit_toggled` a tap on a picture's fit button."""

    typed = Signal(str, str)
    template_chosen = Signal(str)
    fit_toggled = Signal()

    def __init__(self, pack: ContentPack, text: Callable[[str], str]) -> None:
        super().__init__()
        self._text = text
        self.template_buttons = {
            template: touch_button(f"staff-slide-template-{template}", checkable=True)
            for template in TEMPLATES
        }
        for template, button in self.template_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=template: self.template_chosen.emit(chosen))
        templates = QHBoxLayout()
        for button in self.template_buttons.values():
            templates.addWidget(button)
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        for name in PLACEHOLDERS:
            field = text_field(f"staff-slide-{name}", pack, typing="en" if name.endswith("en") else "zh")
            field.textEdited.connect(lambda value, which=name: self.typed.emit(which, value))
            # The on-screen keyboard hands the whole text back at once.
            field.editingFinished.connect(
                lambda which=name, edited=field: self.typed.emit(which, edited.text())
            )
            self.fields[name] = field
            self.field_labels[name] = label("fieldLabel")
        self.fit_button = touch_button("staff-slide-fit")
        self.fit_button.clicked.connect(self.fit_toggled.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # A little tighter than the page's spacing: a label sits with its field, and the four
        # lines of a text card fit above the message at 1080 px without clipping the last.
        layout.setSpacing(4)
        layout.addLayout(templates)
        for name, field in self.fields.items():
            layout.addWidget(self.field_labels[name])
            layout.addWidget(field)
        layout.addWidget(self.fit_button)

    def retranslate(self) -> None:
        for template, button in self.template_buttons.items():
            button.setText(self._text(f"template_{template}"))
        for name, caption in self.field_labels.items():
            caption.setText(self._text(PLACEHOLDERS[name]))
            self.fields[name].setAccessibleName(caption.text())

    def fill(self, slide: StaffSlide | None) -> None:
        """Show the slide's texts, and only the fields and buttons its kind has."""
        is_text = isinstance(slide, TextSlide)
        is_image = isinstance(slide, ImageSlide)
        values: dict[str, str] = {}
        if isinstance(slide, TextSlide):
            values = {
                "zh": slide.text.zh,
                "en": slide.text.en,
                "line2-zh": slide.line2.zh,
                "line2-en": slide.line2.en,
            }
        elif isinstance(slide, ImageSlide):
            values = {"caption-zh": slide.caption.zh, "caption-en": slide.caption.en}
        for name, field in self.fields.items():
            shown = is_image if name.startswith("caption-") else is_text
            field.setVisible(shown)
            self.field_labels[name].setVisible(shown)
            if field.text() != values.get(name, ""):
                field.setText(values.get(name, ""))
        for template, button in self.template_buttons.items():
            button.setVisible(is_text)
            button.setChecked(isinstance(slide, TextSlide) and slide.template == template)
        self.fit_button.setVisible(is_image)
        if isinstance(slide, ImageSlide):
            self.fit_button.setText(self._text(slide.fit))
