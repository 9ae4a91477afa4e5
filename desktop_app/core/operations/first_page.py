"""The first screen read light: what the activity list shows when the program opens, read
with plain ``sqlite3`` before SQLAlchemy and the models are loaded (about a second of a
cold start on an office PC).

It reads, read-only and in one snapshot, exactly what the real path reads for the list as
it opens (no filter): the count, the first page in the list's order, the catalog names the
rows show, and who this installation is (the window's title and header). The GUI paints
that, then opens the workspace on its database worker and hands over to the real model,
which reads the same rows (``tests/ui/test_first_page.py`` holds the two readings equal).

Whenever the light read cannot stand for the real one it answers None and the program
takes the normal path: no database yet (first start), a database whose schema revision is
not the one the migration files declare (it needs migrating, or is newer than this
program), no installation (the setup dialog comes first), or any SQLite error (a locked,
busy, damaged or foreign file: the normal path explains it). Nothing here imports
SQLAlchemy or Qt, and nothing is written.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.db.layout import DB_NAME, declared_head  # noqa: F401 - DB_NAME: for the entry point
from desktop_app.core.domain.enums import Catalog
from desktop_app.core.domain.listing import ActivityRow
from desktop_app.core.domain.units import unit_label

BUSY_TIMEOUT_S = 2.0  # a file held by another program: the normal path waits and explains
# The catalogs whose names the list shows (product type; event type in the events list).
SHOWN_CATALOGS = (Catalog.PRODUCT_TYPE.value, Catalog.EVENT_TYPE.value)


class CatalogName(NamedTuple):
    """A catalog item's names (what ``ui.widgets.item_name`` reads)."""

    name_vi: str
    name_en: str | None


@dataclass(frozen=True)
class FirstScreen:
    """What the first screen shows, read light."""

    role: str
    unit_label: str  # the unit's name with its parent's (``core.domain.units.unit_label``)
    officer: str | None
    total: int  # activities the list as it opens counts
    rows: list[ActivityRow]  # its first page
    names: dict[str, dict[str, CatalogName]] = field(default_factory=dict)  # catalog -> code -> names


# The list as it opens: every activity not deleted, newest first, then in Vietnamese title
# order (sort_key), then by id; chosen in the list-order index, then joined to its unit and
# types -- the statement core.services.activity_list builds for an empty filter.
_COUNT = "SELECT (SELECT count(*) FROM activity) - (SELECT count(*) FROM activity WHERE deleted IS 1)"
_PAGE = """
SELECT activity.id, activity.date_from, activity.date_to, activity.kind, activity.status, activity.title,
       org_unit.code, org_unit.name, pt.code, activity.deleted, activity.sort_key, et.code
FROM (SELECT activity.id AS chosen_id FROM activity WHERE activity.deleted IS 0
      ORDER BY activity.date_from DESC, activity.sort_key, activity.id LIMIT ?) AS chosen
JOIN activity ON activity.id = chosen.chosen_id
JOIN org_unit ON org_unit.id = activity.unit_id
LEFT OUTER JOIN catalog_item AS pt ON pt.id = activity.product_type_id
LEFT OUTER JOIN catalog_item AS et ON et.id = activity.event_type_id
ORDER BY activity.date_from DESC, activity.sort_key, activity.id
"""
_ME = """
SELECT installation.role, installation.officer_name, unit.name, unit.kind, parent.name
FROM installation JOIN org_unit AS unit ON unit.id = installation.unit_id
LEFT OUTER JOIN org_unit AS parent ON parent.id = unit.parent_id
"""


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def read_first_screen(db_path: Path, limit: int) -> FirstScreen | None:
    """The first screen of the database at ``db_path`` (its first ``limit`` rows), or None
    when the normal start must decide (see the module's notes)."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    head = declared_head()
    if head is None:
        return None
    try:
        uri = db_path.resolve().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)) as conn:
            conn.execute("BEGIN")  # one snapshot for every statement below
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables or "installation" not in tables:
                return None
            if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
                return None  # a migration is due (or the file is newer than this program)
            me = conn.execute(_ME).fetchone()
            if me is None:
                return None  # not set up yet: the setup dialog comes first
            role, officer, unit_name, unit_kind, parent_name = me
            label = unit_label(unit_name, unit_kind, parent_name)
            total = conn.execute(_COUNT).fetchone()[0] or 0
            rows = [
                ActivityRow(id_, _day(start), _day(end), kind, status, title, code, unit, product, bool(deleted), sort, event)
                for id_, start, end, kind, status, title, code, unit, product, deleted, sort, event in (
                    conn.execute(_PAGE, (limit,)) if total else ()
                )
            ]
            names: dict[str, dict[str, CatalogName]] = {catalog: {} for catalog in SHOWN_CATALOGS}
            marks = ", ".join("?" * len(SHOWN_CATALOGS))
            for catalog, code, name_vi, name_en in conn.execute(
                f"SELECT catalog, code, name_vi, name_en FROM catalog_item WHERE deleted IS 0 AND catalog IN ({marks})",
                SHOWN_CATALOGS,
            ):
                names[catalog][code] = CatalogName(name_vi, name_en)
            return FirstScreen(role, label, officer, total, rows, names)
    except (sqlite3.Error, ValueError):  # locked, busy, damaged, not ours, a date not ISO
        return None


class FirstScreenRead:
    """:func:`read_first_screen` on a thread of its own, started at once: ``sqlite3`` lets
    go of the interpreter while it reads, so the read overlaps with loading Qt and building
    the window, and the GUI thread only waits for what is not read yet."""

    def __init__(self, db_path: Path, limit: int) -> None:
        self._result: FirstScreen | None = None
        self._thread = threading.Thread(target=self._run, args=(db_path, limit), name="ttdn-first-page", daemon=True)
        self._thread.start()

    def _run(self, db_path: Path, limit: int) -> None:
        self._result = read_first_screen(db_path, limit)

    def result(self) -> FirstScreen | None:
        self._thread.join()
        return self._result
