"""The opening-hours page: when the hall is open, closed dates, how long a touch wakes a dark
screen. The same settings draft, save and conflict question as the settings page, with the hours
editor as its body."""

from __future__ import annotations

import msgspec

from kiosk.ui.staff.hours.hours_editor import HoursEditor
from kiosk.ui.staff.settings_page import SettingsPage


class HoursPage(SettingsPage):
    def _build_fields(self) -> None:
        self.editor = HoursEditor(self.draft.value.opening_hours, self.context.clock)
        self.editor.changed.connect(self._hours_edited)
        self.editor.title.hide()
        self.body.addWidget(self.editor, 1)

    def title_text(self) -> str:
        return self.text("tab_hours")

    def _hours_edited(self) -> None:
        self.draft.update(msgspec.structs.replace(self.draft.value, opening_hours=self.editor.hours()))
        self.refresh()
        self.edited.emit()

    def _show_fields(self) -> None:
        if self.editor.hours() != self.draft.value.opening_hours:
            self.editor.set_hours(self.draft.value.opening_hours)
        if self.editor.language != self.language:
            self.editor.set_language(self.language)
