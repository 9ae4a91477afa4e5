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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import ColumnElement, Table, bindparam, insert, literal_column, text
from sqlalchemy.engine import Connection, Dialect

SEARCH_TABLE = "activity_search"
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


class SearchBatch:
    """Activities inserted by the thousand in one transaction (an import): on SQLite the
    index's per-row insert trigger is dropped for that transaction and each batch of new
    rows enters the index in one statement, which costs several times less; :meth:`finish`
    puts the trigger back before the commit (a rollback puts it back too: SQLite's DDL is
    transactional). Updates and deletions keep their triggers. Elsewhere: nothing."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.enabled = is_sqlite(connection) and _has_table(connection)
        self.suspended = False
        self.mark = 0

    def before_insert(self) -> None:
        """Call before inserting a batch of activities."""
        if not self.enabled:
            return
        if not self.suspended:
            self.connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {SEARCH_TABLE}_ai")
            self.suspended = True
        self.mark = self.connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM activity").scalar_one()

    def added(self, ids: list[str]) -> None:
        """Index the activities ``ids`` just inserted (after :meth:`before_insert`)."""
        if not self.suspended or not ids:
            return
        # New rows take rowids above the highest one (SQLite only picks others once
        # rowids run out); those that did not are indexed by id.
        done = self.connection.execute(
            text(f"INSERT INTO {SEARCH_TABLE}(rowid, search_key) SELECT rowid, search_key FROM activity WHERE rowid > :mark"),
            {"mark": self.mark},
        ).rowcount
        if done != len(ids):
            statement = text(
                f"INSERT INTO {SEARCH_TABLE}(rowid, search_key) SELECT rowid, search_key FROM activity"
                " WHERE rowid <= :mark AND id IN :ids"
            ).bindparams(bindparam("ids", expanding=True))
            for start in range(0, len(ids), 500):
                self.connection.execute(statement, {"mark": self.mark, "ids": ids[start : start + 500]})

    def finish(self) -> None:
        """Put the insert trigger back (before the commit)."""
        if self.suspended:
            self.connection.exec_driver_sql(_TRIGGERS[f"{SEARCH_TABLE}_ai"])
            self.suspended = False


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys: column names) into ``table`` in one
    executemany. On SQLite the statement is compiled once and the values go to the driver
    as tuples through the columns' own bind processors (SQLAlchemy's per-row handling of
    parameter dicts costs more than SQLite's insert); elsewhere a plain Core insert."""
    if not rows:
        return
    if not is_sqlite(connection):
        connection.execute(insert(table), rows)
        return
    sql, order, processors, keeps_none = _compiled_insert(connection.dialect, table, tuple(rows[0]))
    if all(process is None for process in processors):
        values = [tuple(map(row.__getitem__, order)) for row in rows]
    else:
        values = [
            tuple(
                value if process is None or (value is None and keep) else process(value)
                for value, process, keep in zip(map(row.__getitem__, order), processors, keeps_none)
            )
            for row in rows
        ]
    connection.exec_driver_sql(sql, values)


@lru_cache(maxsize=64)
def _compiled_insert(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], tuple[bool, ...]]:
    compiled = insert(table).values({name: bindparam(name) for name in columns}).compile(dialect=dialect)
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(columns):  # pragma: no cover - SQLite is positional
        raise RuntimeError("bulk_insert needs a positional paramstyle")
    processors = tuple(table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order)
    # A processor that keeps None as None is not called for None (most empty columns);
    # others (JSON stores None as 'null') are.
    keeps_none = tuple(process is None or process(None) is None for process in processors)
    return compiled.string, tuple(order), processors, keeps_none
