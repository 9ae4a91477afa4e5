"""SQLite engines with the pragmas this program relies on, set on every connection."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

BUSY_TIMEOUT_MS = 10_000
# SQLite's page cache per connection, in KiB (its default is 2 MiB). An import writes
# into a dozen indexes at random places (ids are UUIDs); with the default cache each
# insert at 100,000 activities reads and rewrites pages from disk, 2-3x the time.
CACHE_KIB = 32_768


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on the SQLite file ``path``.

    Every connection gets WAL, ``synchronous=FULL`` (power cuts are common where this
    runs), a 32 MiB page cache, a busy timeout and, unless ``foreign_keys`` is false (migrations only),
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
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine
