"""A small PC's CPU for the benchmark's children: one core, and a share of it (a CFS quota).

`systemd-run --scope -p CPUQuota=50% -p AllowedCPUs=0` does this where systemd is the init system;
in a container or a VM without it, this sets up the cgroup itself: cgroup v2 (`cpu.max` in a child
of the unified hierarchy) or, failing that, v1 (`cpu.cfs_quota_us` under the `cpu` controller).
Needs root (or a delegated cgroup). Each child pins itself to the core and joins the cgroup between
fork and exec, so the interpreter's start-up is limited too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PERIOD_US = 100_000
CGROUP_ROOTS = (
    (Path("/sys/fs/cgroup"), "v2"),
    (Path("/sys/fs/cgroup/unified"), "v2"),
    (Path("/sys/fs/cgroup/cpu"), "v1"),
    (Path("/sys/fs/cgroup/cpu,cpuacct"), "v1"),
)


@dataclass(frozen=True)
class CpuLimit:
    core: int
    percent: float
    cgroup: Path
    kind: str

    def enter(self) -> None:
        """In the child, before exec: onto the one core, into the quota's cgroup."""
        os.sched_setaffinity(0, {self.core})
        (self.cgroup / "cgroup.procs").write_text(str(os.getpid()), encoding="ascii")

    def describe(self) -> str:
        return f"core {self.core}, {self.percent:g} % quota (cgroup {self.kind}, {self.cgroup})"


def _quota_files(root: Path, kind: str) -> bool:
    if kind == "v2":
        return (root / "cgroup.controllers").exists() and "cpu" in (root / "cgroup.controllers").read_text()
    return (root / "cpu.cfs_quota_us").exists()


@contextlib.contextmanager
def one_core(percent: float, core: int = 0) -> Iterator[CpuLimit]:
    """A cgroup allowing `percent` % of one core, removed again afterwards."""
    quota = round(PERIOD_US * percent / 100)
    for root, kind in CGROUP_ROOTS:
        if not _quota_files(root, kind):
            continue
        group = root / f"kiosk-bench-{os.getpid()}"
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            if kind == "v2":
                (group / "cpu.max").write_text(f"{quota} {PERIOD_US}", encoding="ascii")
            else:
                (group / "cpu.cfs_period_us").write_text(str(PERIOD_US), encoding="ascii")
                (group / "cpu.cfs_quota_us").write_text(str(quota), encoding="ascii")
        except OSError:
            group.rmdir()
            continue
        try:
            yield CpuLimit(core, percent, group, kind)
        finally:
            group.rmdir()
        return
    raise SystemExit("--cpu-quota needs a cgroup with the cpu controller that this user may create (root)")
