"""The texts of a staff slide as staff edit them: the template of a text card, its lines in Chinese
and English, a picture's caption and how the picture fills the screen."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import TranslatedLanguage
from kiosk.playlist.slide_models import TEMPLATES, StaffSlide
from kiosk.ui.showcase.kinds import TEMPLATE_NAMES
from kiosk.ui.staff.widgets import label, text_field, touch_button

# Each field: the slide's text and the language it edits (a staff slide's `texts()`), and the
# words that name it (a key of the staff catalogue).
# What staff call how a picture fills the screen.
FIT_NAMES: dict[str, StaffKey] = {"fit": "fit", "fill": "fill"}
FIELDS: dict[str, tuple[str, TranslatedLanguage, StaffKey]] = {
    "zh": ("text", "zh", "main_zh"),
    "en": ("text", "en", "main_en"),
    "line2-zh": ("line2", "zh", "line2_zh"),
    "line2-en": ("line2", "en", "line2_en"),
    "caption-zh": ("caption", "zh", "caption_zh"),
    "caption-en": ("caption", "en", "caption_en"),
}


def field_value(slide: StaffSlide | None, field: str) -> str | None:
    """The text of `field` (a key of FIELDS) on `slide`; None when its kind has no such text."""
    text_name, language, _words = FIELDS[field]
    text = slide.texts().get(text_name) if slide is not None else None
    return None if text is None else str(getattr(text, language))


def slide_with_text(slide: StaffSlide | None, field: str, value: str) -> StaffSlide | None:
    """The slide with the text of `field` (a key of FIELDS) set to `value`; None when the slide
    has no such text."""
    if field_value(slide, field) is None or slide is None:
        return None
    text_name, language, _words = FIELDS[field]
    text = msgspec.structs.replace(slide.texts()[text_name], **{language: value})
    return msgspec.structs.replace(slide, **{text_name: text})


def slide_with_option(slide: StaffSlide, value: str) -> StaffSlide:
    """The slide with its one option (`slide.option()`: a card's template, a picture's fit) set."""
    return msgspec.structs.replace(slide, **{slide.option().field: value})


class SlideFields(QWidget):
    """`typed` carries a field's whole text after each keystroke (or a word from the keyboard);
    `template_chosen` a text card's new template; `fit_toggled` a tap on a picture's fit button."""

    typed = Signal(str, str)
    template_chosen = Signal(str)
    fit_toggled = Signal()

    def __init__(self, pack: ContentPack, text: Callable[[StaffKey], str]) -> None:
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
        for name in FIELDS:
            # The keyboard opens in the language the field is written in.
            field = text_field(f"staff-slide-{name}", pack, typing=FIELDS[name][1])
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
            button.setText(self._text(TEMPLATE_NAMES[template]))
        for name, caption in self.field_labels.items():
            caption.setText(self._text(FIELDS[name][2]))
            self.fields[name].setAccessibleName(caption.text())

    def fill(self, slide: StaffSlide | None) -> None:
        """Show the slide's texts, and only the fields and buttons its kind has: a card's templates
        as buttons to choose from, a picture's fit as one button that toggles."""
        for name, field in self.fields.items():
            value = field_value(slide, name)
            field.setVisible(value is not None)
            self.field_labels[name].setVisible(value is not None)
            if field.text() != (value or ""):
                field.setText(value or "")
        option = slide.option() if slide is not None else None
        for template, button in self.template_buttons.items():
            button.setVisible(option is not None and option.field == "template")
            button.setChecked(option is not None and option.chosen == template)
        self.fit_button.setVisible(option is not None and option.field == "fit")
        if option is not None and option.field == "fit":
            self.fit_button.setText(self._text(FIT_NAMES[option.chosen]))
