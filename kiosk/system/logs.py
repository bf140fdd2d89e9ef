"""Logging to rotating files in the data dir: bounded in size, one line per state change."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE = "kiosk.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 4
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to `log_dir/kiosk.log` (at most 5 MB in all) and to stderr; returns the log file."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter(_FORMAT))
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger(__name__).warning("cannot log to %s: %s", log_dir, error)
        return None
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(file_handler)
    return log_dir / LOG_FILE
