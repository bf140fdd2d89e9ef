"""The settings page: idle timeout and countdown (within their limits), the visitors' default
language, display-only, reduced motion and statistics. A view over a `Draft[Settings]`; the opening
hours page is the same view with another body."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import msgspec
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton

from kiosk.documents.decoding import Problem
from kiosk.documents.draft import Draft
from kiosk.documents.limits import limits_of
from kiosk.documents.reading import file_refusal
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import OFFERED_TO_VISITORS, endonym, next_language
from kiosk.settings import SETTINGS_FILE, Settings, decode_settings, load_settings, save_changed_settings
from kiosk.storage import content_digest
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, Stepper, label, touch_button

STEPS = {"idle_timeout_s": 15, "idle_countdown_s": 1}
TOGGLES = ("default_language", "display_only", "reduced_motion", "stats_enabled")
ONOFF = TOGGLES[1:]

# Each setting's caption in the catalogue.
_CAPTIONS: dict[str, StaffKey] = {
    "idle_timeout_s": "idle_timeout",
    "idle_countdown_s": "idle_countdown",
    "default_language": "default_language",
    "display_only": "display_only",
    "reduced_motion": "reduced_motion",
    "stats_enabled": "stats_enabled",
}


class SettingsPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft = Draft(msgspec.structs.replace(context.settings))
        self.loaded_digest = content_digest(self._path())
        self.refusal = self._refusal()
        self._build_fields()
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-settings-message")
        self.undo_button = touch_button("staff-settings-undo")
        self.save_button = touch_button("staff-save-settings")
        self.save_button.setProperty("staffRole", "primary")
        self.undo_button.clicked.connect(self.undo)
        self.save_button.clicked.connect(self.save)
        self.action_bar.addWidget(self.undo_button)
        self.action_bar.addWidget(self.save_button)
        self.body.addWidget(self.message)
        self.question = QuestionBar("staff-settings-question")
        self.question.answered.connect(self.answer_conflict)
        self.body.addWidget(self.question)

    def _build_fields(self) -> None:
        grid = QGridLayout()
        self.row_labels: dict[str, QLabel] = {}
        self.steppers: dict[str, Stepper] = {}
        self.toggles: dict[str, QPushButton] = {}
        for row, name in enumerate([*STEPS, *TOGGLES]):
            caption = label("fieldLabel", wrap=True)
            grid.addWidget(caption, row, 0)
            self.row_labels[name] = caption
            if name in STEPS:
                stepper = Stepper(f"staff-{name}", partial(self.step, name))
                grid.addWidget(stepper, row, 1)
                self.steppers[name] = stepper
            else:
                toggle = touch_button(f"staff-{name}")
                toggle.clicked.connect(lambda _c=False, n=name: self.toggle(n))
                grid.addWidget(toggle, row, 1)
                self.toggles[name] = toggle
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def title_text(self) -> str:
        return self.text("tab_settings")

    def _path(self) -> Path:
        return self.context.locations.config_dir / SETTINGS_FILE

    def dirty(self) -> bool:
        return self.draft.dirty

    def discard(self) -> None:
        self._load()

    def _refusal(self) -> list[Problem]:
        return file_refusal(self._path(), lambda data, _name: decode_settings(data))

    def _load(self) -> None:
        settings, _problems = load_settings(self.context.locations.config_dir)
        self.draft = Draft(
            settings if self._path().exists() else msgspec.structs.replace(self.context.settings)
        )
        self.loaded_digest = content_digest(self._path())
        self.refusal = self._refusal()
        self.refresh()

    def reloaded(self) -> None:
        if not self.draft.dirty:
            self._load()
            return
        if content_digest(self._path()) != self.loaded_digest:
            self.message.setText(self.text("changed_on_disk"))

    def step(self, name: str, direction: int) -> None:
        low, high = limits_of(Settings, name)
        value = min(high, max(low, getattr(self.draft.value, name) + direction * STEPS[name]))
        self.draft.update(msgspec.structs.replace(self.draft.value, **{name: value}))
        self.refresh()
        self.edited.emit()

    def toggle(self, name: str) -> None:
        if name == "default_language":
            value: object = next_language(self.draft.value.default_language, OFFERED_TO_VISITORS)
        else:
            value = not getattr(self.draft.value, name)
        self.draft.update(msgspec.structs.replace(self.draft.value, **{name: value}))
        self.refresh()
        self.edited.emit()

    def undo(self) -> None:
        self.draft.undo()
        self.refresh()
        self.edited.emit()

    def save(self, overwrite: bool = False) -> None:
        config_dir = self.context.locations.config_dir
        settings, loaded = self.draft.value, self.draft.baseline

        def written() -> None:
            # The kiosk's state takes the saved file through apply(), and staff mode reads it there.
            self.draft.mark_saved()

        self.write_draft(
            self._path(),
            lambda expected: save_changed_settings(config_dir, settings, loaded, expected),
            written,
            overwrite,
            self.message,
            self.question,
        )

    def refresh(self) -> None:
        super().refresh()
        self._show_fields()
        self.undo_button.setText(self.text("undo"))
        self.undo_button.setEnabled(self.draft.can_undo)
        self.save_button.setText(self.text("save"))
        self.save_button.setEnabled(self.draft.dirty)

    def _show_fields(self) -> None:
        # A toggle's row says what is set now; its button says what a tap does.
        states = {name: self.text("is_on" if getattr(self.draft.value, name) else "is_off") for name in ONOFF}
        states["default_language"] = endonym(self.draft.value.default_language)
        for name, caption in self.row_labels.items():
            setting = self.text(_CAPTIONS[name])
            state = states.get(name)
            caption.setText(
                setting if state is None else self.text("setting_state").format(setting=setting, state=state)
            )
        for name, stepper in self.steppers.items():
            low, high = limits_of(Settings, name)
            value = getattr(self.draft.value, name)
            stepper.show_value(self.text("seconds").format(seconds=value), value > low, value < high)
        other = next_language(self.draft.value.default_language, OFFERED_TO_VISITORS)
        self.toggles["default_language"].setText(self.text("switch_to").format(language=endonym(other)))
        for name in ONOFF:
            self.toggles[name].setText(
                self.text("turn_off" if getattr(self.draft.value, name) else "turn_on")
            )
