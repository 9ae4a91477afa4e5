from desktop_app.core.services.activity_list import ActivityFilter, count_activities, list_activities
from desktop_app.core.operations.demo import generate


def test_keyset_paging_walks_every_row_once_in_order(unit_ws):
    generate(unit_ws, 700, seed=4)  # many activities share a date, some share a title
    flt = ActivityFilter()
    with unit_ws.reading() as session:
        everything = list_activities(session, flt)
        pages, last = [], None
        while True:
            page = list_activities(session, flt, limit=64, after=last)
            if not page:
                break
            pages += page
            last = page[-1]
        assert count_activities(session, flt) == 700
    assert [r.id for r in pages] == [r.id for r in everything]
    assert len({r.id for r in pages}) == 700
    dates = [r.date_from for r in pages]
    assert dates == sorted(dates, reverse=True)
