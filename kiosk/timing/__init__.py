"""Time-driven logic the screens use, without Qt: the idle countdown, easing curves, frame statistics.

Every function here takes the time it works on (from `kiosk.clock`), so tests drive it directly."""
