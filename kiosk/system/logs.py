"""Logging to rotating files in the data dir: bounded in size, one line per state change."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kiosk.clock import Clock, SystemClock
from kiosk.system.backoff import FIRST_WAIT_S, LONGEST_WAIT_S, Backoff, duration_text

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
    """Rotates on the UTF-8 size of a record, and survives a full disk or a removed log folder.

    The standard handler compares characters with `maxBytes`, so a log of Chinese text (three bytes a
    character) could grow each file to three times its budget. And it prints a traceback to stderr
    for every record it cannot write: with a full disk, one per log line. Here a write that fails is
    said once on stderr; records are then dropped and the file tried again quietly (1 s doubling to
    5 min); the first record written again is preceded by one line saying how many were lost. A log
    file removed while the kiosk runs (its data dir deleted) is made again, as WatchedFileHandler does.
    """

    def __init__(self, filename: Path, max_bytes: int, backups: int, clock: Clock) -> None:
        super().__init__(filename, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        self._backoff = Backoff(clock)
        self._lost = 0
        self._opened = self._identity_of_stream()

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging API
        position = self._ensure_stream().tell()
        if self.maxBytes <= 0 or position == 0:
            return False
        size = len((self.format(record) + self.terminator).encode("utf-8", "replace"))
        return position + size > self.maxBytes

    def emit(self, record: logging.LogRecord) -> None:
        if not self._backoff.due():
            self._lost += 1
            return
        try:
            text = self.format(record)
        except Exception:
            self.handleError(record)  # a record that cannot be formatted is a bug: say it as logging does
            return
        try:
            self._reopen_if_removed()
            if self.shouldRollover(record):
                self.doRollover()
                self._drop_stream()  # reopened by the next write, which notes which file it is
            outage = self._backoff.outage_to_say()
            if outage is not None:
                text = self._recovery_line(record, outage) + self.terminator + text
            self._write(text)
        except OSError as error:
            self._failed(error)
            return
        self._backoff.recovered()
        self._lost = 0

    def _write(self, text: str) -> None:
        stream = self._ensure_stream()
        stream.write(text + self.terminator)
        stream.flush()

    def _ensure_stream(self) -> TextIO:
        if self.stream is None:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            self.stream = self._open()
            self._opened = self._identity_of_stream()
        return self.stream

    def _reopen_if_removed(self) -> None:
        if self.stream is None:
            return
        try:
            on_disk = os.stat(self.baseFilename)
            if (on_disk.st_dev, on_disk.st_ino) == self._opened:
                return
        except FileNotFoundError:
            pass
        self._drop_stream()

    def _failed(self, error: OSError) -> None:
        self._drop_stream()
        self._lost += 1
        if self._backoff.failed():
            # Not through logging: this handler is the one that cannot write. stderr is the journal.
            sys.stderr.write(
                f"kiosk: cannot write the log file {self.baseFilename} ({error.strerror or error}); log"
                f" records are dropped and the file is tried again quietly, every {FIRST_WAIT_S:.0f} s"
                f" doubling to {LONGEST_WAIT_S / 60:.0f} min; warnings and errors still go to stderr\n"
            )

    def _recovery_line(self, record: logging.LogRecord, outage: float) -> str:
        note = logging.LogRecord(
            __name__,
            logging.WARNING,
            __file__,
            0,
            "the log file is written again after %s; %d log records were lost meanwhile",
            (duration_text(outage), self._lost),
            None,
        )
        note.created = record.created
        return self.format(note)

    def _drop_stream(self) -> None:
        stream, self.stream = self.stream, None
        self._opened = None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()  # its unwritten buffer goes with it

    def _identity_of_stream(self) -> tuple[int, int] | None:
        if self.stream is None:
            return None
        status = os.fstat(self.stream.fileno())
        return status.st_dev, status.st_ino


def setup_logging(log_dir: Path | None, level: int = logging.INFO, clock: Clock | None = None) -> Path | None:
    """Log to `log_dir/kiosk.log` (at most 5 MB in all) and to stderr; returns the log file.
    `clock` times the retries of a log file that cannot be written."""
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
            log_dir / LOG_FILE, MAX_LOG_BYTES, LOG_BACKUPS, clock or SystemClock()
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
