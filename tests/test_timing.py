"""The Qt-free timing logic under the screens: the idle countdown, easing curves and frame statistics.

Headless: no Qt application, no qtbot; time comes from a ManualClock."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clock import ManualClock
from kiosk.timing.easing import breath, ease_out_cubic, progress_between
from kiosk.timing.frame_stats import PAINT_SAMPLES, FrameStats
from kiosk.timing.idle import IdleState, IdleTimer

# Idle ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet_s", "timeout_s", "countdown_s", "expected"),
    [
        (59.9, 60, 20, IdleState(counting_down=False, seconds_left=20, expired=False)),
        (60.0, 60, 20, IdleState(counting_down=True, seconds_left=20, expired=False)),
        # 19.5 s left still shows 20: whole seconds, rounded up.
        (60.5, 60, 20, IdleState(counting_down=True, seconds_left=20, expired=False)),
        (70.5, 60, 20, IdleState(counting_down=True, seconds_left=10, expired=False)),
        (79.9, 60, 20, IdleState(counting_down=True, seconds_left=1, expired=False)),
        (80.0, 60, 20, IdleState(counting_down=True, seconds_left=0, expired=True)),
        (3680.0, 60, 20, IdleState(counting_down=True, seconds_left=0, expired=True)),
        # Staff mode: two quiet minutes and it closes, no "still there?" first.
        (119.0, 120, 0, IdleState(counting_down=False, seconds_left=0, expired=False)),
        (120.0, 120, 0, IdleState(counting_down=True, seconds_left=0, expired=True)),
    ],
)
def test_a_quiet_spell_becomes_a_countdown_then_expires(
    quiet_s: float, timeout_s: float, countdown_s: float, expected: IdleState
) -> None:
    clock = ManualClock()
    timer = IdleTimer(clock, timeout_s, countdown_s)
    clock.advance(quiet_s)
    assert timer.state() == expected


def test_a_touch_starts_the_quiet_spell_again() -> None:
    clock = ManualClock()
    timer = IdleTimer(clock, timeout_s=60, countdown_s=20)
    clock.advance(70.0)
    assert timer.state().counting_down
    timer.touch()
    assert not timer.state().counting_down
    clock.advance(59.0)
    assert not timer.state().counting_down, "the spell is counted from the touch, not the start"
    clock.advance(20.9)
    assert not timer.state().expired
    clock.advance(0.1)
    assert timer.state().expired


def test_a_changed_timeout_applies_to_the_spell_in_progress() -> None:
    """Settings saved by staff change the timer of the running kiosk, not only the next visit's."""
    clock = ManualClock()
    timer = IdleTimer(clock, timeout_s=60, countdown_s=20)
    clock.advance(45.0)
    timer.timeout_s = 30
    assert timer.state() == IdleState(counting_down=True, seconds_left=5, expired=False)


# Easing ----------------------------------------------------------------------------------------


def test_ease_out_cubic_starts_fast_and_lands_gently() -> None:
    assert ease_out_cubic(0.0) == 0.0
    assert ease_out_cubic(1.0) == 1.0
    assert ease_out_cubic(0.5) == pytest.approx(0.875)
    first_tenth = ease_out_cubic(0.1) - ease_out_cubic(0.0)
    last_tenth = ease_out_cubic(1.0) - ease_out_cubic(0.9)
    assert first_tenth > 100 * last_tenth


@given(st.floats(-10, 10), st.floats(-10, 10))
def test_ease_out_cubic_never_overshoots_and_never_runs_backwards(first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert 0.0 <= ease_out_cubic(low) <= ease_out_cubic(high) <= 1.0


def test_progress_runs_from_the_start_to_the_end_and_stays_there() -> None:
    assert progress_between(start=10.0, duration=2.0, now=9.0) == 0.0
    assert progress_between(start=10.0, duration=2.0, now=10.5) == pytest.approx(0.25)
    assert progress_between(start=10.0, duration=2.0, now=12.0) == 1.0
    assert progress_between(start=10.0, duration=2.0, now=99.0) == 1.0


@pytest.mark.parametrize("duration", [0.0, -1.0])
def test_an_animation_without_a_duration_is_already_over(duration: float) -> None:
    assert progress_between(start=10.0, duration=duration, now=10.0) == 1.0


def test_a_breath_swells_to_its_height_mid_period_and_returns_smoothly() -> None:
    assert breath(0.0, 2.4) == pytest.approx(0.0)
    assert breath(1.2, 2.4) == pytest.approx(1.0)
    assert breath(0.6, 2.4) == pytest.approx(0.5)
    assert breath(2.4 * 1000 + 1.2, 2.4) == pytest.approx(1.0), "the same at any hour of the day"
    # Smooth at the bottom: the first 1/100 of a period rises by far less than 1/100.
    assert breath(0.024, 2.4) < 0.001


def test_a_breath_without_a_period_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="positive period, got 0"):
        breath(1.0, 0.0)


# Frame statistics ------------------------------------------------------------------------------


def test_frames_per_second_counts_only_the_time_spent_animating() -> None:
    stats = FrameStats()
    # One second of animation at 50 frames a second, a ten-second rest, then another second.
    moment = 100.0
    for burst in range(2):
        for _ in range(51):
            stats.record_frame(moment, moment + 0.004)
            moment += 0.02
        moment += 10.0 if burst == 0 else 0.0
    assert stats.frames == 102
    assert stats.animating_s == pytest.approx(2.0)
    assert stats.frames_per_second() == pytest.approx(51.0)


def test_no_frames_per_second_before_an_animation() -> None:
    stats = FrameStats()
    assert stats.frames_per_second() == 0.0
    stats.record_frame(1.0, 1.01)
    assert stats.frames_per_second() == 0.0, "one frame is not a rate"


def test_percentiles_are_paint_times_in_milliseconds() -> None:
    stats = FrameStats()
    assert stats.percentile(0.95) == 0.0
    for index in range(100):
        stats.record_frame(index * 1.0, index * 1.0 + (index + 1) / 1000.0)
    assert stats.percentile(0.0) == pytest.approx(1.0)
    assert stats.percentile(0.5) == pytest.approx(51.0)  # round(0.5 * 99) = 50 -> the 51st
    assert stats.percentile(0.95) == pytest.approx(95.0)
    assert stats.percentile(1.0) == pytest.approx(100.0)


def test_weeks_of_frames_keep_a_bounded_record() -> None:
    stats = FrameStats()
    for index in range(PAINT_SAMPLES + 500):
        stats.record_frame(index * 0.016, index * 0.016 + 0.002)
    assert stats.frames == PAINT_SAMPLES + 500
    assert len(stats.paint_ms) == PAINT_SAMPLES
    assert math.isclose(stats.percentile(0.5), 2.0, rel_tol=1e-6)
