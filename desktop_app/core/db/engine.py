"""SQLite engines with the pragmas this program relies on, set on every connection."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on the SQLite file ``path``.

    Every connection gets WAL, ``synchronous=FULL`` (power cuts are common where this
    runs), a busy timeout and, unless ``foreign_keys`` is false (migrations only),
    enforced foreign keys. The driver's own transaction handling is switched off and
    SQLAlchemy's ``begin`` emits ``BEGIN``, so pragmas are never swallowed by an
    implicit transaction and savepoints work.
    """
    engine = create_engine(sqlite_url(path))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine
