# SPDX-License-Identifier: GPL-3.0-or-later
"""Licences / 许可, opened from Diagnostics: the kiosk's own licence and every third-party part it
ships (generated notices, kiosk/licences/), a touch list on one side and the chosen part's licence
text, to scroll with a finger, on the other (below it in portrait)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.licences import Notice, frozen_system_notices, load_notices
from kiosk.ui.staff.widgets import finger_scroll, label, touch_list
from kiosk.ui.style import theme

# Between the list and the chosen licence: the panel's header spacing.
LIST_TEXT_GAP_PX = 24
# The list's groups, in order: (kind of notice, its heading's string key).
GROUPS: list[tuple[str, StaffKey]] = [
    ("program", "licences_program"),
    ("part", "licences_parts"),
    ("python", "licences_python"),
    ("font", "licences_fonts"),
]
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class LicencesView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("staff-licences")
        self.notices = load_notices(system_libraries=frozen_system_notices())
        self.language: Language = "zh"
        self.intro = label("status", wrap=True)
        self.entries = touch_list("staff-licences-list")
        self.group_items: dict[str, QListWidgetItem] = {}
        for kind, _key in GROUPS:
            group = QListWidgetItem()
            group.setFlags(Qt.ItemFlag.NoItemFlags)
            group.setForeground(theme.colour(theme.ACCENT))
            bold = group.font()
            bold.setBold(True)
            group.setFont(bold)
            self.group_items[kind] = group
            self.entries.addItem(group)
            for index, entry in enumerate(self.notices.entries):
                if entry.kind == kind:
                    item = QListWidgetItem(self.entry_title(entry))
                    item.setData(ENTRY_ROLE, index)
                    self.entries.addItem(item)
        self.entries.currentRowChanged.connect(self.show_entry)
        self.heading = label("value", wrap=True)
        self.heading.setObjectName("staff-licence-heading")
        self.notice = label("status", wrap=True)
        self.notice.setObjectName("staff-licence-notice")
        self.text = QPlainTextEdit()
        self.text.setObjectName("staff-licence-text")
        self.text.setProperty("staffRole", "licence")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        finger_scroll(self.text)
        detail = QVBoxLayout()
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.heading)
        detail.addWidget(self.notice)
        detail.addWidget(self.text, 1)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setContentsMargins(0, 0, 0, 0)
        self.split.setSpacing(LIST_TEXT_GAP_PX)
        self.split.addWidget(self.entries, 2)
        self.split.addLayout(detail, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(self.split, 1)
        self.entries.setCurrentRow(1)

    @staticmethod
    def entry_title(entry: Notice) -> str:
        return f"{entry.name} {entry.version}".strip()

    def set_language(self, language: Language) -> None:
        self.language = language
        self.intro.setText(staff_text("licences_intro", language))
        for kind, key in GROUPS:
            self.group_items[kind].setText(staff_text(key, language))
        self.show_entry(self.entries.currentRow())

    def show_entry(self, row: int) -> None:
        index = self.entries.item(row).data(ENTRY_ROLE) if row >= 0 else None
        if not isinstance(index, int):
            return
        entry = self.notices.entries[index]
        self.heading.setText(self.entry_title(entry))
        self.notice.setText(
            "\n".join(
                filter(
                    None,
                    [staff_text("licence_of", self.language).format(licence=entry.licence), entry.notice],
                )
            )
        )
        self.text.setPlainText(self.notices.licence_text(entry))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Side by side in landscape; in portrait the list above the text, both full width."""
        portrait = event.size().height() > event.size().width()
        self.split.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)
