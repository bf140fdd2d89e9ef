"""Paint times of whole-window frames, and what they add up to: frames per second and percentiles."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

PAINT_SAMPLES = 20_000
# Consecutive frames of one animation are a timer interval apart; a longer gap is a rest.
ANIMATION_GAP_S = 0.1


@dataclass
class FrameStats:
    """Bounded to the last `PAINT_SAMPLES` frames, so weeks of looping use constant memory."""

    paint_ms: deque[float] = field(default_factory=lambda: deque(maxlen=PAINT_SAMPLES))
    frames: int = 0
    slides_shown: int = 0
    first_frame_at: float | None = None
    animating_s: float = 0.0
    last_frame_at: float | None = None

    def record_frame(self, began: float, ended: float) -> None:
        self.paint_ms.append((ended - began) * 1000.0)
        self.frames += 1
        if self.last_frame_at is not None and began - self.last_frame_at < ANIMATION_GAP_S:
            self.animating_s += began - self.last_frame_at
        self.last_frame_at = began

    def frames_per_second(self) -> float:
        """Frames over the time spent animating; 0 before two frames of one animation."""
        return self.frames / self.animating_s if self.animating_s > 0 else 0.0

    def percentile(self, share: float) -> float:
        """The paint time (ms) that `share` (0 to 1) of the recorded frames did not exceed."""
        if not self.paint_ms:
            return 0.0
        ordered = sorted(self.paint_ms)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
