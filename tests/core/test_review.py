"""The province's review: one decision per activity, naming the version it judged; a returned
activity reaches the unit in the next receipt, and its correction is back in the queue."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.db.models import Review
from desktop_app.core.errors import NotFound, TtdnError
from desktop_app.core.services.review import (
    review_activity,
    review_counts,
    review_id,
    review_of,
    review_queue,
    reviews_for_unit,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sites import Site  # noqa: E402

COMMENT = "Đề nghị bổ sung số lần phát sóng."


@pytest.fixture
def network(tmp_path):
    """The province and Xã Hòa Đông, registered there, with the province's configuration."""
    province = Site(tmp_path, "province", "aggregator", "STTTT")
    unit = Site(tmp_path, "hoa_dong", "unit", "31786", province.config())
    unit.enrol_at(province)
    yield province, unit
    for site in (province, unit):
        site.close()


def _review(site: Site, activity_id: str, decision: str, comment: str | None = None) -> str:
    """Review at ``site``; returns the activity version the review names."""
    with site.ws.writing() as s:
        review = review_activity(s, site.ws.require_installation(s), activity_id, decision, comment)
        return review.activity_version


def _queue(site: Site, **kwargs):
    with site.ws.reading() as s:
        return review_queue(s, **kwargs)


def test_a_returned_activity_reaches_the_unit_and_its_correction_is_reviewed_again(network):
    province, unit = network
    activity_id = unit.add(title="Tin chưa đủ số liệu", status="submitted")
    unit.add(title="Bản nháp chưa gửi")  # a draft: never in the queue
    province.receive(unit.export())
    [row] = _queue(province)
    assert (row.activity_id, row.title, row.unit_name, row.decision) == (activity_id, "Tin chưa đủ số liệu", "Xã Hòa Đông, Thị xã Vĩnh Châu", None)
    first_version = row.version

    assert _review(province, activity_id, "returned", COMMENT) == first_version
    assert _queue(province) == []
    [reviewed] = _queue(province, include_reviewed=True)
    assert reviewed.reviewed and reviewed.decision == "returned" and not reviewed.corrected
    with province.ws.reading() as s:
        assert review_counts(s, reviewed.date_from, reviewed.date_from) == {reviewed.unit_id: (0, 1)}

    # The decision travels in the next receipt and shows at the unit.
    unit.receive(province.receipt_for("31786"))
    with unit.ws.reading() as s:
        [seen] = reviews_for_unit(s)
    assert (seen.activity_title, seen.decision, seen.comment, seen.changed_since) == ("Tin chưa đủ số liệu", "returned", COMMENT, False)
    assert seen.reviewer == "Cán bộ province"

    # The unit corrects it and sends it again: the new version is back in the queue.
    unit.edit(activity_id, title="Tin đã bổ sung số liệu", times_aired=3)
    with unit.ws.reading() as s:
        assert reviews_for_unit(s)[0].changed_since
    province.receive(unit.export())
    [again] = _queue(province)
    assert again.activity_id == activity_id and again.title == "Tin đã bổ sung số liệu"
    assert again.version != first_version and again.corrected

    _review(province, activity_id, "accepted")
    assert _queue(province) == []
    unit.receive(province.receipt_for("31786"))
    with unit.ws.reading() as s:
        [seen] = reviews_for_unit(s)
        assert s.scalar(select(func.count()).select_from(Review)) == 1  # one review, updated
    assert (seen.decision, seen.comment, seen.changed_since) == ("accepted", None, False)


def test_one_review_per_activity_with_a_version_of_its_own(network):
    province, unit = network
    activity_id = unit.add(status="submitted")
    province.receive(unit.export())
    _review(province, activity_id, "accepted")
    _review(province, activity_id, "returned", "  Sửa lại tiêu đề  ")
    with province.ws.reading() as s:
        reviews = s.scalars(select(Review)).all()
        assert [r.id for r in reviews] == [review_id(activity_id)]
        review = reviews[0]
        assert review.ver_origin == province.installation.origin_id and review.ver_counter > 0
        assert review.comment == "Sửa lại tiêu đề"
        view = review_of(s, activity_id)
    assert view is not None and view.decision == "returned" and not view.changed_since


@pytest.mark.parametrize(
    ("decision", "comment", "key"),
    [
        ("returned", None, "review.comment_required"),
        ("returned", "   ", "review.comment_required"),
        ("maybe", None, "review.bad_decision"),
        ("returned", "x" * 5001, "review.comment_too_long"),
    ],
)
def test_bad_decisions_are_refused(network, decision, comment, key):
    province, unit = network
    activity_id = unit.add(status="submitted")
    province.receive(unit.export())
    with pytest.raises(TtdnError) as info:
        _review(province, activity_id, decision, comment)
    assert info.value.key == key


def test_only_the_province_reviews_and_only_submitted_live_activities(network):
    province, unit = network
    draft = unit.add(title="Nháp")
    gone = unit.add(status="submitted")
    unit.delete(gone)
    own = unit.add(status="submitted")
    province.receive(unit.export())
    with pytest.raises(TtdnError) as info:
        _review(unit, own, "accepted")
    assert info.value.key == "review.not_aggregator"
    with pytest.raises(TtdnError) as info:
        _review(province, draft, "accepted")
    assert info.value.key == "review.not_submitted"
    with pytest.raises(TtdnError) as info:
        _review(province, gone, "accepted")
    assert info.value.key == "activity.deleted"
    with pytest.raises(NotFound):
        _review(province, "00000000-0000-4000-8000-000000000000", "accepted")
    assert [r.activity_id for r in _queue(province)] == [own]


def test_the_queue_narrows_to_units(network):
    province, unit = network
    unit.add(status="submitted")
    province.receive(unit.export())
    unit_id = unit.installation.unit_id
    assert len(_queue(province, unit_ids=[unit_id])) == 1
    assert _queue(province, unit_ids=["someone-else"]) == []
    assert len(_queue(province, limit=0)) == 0


def test_the_queue_searches_without_diacritics(network):
    province, unit = network
    wanted = unit.add(title="Tuyên truyền chủ quyền biển đảo ở Vĩnh Châu", status="submitted")
    unit.add(title="Họp dân ấp Đại Ân", status="submitted")
    province.receive(unit.export())
    assert [r.activity_id for r in _queue(province, search="VINH CHÂU")] == [wanted]
    assert [r.activity_id for r in _queue(province, search="bien dao")] == [wanted]
    assert len(_queue(province, search="a")) == 2  # shorter than a trigram: still searched
    assert [r.title for r in _queue(province, search="an")] == ["Họp dân ấp Đại Ân"]
    assert _queue(province, search="khong co o dau") == []
    assert len(_queue(province, search="  ")) == 2
