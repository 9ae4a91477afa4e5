"""One row of the activity list, as the list's query gives it: defined without SQLAlchemy,
so the first screen can be read with plain ``sqlite3`` before the ORM loads
(``operations/first_page.py``) and hold the same rows the real list then shows
(``services/activity_list.py``)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class ActivityRow(NamedTuple):
    id: str
    date_from: date
    date_to: date | None
    kind: str
    status: str
    title: str
    unit_code: str
    unit_name: str
    product_type: str | None
    deleted: bool
    sort_key: str  # with date_from and id, the position for keyset paging
    event_type: str | None = None  # the event type's code, for events


class ActivityKey(NamedTuple):
    """Where a row stands in the list's order (what keyset paging continues after)."""

    date_from: date
    sort_key: str
    id: str
