"""A simulated day in the hall, on the injected clock: opening, two visitors, closing, a touch at night,
opening again; the statistics it leaves behind, what `kiosk stats` prints, and the dark screen."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.fleet.layout import PLAYLISTS_DIR
from kiosk.opening_hours import OpeningHours, OpeningPeriod
from kiosk.settings import Settings
from kiosk.system.stats_report import StatsReader
from kiosk.ui.runtime.opening import CLOSED_NOTE
from kiosk.ui.runtime.operator import Operator
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.pages.topic import TopicPage

TUESDAY = dt.date(2024, 3, 5)
SLIDE_S = 420.0  # 7 minutes: slide changes never fall on the round times visitors come at


def clock_at(hour: int, minute: int = 0, second: int = 0, day: dt.date = TUESDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second))


@dataclass
class Hall:
    kiosk: KioskUnderTest
    switch_log: Path
    slides: list[str]

    def __post_init__(self) -> None:
        # `run_until` chooses each step so that it lands on every moment a timer of the kiosk would
        # fire at: `advance` takes it whole rather than subdividing a day into quarter seconds.
        self.kiosk.poll_step_s = math.inf
        self.shell, self.clock, self.locations = self.kiosk.shell, self.kiosk.clock, self.kiosk.locations
        assert self.kiosk.operator is not None, "made with operator=True"
        self.operator: Operator = self.kiosk.operator

    def run_until(self, moment: dt.datetime, step_s: float = 60.0) -> None:
        """Time passes in steps, landing on every moment a timer of the kiosk would fire at."""
        while self.clock.now() < moment:
            steps = [step_s, (moment - self.clock.now()).total_seconds()]
            cue = self.shell.player.sequencer.cue
            if cue is not None and self.shell.stack.currentWidget() is self.shell.player:
                steps.append(cue.ends_at() - self.clock.monotonic())
            self.kiosk.advance(max(0.001, min(steps)))

    def touch(self, widget: QWidget) -> None:
        """A finger's tap, at the moment the day has reached."""
        self.kiosk.touch([self.kiosk.at(widget)])

    def swipe(self, widget: QWidget, dx: int) -> None:
        self.kiosk.swipe(widget, dx, after_s=0)

    def switches(self) -> list[str]:
        self.operator.guard.display.wait()
        return self.switch_log.read_text().split() if self.switch_log.exists() else []


def display_command(log: Path, word: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; open(sys.argv[1], 'a').write(sys.argv[2] + '\\n')",
        str(log),
        word,
    ]


def make_hall(
    make_kiosk: MakeKiosk,
    runtime: Runtime,
    tmp_path: Path,
    corrupt_database: bool = False,
    staff: bool = False,
) -> Hall:
    """A kiosk with statistics and opening hours (09:00 to 17:00 every day), started at 08:30 on a
    Tuesday, playing two slides of seven minutes; its display commands write to a log."""
    slides = [runtime.pack.slides[0].id, runtime.pack.slides[1].id]
    config = tmp_path / "config"
    (config / PLAYLISTS_DIR).mkdir(parents=True)
    playlist = {
        "schema_version": 1,
        "id": "day",
        "name": {"zh": "一天", "en": "A day"},
        "items": [{"slide": slide, "duration_s": SLIDE_S, "transition": "none"} for slide in slides],
    }
    (config / PLAYLISTS_DIR / "day.json").write_text(json.dumps(playlist), encoding="utf-8")
    switch_log = tmp_path / "display.log"
    hours = OpeningHours(
        enabled=True,
        week={
            day: [OpeningPeriod("09:00", "17:00")]
            for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        },
        wake_minutes=5,
        display_off_command=display_command(switch_log, "off"),
        display_on_command=display_command(switch_log, "on"),
    )
    if corrupt_database:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "stats.sqlite3").write_bytes(b"\x00garbage left by a failing SD card" * 500)
    kiosk = make_kiosk(
        playlist="day",
        operator=True,
        staff=staff,
        clock=ManualClock(start=clock_at(8, 30)),
        settings=Settings(opening_hours=hours, idle_countdown_s=10),
    )
    assert kiosk.locations.config_dir == config, "the day's playlist is where the kiosk looks"
    hall = Hall(kiosk, switch_log, slides)
    assert hall.operator.recorder is not None
    return hall


@pytest.fixture
def hall(make_kiosk: MakeKiosk, runtime: Runtime, tmp_path: Path, request: pytest.FixtureRequest) -> Hall:
    return make_hall(make_kiosk, runtime, tmp_path, getattr(request, "param", None) == "corrupt database")


def expected_plays(
    slides: list[str], segments: list[tuple[dt.datetime, dt.datetime, str]]
) -> list[tuple[str, str, str, str]]:
    """The loop from each (re)start: slide after slide, the last one cut by what ended the segment."""
    rows = []
    for begin, end, cut_by in segments:
        moment, index = begin, 0
        while moment < end:
            finish = min(moment + dt.timedelta(seconds=SLIDE_S), end)
            ended_by = "completed" if finish - moment == dt.timedelta(seconds=SLIDE_S) else cut_by
            rows.append((slides[index % 2], str(moment), str(finish), ended_by))
            moment, index = finish, index + 1
    return rows


def test_a_day_in_the_hall(hall: Hall, capsys: pytest.CaptureFixture[str]) -> None:
    shell = hall.shell
    assert shell.stack.currentWidget() is hall.operator.guard.dark, "08:30: closed, so dark"
    assert hall.switches() == ["off"]

    hall.run_until(clock_at(9))
    assert shell.stack.currentWidget() is shell.player
    assert hall.switches() == ["off", "on"]

    # 10:00 the first visitor: the hub, industry, innovation, then walks away.
    hall.run_until(clock_at(10))
    hall.touch(shell.player)
    hub = shell.visitor.stack.currentWidget()
    assert isinstance(hub, HubPage)
    hall.run_until(clock_at(10, 0, 30), step_s=1)
    hall.touch(hub.tiles["industry"])
    # Within the minute: at 10:01:30 "Still there?" would be up, and the touch that dismisses it
    # does nothing else.
    hall.run_until(clock_at(10, 1, 20), step_s=1)
    hall.touch(shell.visitor.nav.topic_buttons["innovation"])
    hall.run_until(clock_at(10, 5), step_s=1)
    assert not shell.showing_visitor_pages(), "60 s idle and a 10 s countdown: back to the showcase"

    # 15:30 the second: livelihood, switches to English, home, walks away.
    hall.run_until(clock_at(15, 30))
    hall.touch(shell.player)
    hall.run_until(clock_at(15, 30, 20), step_s=1)
    hall.touch(hub.tiles["livelihood"])
    hall.run_until(clock_at(15, 31), step_s=1)
    hall.touch(shell.visitor.nav.language_button)
    hall.run_until(clock_at(15, 31, 30), step_s=1)
    hall.touch(shell.visitor.nav.home_button)
    hall.run_until(clock_at(15, 35), step_s=1)
    assert not shell.showing_visitor_pages()

    # 17:00 closing: the display-off command once, black, and not one frame more.
    hall.run_until(clock_at(17))
    assert shell.stack.currentWidget() is hall.operator.guard.dark
    assert hall.switches() == ["off", "on", "off"]
    QApplication.processEvents()
    frames, paints = shell.player.stats.frames, hall.operator.guard.dark.paints
    hall.run_until(clock_at(20), step_s=600)
    assert shell.player.stats.frames == frames and hall.operator.guard.dark.paints == paints
    assert not shell.player.context.driver.running
    assert hall.switches() == ["off", "on", "off"], "the off command ran once"

    # 20:00 a touch wakes it for 5 minutes with the closed note; then dark again.
    hall.touch(hall.operator.guard.dark)
    assert shell.stack.currentWidget() is shell.player
    assert hall.operator.guard.note.isVisible() and hall.operator.guard.note.text() == CLOSED_NOTE
    assert hall.switches() == ["off", "on", "off", "on"]
    hall.run_until(clock_at(20, 6))
    assert shell.stack.currentWidget() is hall.operator.guard.dark
    assert hall.switches() == ["off", "on", "off", "on", "off"]

    # 09:00 the next day: on again.
    hall.run_until(clock_at(9, day=TUESDAY + dt.timedelta(days=1)), step_s=1800)
    assert shell.stack.currentWidget() is shell.player
    assert hall.switches() == ["off", "on", "off", "on", "off", "on"]
    assert hall.operator.recorder is not None
    hall.operator.recorder.store.flush()

    reader = StatsReader.for_data_dir(hall.locations.data_dir)
    plays = [(row[0], row[2], row[3], row[6]) for row in reader.rows("plays", TUESDAY, TUESDAY)]
    # The kiosk started at 08:30, showed its first frame and went dark at once.
    assert plays[0] == (hall.slides[0], "2024-03-05 08:30:00.000", "2024-03-05 08:30:00.000", "closed")
    assert plays[1:] == [
        (slide, f"{started}.000", f"{ended}.000", ended_by)
        for slide, started, ended, ended_by in expected_plays(
            hall.slides,
            [
                (clock_at(9), clock_at(10), "visitor"),
                (clock_at(10, 2, 30), clock_at(15, 30), "visitor"),
                (clock_at(15, 32, 40), clock_at(17), "closed"),
                (clock_at(20), clock_at(20, 5), "closed"),
            ],
        )
    ]

    sessions = reader.rows("sessions", TUESDAY, TUESDAY)
    assert [row[1:] for row in sessions] == [
        ("2024-03-05 10:00:00.000", "2024-03-05 10:02:30.000", 150.0, "idle", "zh", 3),
        ("2024-03-05 15:30:00.000", "2024-03-05 15:32:40.000", 160.0, "idle", "en", 3),
    ]
    pages = [(row[1], row[2], row[3][11:19], row[5]) for row in reader.rows("pages", TUESDAY, TUESDAY)]
    assert pages == [
        ("hub", "zh", "10:00:00", 30.0),
        ("industry", "zh", "10:00:30", 50.0),
        ("innovation", "zh", "10:01:20", 70.0),
        ("hub", "zh", "15:30:00", 20.0),
        ("livelihood", "zh", "15:30:20", 40.0),
        ("livelihood", "en", "15:31:00", 30.0),
        ("hub", "en", "15:31:30", 70.0),
    ]

    assert (
        main(
            [
                "stats",
                "--kind",
                "plays",
                "--format",
                "csv",
                "--data-dir",
                str(hall.locations.data_dir),
                "--from",
                "2024-03-05",
                "--to",
                "2024-03-05",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "slide,playlist,started_at,ended_at,duration_s,completed,ended_by"
    assert [line.split(",")[0] for line in lines[1:]] == [play[0] for play in plays]
    assert [line.split(",")[6] for line in lines[1:]] == [play[3] for play in plays]
    assert all(line.split(",")[1] == "day" for line in lines[1:])
    first = lines[2].split(",")
    assert first[2:6] == ["2024-03-05 09:00:00.000", "2024-03-05 09:07:00.000", "420", "1"]


def test_a_failing_display_command_is_logged_and_the_screen_stays_black(
    hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    guard = hall.operator.guard
    hall.run_until(clock_at(9, 30))
    assert hall.shell.stack.currentWidget() is hall.shell.player
    # Staff move today's opening to 10:00, on a machine whose display command is wrong.
    broken = OpeningHours(
        enabled=True,
        week={"tue": [OpeningPeriod("10:00", "17:00")]},
        display_off_command=[sys.executable, "-c", "import sys; sys.exit('no such output HDMI-A-9')"],
    )
    with caplog.at_level(logging.INFO):
        guard.set_hours(broken)
        guard.display.wait()
    assert hall.shell.stack.currentWidget() is guard.dark
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert errors == [
        f"display off command failed: {' '.join(broken.display_off_command)} exited with 1: "
        "no such output HDMI-A-9"
    ]
    states = [record.getMessage() for record in caplog.records if "opening hours:" in record.getMessage()]
    assert states == ["opening hours: dark (the hall is closed)"], "the change is logged once"
    hall.run_until(clock_at(9, 55), step_s=300)
    assert [r.getMessage() for r in caplog.records if "opening hours:" in r.getMessage()] == states


def test_story_swipes_chart_taps_and_language_switches_are_counted(hall: Hall) -> None:
    shell = hall.shell
    hall.run_until(clock_at(11))
    hall.touch(shell.player)
    hub = shell.visitor.stack.currentWidget()
    assert isinstance(hub, HubPage)
    hall.touch(hub.tiles["industry"])
    page = shell.visitor.stack.currentWidget()
    assert isinstance(page, TopicPage) and page.carousel is not None and page.charts
    page.scroll_area.ensureWidgetVisible(page.charts[0])
    QApplication.processEvents()
    hall.touch(page.charts[0])
    page.scroll_area.ensureWidgetVisible(page.carousel)
    QApplication.processEvents()
    hall.swipe(page.carousel, -400)
    assert page.carousel.index == 1, "the visitor moved to the second story"
    hall.touch(shell.visitor.nav.language_button)
    hall.run_until(clock_at(11, 5), step_s=1)
    assert hall.operator.recorder is not None
    hall.operator.recorder.store.flush()
    connection = sqlite3.connect(hall.locations.data_dir / "stats.sqlite3")
    events = list(connection.execute("SELECT session_id, kind, subject FROM events ORDER BY id"))
    connection.close()
    assert events == [
        (1, "chart_tap", page.info.charts[0]),
        (1, "story_swipe", page.carousel.cards[1].story.id),
        (1, "language", "en"),
    ]


@pytest.mark.parametrize("hall", ["corrupt database"], indirect=True)
def test_a_corrupt_database_is_replaced_and_the_show_goes_on(
    hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="kiosk.system.stats"):
        hall.run_until(clock_at(9, 30))
        assert hall.operator.recorder is not None
        hall.operator.recorder.store.flush()
    assert hall.shell.player.stats.slides_shown >= 5, "the showcase kept playing"
    assert any("unusable" in record.getMessage() for record in caplog.records)
    assert list(hall.locations.data_dir.glob("stats.sqlite3.corrupt-*"))
    plays = StatsReader.for_data_dir(hall.locations.data_dir).rows("plays", TUESDAY, TUESDAY)
    assert [row[2][11:19] for row in plays[1:]] == ["09:00:00", "09:07:00", "09:14:00", "09:21:00"]


def test_the_staff_gesture_works_while_the_hall_is_closed(
    make_kiosk: MakeKiosk, runtime: Runtime, tmp_path: Path
) -> None:
    hall = make_hall(make_kiosk, runtime, tmp_path, staff=True)
    kiosk = hall.kiosk
    assert hall.shell.stack.currentWidget() is hall.operator.guard.dark
    kiosk.set_pin()
    kiosk.hold_corner()
    assert kiosk.staff.pinpad.isVisible(), "the hold in the corner opens the PIN pad on a dark kiosk"
    kiosk.enter_pin()
    assert kiosk.staff.panel.isVisible()


def test_staff_mode_ends_a_visit_as_staff(make_kiosk: MakeKiosk, runtime: Runtime, tmp_path: Path) -> None:
    hall = make_hall(make_kiosk, runtime, tmp_path, staff=True)
    shell, gate = hall.shell, hall.kiosk.staff
    hall.kiosk.set_pin()
    hall.run_until(clock_at(10))
    hall.touch(shell.player)
    hall.run_until(clock_at(10, 0, 30), step_s=1)
    gate.request()
    assert gate.pinpad.isVisible()
    hall.run_until(clock_at(10, 1), step_s=1)
    assert hall.operator.recorder is not None
    hall.operator.recorder.store.flush()
    sessions = StatsReader.for_data_dir(hall.locations.data_dir).rows("sessions", TUESDAY, TUESDAY)
    assert [row[1:5] for row in sessions] == [
        ("2024-03-05 10:00:00.000", "2024-03-05 10:00:30.000", 30.0, "staff")
    ]
