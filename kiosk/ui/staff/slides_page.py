"""The slides page: staff's own welcome, notice and closing cards and pictures from a USB stick.

Staff pick a slide (or start one from a template, or import a picture), type its texts, see the
preview (the showcase's own widget, painted at the screen's size), save, and play it now for 30
minutes. A text that would not fit the screen, or a character the font lacks, is refused as it
is typed, with the reason."""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.loader import ContentError
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.slide_actions import delete_slide_everywhere, deletion_block, play_slide_now
from kiosk.playlist.slide_refusals import taken_slide_ids
from kiosk.playlist.staff_slides import (
    SLIDE_SCHEMA_VERSION,
    TEMPLATES,
    ImageSlide,
    SlideText,
    StaffSlide,
    Template,
    TextSlide,
    new_slide_id,
    playlists_using,
    save_slide,
    staff_slide_title,
)
from kiosk.ui.authoring.image_import import SCREEN_1080P, import_image
from kiosk.ui.authoring.slide_making import slide_refusal
from kiosk.ui.showcase.staff_slides import build_staff_slide
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.picture_picker import PicturePicker
from kiosk.ui.staff.slide_strings import SLIDE_TEXTS
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, label, text_field, touch_button, touch_list

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole
PLAY_NOW_MINUTES = 30
LIST_THUMBNAIL = QSize(160, 90)
# Refusals that undo the keystroke: the text typed so far stays, the message says why.
_REFUSED_WHILE_TYPING = ("too_long", "too_many_chars", "glyphs", "caption_too_long")
PLACEHOLDERS = {
    "zh": "main_zh",
    "en": "main_en",
    "line2-zh": "line2_zh",
    "line2-en": "line2_en",
    "caption-zh": "caption_zh",
    "caption-en": "caption_en",
}


class SlidesPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.slide: StaffSlide | None = None
        self.saved: StaffSlide | None = None
        self._font_chars: set[int] | None = None
        self._pending_select: str | None = None

        # Left: staff's slides, and the ways to make one.
        self.slides = touch_list("staff-slide-list")
        self.slides.setIconSize(LIST_THUMBNAIL)
        # Two slides at least stay in view in portrait, where the columns stack.
        self.slides.setMinimumHeight(2 * (LIST_THUMBNAIL.height() + 28) + 16)
        self.slides.itemClicked.connect(lambda item: self.ask_select(item.data(ROLE)))
        self.new_buttons = {template: touch_button(f"staff-slide-new-{template}") for template in TEMPLATES}
        for template, button in self.new_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=template: self.new_text(chosen))
        self.import_button = touch_button("staff-slide-import")
        self.import_button.clicked.connect(self.open_picker)
        self.duplicate_button = touch_button("staff-slide-duplicate")
        self.delete_button = touch_button("staff-slide-delete")
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        making = QGridLayout()
        for index, button in enumerate([*self.new_buttons.values(), self.import_button]):
            making.addWidget(button, index // 2, index % 2)
        making.addWidget(self.duplicate_button, 2, 0)
        making.addWidget(self.delete_button, 2, 1)
        left = QVBoxLayout()
        left.addWidget(self.slides, 1)
        left.addLayout(making)

        # Middle: the texts of the slide.
        self.template_buttons = {
            template: touch_button(f"staff-slide-template-{template}", checkable=True)
            for template in TEMPLATES
        }
        for template, button in self.template_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=template: self.set_template(chosen))
        templates = QHBoxLayout()
        for button in self.template_buttons.values():
            templates.addWidget(button)
        self.fields: dict[str, QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        for name in PLACEHOLDERS:
            field = text_field(f"staff-slide-{name}", context.pack)
            field.textEdited.connect(lambda value, which=name: self.typed(which, value))
            # The on-screen keyboard hands the whole text back at once.
            field.editingFinished.connect(lambda which=name, edited=field: self.typed(which, edited.text()))
            self.fields[name] = field
            self.field_labels[name] = label("fieldLabel")
        self.fit_button = touch_button("staff-slide-fit")
        self.fit_button.clicked.connect(self.toggle_fit)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-slide-message")
        self.question = QuestionBar("staff-slide-question")
        self.question.answered.connect(self._answered)
        editor = QVBoxLayout()
        editor.addLayout(templates)
        for name, field in self.fields.items():
            editor.addWidget(self.field_labels[name])
            editor.addWidget(field)
        editor.addWidget(self.fit_button)
        editor.addStretch(1)
        editor.addWidget(self.message)
        editor.addWidget(self.question)
        editor_page = QWidget()
        editor_page.setLayout(editor)
        self.picker = PicturePicker(lambda: list(self.context.settings.media_roots), self.text)
        self.picker.picked.connect(self.import_picture)
        self.picker.closed.connect(lambda: self.middle.setCurrentIndex(0))
        self.middle = QStackedWidget()
        self.middle.addWidget(editor_page)
        self.middle.addWidget(self.picker)

        # Right: the preview, exactly as it plays.
        self.preview_title = label("section")
        self.preview = label()
        self.preview.setObjectName("staff-slide-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(160, 160)
        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addWidget(self.preview, 1)

        self.play_button = touch_button("staff-slide-play-now")
        self.save_button = touch_button("staff-slide-save")
        self.save_button.setProperty("staffRole", "primary")
        self.play_button.clicked.connect(self.play_now)
        self.save_button.clicked.connect(self.save)
        self.actions.addWidget(self.play_button)
        self.actions.addWidget(self.save_button)

        # Landscape: list | texts | preview. Portrait: the list on top, texts beside the preview.
        editing = QHBoxLayout()
        editing.addWidget(self.middle, 3)
        editing.addLayout(right, 3)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(left, 2)
        self.columns.addLayout(editing, 6)
        self.body.addLayout(self.columns, 1)
        self._thumbnails: list[QListWidgetItem] = []

    # Words -------------------------------------------------------------------------------------

    def text(self, key: str) -> str:
        if key in SLIDE_TEXTS:
            zh, en = SLIDE_TEXTS[key]
            return zh if self.language == "zh" else en
        return strings.text(key, self.language)

    def title_text(self) -> str:
        if self.slide is None:
            return self.text("tab_slides")
        return staff_slide_title(self.slide, self.language) if self._has_text() else self.text("tab_slides")

    def _has_text(self) -> bool:
        slide = self.slide
        if isinstance(slide, TextSlide):
            return slide.text.present()
        return slide is not None and slide.caption.present()

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
        self.slide = self.saved
        self.refresh()

    def select(self, slide_id: str) -> None:
        """Edit the slide as it is on disk now."""
        self.slide = self.saved = self.staff_slides().get(slide_id)
        self.message.setText("")
        self.middle.setCurrentIndex(0)
        self.refresh()

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
        self.slide = TextSlide(
            schema_version=SLIDE_SCHEMA_VERSION, id=slide_id, template=template, text=SlideText()
        )
        self.saved = None
        self.message.setText("")
        self.middle.setCurrentIndex(0)
        self.refresh()
        self.fields["zh"].setFocus()
        self.edited.emit()

    def duplicate(self) -> None:
        if self.slide is None:
            return
        slide_id = new_slide_id(self.slide.id, taken_slide_ids(self.config_dir(), self.context.pack))
        self.slide = msgspec.structs.replace(self.slide, id=slide_id)
        self.saved = None
        self.refresh()
        self.edited.emit()

    def reloaded(self) -> None:
        if self.slide is not None and not self.dirty():
            current = self.staff_slides().get(self.slide.id)
            if current is not None:
                self.slide = self.saved = current
        self.refresh()

    # Edits -------------------------------------------------------------------------------------

    def _with(self, which: str, value: str) -> StaffSlide | None:
        slide = self.slide
        if isinstance(slide, TextSlide):
            if which in ("zh", "en"):
                return msgspec.structs.replace(
                    slide, text=msgspec.structs.replace(slide.text, **{which: value})
                )
            if which.startswith("line2-"):
                language = which.removeprefix("line2-")
                return msgspec.structs.replace(
                    slide, line2=msgspec.structs.replace(slide.line2, **{language: value})
                )
        if isinstance(slide, ImageSlide) and which.startswith("caption-"):
            language = which.removeprefix("caption-")
            return msgspec.structs.replace(
                slide, caption=msgspec.structs.replace(slide.caption, **{language: value})
            )
        return None

    def typed(self, which: str, value: str) -> None:
        """A keystroke (or a word from the Pinyin keyboard): kept if the slide still fits and every
        character is in the font, else undone with the reason."""
        candidate = self._with(which, value)
        if candidate is None or self.slide is None or candidate == self.slide:
            return
        refusal = slide_refusal(candidate, self.context.family, self.font_chars())
        if refusal is not None and refusal.key in _REFUSED_WHILE_TYPING:
            self.message.setText(refusal.text(self.language))
            self._fill_fields()
            return
        self.message.setText("")
        self.slide = candidate
        self.heading.setText(self.title_text())
        self._show_preview()
        self._refresh_buttons()
        self.edited.emit()

    def set_template(self, template: Template) -> None:
        if isinstance(self.slide, TextSlide):
            self.slide = msgspec.structs.replace(self.slide, template=template)
            self.refresh()
            self.edited.emit()

    def toggle_fit(self) -> None:
        if isinstance(self.slide, ImageSlide):
            self.slide = msgspec.structs.replace(self.slide, fit="fill" if self.slide.fit == "fit" else "fit")
            self.refresh()
            self.edited.emit()

    # Saving, playing, deleting -----------------------------------------------------------------

    def save(self) -> bool:
        slide = self.slide
        if slide is None:
            return False
        refusal = slide_refusal(slide, self.context.family, self.font_chars())
        if refusal is not None:
            self.message.setText(refusal.text(self.language))
            return False
        try:
            save_slide(self.config_dir(), slide, self.font_chars())
        except ContentError as error:
            self.message.setText(strings.problems_text(error.problems, self.language))
            return False
        except OSError as error:
            log.error("saving slide %r failed: %s", slide.id, error)
            self.message.setText(self.text("write_failed"))
            return False
        self.saved = slide
        self.context.apply()
        self.message.setText(self.text("saved"))
        self.edited.emit()
        return True

    def play_now(self) -> None:
        """Save if need be, then play this slide alone for 30 minutes, over the schedule."""
        slide = self.slide
        if slide is None or (self.dirty() and not self.save()):
            return
        try:
            until = play_slide_now(
                self.config_dir(),
                self.context.library(),
                slide,
                SLIDE_TEXTS["play_now_name"],
                self.context.slide_ids(),
                self.context.clock.now(),
                PLAY_NOW_MINUTES,
            )
        except (ContentError, OSError) as error:
            log.error("play now of slide %r failed: %s", slide.id, error)
            self.message.setText(self.text("write_failed"))
            return
        self.context.apply()
        self.message.setText(
            self.text("playing_until").format(
                name=staff_slide_title(slide, self.language), until=until.strftime("%H:%M")
            )
        )
        log.info("slide %r plays now until %s", slide.id, until.strftime("%H:%M"))

    def delete(self) -> None:
        slide = self.slide
        if slide is None:
            return
        name = staff_slide_title(slide, self.language)
        if self.saved is None:
            self.slide = None
            self.refresh()
            return
        library = self.context.library()
        block = deletion_block(self.config_dir(), library, slide.id)
        if block is not None:
            key = "delete_only_slide" if block.reason == "only_slide" else "delete_not_here"
            playlist = self.context.playlist_name(block.playlist, self.language) if block.playlist else ""
            self.message.setText(self.text(key).format(name=name, playlist=playlist))
            return
        uses = playlists_using(slide.id, library.playlists)
        if uses:
            named = "、".join(
                f"“{self.context.playlist_name(playlist_id, self.language)}”" for playlist_id in uses
            )
            message = self.text("delete_in_use").format(name=name, uses=named)
        else:
            message = self.text("delete_confirm").format(name=name)
        self.question.ask(message, ("keep", self.text("cancel")), ("delete", self.text("delete_yes")))

    def _answered(self, answer: str) -> None:
        if answer == "delete" and self.slide is not None:
            self._delete_now(self.slide)
        elif answer == "discard" and self._pending_select is not None:
            self.select(self._pending_select)
        self._pending_select = None

    def _delete_now(self, slide: StaffSlide) -> None:
        try:
            delete_slide_everywhere(
                self.config_dir(), self.context.library(), slide.id, self.context.slide_ids()
            )
        except (ContentError, OSError) as error:
            log.error("deleting slide %r failed: %s", slide.id, error)
            self.message.setText(self.text("write_failed"))
            return
        self.slide = self.saved = None
        self.context.apply()
        self.message.setText(self.text("deleted"))
        self.refresh()

    # Pictures ----------------------------------------------------------------------------------

    def open_picker(self) -> None:
        self.middle.setCurrentIndex(1)
        self.picker.open()

    def import_picture(self, path: Path) -> None:
        slide_id = new_slide_id(path.stem, taken_slide_ids(self.config_dir(), self.context.pack))
        try:
            slide = import_image(
                path, self.config_dir(), slide_id, "fit", None, self.font_chars(), self.screen_box()
            )
        except ImportRefusedError as error:
            self.picker.say(error.text(self.language))
            return
        self.context.apply()
        self.select(slide.id)
        self.message.setText(
            self.text("imported").format(file=path.name, width=slide.width, height=slide.height)
        )

    def screen_box(self) -> QSize:
        """What a picture is downscaled to: this screen, and never less than 1080p."""
        size = self.window().size()
        long_side = max(size.width(), size.height(), SCREEN_1080P.width())
        short_side = max(min(size.width(), size.height()), SCREEN_1080P.height())
        return QSize(long_side, short_side)

    # Drawing -----------------------------------------------------------------------------------

    def preview_image(self) -> QImage | None:
        """The slide painted at the screen's size by the showcase's own widget: what will play."""
        slide = self.slide
        if slide is None or (isinstance(slide, TextSlide) and not slide.text.present()):
            return None
        media = None
        if isinstance(slide, ImageSlide):
            # A slide from the hall's folder has its picture there; one made here, in the config dir.
            known = self.context.library().staff_slides.media.get(slide.id)
            media = (
                known
                if known is not None and known.name == Path(slide.image).name
                else self.config_dir() / slide.image
            )
        try:
            view = build_staff_slide(slide, media, self.context.family)
        except (ImportRefusedError, OSError) as error:
            self.message.setText(
                error.text(self.language) if isinstance(error, ImportRefusedError) else str(error)
            )
            return None
        image = view.frame(self.window().size())
        view.deleteLater()
        return image

    def _show_preview(self) -> None:
        image = self.preview_image()
        if image is None:
            self.preview.setPixmap(QPixmap())
            return
        box = self.preview.size()
        self.preview.setPixmap(
            QPixmap.fromImage(
                image.scaled(
                    box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        )

    def refresh(self) -> None:
        super().refresh()
        staff = self.staff_slides()
        self.slides.clear()
        self._thumbnails = []
        for slide_id in sorted(staff, key=lambda key: staff_slide_title(staff[key], self.language)):
            slide = staff[slide_id]
            kind = self.text(f"template_{slide.template}" if isinstance(slide, TextSlide) else "kind_picture")
            item = QListWidgetItem(f"{staff_slide_title(slide, self.language)}\n{kind}")
            item.setData(ROLE, slide_id)
            item.setSizeHint(QSize(0, LIST_THUMBNAIL.height() + 28))
            self.slides.addItem(item)
            self._thumbnails.append(item)
            if self.slide is not None and slide_id == self.slide.id:
                self.slides.setCurrentItem(item)
        if not staff:
            empty = QListWidgetItem(self.text("no_slides"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.slides.addItem(empty)
        self.slides.setWordWrap(True)
        QTimer.singleShot(0, self, self._next_thumbnail)
        for template, button in self.new_buttons.items():
            button.setText(self.text(f"new_{template}"))
        for template, button in self.template_buttons.items():
            button.setText(self.text(f"template_{template}"))
        self.import_button.setText(self.text("import"))
        self.duplicate_button.setText(self.text("duplicate"))
        self.delete_button.setText(self.text("delete"))
        self.save_button.setText(self.text("save"))
        self.play_button.setText(self.text("play_now"))
        self.preview_title.setText(self.text("preview_title"))
        for name, caption in self.field_labels.items():
            caption.setText(self.text(PLACEHOLDERS[name]))
            self.fields[name].setAccessibleName(caption.text())
        self._fill_fields()
        self._refresh_buttons()
        self._show_preview()

    def _fill_fields(self) -> None:
        slide = self.slide
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
            caption = name.startswith("caption-")
            field.setVisible(is_image if caption else is_text)
            self.field_labels[name].setVisible(field.isVisibleTo(self))
            if field.text() != values.get(name, ""):
                field.setText(values.get(name, ""))
        for template, button in self.template_buttons.items():
            button.setVisible(is_text)
            button.setChecked(isinstance(slide, TextSlide) and slide.template == template)
        self.fit_button.setVisible(is_image)
        if isinstance(slide, ImageSlide):
            self.fit_button.setText(self.text(slide.fit))

    def _refresh_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty())
        self.play_button.setEnabled(self.slide is not None)
        self.duplicate_button.setEnabled(self.saved is not None)
        self.delete_button.setEnabled(self.slide is not None)

    def _next_thumbnail(self) -> None:
        if not self._thumbnails or self.context.thumbnail is None:
            return
        item = self._thumbnails.pop(0)
        try:
            item.setIcon(QIcon(self.context.thumbnail(item.data(ROLE)).scaled(LIST_THUMBNAIL)))
        except RuntimeError:
            return
        QTimer.singleShot(0, self, self._next_thumbnail)
