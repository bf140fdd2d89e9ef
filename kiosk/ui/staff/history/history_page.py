"""The History page: every file staff, a technician or the hall changed, its last saved versions
(who saved each, when), what a version holds, and restore (itself a new version, made through the
one conditional save path: only over the file as the page listed it)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QListWidgetItem, QScrollArea, QVBoxLayout, QWidget

from kiosk.history import KEPT_VERSIONS, Version, restore, versioned_files, versions
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.storage import ConflictError, content_digest
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.history.history_summary import file_title, version_summary
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, finger_scroll, label, touch_button, touch_list
from kiosk.ui.style import theme

log = logging.getLogger(__name__)

# How staff read who saved a version.
WHO_SAVED: dict[str, StaffKey] = {
    "glass": "history_who_glass",
    "cli": "history_who_cli",
    "hall": "history_who_hall",
    "copied": "history_who_copied",
}

ROLE = Qt.ItemDataRole.UserRole


class HistoryPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.kept: list[Version] = []
        self._listed: str | None = None
        self.files_title = label("section")
        self.files = touch_list("staff-history-files")
        self.files.currentRowChanged.connect(lambda _row: self._show_versions())
        self.versions_title = label("section")
        self.versions = touch_list("staff-history-versions")
        self.versions.currentRowChanged.connect(lambda _row: self._show_version())
        self.content_title = label("section")
        self.content = label("card", wrap=True)
        self.content.setObjectName("staff-history-content")
        self.content.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.restore_button = touch_button("staff-history-restore")
        self.restore_button.setProperty("staffRole", "primary")
        self.restore_button.clicked.connect(self.ask_restore)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-history-message")
        self.question = QuestionBar("staff-history-question")
        self.question.answered.connect(self._answered)

        lists = QVBoxLayout()
        for title, widget, stretch in (
            (self.files_title, self.files, 2),
            (self.versions_title, self.versions, 3),
        ):
            lists.addWidget(title)
            lists.addWidget(widget, stretch)
        shown = QVBoxLayout()
        shown.addWidget(self.content_title)
        # A long version (a schedule of many windows) scrolls under a finger rather than being cut.
        self.content_area = QScrollArea()
        self.content_area.setWidgetResizable(True)
        self.content_area.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.content)
        holder_layout.addStretch(1)
        self.content_area.setWidget(holder)
        finger_scroll(self.content_area)
        shown.addWidget(self.content_area, 1)
        shown.addWidget(self.restore_button)
        # Landscape: the files over their versions | what the chosen version holds. Portrait: all
        # three stacked, each a full line wide.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(lists, 1)
        self.columns.addLayout(shown, 1)
        self.body.addLayout(self.columns, 1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.question)

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    def title_text(self) -> str:
        return self.text("tab_history")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        portrait = event.size().height() > event.size().width()
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.columns.setSpacing(theme.Metrics.for_size(self.window().size()).px(theme.GAP_PX / 2))
        # Portrait: the lists get the height (ten versions), the content what it needs.
        self.columns.setStretch(0, 3 if portrait else 1)
        self.columns.setStretch(1, 2 if portrait else 1)
        super().resizeEvent(event)

    # State -------------------------------------------------------------------------------------

    def chosen_file(self) -> str | None:
        item = self.files.currentItem()
        return str(item.data(ROLE)) if item is not None else None

    def chosen_version(self) -> Version | None:
        row = self.versions.currentRow()
        return self.kept[row] if 0 <= row < len(self.kept) else None

    def opened(self) -> None:
        self.message.setText("")
        super().opened()

    def reloaded(self) -> None:
        self.refresh()

    # Restore -----------------------------------------------------------------------------------

    def ask_restore(self) -> None:
        name, version = self.chosen_file(), self.chosen_version()
        if name is None or version is None:
            return
        title = file_title(name, self.context, self.language, self.text)
        self.question.ask(
            self.text("history_restore_ask").format(file=f"“{title}”", number=version.number),
            ("keep", self.text("cancel")),
            ("restore", self.text("history_restore_yes")),
        )

    def _answered(self, answer: str) -> None:
        name, version = self.chosen_file(), self.chosen_version()
        if answer != "restore" or name is None or version is None:
            return
        path = self.context.locations.config_dir / name
        try:
            restore(path, version.number, self.loaded_digest)
        except ConflictError:
            log.warning("%s changed since the history page listed it; not restored", path)
            self.message.setText(self.text("changed_on_disk"))
            self.refresh()
            return
        except (KeyError, OSError) as error:
            log.error("restoring version %d of %s failed: %s", version.number, name, error)
            self.message.setText(self.text("write_failed"))
            return
        log.info("%s: version %d restored from the glass", name, version.number)
        self.context.apply()
        self.refresh()
        self.versions.setCurrentRow(0)
        self.message.setText(self.text("history_restored").format(number=self.kept[0].number))

    # Drawing -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        config_dir = self.context.locations.config_dir
        chosen = self.chosen_file()
        self.files_title.setText(self.text("history_files"))
        self.versions_title.setText(self.text("history_versions").format(kept=KEPT_VERSIONS))
        self.content_title.setText(self.text("history_content"))
        self.restore_button.setText(self.text("history_restore"))
        self.files.blockSignals(True)
        self.files.clear()
        for name in versioned_files(config_dir):
            item = QListWidgetItem(file_title(name, self.context, self.language, self.text))
            item.setData(ROLE, name)
            self.files.addItem(item)
            if name == chosen:
                self.files.setCurrentItem(item)
        if self.files.currentRow() < 0 and self.files.count():
            self.files.setCurrentRow(0)
        self.files.blockSignals(False)
        self._show_versions()

    def _show_versions(self) -> None:
        name = self.chosen_file()
        # The same version stays chosen over a refresh; another file starts at its newest.
        row = self.versions.currentRow() if name == self._listed else 0
        self._listed = name
        config_dir = self.context.locations.config_dir
        self.kept = list(reversed(versions(config_dir, name))) if name is not None else []
        self.loaded_digest = content_digest(config_dir / name) if name is not None else None
        self.versions.blockSignals(True)
        self.versions.clear()
        for version in self.kept:
            who = self.text(WHO_SAVED[version.who]) if version.who in WHO_SAVED else version.who
            when = version.saved_at.replace("T", " ")[:16]
            line = self.text("history_version_line").format(number=version.number, when=when, who=who)
            if version.sha256 == self.loaded_digest:
                line += f"  ·  {self.text('history_current')}"
            self.versions.addItem(QListWidgetItem(line))
        self.versions.setCurrentRow(min(max(row, 0), self.versions.count() - 1))
        self.versions.blockSignals(False)
        self._show_version()

    def _show_version(self) -> None:
        name, version = self.chosen_file(), self.chosen_version()
        refused = False
        if name is None:
            self.content.setText(self.text("history_no_files"))
        elif version is None:
            self.content.setText(self.text("history_pick_version"))
        else:
            lines, refused = version_summary(name, version.data, self.context, self.language, self.text)
            if version.sha256 == self.loaded_digest:
                lines.append(self.text("history_is_current"))
            self.content.setText("\n".join(lines))
        current = version is not None and version.sha256 == self.loaded_digest
        # A version the kiosk would refuse is shown, never put back from the glass: it could not play.
        self.restore_button.setEnabled(version is not None and not current and not refused)
