"""The settings page: idle timeout and countdown (within their limits), the visitors' default
language, display-only, reduced motion and statistics. A view over a `Draft[Settings]`; the opening
hours page is the same view with another body."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import msgspec
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton

from kiosk.content.limits import limits_of
from kiosk.playlist.editing import Draft
from kiosk.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from kiosk.storage import content_digest
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, Stepper, label, touch_button

STEPS = {"idle_timeout_s": 15, "idle_countdown_s": 1}
TOGGLES = ("default_language", "display_only", "reduced_motion", "stats_enabled")
ONOFF = TOGGLES[1:]


class SettingsPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft = Draft(msgspec.structs.replace(context.settings))
        self.loaded_digest = content_digest(self._path())
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

    def _load(self) -> None:
        settings, _problems = load_settings(self.context.locations.config_dir)
        self.draft = Draft(
            settings if self._path().exists() else msgspec.structs.replace(self.context.settings)
        )
        self.loaded_digest = content_digest(self._path())
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
            value: object = "en" if self.draft.value.default_language == "zh" else "zh"
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
        settings = self.draft.value

        def written() -> None:
            # Settings are frozen: staff mode holds the saved value; the kiosk gets it through apply().
            self.context.settings = settings
            self.draft.mark_saved()

        self.write_draft(
            self._path(),
            lambda expected: save_settings(config_dir, settings, expected),
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
        states["default_language"] = "中文" if self.draft.value.default_language == "zh" else "English"
        for name, caption in self.row_labels.items():
            state = f"{'：' if self.language == 'zh' else ': '}{states[name]}" if name in states else ""
            caption.setText(self.text(name.removesuffix("_s")) + state)
        for name, stepper in self.steppers.items():
            low, high = limits_of(Settings, name)
            value = getattr(self.draft.value, name)
            stepper.show_value(self.text("seconds").format(seconds=value), value > low, value < high)
        other = "English" if self.draft.value.default_language == "zh" else "中文"
        self.toggles["default_language"].setText(self.text("switch_to").format(language=other))
        for name in ONOFF:
            self.toggles[name].setText(
                self.text("turn_off" if getattr(self.draft.value, name) else "turn_on")
            )
