"""The staff pages, in tab order. A further page is one more line in `STAFF_PAGES`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.content.models import Language
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.diagnostics_page import DiagnosticsPage
from kiosk.ui.staff.history.history_page import HistoryPage
from kiosk.ui.staff.hours.hours_page import HoursPage
from kiosk.ui.staff.insights.insights_tab import InsightsTab
from kiosk.ui.staff.pin_page import PinPage
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.schedule_page import SchedulePage
from kiosk.ui.staff.settings_page import SettingsPage
from kiosk.ui.staff.slides.slides_page import SlidesPage
from kiosk.ui.staff.widgets import StaffPage


@dataclass(frozen=True)
class PageSpec:
    """A tab: its name (object names, `show_page`), its label in zh and en, and how to build it."""

    name: str
    tab: tuple[str, str]
    build: Callable[[StaffContext], StaffPage]

    def tab_text(self, language: Language) -> str:
        return self.tab[0] if language == "zh" else self.tab[1]


STAFF_PAGES: list[PageSpec] = [
    PageSpec("playlists", ("播放列表", "Playlists"), PlaylistsPage),
    PageSpec("slides", ("自建幻灯片", "Slides"), SlidesPage),
    PageSpec("schedule", ("排期", "Schedule"), SchedulePage),
    PageSpec("settings", ("设置", "Settings"), SettingsPage),
    PageSpec("hours", ("开放时间", "Hours"), HoursPage),
    PageSpec("history", ("版本历史", "History"), HistoryPage),
    PageSpec("insights", ("使用统计", "Insights"), InsightsTab),
    PageSpec("pin", ("密码", "PIN"), PinPage),
    PageSpec("diagnostics", ("诊断", "Diagnostics"), DiagnosticsPage),
]
