# SPDX-License-Identifier: GPL-3.0-or-later
"""The diagnostics page: versions, uptime, memory, what plays, recent errors, the log tail,
where files live; the licences (a view of its own, built when first asked for); and quitting the
application (asked twice)."""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QStackedWidget

from kiosk import __version__
from kiosk.system.process import peak_rss_mib
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.licences_view import LicencesView
from kiosk.ui.staff.widgets import StaffPage, finger_scroll, label, touch_button

log = logging.getLogger(__name__)


class DiagnosticsPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.report = label("body", wrap=True)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidget(self.report)
        scroll.setWidgetResizable(True)
        finger_scroll(scroll)
        self.quit_button = touch_button("staff-quit")
        self.quit_button.clicked.connect(self.quit)
        self._confirm = False
        self.licences_button = touch_button("staff-licences")
        self.licences_button.clicked.connect(self.toggle_licences)
        self.action_bar.addWidget(self.licences_button)
        self.licences: LicencesView | None = None
        self.views = QStackedWidget()
        self.views.addWidget(scroll)
        self.body.addWidget(self.views, 1)
        self.body.addWidget(self.quit_button)

    def title_text(self) -> str:
        return self.text("licences" if self.showing_licences() else "tab_diagnostics")

    def showing_licences(self) -> bool:
        return self.licences is not None and self.views.currentWidget() is self.licences

    def toggle_licences(self) -> None:
        if self.licences is None:
            self.licences = LicencesView()
            self.views.addWidget(self.licences)
        self.views.setCurrentIndex(0 if self.showing_licences() else self.views.indexOf(self.licences))
        self.refresh()

    def opened(self) -> None:
        self.views.setCurrentIndex(0)
        super().opened()

    def quit(self) -> None:
        if not self._confirm:
            self._confirm = True
            self.quit_button.setText(self.text("quit_confirm"))
            return
        log.info("quit from staff mode")
        self.context.quit()

    def log_tail(self, lines: int = 12) -> list[str]:
        path = self.context.locations.log_dir / "kiosk.log"
        try:
            with path.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - 16_000))
                return handle.read().decode("utf-8", "replace").splitlines()[-lines:]
        except OSError:
            return []

    def refresh(self) -> None:
        super().refresh()
        self._confirm = False
        self.quit_button.setText(self.text("quit"))
        self.quit_button.setVisible(not self.showing_licences())
        self.licences_button.setText(self.text("licences_back" if self.showing_licences() else "licences"))
        if self.licences is not None:
            self.licences.set_language(self.language)
        meta = self.context.pack.meta
        locations = self.context.locations
        uptime = int(time.monotonic() - self.context.started_at)
        errors = [
            f"{time.strftime('%H:%M:%S', time.localtime(record.created))} {record.message}"
            for record in self.context.errors.records
        ] or [self.text("none")]
        lines = [
            f"{self.text('diag_version')}: kiosk {__version__}",
            f"{self.text('diag_pack')}: {meta.id} {meta.version} ({self.context.pack_digest})",
            f"{self.text('diag_uptime')}: "
            + self.text("uptime_value").format(hours=uptime // 3600, minutes=uptime % 3600 // 60),
            f"{self.text('diag_memory')}: {peak_rss_mib():.0f} MiB",
            f"{self.text('diag_playing')}: {self.context.now_playing()}",
            f"{self.text('diag_errors')}:",
            *(f"  {line}" for line in errors[-6:]),
            f"{self.text('diag_files')}: {locations.config_dir}  ·  {locations.log_dir}",
            f"{self.text('diag_log')}:",
            *(f"  {line}" for line in self.log_tail()),
        ]
        self.report.setText("\n".join(lines))
