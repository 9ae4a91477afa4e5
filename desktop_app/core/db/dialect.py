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

And :class:`Prepared`: a query of the hot paths (the activity list and its search), built
once with SQLAlchemy and, on SQLite, run as compiled SQL on the DBAPI connection behind
the session. SQLAlchemy's fixed cost of executing a statement (rebuilding it, its cache
key, the ORM's result machinery: about half a millisecond here) is most of what a search
with few matches costs; the SQL itself stays portable and other dialects run it through
the session as usual.

Reports: SQLite plans without statistics and takes any index that serves a range, also
when the range holds most of the table; a wide table read row by row through an index
costs several times a plain scan. :func:`scan_column` keeps the planner off the index
when the caller knows the range is wide (other databases plan from their statistics).
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache, partial
from typing import Any, Callable, Hashable, Iterator

from sqlalchemy import ColumnElement, Integer, Select, Table, bindparam, insert, literal_column, text
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from desktop_app.core.db.types import NFCString, UTCDateTime

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


SEARCH_LIKE = "search_like"  # the names of the search's parameters (see search_params)
SEARCH_MATCH = "search_match"


def uses_index(bind: Any, phrase: str) -> bool:
    """Whether a search for the folded ``phrase`` goes through the trigram index."""
    return len(phrase) >= MIN_INDEXED_LENGTH and is_sqlite(bind)


def search_condition(key_column: Any, indexed: bool, phrase: str | None = None) -> ColumnElement[bool]:
    """Rows of ``activity`` whose folded ``search_key`` contains the phrase given in the
    parameters :func:`search_params` makes (or ``phrase``, folded, bound here): through
    the index when ``indexed``. A trigram phrase query finds exactly the rows whose key
    has the phrase as a substring (both sides are folded the same way; tested against
    the ``LIKE``), so the rows themselves need not be read to check it."""
    values = search_params(phrase, indexed) if phrase is not None else {}
    if not indexed:
        return key_column.contains(bindparam(SEARCH_LIKE, values.get(SEARCH_LIKE)), escape="/")
    matching = text(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :{SEARCH_MATCH}")
    if phrase is not None:
        matching = matching.bindparams(**{SEARCH_MATCH: values[SEARCH_MATCH]})
    return literal_column("activity.rowid").in_(matching)


def search_params(phrase: str, indexed: bool) -> dict[str, str]:
    """The values of :func:`search_condition`'s parameters for the folded ``phrase``."""
    if indexed:
        return {SEARCH_MATCH: '"' + phrase.replace('"', '""') + '"'}
    return {SEARCH_LIKE: phrase.replace("/", "//").replace("%", "/%").replace("_", "/_")}


def live_matches_count() -> Any:
    """How many activities not deleted the index finds for the phrase in
    :func:`search_params`: counted in the index alone, less the deleted rows among them
    (found in the list-order index, whose first column is ``deleted``), so no row is read."""
    return text(
        f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :{SEARCH_MATCH}"
        " AND rowid NOT IN (SELECT rowid FROM activity WHERE deleted = 1)"
    ).columns(literal_column("n", Integer))


def folded_contains(bind: Any, key_column: Any, phrase: str) -> ColumnElement[bool]:
    """Rows of ``activity`` whose folded ``search_key`` contains ``phrase`` (already
    folded). On SQLite and for phrases of a trigram or more, through the index."""
    return search_condition(key_column, uses_index(bind, phrase), phrase)


class Prepared:
    """Queries built once per shape and run many times with new parameter values.

    ``build(shape)`` makes the statement for a hashable ``shape`` (what the query's
    structure depends on: which filters are set, how many values an ``IN`` has); its
    values are named ``bindparam``s, given to :meth:`rows`. On SQLite the statement is
    compiled once and run on the session's DBAPI connection, the columns' own conversions
    (dates, NFC text) applied by hand; on other dialects ``session.execute`` runs it."""

    KEPT = 64  # shapes kept (the least recently used are dropped)

    def __init__(self, build: Callable[[Hashable], Select]) -> None:
        self._build = build
        self._statements: OrderedDict[Hashable, Select] = OrderedDict()
        self._compiled: dict[tuple[str, Hashable], _Compiled] = {}

    def statement(self, shape: Hashable) -> Select:
        found = self._statements.get(shape)
        if found is None:
            found = self._statements[shape] = self._build(shape)
            while len(self._statements) > self.KEPT:
                dropped, _ = self._statements.popitem(last=False)
                self._compiled = {k: v for k, v in self._compiled.items() if k[1] != dropped}
        else:
            self._statements.move_to_end(shape)
        return found

    def rows(self, session: Session | QuickRead, shape: Hashable, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """``session``: a Session, or the connection :func:`quick_read` gives."""
        statement = self.statement(shape)
        if isinstance(session, QuickRead):
            connection, dialect = session.connection, session.dialect
        elif is_sqlite(session):
            connection, dialect = session.connection().connection.driver_connection, session.get_bind().dialect
        else:
            return [tuple(row) for row in session.execute(statement, params)]
        compiled = self._compiled.get((dialect.name, shape))
        if compiled is None:
            compiled = self._compiled[(dialect.name, shape)] = _Compiled(statement, dialect)
        return compiled.run(connection, params)


class QuickRead:
    """One read transaction on a pooled SQLite connection, without a Session: for the
    queries of :class:`Prepared` on the hot paths (a Session's own start and end cost
    about as much as a search with few matches)."""

    def __init__(self, connection: Any, dialect: Any) -> None:
        self.connection, self.dialect = connection, dialect


@contextmanager
def quick_read(engine: Engine, sessions: Callable[[], Session]) -> Iterator[Session | QuickRead]:
    """A consistent look at the data for :class:`Prepared` queries: on SQLite a
    :class:`QuickRead` (its statements see one snapshot), elsewhere a Session."""
    if engine.dialect.name != "sqlite":
        with sessions() as session:
            yield session
        return
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        connection.execute("BEGIN")
        try:
            yield QuickRead(connection, engine.dialect)
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    finally:
        pooled.close()  # back to the pool


class _Compiled:
    """One statement as SQL text for the DBAPI, with its parameters' and columns' conversions."""

    def __init__(self, statement: Select, dialect: Any) -> None:
        compiled = statement.compile(dialect=dialect)
        if "POSTCOMPILE" in compiled.string:
            raise ValueError("a prepared statement cannot have expanding IN parameters")
        self.sql = compiled.string
        defaults = compiled.params
        self.binds = [
            (name, defaults.get(name), dialect.type_descriptor(compiled.binds[name].type).bind_processor(dialect))
            for name in compiled.positiontup or ()
        ]
        self.results = [
            dialect.type_descriptor(column.type).result_processor(dialect, None) for column in statement.selected_columns
        ]
        self.plain = not any(self.results)

    def run(self, connection: Any, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        values = []
        for name, default, process in self.binds:
            value = params.get(name, default)
            values.append(process(value) if process is not None and value is not None else value)
        rows = connection.execute(self.sql, values).fetchall()
        if self.plain:
            return rows
        processors = self.results
        return [
            tuple(value if process is None or value is None else process(value) for process, value in zip(processors, row))
            for row in rows
        ]


def scan_column(bind: Any, column: Any, share: Callable[[], float]) -> ColumnElement:
    """``column`` to test in a condition over a part of its table. On SQLite, when
    ``share()`` (the part of the table the conditions hold, 0-1) is above WIDE_RANGE_SHARE,
    the column is wrapped in a unary ``+``: the same values, but no index serves the
    condition, so the table is read in one pass instead of row by row through an index
    (measured: about four times faster for a year of 100,000 activities). Elsewhere the
    column as it is; ``share`` is not called."""
    if not is_sqlite(bind) or share() <= WIDE_RANGE_SHARE:
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


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


BULK_CACHE_KIB = 65_536  # 64 MiB: an import of 100,000 activities keeps most of its index pages in memory


@contextmanager
def bulk_write_cache(connection: Connection) -> Iterator[None]:
    """A large SQLite page cache on ``connection`` while a bulk write runs (an import).
    The rows go into a dozen indexes at random places (ids are UUIDs): with SQLite's
    default 2 MiB each insert at 100,000 activities re-reads and rewrites pages of the
    file (activity inserts 6.5 s against 2.2 s with 32 MiB). Only the import's connection
    gets it, for the import: other connections (reports, the list) keep the default, so
    their memory stays as it was. The connection's own size comes back afterwards, also
    when the write fails."""
    if not is_sqlite(connection):
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys: column names) into ``table`` in one
    executemany. On SQLite the statement is compiled once and the values go to the driver
    as tuples, converted column by column by the columns' own bind processors (SQLAlchemy's
    per-row handling of parameter dicts costs more than SQLite's insert); elsewhere a plain
    Core insert."""
    if not rows:
        return
    if not is_sqlite(connection):
        connection.execute(insert(table), rows)
        return
    sql, order, processors, for_none = _compiled_insert(connection.dialect, table, tuple(rows[0]))
    columns = []
    for name, process, none in zip(order, processors, for_none):
        column = [row[name] for row in rows]
        if process is not None:
            column = [none if value is None else process(value) for value in column]
        columns.append(column)
    connection.exec_driver_sql(sql, list(zip(*columns)))


def _utc_text(value: datetime) -> str:
    """What :class:`UTCDateTime` binds on SQLite, without its three layers of calls:
    naive UTC in SQLAlchemy's storage format (microseconds always written)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")


def _bind_processor(column_type: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column's bind processor for a non-None value. The program's own text and time
    types get a direct equivalent of what SQLAlchemy composes for them (tested equal)."""
    if isinstance(column_type, NFCString):
        return partial(unicodedata.normalize, "NFC")
    if isinstance(column_type, UTCDateTime) and dialect.name == "sqlite":
        return _utc_text
    return column_type.dialect_impl(dialect).bind_processor(dialect)


@lru_cache(maxsize=64)
def _compiled_insert(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], tuple[Any, ...]]:
    compiled = insert(table).values({name: bindparam(name) for name in columns}).compile(dialect=dialect)
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(columns):  # pragma: no cover - SQLite is positional
        raise RuntimeError("bulk_insert needs a positional paramstyle")
    types = [table.c[name].type for name in order]
    processors = tuple(_bind_processor(column_type, dialect) for column_type in types)
    # What each column's own processor makes of None (None, or 'null' for JSON), worked
    # out once: most columns of most rows are empty.
    own = [column_type.dialect_impl(dialect).bind_processor(dialect) for column_type in types]
    for_none = tuple(None if process is None else process(None) for process in own)
    return compiled.string, tuple(order), processors, for_none
