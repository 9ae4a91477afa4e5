"""The units' overview at the province (last package, gaps, silence, completeness and
timeliness per period) and the list of sync conflicts."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.core.domain.periods import month_label, parse_period
from desktop_app.core.sync.overview import conflicts, mark_conflicts_seen, units_overview
from desktop_app.core.services.unit_reports import save_unit_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sites import Site, copy_site  # noqa: E402

TODAY = date.today()
THIS_MONTH = month_label(TODAY)


@pytest.fixture
def network(tmp_path):
    """The province; Hòa Đông and Đại Ân 1 registered there; the Vĩnh Châu centre
    registered at the province and relaying for Hòa Đông's second computer."""
    sites: dict[str, Site] = {}
    province = sites["province"] = Site(tmp_path, "province", "aggregator", "STTTT")
    config = province.config()
    for name, code in (("hoa_dong", "31786"), ("dai_an", "31627"), ("centre", "TTVH_950"), ("hoa_dong_2", "31786")):
        sites[name] = Site(tmp_path, name, "unit", code, config)
    for name in ("hoa_dong", "dai_an", "centre"):
        sites[name].enrol_at(province)
    sites["hoa_dong_2"].enrol_at(sites["centre"])
    yield sites
    for site in sites.values():
        site.close()


def _overview(site: Site, period: str, **kwargs) -> dict[str, object]:
    with site.ws.reading() as s:
        return {row.code: row for row in units_overview(s, period, **kwargs)}


def test_last_package_gaps_and_silence(network):
    province, unit = network["province"], network["hoa_dong"]
    unit.add(date="2024-05-01")
    province.receive(unit.export())  # no. 1
    unit.add(date="2024-05-02")
    unit.export()  # no. 2, lost on the way
    unit.add(date="2024-05-03")
    province.receive(unit.export())  # no. 3
    rows = _overview(province, "2024-Q2")
    hoa_dong = rows["31786"]
    assert hoa_dong.name == "Xã Hòa Đông, Thị xã Vĩnh Châu"
    assert hoa_dong.computers == 1 and hoa_dong.last_sequence == 3 and hoa_dong.last_package_at is not None
    assert [numbers for _, numbers in hoa_dong.gaps] == [[2]] and hoa_dong.missing_packages == 1
    assert hoa_dong.activities == 3 and not hoa_dong.silent
    assert hoa_dong.last_heard_at == hoa_dong.last_package_at

    # Registered but never heard from: silent. Heard from long ago: silent too.
    assert rows["31627"].silent and rows["31627"].last_package_at is None and rows["31627"].activities == 0
    later = _overview(province, "2024-Q2", today=TODAY + timedelta(days=31))
    assert later["31786"].silent
    assert not _overview(province, "2024-Q2", today=TODAY + timedelta(days=31), silent_days=60)["31786"].silent


def test_the_provinces_own_records_are_listed_and_never_silent(network):
    province = network["province"]
    province.add(date=TODAY.isoformat())
    own = _overview(province, THIS_MONTH)["STTTT"]
    assert own.own and not own.silent and own.activities == 1 and own.timely is True


def test_records_relayed_by_a_centre_count_as_heard(network):
    province, centre, second = network["province"], network["centre"], network["hoa_dong_2"]
    second.add(date="2024-05-01")
    centre.receive(second.export())
    province.receive(centre.export())
    rows = _overview(province, "2024-Q2")
    hoa_dong = rows["31786"]
    assert hoa_dong.last_package_at is None  # nothing came from its own registered computer
    assert hoa_dong.last_heard_at == rows["TTVH_950"].last_package_at and not hoa_dong.silent
    assert hoa_dong.activities == 1 and rows["TTVH_950"].activities == 0


def test_completeness_and_timeliness(network):
    province, unit, other = network["province"], network["hoa_dong"], network["dai_an"]
    unit.add(date="2024-05-01")  # arrives now: long after 2024-Q2 ended
    unit.add(date=TODAY.isoformat())  # arrives within this month
    with other.ws.writing() as s:
        save_unit_report(s, other.ws.require_installation(s), THIS_MONTH, nothing_to_report=True)
    province.receive(unit.export())
    province.receive(other.export())

    old = _overview(province, "2024-Q2")
    assert old["31786"].reported and old["31786"].timely is False
    assert old["31627"].reported is False and old["31627"].timely is False  # past the deadline, nothing sent

    current = _overview(province, THIS_MONTH)
    assert current["31786"].reported and current["31786"].timely is True
    assert current["31786"].deadline == parse_period(THIS_MONTH).end + timedelta(days=10)
    assert current["31627"].reported and current["31627"].nothing_to_report and current["31627"].timely is True
    assert current["31627"].activities == 0
    # A centre that has sent nothing for this month is not late yet.
    assert current["TTVH_950"].reported is False and current["TTVH_950"].timely is None

    # The year is reported by both: an explicit "nothing to report" for an overlapping period counts.
    year = _overview(province, str(TODAY.year))
    assert year["31627"].reported and year["31786"].reported


def test_review_counts_per_unit(network):
    from desktop_app.core.services.review import review_activity

    province, unit = network["province"], network["hoa_dong"]
    first = unit.add(date="2024-05-01", status="submitted")
    unit.add(date="2024-05-02", status="submitted")
    province.receive(unit.export())
    with province.ws.writing() as s:
        review_activity(s, province.ws.require_installation(s), first, "returned", "Bổ sung ảnh")
    row = _overview(province, "2024-Q2")["31786"]
    assert (row.awaiting_review, row.returned) == (1, 1)


def test_conflicts_show_what_won_and_what_lost_and_can_be_marked_seen(network):
    pc1, province = network["hoa_dong"], network["province"]
    activity_id = pc1.add(title="Bản gốc")
    pc2 = network["copy"] = copy_site(pc1, "copy", register_at=(province,))
    pc1.edit(activity_id, title="Sửa ở máy 1")
    pc2.edit(activity_id, title="Sửa ở máy 2")
    province.receive(pc1.export())
    province.receive(pc2.export())
    with province.ws.reading() as s:
        [row] = conflicts(s)
    assert row.table == "activity" and row.row_id == activity_id
    assert {row.winner.label, row.loser.label} == {"Sửa ở máy 1", "Sửa ở máy 2"}
    assert province.activities()[activity_id][0] == row.winner.label
    assert row.winner.unit == row.loser.unit == "Xã Hòa Đông"
    assert row.loser.at is not None and row.winner.version != row.loser.version
    with province.ws.writing() as s:
        assert mark_conflicts_seen(s, [row.id]) == 1
        assert mark_conflicts_seen(s, []) == 0
    with province.ws.reading() as s:
        assert conflicts(s) == []
