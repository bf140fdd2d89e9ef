"""Retrying a resource that fails (a full disk, a missing or read-only folder) without a storm.

The first failure is said in one line; the retries then wait 1 s, 2 s, 4 s… up to 5 min between
tries and say nothing; the first success after a failure that was said is said once. A resource
that fails again soon after it came back (a disk on the edge of full) is said at most once per
longest wait, so the log never carries more than two lines per five minutes about it.
"""

from __future__ import annotations

from kiosk.clock import Clock

FIRST_WAIT_S = 1.0
LONGEST_WAIT_S = 300.0


class Backoff:
    """When to try a failing resource again, and whether its failure or recovery is news."""

    def __init__(
        self, clock: Clock, first_s: float = FIRST_WAIT_S, longest_s: float = LONGEST_WAIT_S
    ) -> None:
        self.clock = clock
        self.first_s = first_s
        self.longest_s = longest_s
        self.failing = False
        self._wait_s = first_s
        self._next_try = 0.0
        self._failing_since = 0.0
        self._said = False
        self._quiet_until = float("-inf")

    def due(self) -> bool:
        """Whether to try now: always while it works, at the end of the wait while it fails."""
        return not self.failing or self.clock.monotonic() >= self._next_try

    def failed(self) -> bool:
        """A try failed: wait longer before the next. True when this failure is to be said."""
        now = self.clock.monotonic()
        if self.failing:
            self._wait_s = min(self._wait_s * 2, self.longest_s)
        else:
            self.failing, self._said, self._failing_since = True, False, now
            self._wait_s = self.first_s
        self._next_try = now + self._wait_s
        if self._said or now < self._quiet_until:
            return False
        self._said, self._quiet_until = True, now + self.longest_s
        return True

    def outage_to_say(self) -> float | None:
        """While failing: the seconds since it began when that failure was said, else None. What
        `recovered` will return, for a caller that writes its recovery line in the same try."""
        return self.clock.monotonic() - self._failing_since if self.failing and self._said else None

    def recovered(self) -> float | None:
        """A try worked: the seconds it had been failing when that failure was said (say the
        recovery), else None."""
        outage = self.outage_to_say()
        self.failing = False
        return outage


def duration_text(seconds: float) -> str:
    """A wait or an outage as a person reads it: 40 s, 12 min, 3 h."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"
