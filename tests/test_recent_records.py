"""The recent log records the diagnostics page and the status file show: bounded, by level, small."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from kiosk.system.logs import MAX_RECORD_CHARS, RecentRecords


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    named = logging.getLogger("kiosk.test.recent")
    named.setLevel(logging.DEBUG)
    named.propagate = False
    yield named
    named.handlers.clear()


def test_only_records_at_the_level_are_kept_the_latest_last(logger: logging.Logger) -> None:
    errors = RecentRecords(logging.ERROR, size=3)
    logger.addHandler(errors)
    logger.warning("a warning")
    for number in range(5):
        logger.error("error %d of %s", number, "five")
    assert [record.message for record in errors.records] == [
        "error 2 of five",
        "error 3 of five",
        "error 4 of five",
    ]


def test_each_record_keeps_its_time_and_a_bounded_message(logger: logging.Logger) -> None:
    warnings = RecentRecords(logging.WARNING, size=20)
    logger.addHandler(warnings)
    logger.warning("x" * (MAX_RECORD_CHARS + 500))
    (record,) = warnings.records
    assert len(record.message) == MAX_RECORD_CHARS
    assert record.created > 1_600_000_000, "seconds since the epoch, as the log file writes them"
