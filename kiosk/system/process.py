"""Facts about this process: how long since it started, how much memory it has used at most."""

from __future__ import annotations

import os
import resource
import sys
import time


def seconds_since_process_start(fallback_start: float) -> float:
    """Wall time since the kernel started this process (Linux), else since `fallback_start`.

    `fallback_start` is a `time.perf_counter()` reading taken as early as Python allows.
    """
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - fallback_start


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mib() -> float:
    """Resident memory now (Linux); 0.0 where /proc is not there."""
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
            resident_pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
