"""Which fields each kind of activity may store (``domain/kinds.py``), held by
``check_record`` wherever a record comes from: the rule itself, the operations the form and
the CLI call, and the data the program itself makes (demo data, the form's own JSON)."""

from __future__ import annotations

import sqlite3
from contextlib import closing, contextmanager
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.core.db.models import Activity
from desktop_app.core.domain.enums import ActivityKind
from desktop_app.core.domain.kinds import FIELD_COLUMNS, KIND_ALLOWED, KIND_FIELDS, KIND_RULED, LIST_FIELDS, kinds_with
from desktop_app.core.domain.rules import check_record
from desktop_app.core.errors import ValidationFailed
from desktop_app.core.messages import MESSAGES, render
from desktop_app.core.operations.activities import change_activity, list_activities, activity_filter, record_activity
from desktop_app.core.operations.demo import generate
from desktop_app.core.operations.events import record_event
from desktop_app.core.operations.installation import initialise
from desktop_app.core.workspace import Workspace

DAY = date(2024, 5, 2)


def errors(kind: str, **values) -> list[tuple[str, str]]:
    record = {"kind": kind, "title": "x", "date_from": DAY, **values}
    return [(i.field, i.key) for i in check_record("activity", record, today=DAY)]


# --- the rule ----------------------------------------------------------------------------


def test_every_kind_may_store_what_its_form_offers_and_the_table_names_only_known_fields():
    assert set(KIND_ALLOWED) == {k.value for k in ActivityKind}
    for kind, shown in KIND_FIELDS.items():
        assert shown <= KIND_ALLOWED[kind], kind
    assert kinds_with("product_type") == ["product"]
    assert kinds_with("event_type") == ["event"]
    assert kinds_with("participants") == ["event"]
    assert kinds_with("cost") == ["product", "broadcast", "event", "other"]


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        # a register row: a product aired three times on the commune station, with its reach
        ("product", {"product_type_id": "t", "minutes": 5.5, "times_aired": 3, "audience": 2000, "channels": ["c"]}),
        ("broadcast", {"product_id": "p", "times_aired": 4, "audience": 900, "cost": 150_000, "place": "Ấp Cà Lăng A"}),
        ("event", {"event_type_id": "e", "place": "Hội trường UBND xã", "audience": 300, "themes": ["t"], "participants": 12}),
        # an "other" activity with a cost, a place, the runs of a mobile campaign, its themes
        ("other", {"cost": 2_000_000, "place": "Chợ Vĩnh Châu", "times_aired": 5, "themes": ["t"], "languages": ["km"]}),
    ],
)
def test_what_office_data_carries_is_accepted(kind, values):
    assert errors(kind, **values) == []


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("broadcast", {"minutes": 15}, "minutes"),  # the length is the product's: counted twice otherwise
        ("broadcast", {"copies": 500}, "copies"),
        ("event", {"channels": ["c"]}, "channels"),
        ("event", {"product_type_id": "t"}, "product_type"),
        ("product", {"event_type_id": "e"}, "event_type"),
        ("product", {"product_id": "p"}, "product"),
        ("other", {"audience": 5000}, "audience"),
        ("other", {"quantity": 3}, "quantity"),
    ],
)
def test_a_field_the_kind_does_not_have_is_refused_by_its_user_name(kind, values, field):
    assert errors(kind, **values) == [(field, "activity.field_not_for_kind")]


def test_participants_belong_to_events_only():
    assert errors("product", product_type_id="t", participants=2) == [("participants", "activity.participants_need_event")]
    assert errors("event", participants=2) == []


def test_empty_and_zero_values_say_nothing_and_pass_on_any_kind():
    empty = {FIELD_COLUMNS.get(name, name): [] if name in LIST_FIELDS else None for name in KIND_RULED}
    for kind in KIND_ALLOWED:
        assert errors(kind, **{**empty, "cost": 0, "times_aired": 0, "copies": 0}) == [], kind


def test_a_change_checks_the_changed_fields_and_a_new_kind_checks_them_all():
    stored = {"kind": "broadcast", "title": "x", "date_from": DAY, "minutes": 15, "times_aired": 2}
    # an older record holding minutes: changing its title does not stumble on them
    assert check_record("activity", stored, only={"title"}, today=DAY) == []
    assert [i.key for i in check_record("activity", stored, only={"minutes"}, today=DAY)] == ["activity.field_not_for_kind"]
    as_event = {**stored, "kind": "event"}
    fields = [i.field for i in check_record("activity", as_event, only={"kind"}, today=DAY)]
    assert fields == ["minutes", "times_aired"]


def test_the_message_names_the_field_the_kind_and_where_the_field_belongs():
    for lang in ("vi", "en"):
        assert {"activity.field_not_for_kind", "activity.participants_need_event"} <= set(MESSAGES[lang])
    [issue] = check_record("activity", {"kind": "broadcast", "minutes": 15}, today=DAY)
    vi = issue.message("vi")
    assert vi.startswith("Thời lượng (phút): ") and "“Phát sóng, đăng tải”" in vi and "“Sản phẩm”" in vi
    assert "Hãy để trống" in vi
    en = issue.message("en")
    assert "“Broadcast or posting”" in en and "“Product”" in en and "Leave it empty" in en
    several = render("activity.field_not_for_kind", {"field": "audience", "activity_kind": "other",
                                                     "activity_kinds": ",".join(kinds_with("audience"))})
    assert "“Sản phẩm”, “Phát sóng, đăng tải”, “Sự kiện, hội nghị”" in several


# --- through the operations --------------------------------------------------------------


def _titles(ws: Workspace) -> set[str]:
    return {row.title for row in list_activities(ws, activity_filter(ws), limit=100).rows}


def test_recording_refuses_the_field_with_its_message_and_stores_nothing(unit_ws):
    with pytest.raises(ValidationFailed) as caught:
        record_activity(unit_ws, {"kind": "broadcast", "title": "Phát lại chuyên mục", "date": "2024-05-02",
                                  "languages": ["vi"], "times_aired": 2, "minutes": 15})
    assert [(i.field, i.key) for i in caught.value.issues if i.severity == "error"] == [("minutes", "activity.field_not_for_kind")]
    assert "Phát lại chuyên mục" not in _titles(unit_ws)
    # lists too: an event has no channels
    with pytest.raises(ValidationFailed) as caught:
        record_activity(unit_ws, {"kind": "event", "title": "Họp dân", "date": "2024-05-02", "channels": ["TRUYEN_THANH_XA"]})
    assert [i.field for i in caught.value.issues] == ["channels"]
    saved = record_activity(unit_ws, {"kind": "other", "title": "Treo băng rôn", "date": "2024-05-02", "cost": 800_000,
                                      "place": "Chợ Hòa Đông", "times_aired": 4})
    assert (saved.record["cost"], saved.record["place"], saved.record["times_aired"]) == (800_000, "Chợ Hòa Đông", 4)


def test_changing_the_kind_asks_to_empty_what_the_new_kind_lacks(unit_ws):
    saved = record_activity(unit_ws, {"kind": "product", "title": "Tin ngư dân", "date": "2024-05-02", "product_type": "TIN",
                                      "languages": ["vi"], "themes": ["CD1"], "quantity": 2, "copies": 100})
    with pytest.raises(ValidationFailed) as caught:
        change_activity(unit_ws, saved.id, {"kind": "broadcast"})
    assert {i.field for i in caught.value.issues if i.severity == "error"} == {"product_type", "quantity", "copies"}
    changed = change_activity(unit_ws, saved.id, {"kind": "broadcast", "product_type": None, "quantity": None, "copies": None})
    assert changed.record["kind"] == "broadcast" and changed.record["languages"] == ["vi"]
    # a single changed field is held to the stored kind
    with pytest.raises(ValidationFailed) as caught:
        change_activity(unit_ws, saved.id, {"minutes": 4})
    assert [i.key for i in caught.value.issues] == ["activity.field_not_for_kind"]


def test_an_event_with_participants_keeps_its_kind(unit_ws):
    event = record_event(unit_ws, {"title": "Hội nghị tuyên truyền biển đảo", "date": "2024-06-10", "place": "Hội trường xã"},
                         [{"name": "Thạch Thị Sa Rinh"}, {"name": "Lâm Văn Tư"}])
    with pytest.raises(ValidationFailed) as caught:
        change_activity(unit_ws, event.id, {"kind": "other", "place": None})
    [issue] = caught.value.issues
    assert issue.key == "activity.participants_need_event" and issue.params["count"] == 2
    assert "2 đại biểu" in issue.message("vi") and "xóa danh sách đại biểu" in issue.message("vi")
    with pytest.raises(ValidationFailed) as caught:
        record_activity(unit_ws, {"kind": "product", "title": "Tin", "date": "2024-05-02", "product_type": "TIN",
                                  "languages": ["vi"], "participants": [{"name": "Lâm Văn Tư"}]})
    assert "activity.participants_need_event" in {i.key for i in caught.value.issues}


# --- the program's own data passes -------------------------------------------------------


@pytest.mark.parametrize("role", ["unit", "aggregator"])
def test_demo_data_keeps_the_rule(workspace, role):
    """What the demo generator writes (straight into the tables) is what a package carries
    to the province: every activity of it passes the rule, lists and participants included."""
    initialise(workspace, role, "31786" if role == "unit" else "STTTT", "Cán bộ")
    generate(workspace, 400, seed=3)
    with workspace.reading() as session:
        activities = session.scalars(select(Activity)).all()
        kinds = {a.kind for a in activities}
        problems = []
        for a in activities:
            record = {c.name: getattr(a, c.name) for c in Activity.__table__.columns}
            record.update({name: [i.id for i in getattr(a, name)] for name in ("themes", "languages", "channels")})
            record["participants"] = sum(1 for p in a.participants if not p.deleted)
            problems += [(a.kind, i.field) for i in check_record("activity", record, today=date(2024, 12, 31))]
    assert kinds == {k.value for k in ActivityKind} and problems == []


# --- a sync package ----------------------------------------------------------------------


@contextmanager
def _province_and_unit(tmp_path):
    """A province and a commune registered there (the commune set up from its config)."""
    from desktop_app.core.sync.identity import enrolment_document, read_enrolment, register_peer
    from desktop_app.core.sync.importer import import_packages
    from desktop_app.core.sync.outbound import make_config

    province, unit = Workspace.open(tmp_path / "province"), Workspace.open(tmp_path / "unit")
    try:
        initialise(province, "aggregator", "STTTT", "Cán bộ Sở")
        config = [w.path for w in make_config(province, tmp_path / "config")]
        assert import_packages(unit, config, confirm=lambda v: True).files[0].status == "applied"
        initialise(unit, "unit", "31786", "Lâm Thị Hoà")
        with unit.writing() as s:
            (tmp_path / "enrol.json").write_bytes(enrolment_document(s))
        with province.writing() as s:
            register_peer(s, read_enrolment(tmp_path / "enrol.json"), confirmed=True)
        yield province, unit
    finally:
        province.close()
        unit.close()


def _tampered_and_sent(tmp_path, province, unit, tamper: str, row_id: str):
    """Change the unit's database behind the program's back (an older or buggy program),
    export and import at the province: the import's report."""
    from desktop_app.core.sync.export import export_data
    from desktop_app.core.sync.importer import import_packages

    unit.db.engine.dispose()
    with closing(sqlite3.connect(unit.db.path)) as conn, conn:
        assert conn.execute(tamper, (row_id,)).rowcount == 1
    return import_packages(province, [w.path for w in export_data(unit, tmp_path / "out").files])


@pytest.mark.parametrize("tamper, field", [
    ("UPDATE activity SET minutes = 15 WHERE id = ?", "minutes"),
    ("INSERT INTO activity_channel (activity_id, item_id) SELECT ?, id FROM catalog_item WHERE catalog = 'channel' LIMIT 1",
     "channels"),
])
def test_a_package_with_a_field_its_kind_lacks_is_refused_record_by_record(tmp_path, tamper, field):
    """A unit's older or buggy program stored minutes on a broadcast, or channels on an
    event: the province refuses that record with the form's message key and takes the rest
    of the package."""
    with _province_and_unit(tmp_path) as (province, unit):
        good = record_activity(unit, {"kind": "other", "title": "Treo băng rôn", "date": "2024-05-02", "cost": 500_000})
        bad = (
            record_activity(unit, {"kind": "broadcast", "title": "Phát lại chuyên mục", "date": "2024-05-02",
                                   "languages": ["vi"], "times_aired": 2})
            if field == "minutes"
            else record_activity(unit, {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-05-02"})
        )
        report = _tampered_and_sent(tmp_path, province, unit, tamper, bad.id)
        assert [(r["id"], r["key"], r["params"]["field"]) for r in report.rejections] == [
            (bad.id, "activity.field_not_for_kind", field)]
        assert _titles(province) == {good.title}


def test_participants_under_an_activity_that_is_not_an_event_are_refused_at_import(tmp_path):
    """An event whose kind an older program changed to "other" without removing its people:
    the province takes the activity (its fields fit "other") and refuses each participant
    with a message saying why and what the sender should do; the report counts nobody."""
    from desktop_app.core.db.models import Participant
    from desktop_app.core.sync.describe import describe_import

    with _province_and_unit(tmp_path) as (province, unit):
        kept = record_event(unit, {"title": "Hội nghị tập huấn", "date": "2024-06-10"}, [{"name": "Danh Thị Sa Ly"}])
        changed = record_event(unit, {"title": "Ra quân tuyên truyền", "date": "2024-06-11"},
                               [{"name": "Thạch Thị Sa Rinh"}, {"name": "Lâm Văn Tư"}])
        report = _tampered_and_sent(tmp_path, province, unit, "UPDATE activity SET kind = 'other' WHERE id = ?", changed.id)
        refused = report.rejections
        assert [r["key"] for r in refused] == ["record.participant_not_on_event"] * 2
        assert {r["table"] for r in refused} == {"participant"}
        assert _titles(province) == {"Hội nghị tập huấn", "Ra quân tuyên truyền"}
        with province.reading() as s:
            people = {p.activity_id for p in s.scalars(select(Participant))}
        assert people == {kept.id}
        text = "\n".join(describe_import(report, "vi").lines())
        assert "đại biểu chỉ có ở hoạt động loại" in text and "xóa danh sách đại biểu" in text


def test_the_readme_table_is_the_rule():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(product|broadcast|event|other)` \| (`[^|]*`) \|$", readme, re.M)
    assert {kind: set(re.findall(r"`(\w+)`", fields)) for kind, fields in rows} == {k: set(v) for k, v in KIND_ALLOWED.items()}
