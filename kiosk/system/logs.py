"""Logging to rotating files in the data dir: bounded in size, one line per state change."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

LOG_FILE = "kiosk.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 4
# One record (a long traceback, a huge repr) is cut here, so no single record can overrun a file.
MAX_RECORD_CHARS = 20_000
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _BoundedFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if len(text) > MAX_RECORD_CHARS:
            cut = len(text) - MAX_RECORD_CHARS
            text = f"{text[:MAX_RECORD_CHARS]} [... {cut} more characters cut]"
        return text


class _BoundedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Rotates on the UTF-8 size of a record, not its length in characters.

    The standard handler compares characters with `maxBytes`, so a log of Chinese text (three bytes a
    character) could grow each file to three times its budget.
    """

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging API
        if self.stream is None:
            self.stream = self._open()
        position = self.stream.tell()
        if self.maxBytes <= 0 or position == 0:
            return False
        size = len((self.format(record) + self.terminator).encode("utf-8", "replace"))
        return position + size > self.maxBytes


def setup_logging(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to `log_dir/kiosk.log` (at most 5 MB in all) and to stderr; returns the log file."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(_BoundedFormatter(_FORMAT))
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = _BoundedRotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger(__name__).warning("cannot log to %s: %s", log_dir, error)
        return None
    file_handler.setFormatter(_BoundedFormatter(_FORMAT))
    root.addHandler(file_handler)
    return log_dir / LOG_FILE


@dataclass(frozen=True)
class RecentRecord:
    created: float  # seconds since the epoch, as `LogRecord.created`
    message: str


class RecentRecords(logging.Handler):
    """The last `size` records at `level` or above, kept in memory for a page or a status file to show.

    Only the time and the message are kept (cut like a file's record), not the record and its
    arguments, so what is held stays small however long the kiosk runs."""

    def __init__(self, level: int, size: int) -> None:
        super().__init__(level)
        self.records: deque[RecentRecord] = deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(RecentRecord(record.created, record.getMessage()[:MAX_RECORD_CHARS]))
