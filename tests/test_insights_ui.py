"""The operator's staff widgets: the Insights page reads what was recorded, the hours editor edits
opening hours by touch; both in zh and en, landscape and portrait."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.clock import ManualClock
from kiosk.opening_hours import OpeningHours, OpeningPeriod
from kiosk.settings import Settings, load_settings, save_settings
from kiosk.system.stats import StatsStore
from kiosk.system.stats_db import stats_path
from kiosk.system.stats_report import StatsReader
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.staff.hours.hours_editor import HoursEditor
from kiosk.ui.staff.insights.insights_page import InsightsPage

TODAY = dt.date(2024, 3, 5)


def moment(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second))


def record_two_days(data_dir: Path, slides: list[str]) -> None:
    store = StatsStore(stats_path(data_dir), now=moment(TODAY, 18))
    yesterday = TODAY - dt.timedelta(days=1)
    for day, visits in (
        (yesterday, [(10, "zh", ["hub", "industry"])]),
        (TODAY, [(10, "zh", ["hub", "industry", "regional"]), (15, "en", ["hub", "industry"])]),
    ):
        for hour, language, pages in visits:
            start = moment(day, hour)
            session = store.begin_session(start, language)
            for index, page in enumerate(pages):
                store.record_page_view(
                    session,
                    page,
                    language,
                    start + dt.timedelta(seconds=30 * index),
                    start + dt.timedelta(seconds=30 * index + 30),
                )
            store.end_session(
                session,
                start,
                start + dt.timedelta(seconds=30 * len(pages) + 70),
                "idle",
                language,
                len(pages),
            )
    for index in range(5):
        began = moment(TODAY, 9, index)
        store.record_play(
            slides[index % 2],
            "full",
            began,
            began + dt.timedelta(seconds=60 if index != 4 else 20),
            "completed" if index != 4 else "visitor",
        )
    store.record_play(slides[0], "full", moment(yesterday, 9), moment(yesterday, 9, 1), "completed")
    store.close()


def texts(widget: QWidget) -> list[str]:
    return [
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()
    ]


@pytest.mark.parametrize(("language", "size"), [("zh", QSize(1920, 1080)), ("en", QSize(1080, 1920))])
def test_the_insights_page_shows_what_was_recorded(
    runtime: Runtime, tmp_path: Path, language: str, size: QSize
) -> None:
    slides = [runtime.pack.slides[0].id, runtime.pack.slides[1].id]
    record_two_days(tmp_path, slides)
    clock = ManualClock(moment(TODAY, 18))
    page = InsightsPage(StatsReader.for_data_dir(tmp_path), clock, runtime.pack, runtime.family, language)  # type: ignore[arg-type]
    page.refresh()
    grab(page, size)
    shown = texts(page)
    # 3 visits of 130, 160 and 130 s; 7 page views; one in English.
    assert {"3", "7", "33%"} <= set(shown)
    assert ("2 分 10 秒" if language == "zh" else "2 min 10 s") in shown
    topic_counts = [label.toPlainText() for label in page.topics.labels]
    assert topic_counts == ["3", "3", "1"]  # hub 3, industry 3, regional 1
    assert [label.toPlainText() for label in page.plays.labels] == ["3", "2"]
    assert ("3月5日" if language == "zh" else "5 Mar") in shown
    assert not page.next_day.isEnabled(), "no proof of play for days to come"
    page.previous_day.click()
    assert [label.toPlainText() for label in page.plays.labels] == ["1"]
    assert page.next_day.isEnabled()
    discard(page)


def test_the_insights_page_says_when_nothing_was_recorded(runtime: Runtime, tmp_path: Path) -> None:
    page = InsightsPage(
        StatsReader.for_data_dir(tmp_path), ManualClock(moment(TODAY, 18)), runtime.pack, runtime.family, "en"
    )
    page.refresh()
    grab(page, QSize(1920, 1080))
    assert "Nothing recorded yet" in texts(page) and "Nothing played on this day" in texts(page)
    discard(page)


def button(widget: QWidget, name: str) -> QPushButton:
    found = widget.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_staff_set_opening_hours_by_touch_and_the_result_saves(runtime: Runtime, tmp_path: Path) -> None:
    clock = ManualClock(moment(TODAY, 12))
    editor = HoursEditor(OpeningHours(), clock, "zh")
    grab(editor, QSize(1920, 1080))
    assert "开放时间" in texts(editor)
    for name in (
        "hours-follow",
        "hours-mon",
        "hours-tue-open-more",
        "hours-tue-close-less",
        "hours-tue-close-less",
        "hours-sun",
    ):
        QTest.mouseClick(button(editor, name), Qt.MouseButton.LeftButton)
    for _ in range(3):
        QTest.mouseClick(button(editor, "hours-date-more"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(button(editor, "hours-add-date"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(button(editor, "hours-wake-more"), Qt.MouseButton.LeftButton)
    hours = editor.hours()
    assert hours.enabled
    assert hours.week["mon"] == [OpeningPeriod("09:00", "17:00")]
    assert hours.week["tue"] == [OpeningPeriod("09:30", "16:00")]
    assert "sun" not in hours.week
    assert hours.closed_dates == ["2024-03-08"] and hours.wake_minutes == 6
    assert editor.problems() == []
    assert "2024年3月8日  ×" in [b.text() for b in editor.findChildren(QPushButton)]
    editor.set_language("en")
    assert "Opening hours" in texts(editor) and "Closed" in [
        b.text() for b in editor.findChildren(QPushButton)
    ]

    save_settings(tmp_path, Settings(opening_hours=hours))
    assert load_settings(tmp_path)[0].opening_hours == hours
    QTest.mouseClick(button(editor, "hours-date-2024-03-08"), Qt.MouseButton.LeftButton)
    assert editor.hours().closed_dates == []
    discard(editor)


def test_times_never_cross(runtime: Runtime) -> None:
    editor = HoursEditor(
        OpeningHours(enabled=True, week={"tue": [OpeningPeriod("09:00", "10:00")]}), ManualClock(), "en"
    )
    for _ in range(5):
        editor.shift("tue", "open", 1)
    assert editor.hours().week["tue"] == [OpeningPeriod("09:30", "10:00")]
    for _ in range(60):
        editor.shift("tue", "close", 1)
    assert editor.hours().week["tue"] == [OpeningPeriod("09:30", "24:00")]
    assert editor.problems() == []
    discard(editor)
