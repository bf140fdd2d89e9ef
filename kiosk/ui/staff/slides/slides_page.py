"""The slides page: staff's own welcome, notice and closing cards and pictures from a USB stick.

Staff pick a slide (or start one from a template, or import a picture), type its texts, see the
preview (the showcase's own widget, painted at the screen's size), save, and play it now for 30
minutes. A text that would not fit the screen, or a character the font lacks, is refused as it
is typed, with the reason."""

from __future__ import annotations

from pathlib import Path

import msgspec
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.documents.reading import file_refusal
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.slide_models import (
    SLIDE_SCHEMA_VERSION,
    SlideText,
    StaffSlide,
    Template,
    TextSlide,
    main_text,
    slide_name,
)
from kiosk.playlist.slide_refusals import taken_slide_ids
from kiosk.playlist.staff_slides import (
    decode_slide,
    new_slide_id,
    save_slide,
    staff_slide_path,
    staff_slide_title,
)
from kiosk.storage import content_digest
from kiosk.ui.authoring.image_import import screen_box
from kiosk.ui.showcase.kinds import slide_refusal
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.play_now_bar import PlayNowBar
from kiosk.ui.staff.slides.picture_picker import PicturePicker
from kiosk.ui.staff.slides.slide_buttons import SlideMakingButtons
from kiosk.ui.staff.slides.slide_deletion import delete_everywhere, deletion_question
from kiosk.ui.staff.slides.slide_fields import SlideFields, slide_with_option, slide_with_text
from kiosk.ui.staff.slides.slide_import import import_slide
from kiosk.ui.staff.slides.slide_list import SlideList
from kiosk.ui.staff.slides.slide_play_now import play_now
from kiosk.ui.staff.slides.slide_preview import SlidePreview, picture_path, slide_image
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, label, touch_button

# Refusals that undo the keystroke: the text typed so far stays, the message says why.
_REFUSED_WHILE_TYPING = ("too_long", "too_many_chars", "glyphs", "caption_too_long")


class SlidesPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.slide: StaffSlide | None = None
        self.saved: StaffSlide | None = None
        self._font_chars: set[int] | None = None
        self._pending_select: str | None = None

        # Left: staff's slides, and the ways to make one.
        self.slides = SlideList(context.thumbnail)
        self.slides.chosen.connect(self.ask_select)
        self.making = SlideMakingButtons(self.text)
        self.making.new_text.connect(self.new_text)
        self.making.import_picture.connect(self.open_picker)
        self.making.duplicate.connect(self.duplicate)
        self.making.delete.connect(self.delete)
        left = QVBoxLayout()
        left.addWidget(self.slides, 1)
        left.addWidget(self.making)

        # Middle: the texts of the slide.
        self.editor = SlideFields(context.pack, self.text)
        self.editor.typed.connect(self.typed)
        self.editor.template_chosen.connect(self.set_template)
        self.editor.fit_toggled.connect(self.toggle_fit)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-slide-message")
        self.question = QuestionBar("staff-slide-question")
        self.question.answered.connect(self._answered)
        editor = QVBoxLayout()
        editor.addWidget(self.editor)
        editor.addStretch(1)
        editor.addWidget(self.message)
        editor.addWidget(self.question)
        editor_page = QWidget()
        editor_page.setLayout(editor)
        self.middle = QStackedWidget()
        self.picker = PicturePicker(
            lambda: list(self.context.settings.media_roots), self.text, lambda: self.language
        )
        self.picker.picked.connect(self.import_picture)
        self.picker.closed.connect(lambda: self.middle.setCurrentIndex(0))
        self.middle.addWidget(editor_page)
        self.middle.addWidget(self.picker)

        # Right: the preview, exactly as it plays.
        self.preview = SlidePreview()

        self.play_button = touch_button("staff-slide-play-now")
        self.save_button = touch_button("staff-slide-save")
        self.save_button.setProperty("staffRole", "primary")
        self.play_button.clicked.connect(self.play_now)
        self.save_button.clicked.connect(self.save_edits)
        self.action_bar.addWidget(self.play_button)
        self.action_bar.addWidget(self.save_button)

        # Landscape: list | texts | preview. Portrait: the list on top, texts beside the preview.
        editing = QHBoxLayout()
        editing.addWidget(self.middle, 3)
        editing.addWidget(self.preview, 3)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(left, 3)
        self.columns.addLayout(editing, 7)
        self.body.addLayout(self.columns, 1)
        self.play_bar = PlayNowBar(context, "staff-slide-play-now-bar")
        self.play_bar.failed.connect(self.message.setText)
        self.body.addWidget(self.play_bar)

    # Words -------------------------------------------------------------------------------------

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    def title_text(self) -> str:
        """The slide's own words (or a picture's title) once it has some; until then, the page's name."""
        slide = self.slide
        if slide is None or not (main_text(slide).present() or slide_name(slide)):
            return self.text("tab_slides")
        return staff_slide_title(slide, self.language)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        portrait = event.size().height() > event.size().width()
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._show_preview)

    # State -------------------------------------------------------------------------------------

    def font_chars(self) -> set[int]:
        if self._font_chars is None:
            from kiosk.ui.style.resources import bundled_font_chars

            self._font_chars = bundled_font_chars()
        return self._font_chars

    def config_dir(self) -> Path:
        return self.context.locations.config_dir

    def staff_slides(self) -> dict[str, StaffSlide]:
        return self.context.library().staff_slides.slides

    def dirty(self) -> bool:
        return self.slide is not None and self.slide != self.saved

    def discard(self) -> None:
        """Drop the edits: the slide as it is now (a file copied in meanwhile included)."""
        if self.saved is not None:
            self.select(self.saved.id)
            return
        self.slide = None
        self.refresh()

    def select(self, slide_id: str) -> None:
        """Edit the slide as it is on disk now."""
        self.slide = self.saved = self.staff_slides().get(slide_id)
        path = staff_slide_path(self.config_dir(), slide_id)
        self.loaded_digest = content_digest(path)
        self.refusal = file_refusal(path, decode_slide)
        self.message.setText("")
        self.middle.setCurrentIndex(0)
        self.refresh()

    def _start_unsaved(self, slide: StaffSlide) -> None:
        """A slide with a new id, for a file that is not there yet."""
        self.slide = slide
        self.saved = None
        self.loaded_digest = None
        self.refusal = []

    def ask_select(self, slide_id: str) -> None:
        if self.dirty() and self.slide is not None and slide_id != self.slide.id:
            self._pending_select = slide_id
            self.question.ask(
                self.text("leave_unsaved"),
                ("keep", self.text("keep_editing")),
                ("discard", self.text("discard")),
            )
            return
        self.select(slide_id)

    def new_text(self, template: Template) -> None:
        slide_id = new_slide_id(template, taken_slide_ids(self.config_dir(), self.context.pack))
        self._start_unsaved(
            TextSlide(schema_version=SLIDE_SCHEMA_VERSION, id=slide_id, template=template, text=SlideText())
        )
        self.message.setText("")
        self.middle.setCurrentIndex(0)
        self.refresh()
        self.editor.fields["zh"].setFocus()
        self.edited.emit()

    def duplicate(self) -> None:
        if self.slide is None:
            return
        slide_id = new_slide_id(self.slide.id, taken_slide_ids(self.config_dir(), self.context.pack))
        self._start_unsaved(msgspec.structs.replace(self.slide, id=slide_id))
        self.refresh()
        self.edited.emit()

    def reloaded(self) -> None:
        if self.slide is not None and not self.dirty():
            current = self.staff_slides().get(self.slide.id)
            if current is not None:
                self.slide = self.saved = current
            # Nothing unsaved: the page now stands on the file as it is (a copy that landed included).
            path = staff_slide_path(self.config_dir(), self.slide.id)
            self.loaded_digest = content_digest(path)
            self.refusal = file_refusal(path, decode_slide)
        self.refresh()

    # Edits -------------------------------------------------------------------------------------

    def typed(self, which: str, value: str) -> None:
        """A keystroke (or a word from the Pinyin keyboard): kept if the slide still fits and every
        character is in the font, else undone with the reason."""
        candidate = slide_with_text(self.slide, which, value)
        if candidate is None or self.slide is None or candidate == self.slide:
            return
        refusal = slide_refusal(candidate, self.context.family, self.font_chars())
        if refusal is not None and refusal.key in _REFUSED_WHILE_TYPING:
            self.message.setText(refusal.text(self.language))
            self.editor.fill(self.slide)
            return
        self.message.setText("")
        self.slide = candidate
        self.heading.set_source_text(self.title_text())
        self._show_preview()
        self._refresh_buttons()
        self.edited.emit()

    def set_template(self, template: Template) -> None:
        self._choose(template)

    def toggle_fit(self) -> None:
        if self.slide is not None:
            self._choose(self.slide.option().following())

    def _choose(self, value: str) -> None:
        """Set the slide's one option (a card's template, a picture's fit), when it offers `value`."""
        if self.slide is not None and value in self.slide.option().values:
            self.slide = slide_with_option(self.slide, value)
            self.refresh()
            self.edited.emit()

    # Saving, playing, deleting -----------------------------------------------------------------

    def save_edits(self, overwrite: bool = False) -> bool:
        slide = self.slide
        if slide is None:
            return False
        refusal = slide_refusal(slide, self.context.family, self.font_chars())
        if refusal is not None:
            self.message.setText(refusal.text(self.language))
            return False
        config_dir, font_chars = self.config_dir(), self.font_chars()

        def written() -> None:
            self.saved = slide

        return self.write_draft(
            staff_slide_path(config_dir, slide.id),
            lambda expected: save_slide(config_dir, slide, font_chars, loaded_digest=expected),
            written,
            overwrite,
            self.message,
            self.question,
            saved="slide_saved",
        )

    def save(self, overwrite: bool = False) -> None:
        self.save_edits(overwrite)

    def play_now(self) -> None:
        """Save if need be, then play this slide alone for 30 minutes, over the schedule."""
        slide = self.slide
        if slide is None or (self.dirty() and not self.save_edits()):
            return
        # Played, the play-now bar says what plays and until when; else the message says why not.
        self.message.setText(play_now(slide, self.context, self.language))
        self.play_bar.refresh(self.language)

    def delete(self) -> None:
        slide = self.slide
        if slide is None:
            return
        if self.saved is None:
            self.slide = None
            self.refresh()
            return
        message, allowed = deletion_question(slide, self.context, self.language, self.text)
        if not allowed:
            self.message.setText(message)
            return
        self.question.ask(message, ("keep", self.text("cancel")), ("delete", self.text("delete")))

    def _answered(self, answer: str) -> None:
        if answer == "delete" and self.slide is not None:
            self._delete_now(self.slide)
        elif answer == "discard" and self._pending_select is not None:
            self.select(self._pending_select)
        else:
            self.answer_conflict(answer)
        self._pending_select = None

    def _delete_now(self, slide: StaffSlide) -> None:
        if not delete_everywhere(slide, self.context):
            self.message.setText(self.text("write_failed"))
            return
        self.slide = self.saved = None
        self.context.apply()
        self.message.setText(self.text("slide_deleted"))
        self.refresh()

    # Pictures ----------------------------------------------------------------------------------

    def open_picker(self) -> None:
        self.middle.setCurrentIndex(1)
        self.picker.open()

    def import_picture(self, path: Path) -> None:
        try:
            slide = import_slide(path, self.context, self.font_chars(), screen_box(self.window().size()))
        except ImportRefusedError as error:
            self.picker.say(error.text(self.language))
            return
        picture = slide.picture() if slide is not None else None
        if slide is not None:
            self.context.apply()
            self.select(slide.id)
        if picture is not None:
            size = {"width": picture.width, "height": picture.height}
            self.message.setText(self.text("imported").format(file=path.name, **size))

    # Drawing -----------------------------------------------------------------------------------

    def preview_image(self) -> QImage | None:
        """The slide painted at the screen's size by the showcase's own widget: what will play."""
        slide = self.slide
        picture = slide.picture() if slide is not None else None
        media = None
        if slide is not None and picture is not None:
            media = picture_path(
                slide.id, picture, self.context.library().staff_slides.media, self.config_dir()
            )
        try:
            return slide_image(slide, media, self.context.pack, self.context.family, self.window().size())
        except (ImportRefusedError, OSError) as error:
            self.message.setText(
                error.text(self.language) if isinstance(error, ImportRefusedError) else str(error)
            )
            return None

    def _show_preview(self) -> None:
        self.preview.show_image(self.preview_image())

    def refresh(self) -> None:
        super().refresh()
        staff = self.staff_slides()
        current = self.slide.id if self.slide is not None else None
        unsaved = self.slide if self.slide is not None and current not in staff else None
        self.slides.fill(staff, current, self.language, self.text, unsaved)
        self.making.retranslate()
        self.save_button.setText(self.text("save"))
        self.play_button.setText(self.text("slide_play_now"))
        self.play_bar.refresh(self.language)
        self.preview.title.setText(self.text("preview_title"))
        self.editor.retranslate()
        self.editor.fill(self.slide)
        self._refresh_buttons()
        self._show_preview()

    def _refresh_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty())
        self.play_button.setEnabled(self.slide is not None)
        self.making.allow(duplicate=self.saved is not None, delete=self.slide is not None)
