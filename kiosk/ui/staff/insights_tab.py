"""The Insights tab: the statistics page of the staff panel, read afresh each time it is shown."""

from __future__ import annotations

from kiosk.system.stats_report import StatsReader
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.insights_page import InsightsPage
from kiosk.ui.staff.widgets import StaffPage


class InsightsTab(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.view = InsightsPage(
            StatsReader.for_data_dir(context.locations.data_dir), context.clock, context.pack, context.family
        )
        self.view.title.hide()
        self.body.addWidget(self.view, 1)

    def title_text(self) -> str:
        return self.text("tab_insights")

    def refresh(self) -> None:
        super().refresh()
        if self.view.language != self.language:
            self.view.set_language(self.language)
        self.view.refresh()
