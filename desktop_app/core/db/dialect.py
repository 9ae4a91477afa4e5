"""The dialect seam: every SQLite-only speed-up of the program's queries lives here, so
the rest of the code writes portable SQLAlchemy and a later PostgreSQL database only
has to answer the questions asked below differently.

Today: a full-text index of the activities' folded search key (an FTS5 table with the
trigram tokenizer). ``search_key`` is already folded (case, diacritics, đ → d), so the
trigram index finds the same substrings a ``LIKE '%phrase%'`` on the key finds, without
scanning the table. It is an *external content* table over ``activity`` kept in step by
triggers, so every path that writes activities (services, the importer, the demo
generator, plain SQL) keeps it current without knowing about it.

On any other dialect, or for phrases shorter than a trigram, the search falls back to
the folded ``LIKE``; results and their order are the same either way.

Reports: SQLite plans without statistics and takes any index that serves a range, also
when the range holds most of the table; a wide table read row by row through an index
costs several times a plain scan. :func:`range_column` keeps the planner off the index
when the caller knows the range is wide (other databases plan from their statistics).
"""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import ColumnElement, literal_column, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

SEARCH_TABLE = "activity_search"
WIDE_RANGE_SHARE = 0.2  # above this part of the table, a scan reads it faster than an index
MIN_INDEXED_LENGTH = 3  # a trigram: shorter phrases cannot use the index
_TRIGGERS = {
    f"{SEARCH_TABLE}_ai": f"""
        CREATE TRIGGER {SEARCH_TABLE}_ai AFTER INSERT ON activity BEGIN
            INSERT INTO {SEARCH_TABLE}(rowid, search_key) VALUES (new.rowid, new.search_key);
        END""",
    f"{SEARCH_TABLE}_ad": f"""
        CREATE TRIGGER {SEARCH_TABLE}_ad AFTER DELETE ON activity BEGIN
            INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
        END""",
    f"{SEARCH_TABLE}_au": f"""
        CREATE TRIGGER {SEARCH_TABLE}_au AFTER UPDATE OF search_key ON activity BEGIN
            INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
            INSERT INTO {SEARCH_TABLE}(rowid, search_key) VALUES (new.rowid, new.search_key);
        END""",
}


def is_sqlite(bind: Any) -> bool:
    """``bind``: a Connection, Engine or Session."""
    get_bind = getattr(bind, "get_bind", None)
    return (get_bind() if get_bind else bind).dialect.name == "sqlite"


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """For Alembic's comparison: the search index and its FTS5 shadow tables are not
    models; they are made and kept by this module."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


def create_search_index(connection: Connection) -> None:
    """Create the index and its triggers and fill it from the table (a migration step)."""
    if not is_sqlite(connection):
        return
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
        "search_key, content='activity', tokenize='trigram')"
    )
    _create_triggers(connection)
    connection.exec_driver_sql(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")


def drop_search_index(connection: Connection) -> None:
    if not is_sqlite(connection):
        return
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")


def repair_search_index(connection: Connection) -> bool:
    """After migrations: a batch rebuild of ``activity`` drops its triggers and may
    renumber its rows, so an index without all its triggers is rebuilt. True if it was."""
    if not is_sqlite(connection) or not _has_table(connection):
        return False
    present = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'activity'"
        )
    }
    if set(_TRIGGERS) <= present:
        return False
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    _create_triggers(connection)
    connection.exec_driver_sql(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")
    return True


def _create_triggers(connection: Connection) -> None:
    for ddl in _TRIGGERS.values():
        connection.exec_driver_sql(ddl)


def _has_table(connection: Connection) -> bool:
    row = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
    ).first()
    return row is not None


def folded_contains(bind: Any, key_column: Any, phrase: str) -> ColumnElement[bool]:
    """Rows of ``activity`` whose folded ``search_key`` contains ``phrase`` (already
    folded). On SQLite and for phrases of a trigram or more, through the index; the
    ``LIKE`` stays as the definition (and checks the few rows the index returns)."""
    like = key_column.contains(phrase, autoescape=True)
    if len(phrase) < MIN_INDEXED_LENGTH or not is_sqlite(bind):
        return like
    quoted = '"' + phrase.replace('"', '""') + '"'
    matching = text(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :fts_phrase").bindparams(
        fts_phrase=quoted
    )
    return literal_column("activity.rowid").in_(matching) & like


def range_column(bind: Any, column: Any, share: Callable[[], float]) -> ColumnElement:
    """``column`` to compare in a range condition. On SQLite, when ``share()`` (the part of
    the table the range holds, 0-1) is above WIDE_RANGE_SHARE, the column is wrapped in a
    unary ``+``: the same values, but no index is used for the range, so the table is read
    in one pass instead of row by row through the index (measured: about four times faster
    for a year of 100,000 activities). Elsewhere the column as it is; ``share`` is not called."""
    if not is_sqlite(bind) or share() <= WIDE_RANGE_SHARE:
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)
