"""The operator's services on a running kiosk: statistics recording and opening hours.

`attach_operator` is called by `kiosk run` once the shell exists and before the showcase starts,
so the first slide is recorded; the opening-hours guard first looks at the clock after the first
frame, so a kiosk started at night still reports READY to systemd before it goes dark.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.clock import Clock
from kiosk.settings import Locations
from kiosk.system.stats import StatsStore
from kiosk.system.stats_db import stats_path
from kiosk.ui.runtime.opening import OpeningHoursGuard
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.stats_recorder import StatsRecorder

if TYPE_CHECKING:
    # Staff mode (its panel, the Insights charts, pyqtgraph) loads after the first frame, not with this.
    from kiosk.ui.staff.gate import StaffGate

log = logging.getLogger(__name__)


@dataclass
class Operator:
    guard: OpeningHoursGuard
    recorder: StatsRecorder | None

    def watch_staff(self, gate: StaffGate) -> None:
        """The hall goes dark only after staff leave."""
        self.guard.staff_in = gate.in_staff_mode
        gate.closed.connect(self.guard.check)

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()
        self.guard.display.wait()


def attach_operator(shell: ShellWindow, locations: Locations, clock: Clock) -> Operator:
    """Statistics (when the settings at start keep them) and the opening hours, which follow the
    settings live."""
    settings = shell.state.settings
    recorder = None
    if settings.stats_enabled:
        store = StatsStore(
            stats_path(locations.data_dir),
            retention_days=settings.stats_retention_days,
            max_mb=settings.stats_max_mb,
            now=clock.now(),
        )
        recorder = StatsRecorder(shell, store, clock)
    else:
        log.info("statistics are off in the settings; nothing is recorded")
    guard = OpeningHoursGuard(shell, settings.opening_hours, clock)
    shell.state.settings_changed.connect(lambda changed: guard.set_hours(changed.opening_hours))
    shell.player.first_frame_painted.connect(guard.check)
    return Operator(guard=guard, recorder=recorder)
