"""The Insights tab: the statistics page of the staff panel, read afresh each time it is shown.

Its charts are pyqtgraph plots: they are made the first time staff open the tab, not when the panel
is built after the first showcase frame, so a kiosk nobody administers never holds them."""

from __future__ import annotations

from kiosk.system.stats_report import StatsReader
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.insights.insights_page import InsightsPage
from kiosk.ui.staff.widgets import StaffPage, label


class InsightsTab(StaffPage):
    view: InsightsPage | None = None

    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        # With statistics off the charts only show the past: say so, or an empty week looks like a fault.
        self.stats_off = label("message", wrap=True)
        self.stats_off.setObjectName("staff-insights-off")
        self.body.addWidget(self.stats_off)

    def title_text(self) -> str:
        return self.text("tab_insights")

    def opened(self) -> None:
        if self.view is None:
            context = self.context
            self.view = InsightsPage(
                StatsReader.for_data_dir(context.locations.data_dir),
                context.clock,
                context.pack,
                context.family,
            )
            self.view.title.hide()
            self.body.addWidget(self.view, 1)
        super().opened()

    def refresh(self) -> None:
        super().refresh()
        self.stats_off.setText(self.text("stats_off"))
        self.stats_off.setVisible(not self.context.settings.stats_enabled)
        if self.view is None:
            return
        if self.view.language != self.language:
            self.view.set_language(self.language)
        self.view.refresh()
