"""Core services: activities, validation, versions, audit, tombstones, attachments,
participants, shipped content and origins."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app.core.db.models import (
    SHIPPED_ORIGIN,
    Activity,
    Attachment,
    AuditEntry,
    Blob,
    CatalogItem,
    Installation,
    OrgUnit,
    Participant,
    PlanTarget,
    PlanTask,
)
from desktop_app.core.errors import TtdnError, ValidationFailed
from desktop_app.core.services.activities import create_activity, delete_activity, get_activity, update_activity
from desktop_app.core.services.attachments import blob_path
from desktop_app.core.services.participants import add_participants, import_sheet
from desktop_app.core.workspace import Workspace

PRODUCT = {
    "kind": "product",
    "title": "Tin: Ngư dân Vĩnh Châu bám biển",
    "date": "2024-05-02",
    "plan_task": "II.1",
    "product_type": "TIN",
    "themes": ["CD1", "CD4"],
    "languages": ["vi"],
    "channels": ["TRUYEN_THANH_XA"],
    "quantity": 1,
    "cost": 300000,
}


def add(ws: Workspace, data: dict, **kwargs):
    with ws.writing() as session:
        inst = ws.require_installation(session)
        activity, warnings = create_activity(session, inst, data, files_dir=ws.db.files_dir, **kwargs)
        return activity.id, warnings


def errors_of(exc: ValidationFailed) -> dict[str, str]:
    return {i.field: i.key for i in exc.issues if i.severity == "error"}


# --- shipped content -------------------------------------------------------------------


def test_first_run_loads_the_plan_units_and_catalogs(workspace):
    with workspace.reading() as session:
        tasks = {t.code: t for t in session.scalars(select(PlanTask))}
        assert set(tasks) == {"II.1", "II.2"}
        assert session.get(OrgUnit, tasks["II.1"].lead_unit_id).code == "STTTT"
        assert sorted(i.code for i in tasks["II.1"].product_types) == sorted(
            ["TIN", "BAI", "CHUYEN_MUC", "INFOGRAPHIC", "TO_ROI", "VIDEO"]
        )
        assert sorted(i.code for i in tasks["II.1"].themes) == ["CD1", "CD2", "CD3", "CD4"]
        assert tasks["II.2"].time_text == "Quý III/2024"
        partner_units = {session.get(OrgUnit, p.unit_id).code for p in tasks["II.1"].partners if p.unit_id}
        assert {"TTVH_945", "TTVH_951", "TTVH_950"} <= partner_units
        target = session.scalar(select(PlanTarget).where(PlanTarget.metric == "delegates"))
        assert target.target_value == 160 and target.task_id == tasks["II.2"].id
        communes = {u.gso_code for u in session.scalars(select(OrgUnit).where(OrgUnit.kind == "commune"))}
        assert {"31615", "31636", "31672", "31705", "31783", "31810"} <= communes
        assert session.scalar(select(OrgUnit).where(OrgUnit.code == "STTTT")).kind == "provincial_agency"
        # Both Lịch Hội Thượng units exist, with different codes.
        lht = session.scalars(select(OrgUnit).where(OrgUnit.search_key.contains("lich hoi thuong"))).all()
        assert {u.code for u in lht} == {"31678", "31679"}


def test_stored_strings_are_nfc(workspace):
    with workspace.db.engine.connect() as conn:
        for (name,) in conn.execute(text("SELECT name FROM org_unit")):
            assert unicodedata.is_normalized("NFC", name)


def _copy_resources(tmp_path: Path, workspace: Workspace) -> Path:
    target = tmp_path / "resources"
    shutil.copytree(workspace.resources, target)
    return target


def test_a_newer_catalog_applies_without_touching_user_data(unit_ws, tmp_path):
    activity_id, _ = add(unit_ws, PRODUCT)
    # A local edit of a catalog item is kept.
    with unit_ws.writing() as session:
        item = session.scalar(select(CatalogItem).where(CatalogItem.code == "VIDEO"))
        item.name_vi = "Video clip (tên do đơn vị sửa)"
    resources = _copy_resources(tmp_path, unit_ws)
    path = resources / "catalog" / "catalogs.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["version"] += 1
    doc["catalogs"]["product_type"].append({"code": "PODCAST", "vi": "Podcast", "en": "Podcast"})
    for entry in doc["catalogs"]["product_type"]:
        if entry["code"] == "TIN":
            entry["vi"] = "Tin ngắn"
        if entry["code"] == "VIDEO":
            entry["vi"] = "Video (bản mới)"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    unit_ws.close()

    ws = Workspace.open(unit_ws.data_dir, resources)
    try:
        assert ws.content_report.applied == {"catalogs": doc["version"]}
        assert any(k.startswith("catalog_item:") for k in ws.content_report.kept)
        with ws.reading() as session:
            names = {i.code: i.name_vi for i in session.scalars(select(CatalogItem).where(CatalogItem.catalog == "product_type"))}
            assert names["PODCAST"] == "Podcast"
            assert names["TIN"] == "Tin ngắn"
            assert names["VIDEO"] == "Video clip (tên do đơn vị sửa)"
            activity = get_activity(session, activity_id)
            assert activity.title == PRODUCT["title"] and [t.code for t in activity.themes] == ["CD1", "CD4"]
    finally:
        ws.close()
    unit_ws.db = ws.db  # the fixture's teardown closes it again, harmlessly


# --- activities --------------------------------------------------------------------------


def test_create_stores_nfc_and_versions_with_the_local_origin(unit_ws):
    nfd_title = unicodedata.normalize("NFD", "Bài: Đồng bào Khmer Vĩnh Châu đón Tết Chôl Chnăm Thmây")
    activity_id, warnings = add(unit_ws, {**PRODUCT, "title": nfd_title, "product_type": "BAI"})
    assert warnings == []
    with unit_ws.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT title, search_key FROM activity WHERE id = :i"), {"i": activity_id}).one()
    assert stored.title == unicodedata.normalize("NFC", nfd_title)
    assert "vinh chau" in stored.search_key and "dong bao khmer" in stored.search_key
    with unit_ws.reading() as session:
        inst = session.scalar(select(Installation))
        activity = session.get(Activity, activity_id)
        assert activity.origin_id == activity.ver_origin == inst.origin_id
        assert activity.ver_counter == inst.counter >= 1
        assert activity.unit_id == inst.unit_id and activity.recorded_by == "Lâm Thị Hoà"


def test_every_change_gets_a_new_version_and_an_audit_entry(unit_ws):
    activity_id, _ = add(unit_ws, PRODUCT)
    with unit_ws.writing() as session:
        inst = unit_ws.require_installation(session)
        update_activity(session, inst, activity_id, {"title": "Tin: Ngư dân Vĩnh Châu vươn khơi", "themes": ["CD2"]})
    with unit_ws.writing() as session:
        delete_activity(session, unit_ws.require_installation(session), activity_id)
    with unit_ws.reading() as session:
        activity = session.get(Activity, activity_id)
        assert activity.deleted and activity.ver_counter == 3
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.row_id == activity_id).order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.actor == "Lâm Thị Hoà" for e in entries)
    update_before, update_after = json.loads(entries[1].before), json.loads(entries[1].after)
    assert update_before == {"title": PRODUCT["title"], "themes": ["CD1", "CD4"]}
    assert update_after == {"title": "Tin: Ngư dân Vĩnh Châu vươn khơi", "themes": ["CD2"]}
    assert json.loads(entries[2].after) == {"deleted": True}


def test_validation_reports_every_error_with_a_vietnamese_message(unit_ws):
    bad = {
        "kind": "product",
        "title": "  ",
        "date": "31/02/2024",
        "themes": ["CD9"],
        "languages": [],
        "cost": -5,
        "minutes": "abc",
        "colour": "red",
    }
    with pytest.raises(ValidationFailed) as info:
        add(unit_ws, bad)
    errors = errors_of(info.value)
    assert errors == {
        "title": "field.required",
        "date": "date.invalid",
        "themes": "catalog.unknown_code",
        "cost": "number.negative",
        "minutes": "number.invalid",
        "colour": "field.unknown",
        "product_type": "activity.product_type_required",
        "languages": "activity.language_required",
    }
    message = info.value.message("vi")
    assert "Tên/tiêu đề: bắt buộc phải nhập" in message
    assert "Kinh phí: không được là số âm" in message
    assert "dd/mm/yyyy" in message
    with unit_ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(Activity)) == 0


def test_dates_outside_the_plan_warn_and_reversed_ranges_fail(unit_ws):
    _, warnings = add(unit_ws, {**PRODUCT, "date": "2025-03-01"})
    assert [w.key for w in warnings] == ["date.outside_plan"]
    assert "01/01/2024 – 31/12/2024" in warnings[0].message("vi")
    with pytest.raises(ValidationFailed) as info:
        add(unit_ws, {**PRODUCT, "date": "2024-05-02", "date_to": "2024-05-01"})
    assert errors_of(info.value) == {"date_to": "date.before_start"}


def test_review_statuses_are_not_for_units(unit_ws):
    with pytest.raises(ValidationFailed) as info:
        add(unit_ws, {**PRODUCT, "status": "accepted"})
    assert errors_of(info.value) == {"status": "activity.status_review_only"}


def test_only_the_owning_unit_edits(unit_ws):
    activity_id, _ = add(unit_ws, PRODUCT)
    with unit_ws.writing() as session:
        other = session.scalar(select(OrgUnit).where(OrgUnit.code == "31783"))
        session.get(Installation, 1).unit_id = other.id
    with pytest.raises(TtdnError) as info:
        with unit_ws.writing() as session:
            delete_activity(session, unit_ws.require_installation(session), activity_id)
    assert info.value.key == "activity.not_owner"


def test_a_broadcast_refers_to_a_product(unit_ws):
    product_id, _ = add(unit_ws, PRODUCT)
    broadcast = {
        "kind": "broadcast",
        "title": "Phát lại tin ngư dân",
        "date": "2024-05-03",
        "languages": ["vi", "km"],
        "channels": ["TRUYEN_THANH_XA"],
        "times_aired": 3,
        "product": product_id[:8],
    }
    broadcast_id, _ = add(unit_ws, broadcast)
    with unit_ws.reading() as session:
        assert session.get(Activity, broadcast_id).product_id == product_id
    with pytest.raises(ValidationFailed):
        add(unit_ws, {**broadcast, "product": broadcast_id})


# --- attachments -------------------------------------------------------------------------


def test_attachments_are_stored_once_by_content(unit_ws, tmp_path):
    source = tmp_path / "kịch bản.txt"
    source.write_text("Nội dung chuyên mục", encoding="utf-8")
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(source.read_bytes())
    first, _ = add(unit_ws, {**PRODUCT, "attachments": [str(source)]})
    second, _ = add(unit_ws, {**PRODUCT, "title": "Tin khác", "attachments": [str(copy)]})
    with unit_ws.reading() as session:
        attachments = session.scalars(select(Attachment)).all()
        assert {a.original_name for a in attachments} == {"kịch bản.txt", "ban-sao.txt"}
        assert len({a.sha256 for a in attachments}) == 1
        assert session.scalar(select(func.count()).select_from(Blob)) == 1
        sha = attachments[0].sha256
    stored = blob_path(unit_ws.db.files_dir, sha)
    assert stored.read_bytes() == source.read_bytes()
    assert not list(unit_ws.db.files_dir.rglob(".incoming-*"))


def test_a_missing_attachment_rejects_the_activity(unit_ws, tmp_path):
    with pytest.raises(ValidationFailed) as info:
        add(unit_ws, {**PRODUCT, "attachments": [str(tmp_path / "khong-co.pdf")]})
    assert errors_of(info.value) == {"attachments": "attachment.missing_file"}


def test_deleting_an_event_tombstones_its_participants_and_files(unit_ws, tmp_path):
    photo = tmp_path / "anh.png"
    photo.write_bytes(b"\x89PNG fake")
    event = {
        "kind": "event",
        "title": "Hội nghị tuyên truyền",
        "date": "2024-08-10",
        "attachments": [str(photo)],
        "participants": [{"name": "Sơn Thị Mai", "gender": "nữ", "ethnicity": "Khmer"}],
    }
    event_id, _ = add(unit_ws, event)
    with unit_ws.writing() as session:
        delete_activity(session, unit_ws.require_installation(session), event_id)
    with unit_ws.reading() as session:
        assert all(p.deleted for p in session.scalars(select(Participant)))
        assert all(a.deleted for a in session.scalars(select(Attachment)))


# --- participants ------------------------------------------------------------------------


def _event(ws: Workspace) -> str:
    event_id, _ = add(ws, {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-20", "plan_task": "II.2"})
    return event_id


def test_participants_are_validated_together(unit_ws):
    event_id = _event(unit_ws)
    rows = [
        {"name": "Thạch Sô Phép", "gender": "Nam", "ethnicity": "Khmer", "birth_year": 1980, "category": "TTDN_XA"},
        {"name": "", "gender": "x", "phone": "12ab", "birth_year": 1800},
    ]
    with pytest.raises(ValidationFailed) as info:
        with unit_ws.writing() as session:
            add_participants(session, get_activity(session, event_id), rows)
    assert errors_of(info.value) == {
        "participants[2].name": "field.required",
        "participants[2].gender": "field.bad_choice",
        "participants[2].phone": "participant.bad_phone",
        "participants[2].birth_year": "participant.bad_birth_year",
    }
    assert "Đại biểu thứ 2 – Họ và tên" in info.value.message("vi")
    with unit_ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0


def _sheet(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Giới tính", "Dân tộc", "Năm sinh", "Chức vụ", "Đơn vị", "Thành phần", "Số điện thoại"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_participants_import_from_a_spreadsheet(unit_ws, tmp_path):
    event_id = _event(unit_ws)
    path = _sheet(
        tmp_path / "dai-bieu.xlsx",
        [
            [1, "Lâm Thị Hoà", "Nữ", "Khmer", 1979, "Phó Chủ tịch UBND", "UBND xã Hòa Đông", "Cán bộ làm công tác quản lý", "0912 345 678"],
            [2, "Trần Văn Út", "Nam", "Kinh", "1990", "Phóng viên", "Báo Sóc Trăng", "BAO_CHI", None],
            [3, "NguyÔn V¨n Nam", "Nam", "Kinh", None, None, None, None, None],
        ],
    )
    with unit_ws.writing() as session:
        count, warnings = import_sheet(session, get_activity(session, event_id), path)
    assert count == 3
    assert [(w.key, w.field) for w in warnings] == [("text.legacy_encoding", "row 6.name")]
    assert "Dòng 6 – Họ và tên" in warnings[0].message("vi") and "TCVN3" in warnings[0].message("vi")
    with unit_ws.reading() as session:
        people = {p.name: p for p in session.scalars(select(Participant))}
        assert people["Lâm Thị Hoà"].gender == "female" and people["Lâm Thị Hoà"].birth_year == 1979
        assert session.get(CatalogItem, people["Lâm Thị Hoà"].category_id).code == "QUAN_LY"
        assert session.get(CatalogItem, people["Trần Văn Út"].ethnicity_id).code == "KINH"


def test_a_spreadsheet_with_a_bad_row_imports_the_right_rows_and_reports_the_bad_one(unit_ws, tmp_path):
    from desktop_app.core.services.participants import import_list

    event_id = _event(unit_ws)
    path = _sheet(tmp_path / "loi.xlsx", [[1, "Lâm Thị Hoà", "Nữ"], [2, "Trần Văn Út", "Nam", "Sao Hỏa", "năm ngoái"]])
    with unit_ws.writing() as session:
        _preview, result = import_list(session, get_activity(session, event_id), path)
    assert [(o.row, o.status) for o in result.outcomes] == [(4, "added"), (5, "rejected")]
    rejected = result.outcomes[1]
    assert sorted((i.key, i.field, i.severity) for i in rejected.issues) == [
        ("import.bad_birth", "row 5.birth_year", "error"),
        ("import.unknown_ethnicity", "row 5.ethnicity", "warning"),
    ]
    error = next(i for i in rejected.issues if i.severity == "error")
    assert error.message("vi").startswith("Dòng 5 – Năm sinh")
    with unit_ws.reading() as session:
        assert [p.name for p in session.scalars(select(Participant))] == ["Lâm Thị Hoà"]


def test_a_file_that_is_not_a_workbook_is_refused(unit_ws, tmp_path):
    event_id = _event(unit_ws)
    path = tmp_path / "not.xlsx"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(TtdnError) as info:
        with unit_ws.writing() as session:
            import_sheet(session, get_activity(session, event_id), path)
    assert info.value.key == "table.unreadable" and ".xlsx" in info.value.message("vi")
    with unit_ws.reading() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0


# --- origins -----------------------------------------------------------------------------


def test_a_restored_backup_gets_a_new_origin(unit_ws, tmp_path):
    from desktop_app.core.db.migrate import backup

    add(unit_ws, PRODUCT)
    saved = backup(unit_ws.db.path, tmp_path / "bk", "manual")
    add(unit_ws, {**PRODUCT, "title": "Tin sau khi sao lưu"})
    with unit_ws.reading() as session:
        old_origin = session.scalar(select(Installation)).origin_id
    unit_ws.close()
    for suffix in ("-wal", "-shm"):
        unit_ws.db.path.with_name(unit_ws.db.path.name + suffix).unlink(missing_ok=True)
    shutil.copy(saved, unit_ws.db.path)  # the officer restores yesterday's copy

    ws = Workspace.open(unit_ws.data_dir)
    try:
        assert [w.key for w in ws.warnings] == ["installation.renewed"]
        with ws.reading() as session:
            assert session.scalar(select(Installation)).origin_id != old_origin
        new_id, _ = add(ws, {**PRODUCT, "title": "Tin ghi lại"})
        with ws.reading() as session:
            assert session.get(Activity, new_id).ver_origin != old_origin
    finally:
        ws.close()
    reopened = Workspace.open(unit_ws.data_dir)
    assert reopened.warnings == []  # rotated once, then stable
    reopened.close()


def test_shipped_rows_carry_the_shipped_origin(workspace):
    with workspace.reading() as session:
        origins = set(session.scalars(select(OrgUnit.ver_origin))) | set(session.scalars(select(CatalogItem.ver_origin)))
    assert origins == {SHIPPED_ORIGIN}


def test_one_participant_is_updated_and_removed(unit_ws):
    from desktop_app.core.services.participants import delete_participant, update_participant

    event_id = _event(unit_ws)
    with unit_ws.writing() as session:
        add_participants(session, get_activity(session, event_id), [{"name": "Danh Sang", "gender": "nam", "ethnicity": "Khmer"}])
        participant_id = session.scalar(select(Participant.id))
    with unit_ws.writing() as session:
        warnings = update_participant(
            session, unit_ws.require_installation(session), participant_id, {"position": "Trưởng Đài truyền thanh", "phone": "0299 3861 234"}
        )
    assert warnings == []
    with pytest.raises(ValidationFailed) as info:
        with unit_ws.writing() as session:
            update_participant(session, unit_ws.require_installation(session), participant_id, {"ethnicity": "Sao Hỏa"})
    assert errors_of(info.value) == {"ethnicity": "catalog.unknown_code"}
    with unit_ws.writing() as session:
        delete_participant(session, unit_ws.require_installation(session), participant_id)
    with unit_ws.reading() as session:
        person = session.get(Participant, participant_id)
        assert person.deleted and person.position == "Trưởng Đài truyền thanh" and person.name == "Danh Sang"
        assert session.get(CatalogItem, person.ethnicity_id).code == "KHMER"
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.row_id == participant_id).order_by(AuditEntry.id)).all()
    assert actions == ["create", "update", "delete"]


def test_a_wrong_gender_lists_the_vietnamese_choices(unit_ws):
    event_id = _event(unit_ws)
    with pytest.raises(ValidationFailed) as info:
        with unit_ws.writing() as session:
            add_participants(session, get_activity(session, event_id), [{"name": "Danh Sang", "gender": "x"}])
    assert "nam, nữ, khác" in info.value.message("vi")
