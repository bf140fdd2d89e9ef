"""Records plays into a statistics database as fast as a busy kiosk would, until it is killed.

Used by tests/test_stats_store.py in a child process: after every play handed to the store it
prints the play's number, so the parent knows what had been recorded when it sent SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from kiosk.system.stats import StatsStore

path = Path(sys.argv[1])
store = StatsStore(path, commit_interval_s=0.5, now=dt.datetime(2024, 3, 1, 9, 0))
start = dt.datetime(2024, 3, 1, 9, 0)  # the store is told the same day, so retention keeps it
number = 0
while True:
    began = start + dt.timedelta(seconds=number * 10)
    store.record_play(f"slide-{number}", "full", began, began + dt.timedelta(seconds=10), "completed")
    print(number, flush=True)
    number += 1
    time.sleep(0.005)
