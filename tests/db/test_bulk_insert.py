"""The bulk insert of large imports stores exactly what the ORM stores: the same text
(NFC), the same timestamps (naive UTC, SQLAlchemy's format), the same JSON and booleans,
read back as the same values."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from desktop_app.core.db import dialect
from desktop_app.core.db.models import AuditEntry


def _rows() -> list[dict]:
    hanoi = timezone(timedelta(hours=7))
    decomposed = unicodedata.normalize("NFD", "Hoà Đông – ស្រុក")
    return [
        {"at": datetime(2026, 3, 4, 5, 6, 7, 891, tzinfo=UTC), "actor": decomposed, "origin_id": None,
         "table_name": "activity", "row_id": "a", "action": "import", "before": None, "after": '{"x": 1}'},
        {"at": datetime(2026, 3, 4, 12, 0, 0, tzinfo=hanoi), "actor": "Lâm Thị Hoà", "origin_id": "o1",
         "table_name": "activity", "row_id": "b", "action": "import", "before": "{}", "after": None},
        {"at": datetime(2026, 12, 31, 23, 59, 59, 999999), "actor": None, "origin_id": "o1",
         "table_name": "participant", "row_id": "c", "action": "update", "before": decomposed, "after": ""},
    ]


def test_bulk_insert_stores_what_the_orm_stores(unit_ws):
    workspace = unit_ws
    table = AuditEntry.__table__
    with workspace.writing() as session:
        connection = session.connection()
        connection.execute(insert(table), [dict(r, row_id="orm-" + r["row_id"]) for r in _rows()])
        dialect.bulk_insert(connection, table, [dict(r, row_id="bulk-" + r["row_id"]) for r in _rows()])
    with workspace.reading() as session:
        raw = {
            row[0]: row[1:]
            for row in session.connection().exec_driver_sql("SELECT row_id, at, actor, origin_id, \"before\", \"after\" FROM audit_entry")
        }
        typed = {r.row_id: (r.at, r.actor, r.before) for r in session.execute(select(table))}
    for key in ("a", "b", "c"):
        assert raw["bulk-" + key] == raw["orm-" + key]  # the stored text itself
        assert typed["bulk-" + key] == typed["orm-" + key]
    assert raw["bulk-b"][0] == "2026-03-04 05:00:00.000000"  # 12:00 in Hà Nội is 05:00 UTC
    assert typed["bulk-a"][1] == "Hoà Đông – ស្រុក" and unicodedata.is_normalized("NFC", typed["bulk-c"][2])


def test_the_bulk_cache_is_given_back_also_when_the_write_fails(workspace):

    with workspace.db.session() as session:
        connection = session.connection()
        own = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        with pytest.raises(RuntimeError):
            with dialect.bulk_write_cache(connection):
                assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == -dialect.BULK_CACHE_KIB
                raise RuntimeError("the import failed")
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == own != -dialect.BULK_CACHE_KIB
