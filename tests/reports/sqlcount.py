"""Independent counts in plain SQL (no program code): what a person with the database and
a query tool would count for a report. Drafts and returned records are left out."""

from __future__ import annotations

from sqlalchemy import text

COUNTED = (
    "a.deleted = 0 AND a.status NOT IN ('draft', 'returned') AND NOT EXISTS ("
    "SELECT 1 FROM review r WHERE r.activity_id = a.id AND r.deleted = 0 AND r.decision = 'returned'"
    " AND r.activity_version = a.ver_origin || ':' || a.ver_counter)"
)


def _where(start: str, end: str, unit_ids) -> tuple[str, dict]:
    params = {"start": start, "end": end}
    sql = f"{COUNTED} AND a.date_from BETWEEN :start AND :end"
    if unit_ids is not None:
        names = []
        for i, unit in enumerate(sorted(unit_ids)):
            params[f"u{i}"] = unit
            names.append(f":u{i}")
        sql += f" AND a.unit_id IN ({', '.join(names) or 'NULL'})"
    return sql, params


def activities(session, start: str, end: str, unit_ids=None):
    where, params = _where(start, end, unit_ids)
    return session.execute(text(f"SELECT a.* FROM activity a WHERE {where}"), params).all()


def participants(session, start: str, end: str, unit_ids=None):
    """Present delegates of counted events, a person once per event."""
    where, params = _where(start, end, unit_ids)
    return session.execute(
        text(f"SELECT p.*, a.unit_id AS event_unit FROM participant p JOIN activity a ON a.id = p.activity_id "
             f"WHERE p.deleted = 0 AND p.absent = 0 AND a.kind = 'event' AND {where} "
             "AND p.id = (SELECT min(q.id) FROM participant q WHERE q.activity_id = p.activity_id AND q.person_key = p.person_key"
             " AND q.deleted = 0 AND q.absent = 0)"),
        params,
    ).all()


def all_activities(session, start: str, end: str):
    """Every live activity dated in the period, counted or not."""
    return session.execute(text("SELECT a.* FROM activity a WHERE a.deleted = 0 AND a.date_from BETWEEN :s AND :e"), {"s": start, "e": end}).all()


def event_participants(session, event_id: str) -> int:
    return session.execute(
        text("SELECT count(DISTINCT person_key) FROM participant WHERE deleted = 0 AND absent = 0 AND activity_id = :e"), {"e": event_id}
    ).scalar()
