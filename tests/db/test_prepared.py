"""The dialect's prepared statements give what SQLAlchemy's own execution gives: the same
rows with the same Python types (dates, booleans, NFC text), for every filter shape."""

from __future__ import annotations

from datetime import date

from desktop_app.core.db import dialect
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.operations.demo import generate
from desktop_app.core.services import activity_list
from desktop_app.core.services.activity_list import ActivityFilter, ActivityKey, _page_statement, _PageShape, _params, _shape


def test_prepared_rows_are_those_of_the_session(unit_ws):
    generate(unit_ws, 120, seed=7)
    filters = [
        ActivityFilter(),
        ActivityFilter(search="Hòa Đông"),
        ActivityFilter(search="an", kinds=["product", "event"]),
        ActivityFilter(period=parse_period("2024-Q3"), statuses=["submitted"]),
    ]
    after = ActivityKey(date(2024, 9, 30), "", "")
    with unit_ws.reading() as session:
        for flt in filters:
            filter_shape = _shape(flt, session)
            for shape, extra in (
                (_PageShape(filter_shape, True, False, False), {"limit": 7, "offset": 3}),
                (_PageShape(filter_shape, True, True, True), {"limit": 5, "offset": 0, "after_date": after.date_from,
                                                              "after_sort": after.sort_key, "after_id": after.id}),
            ):
                params = {**_params(flt, filter_shape), **extra}
                statement = _page_statement(shape)
                expected = [tuple(r) for r in session.execute(statement, params)]
                got = dialect.Prepared(_page_statement).rows(session, shape, params)
                assert got == expected and all(type(a) is type(b) for g, e in zip(got, expected) for a, b in zip(g, e))
                assert expected or shape.after  # a first page is never empty here: the types were compared
        with dialect.quick_read(unit_ws.db.engine, unit_ws.db.session) as reader:
            total, rows = activity_list.first_page(reader, ActivityFilter(search="hoa dong"), 4)
        assert (total, rows) == activity_list.first_page(session, ActivityFilter(search="hoa dong"), 4)
        assert total > 4 and isinstance(rows[0].date_from, date) and isinstance(rows[0].deleted, bool)
