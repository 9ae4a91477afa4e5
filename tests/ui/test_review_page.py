"""The review page: at the province, accept or return (a comment is required) from the queue;
at the unit, the province's reviews as they arrive in receipts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.core.db.models import Review
from desktop_app.ui.dashboard import ALERT
from desktop_app.ui.pages.review_page import ReviewPage
from desktop_app.ui.workers import wait_for_workers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sites import Site  # noqa: E402

COMMENT = "Đề nghị bổ sung ảnh minh họa."


@pytest.fixture
def sites(tmp_path):
    province = Site(tmp_path, "province", "aggregator", "STTTT")
    unit = Site(tmp_path, "hoa_dong", "unit", "31786", province.config())
    unit.enrol_at(province)
    first = unit.add(title="Tin thứ nhất", date="2024-05-01", status="submitted")
    second = unit.add(title="Tin thứ hai", date="2024-05-02", status="submitted")
    province.receive(unit.export())
    yield province, unit, first, second
    assert wait_for_workers(30_000)
    province.close()
    unit.close()


def _page(qtbot, site: Site) -> ReviewPage:
    page = ReviewPage(site.ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    return page


def _decisions(site: Site) -> dict[str, tuple[str, str | None]]:
    with site.ws.reading() as s:
        return {r.activity_id: (r.decision, r.comment) for r in s.scalars(select(Review))}


def test_the_province_returns_with_a_comment_and_accepts(qtbot, qtmodeltester, sites):
    province, unit, first, second = sites
    page = _page(qtbot, province)
    qtmodeltester.check(page.model)
    assert [page.model.key(r) for r in range(page.model.rowCount())] == [first, second]
    assert page.selected_id() == first and "Tin thứ nhất" in page.details.toPlainText()
    assert "next receipt" in " ".join(w.text() for w in page.findChildren(type(page.count)))

    # Returning needs a comment: said inline, nothing stored.
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert page.message.isVisible() and "correct" in page.message.text()
    assert _decisions(province) == {}

    page.comment.setPlainText(COMMENT)
    with qtbot.waitSignal(page.changed, timeout=20_000):
        qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() == 1, timeout=20_000)
    assert _decisions(province) == {first: ("returned", COMMENT)}
    assert page.selected_id() == second and page.comment.toPlainText() == ""

    with qtbot.waitSignal(page.changed, timeout=20_000):
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() == 0, timeout=20_000)
    assert _decisions(province)[second] == ("accepted", None)
    assert not page.accept_button.isEnabled() and not page.return_button.isEnabled()

    # Reviewed activities are listed on request, with the decision.
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_reviewed.setChecked(True)
    assert page.model.rowCount() == 2
    page.select_activity(first)
    assert COMMENT in page.details.toPlainText()


def test_the_unit_sees_the_reviews_after_the_receipt(qtbot, qtmodeltester, sites):
    province, unit, first, second = sites
    from desktop_app.core.services.review import review_activity

    with province.ws.writing() as s:
        review_activity(s, province.ws.require_installation(s), first, "returned", COMMENT)
        review_activity(s, province.ws.require_installation(s), second, "accepted")
    unit.receive(province.receipt_for("31786"))
    page = _page(qtbot, unit)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2 and not hasattr(page, "accept_button")
    row = page.model.row_of(first)
    index = page.model.index(row, 4)
    assert index.data() == "Not corrected yet"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == ALERT
    page.select_activity(first)
    assert COMMENT in page.details.toPlainText()

    unit.edit(first, title="Tin thứ nhất (đã bổ sung)")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    assert page.model.index(page.model.row_of(first), 4).data() == "Changed"


def test_the_queue_is_searched_without_diacritics(qtbot, sites):
    province, unit, first, second = sites
    page = _page(qtbot, province)
    qtbot.keyClicks(page.search, "THU HAI")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.busy, timeout=20_000)
    assert page.model.key(0) == second
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.busy, timeout=20_000)
