"""The staff pages, in tab order. A further page is one more line in `STAFF_PAGES`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage
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
    """A tab: its name (object names, `show_page`), its label's key in the catalogue, and how to build it."""

    name: str
    tab: StaffKey
    build: Callable[[StaffContext], StaffPage]

    def tab_text(self, language: StaffLanguage) -> str:
        return staff_text(self.tab, language)


STAFF_PAGES: list[PageSpec] = [
    PageSpec("playlists", "tab_playlists", PlaylistsPage),
    PageSpec("slides", "tab_slides_short", SlidesPage),
    PageSpec("schedule", "tab_schedule", SchedulePage),
    PageSpec("settings", "tab_settings", SettingsPage),
    PageSpec("hours", "tab_hours_short", HoursPage),
    PageSpec("history", "tab_history", HistoryPage),
    PageSpec("insights", "tab_insights", InsightsTab),
    PageSpec("pin", "tab_pin", PinPage),
    PageSpec("diagnostics", "tab_diagnostics", DiagnosticsPage),
]
