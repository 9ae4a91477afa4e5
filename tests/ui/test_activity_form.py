"""The activity form: inline messages from the core's validator, saving, editing, drafts,
duplicates, keyboard-only entry, and the attachments widget."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.core.services.activities import activity_to_dict, create_activity, get_activity
from desktop_app.core.services.activity_list import ActivityFilter, count_activities, list_activities
from desktop_app.core.services.attachments import blob_path, list_attachments
from desktop_app.core.services.drafts import draft_path, load_draft, save_draft
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_form import ActivityForm
from desktop_app.ui.attachments_widget import AttachmentsWidget, format_size


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch, message_boxes: list[tuple[str, str]]):
    """Make QMessageBox.question answer ``button`` (the autouse fixture answers Ok)."""

    def set_answer(button: QMessageBox.StandardButton) -> None:
        def question(parent, title, text, *args, **kwargs):
            message_boxes.append(("question", text))
            return button

        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))

    return set_answer


@pytest.fixture
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ActivityForm, "DRAFT_DELAY_MS", 50)
    monkeypatch.setattr(ActivityForm, "CHECK_DELAY_MS", 10)


def open_form(qtbot, workspace: Workspace, activity_id: str | None = None) -> ActivityForm:
    form = ActivityForm(workspace, activity_id)
    qtbot.addWidget(form, before_close_func=lambda f: f.hide())  # no "discard?" question at teardown
    form.show()
    return form


def fill_product(form: ActivityForm, title: str = "Tin: Ngư dân Vĩnh Châu bám biển") -> None:
    form.title_edit.setText(title)
    form.date_edit.set_value(date(2024, 5, 2))
    form.product_type_combo.setCurrentIndex(form.product_type_combo.findData("TIN"))
    form.task_combo.setCurrentIndex(form.task_combo.findData("II.1"))
    form.themes.set_checked(["CD1", "CD4"])
    form.languages.set_checked(["vi", "km"])
    form.channels.set_checked(["TRUYEN_THANH_XA", "MANG_XA_HOI"])
    form.quantity_edit.set_value(2)
    form.minutes_edit.setText("3,5")
    form.cost_edit.set_value(1500000)


def stored(workspace: Workspace, activity_id: str) -> dict:
    with workspace.reading() as session:
        return activity_to_dict(session, get_activity(session, activity_id))


def total(workspace: Workspace) -> int:
    with workspace.reading() as session:
        return count_activities(session, ActivityFilter())


# --- validation --------------------------------------------------------------------------


def test_errors_are_shown_in_vietnamese_beside_their_fields(
    qtbot, demo_workspace: Workspace, vietnamese, message_boxes
) -> None:
    form = open_form(qtbot, demo_workspace)
    with qtbot.waitActive(form):
        form.activateWindow()
    before = total(demo_workspace)
    fill_product(form, title="   ")
    form.cost_edit.clear()
    qtbot.keyClicks(form.cost_edit, "-1500000")
    assert form.cost_edit.text() == "-1.500.000"
    form.date_to_edit.set_value(date(2024, 5, 1))

    assert form.save() is False
    assert "bắt buộc phải nhập" in form.message_for("title")
    assert "không được là số âm" in form.message_for("cost")
    assert "ngày kết thúc sớm hơn ngày bắt đầu (02/05/2024)" in form.message_for("date_to")
    for field in ("title", "cost", "date_to"):
        assert form._notes[field].isVisible() and "#b00020" in form._notes[field].text()
    assert form.message_for(None) == ""
    assert QApplication.focusWidget() is form.title_edit  # the first field to fix
    assert message_boxes == []  # inline, never in a box
    assert total(demo_workspace) == before


def test_warnings_are_dark_yellow_and_do_not_block(qtbot, demo_workspace: Workspace, vietnamese) -> None:
    form = open_form(qtbot, demo_workspace)
    fill_product(form)
    form.themes.set_checked([])
    messages = form.check()
    assert [(f, s) for f, s, _t in messages] == [("themes", "warning")]
    form.show_messages(messages)
    assert "chưa gắn chủ đề" in form.message_for("themes")
    assert "#8a6d00" in form._notes["themes"].text()
    assert form.save() is True


def test_errors_appear_while_typing_only_after_a_first_save(qtbot, demo_workspace: Workspace, fast_timers) -> None:
    form = open_form(qtbot, demo_workspace)
    form.title_edit.setText("x")
    form.title_edit.clear()
    qtbot.wait(50)  # the live check runs; an untouched error stays quiet
    assert form.message_for("title") == ""
    form.save()
    assert form.message_for("title")
    form.title_edit.setText("Tin mới")
    qtbot.waitUntil(lambda: form.message_for("title") == "")


def test_only_the_fields_of_the_kind_are_shown(qtbot, demo_workspace: Workspace) -> None:
    form = open_form(qtbot, demo_workspace)
    visible = lambda: {n for n, w in form.inputs.items() if w.isVisibleTo(form)}  # noqa: E731
    common = {"kind", "title", "date", "date_to", "plan_task", "status", "description", "attachments"}
    expected = {
        "product": {"product_type", "quantity", "copies", "minutes", "channels", "themes", "languages", "cost"},
        "broadcast": {"product", "channels", "times_aired", "audience", "languages", "themes"},
        "event": {"event_type", "place", "cost"},
        "other": set(),
    }
    for kind, fields in expected.items():
        form.kind_combo.setCurrentIndex(form.kind_combo.findData(kind))
        assert visible() == common | fields, kind
    data = form.to_json()
    assert data["kind"] == "other" and data["themes"] == [] and data["product_type"] is None


# --- saving ------------------------------------------------------------------------------


def test_saves_a_product_with_its_lists_and_a_file(
    qtbot, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = tmp_path / "ảnh ngư dân.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(picture))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(picture)], "")))

    form = open_form(qtbot, demo_workspace)
    fill_product(form)
    form.description_edit.setPlainText("Phát trên loa truyền thanh xã")
    form.attachments.choose_files()
    assert form.cost_edit.text() == "1.500.000"
    assert form.attachments.names() == ["ảnh ngư dân.png"]
    assert form.attachments.preview.pixmap() is not None and not form.attachments.preview.pixmap().isNull()

    with qtbot.waitSignal(form.saved) as saved:
        assert form.save() is True
    data = stored(demo_workspace, saved.args[0])
    assert data["kind"] == "product" and data["title"] == "Tin: Ngư dân Vĩnh Châu bám biển"
    assert (data["date"], data["product_type"], data["plan_task"]) == ("2024-05-02", "TIN", "II.1")
    assert sorted(data["themes"]) == ["CD1", "CD4"] and sorted(data["languages"]) == ["km", "vi"]
    assert sorted(data["channels"]) == ["MANG_XA_HOI", "TRUYEN_THANH_XA"]
    assert (data["quantity"], data["minutes"], data["cost"], data["status"]) == (2, 3.5, 1500000, "draft")
    assert data["description"] == "Phát trên loa truyền thanh xã"
    [attachment] = data["attachments"]
    assert (attachment["name"], attachment["mime_type"]) == ("ảnh ngư dân.png", "image/png")
    assert blob_path(demo_workspace.db.files_dir, attachment["sha256"]).read_bytes() == picture.read_bytes()
    assert not form.isVisible() and form.result() == ActivityForm.DialogCode.Accepted
    assert load_draft(demo_workspace.data_dir, "new") is None


def test_edits_an_activity_and_removes_its_file(qtbot, demo_workspace: Workspace, tmp_path: Path) -> None:
    leaflet = tmp_path / "to-roi.pdf"
    leaflet.write_bytes(b"%PDF-1.4 leaflet")
    with demo_workspace.writing() as session:
        data = {"kind": "event", "title": "Hội nghị tập huấn", "date": "2024-08-12", "date_to": "2024-08-13",
                "event_type": "TAP_HUAN", "place": "Hội trường UBND xã", "attachments": [str(leaflet)]}  # fmt: skip
        activity, _ = create_activity(session, demo_workspace.require_installation(session), data,
                                      files_dir=demo_workspace.db.files_dir)  # fmt: skip
        activity_id, version = activity.id, f"{activity.ver_origin}:{activity.ver_counter}"

    form = open_form(qtbot, demo_workspace, activity_id)
    assert form.windowTitle() == "Edit activity"
    assert (form.title_edit.text(), form.place_edit.text()) == ("Hội nghị tập huấn", "Hội trường UBND xã")
    assert form.date_to_edit.value() == date(2024, 8, 13)
    assert not form.is_dirty()
    form.title_edit.setText("Hội nghị tập huấn nghiệp vụ TTĐN")
    form.cost_edit.set_value(12_000_000)
    form.status_combo.setCurrentIndex(form.status_combo.findData("submitted"))
    form.attachments.list.setCurrentRow(0)
    form.attachments.remove_current()
    assert form.attachments.removed_ids() and form.is_dirty()
    assert form.save() is True

    data = stored(demo_workspace, activity_id)
    assert (data["title"], data["cost"], data["status"]) == ("Hội nghị tập huấn nghiệp vụ TTĐN", 12_000_000, "submitted")
    assert (data["place"], data["event_type"], data["date_to"]) == ("Hội trường UBND xã", "TAP_HUAN", "2024-08-13")
    assert data["attachments"] == [] and data["version"] != version
    with demo_workspace.reading() as session:
        assert list_attachments(session, activity_id) == []


def test_a_file_is_marked_as_holding_personal_data_and_unmarked(
    qtbot, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "danh-sach-ky-nhan.pdf"
    sheet.write_bytes(b"%PDF-1.4 signatures")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(sheet)], "")))
    form = open_form(qtbot, demo_workspace)
    fill_product(form)
    assert not form.attachments.personal_box.isEnabled()  # nothing selected
    form.attachments.choose_files()
    assert form.attachments.personal_box.isEnabled() and not form.attachments.personal_box.isChecked()
    form.attachments.personal_box.setChecked(True)
    assert form.attachments.list.item(0).text().endswith("personal data, encrypted")
    with qtbot.waitSignal(form.saved) as saved:
        assert form.save() is True
    activity_id = saved.args[0]
    assert [a["personal"] for a in stored(demo_workspace, activity_id)["attachments"]] == [True]

    again = open_form(qtbot, demo_workspace, activity_id)
    again.attachments.list.setCurrentRow(0)
    assert again.attachments.personal_box.isChecked() and not again.is_dirty()
    again.attachments.personal_box.setChecked(False)
    assert again.is_dirty()
    assert again.save() is True
    assert [a["personal"] for a in stored(demo_workspace, activity_id)["attachments"]] == [False]


def test_a_review_status_is_kept_unless_changed(qtbot, demo_workspace: Workspace) -> None:
    with demo_workspace.writing() as session:
        activity, _ = create_activity(session, demo_workspace.require_installation(session),
                                      {"kind": "other", "title": "Báo cáo quý", "date": "2024-03-30"})  # fmt: skip
        activity.status = "returned"  # as the department's review would set it
        activity_id = activity.id
    form = open_form(qtbot, demo_workspace, activity_id)
    assert form.status_combo.currentData() == "returned" and form.status_combo.count() == 3
    form.description_edit.setPlainText("Đã bổ sung số liệu")
    assert form.save() is True
    assert stored(demo_workspace, activity_id)["status"] == "returned"


# --- drafts, duplicates, closing ---------------------------------------------------------


def test_a_draft_is_written_and_restored(qtbot, demo_workspace: Workspace, fast_timers, answer) -> None:
    first = open_form(qtbot, demo_workspace)
    first.kind_combo.setCurrentIndex(first.kind_combo.findData("event"))
    first.title_edit.setText("Tuyên truyền lưu động tại ấp Âu Thọ")
    first.place_edit.setText("Ấp Âu Thọ B")
    qtbot.waitUntil(lambda: draft_path(demo_workspace.data_dir, "new").exists())
    qtbot.waitUntil(lambda: load_draft(demo_workspace.data_dir, "new").data["place"] == "Ấp Âu Thọ B")
    first.hide()  # the power goes: no save, no cancel

    answer(QMessageBox.StandardButton.Yes)
    second = open_form(qtbot, demo_workspace)
    qtbot.waitUntil(lambda: second.title_edit.text() == "Tuyên truyền lưu động tại ấp Âu Thọ")
    assert second.kind() == "event" and second.place_edit.text() == "Ấp Âu Thọ B"
    assert second.is_dirty()
    assert second.save() is True
    assert load_draft(demo_workspace.data_dir, "new") is None


def test_a_declined_draft_is_discarded(qtbot, demo_workspace: Workspace, message_boxes) -> None:
    save_draft(demo_workspace.data_dir, "new", {"kind": "other", "title": "Bản nháp cũ"})
    form = open_form(qtbot, demo_workspace)  # the autouse fixture answers neither Yes nor No
    qtbot.waitUntil(lambda: load_draft(demo_workspace.data_dir, "new") is None)
    assert form.title_edit.text() == "" and message_boxes[0][0] == "question"


def test_escape_asks_before_throwing_changes_away(qtbot, demo_workspace: Workspace, fast_timers, answer, message_boxes) -> None:
    form = open_form(qtbot, demo_workspace)
    form.title_edit.setText("Chưa lưu")
    qtbot.waitUntil(lambda: load_draft(demo_workspace.data_dir, "new") is not None)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and [k for k, _t in message_boxes] == ["question"]  # answered "Ok": stays open
    answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.result() == ActivityForm.DialogCode.Rejected
    assert load_draft(demo_workspace.data_dir, "new") is None


def test_an_unchanged_form_closes_without_asking(qtbot, demo_workspace: Workspace, message_boxes) -> None:
    form = open_form(qtbot, demo_workspace)
    form.reject()
    assert not form.isVisible() and message_boxes == []


def test_a_likely_duplicate_is_pointed_out(qtbot, demo_workspace: Workspace, fast_timers, vietnamese) -> None:
    with demo_workspace.reading() as session:
        existing = list_activities(session, ActivityFilter(kinds=["other"]), limit=1)[0]
    form = open_form(qtbot, demo_workspace)
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("other"))
    form.date_edit.set_value(existing.date_from)
    form.title_edit.setText(existing.title.upper().replace("Ò", "O"))  # other case, a tone dropped
    qtbot.waitUntil(lambda: existing.title in form.message_for("title"), timeout=3000)
    assert [s for f, s, _t in form.check() if f == "title"] == ["warning"]
    assert form.save() is True  # a warning, not a refusal


def test_keyboard_only_entry_creates_a_record(qtbot, demo_workspace: Workspace) -> None:
    form = open_form(qtbot, demo_workspace)
    with qtbot.waitActive(form):
        form.activateWindow()
    form.kind_combo.setFocus()
    before = total(demo_workspace)

    def type_in(text: str = "", *keys: Qt.Key) -> None:
        """Type ``text`` (any Unicode, as Unikey sends it) into the focused widget, then ``keys``."""
        widget = QApplication.focusWidget()
        assert widget is not None
        for char in text:  # QTest.keyClicks takes Latin-1 only
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget(), key)

    type_in("", Qt.Key.Key_Tab)  # kind: product (the default)
    assert QApplication.focusWidget() is form.title_edit
    type_in("Bài: Bảo vệ chủ quyền biển đảo", Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.date_edit
    type_in("14082024", Qt.Key.Key_Tab)  # the date; then the "to" box, left unticked
    type_in("", Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.task_combo
    assert form.task_combo.currentData() == "II.1"  # suggested: "Bài:" is an article, an II.1 product
    type_in("", Qt.Key.Key_Tab)
    type_in("", Qt.Key.Key_Down, Qt.Key.Key_Tab)  # status: draft -> submitted
    assert QApplication.focusWidget() is form.product_type_combo
    assert form.product_type_combo.currentData() == "BAI"  # from the title's "Bài:"
    for _ in range(4):  # quantity, copies, minutes, cost
        type_in("", Qt.Key.Key_Tab)
    type_in("250000")
    assert QApplication.focusWidget() is form.cost_edit
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    data = stored(demo_workspace, saved.args[0])
    assert (data["title"], data["date"], data["status"]) == ("Bài: Bảo vệ chủ quyền biển đảo", "2024-08-14", "submitted")
    assert data["plan_task"] == "II.1"
    assert (data["product_type"], data["cost"]) == ("BAI", 250000)
    assert total(demo_workspace) == before + 1


def test_ctrl_enter_saves_too(qtbot, demo_workspace: Workspace) -> None:
    form = open_form(qtbot, demo_workspace)
    with qtbot.waitActive(form):
        form.activateWindow()
    fill_product(form)
    form.description_edit.setFocus()
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.description_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


# --- the attachments widget ---------------------------------------------------------------


def test_sizes_are_written_the_vietnamese_way() -> None:
    assert [format_size(n) for n in (850, 12 * 1024, 1536 * 1024, 250 * 1024**2, 3 * 1024**3)] == [
        "850 B", "12 KB", "1,5 MB", "250 MB", "3 GB",
    ]  # fmt: skip


def test_files_can_be_dropped_opened_and_removed(
    qtbot, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    note = tmp_path / "bien-ban.txt"
    note.write_text("Biên bản hội nghị", encoding="utf-8")
    widget = AttachmentsWidget(demo_workspace.db.files_dir)
    qtbot.addWidget(widget)

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(note)), QUrl.fromLocalFile(str(tmp_path))])  # a folder is skipped
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(widget.changed):
        widget.dropEvent(drop)
    widget.add_files([note])  # already listed
    assert widget.names() == ["bien-ban.txt"] and widget.pending_files() == [note]
    assert widget.list.item(0).text() == "bien-ban.txt  (24 B)"
    assert widget.preview.text() == "No preview"
    widget.open_current()
    assert opened == [QUrl.fromLocalFile(str(note))]
    widget.remove_current()
    assert widget.names() == [] and not widget.has_changes()


def test_a_stored_file_opens_as_a_copy_under_its_own_name(
    qtbot, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    source = tmp_path / "clip.mp3"
    source.write_bytes(b"ID3 audio")
    with demo_workspace.writing() as session:
        data = {"kind": "other", "title": "Có tệp", "date": "2024-04-01", "attachments": [str(source)]}
        activity, _ = create_activity(session, demo_workspace.require_installation(session), data,
                                      files_dir=demo_workspace.db.files_dir)  # fmt: skip
        files = list_attachments(session, activity.id)
    widget = AttachmentsWidget(demo_workspace.db.files_dir)
    qtbot.addWidget(widget)
    widget.load(files)
    widget.list.setCurrentRow(0)
    widget.open_current()
    [url] = opened
    copy = Path(url.toLocalFile())
    assert copy.name == "clip.mp3" and copy.read_bytes() == b"ID3 audio" and copy != source

    blob_path(demo_workspace.db.files_dir, files[0].sha256).unlink()  # the stored file went missing
    widget.open_current()
    assert widget.message.isVisibleTo(widget) and "clip.mp3" in widget.message.text()


def test_a_retired_catalog_item_is_offered_only_to_records_using_it(qtbot, demo_workspace: Workspace) -> None:
    from sqlalchemy import select

    from desktop_app.core.db.models import CatalogItem

    with demo_workspace.writing() as session:
        data = {"kind": "broadcast", "title": "Phát trên pano", "date": "2024-06-01", "languages": ["vi"],
                "channels": ["PANO", "MANG_XA_HOI"]}  # fmt: skip
        activity, _ = create_activity(session, demo_workspace.require_installation(session), data)
        activity_id = activity.id
        session.scalar(select(CatalogItem).where(CatalogItem.code == "PANO")).active = False
    assert "PANO" not in open_form(qtbot, demo_workspace).channels.codes()
    form = open_form(qtbot, demo_workspace, activity_id)
    assert sorted(form.channels.checked()) == ["MANG_XA_HOI", "PANO"]
    form.times_aired_edit.set_value(3)
    assert form.save() is True
    assert sorted(stored(demo_workspace, activity_id)["channels"]) == ["MANG_XA_HOI", "PANO"]


@pytest.mark.parametrize(
    "name,expected", [("../../evil.txt", "evil.txt"), ("C:\\x\\y.doc", "y.doc"), ("..", "file"), ('a<b>:"c"?.pdf', "a_b___c__.pdf")]
)
def test_names_from_other_computers_cannot_leave_the_open_folder(tmp_path: Path, name: str, expected: str) -> None:
    from desktop_app.core.services.attachments import store_bytes, temp_copy

    sha = store_bytes(tmp_path / "files", b"content")
    copy = temp_copy(tmp_path / "files", sha, name, folder=tmp_path / "open")
    assert copy.name == expected and copy.parent.parent == tmp_path / "open" and copy.read_bytes() == b"content"



def test_a_broadcast_names_its_product(qtbot, demo_workspace: Workspace, answer) -> None:
    with demo_workspace.reading() as session:
        product = list_activities(session, ActivityFilter(kinds=["product"]), limit=1)[0]
    save_draft(demo_workspace.data_dir, "new", {"kind": "broadcast", "title": "Phát lại", "languages": ["km"], "product": "0" * 36})
    answer(QMessageBox.StandardButton.Yes)
    form = open_form(qtbot, demo_workspace)  # a draft naming a product that is gone
    qtbot.waitUntil(lambda: form.title_edit.text() == "Phát lại")
    assert form.product_combo.current_value() == ""
    form.product_combo.set_current_value(product.id)
    assert product.title in form.product_combo.currentText()
    form.date_edit.set_value(product.date_from)
    form.times_aired_edit.set_value(4)
    with qtbot.waitSignal(form.saved) as saved:
        assert form.save()
    assert stored(demo_workspace, saved.args[0])["product"] == product.id
    edit = open_form(qtbot, demo_workspace, saved.args[0])
    assert edit.product_combo.current_value() == product.id and edit.times_aired_edit.value() == 4
