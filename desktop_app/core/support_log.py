"""The support log: ``logs/ttdn.log`` in the data folder, rotated, without personal data.

It is what an officer sends when something goes wrong: program version, platform, what
the program did (backups, imports, migrations) and unexpected errors with their
tracebacks. Personal data is kept out: the program logs ids and counts, not names, and
every line is filtered once more (phone numbers, e-mail addresses and the user's home
folder name are masked) in case an error message carries some.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
from pathlib import Path

from desktop_app import __version__

LOG_DIR = "logs"
LOG_FILE = "ttdn.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_PHONE = re.compile(r"(?<![\w.])(?:\+?84|0)\d(?:[ .-]?\d){7,12}(?![\w.])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HOME = re.compile(r"(?i)([\\/](?:home|Users)[\\/])[^\\/\s'\"]+")


def redact(text: str) -> str:
    """``text`` with phone numbers, e-mail addresses and user folder names masked."""
    text = _EMAIL.sub("<e-mail>", text)
    text = _PHONE.sub("<số điện thoại>", text)
    return _HOME.sub(r"\1<user>", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_dir(data_dir: Path) -> Path:
    return data_dir / LOG_DIR


def setup(data_dir: Path, *, program: str = "gui", level: int = logging.INFO) -> Path:
    """Send the program's log records to the rotating log file of ``data_dir``.

    Idempotent: a second call for the same folder adds nothing. Returns the file's path.
    """
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(RedactingFormatter(_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    logging.getLogger(__name__).info(
        "start %s %s, Python %s, %s, frozen=%s",
        program,
        __version__,
        platform.python_version(),
        platform.platform(terse=True),
        bool(getattr(sys, "frozen", False)),
    )
    return path


def teardown(data_dir: Path) -> None:
    """Remove the handler :func:`setup` added for ``data_dir`` (tests, restarts)."""
    path = (log_dir(data_dir) / LOG_FILE).resolve()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            root.removeHandler(handler)
            handler.close()


def log_exception(exc_type, exc, tb) -> None:
    logging.getLogger("desktop_app.crash").error("unexpected error", exc_info=(exc_type, exc, tb))
