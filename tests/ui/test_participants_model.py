"""The participant table model: Qt's model checks, row validation with the core's messages,
live counts, what a save sends, and the combo-box delegate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QTableView, QWidget

from desktop_app.core.services.catalogs import CatalogIndex
from desktop_app.core.workspace import Workspace
from desktop_app.ui.participants_model import (
    COLUMNS,
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
    ChoiceDelegate,
    ParticipantCountsView,
    ParticipantTableModel,
)

NAME, GENDER, ETHNICITY, BIRTH_YEAR = (COLUMNS.index(c) for c in ("name", "gender", "ethnicity", "birth_year"))
CATEGORY, PHONE = COLUMNS.index("category"), COLUMNS.index("phone")

STORED = [
    ("p-1", {"name": "Thạch Thị Sà Rum", "gender": "female", "ethnicity": "KHMER", "birth_year": 1985,
             "position": "Công chức Văn hóa - Xã hội", "organization": "UBND xã Hòa Đông", "category": "TTDN_XA",
             "phone": "0912345678"}),
    ("p-2", {"name": "Trần Văn Út", "gender": "male", "ethnicity": "KINH", "category": "BAO_CHI"}),
]


@pytest.fixture
def index(empty_workspace: Workspace) -> CatalogIndex:
    with empty_workspace.reading() as session:
        return CatalogIndex(session)


@pytest.fixture
def model(index: CatalogIndex) -> ParticipantTableModel:
    model = ParticipantTableModel(index)
    model.load(STORED)
    return model


def test_model_passes_qt_model_tester(qtmodeltester, model: ParticipantTableModel) -> None:
    model.add_row({"name": "Lý Mỹ Linh", "gender": "female", "ethnicity": "HOA"})
    model.add_row()
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_cells_show_names_and_edit_codes(model: ParticipantTableModel) -> None:
    assert model.index(0, ETHNICITY).data() == "Khmer"
    assert model.index(0, CATEGORY).data() == "Cán bộ làm công tác thông tin đối ngoại cấp xã"
    assert model.index(0, GENDER).data(Qt.ItemDataRole.EditRole) == "female"
    assert model.index(0, BIRTH_YEAR).data(Qt.ItemDataRole.EditRole) == "1985"
    assert model.index(1, PHONE).data() == ""
    assert model.index(0, NAME).data(Qt.ItemDataRole.UserRole) == "p-1"
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"
    assert model.error_rows() == [] and not model.is_modified()


def test_a_row_without_a_name_is_red_with_the_vietnamese_message(qtbot, model: ParticipantTableModel) -> None:
    with qtbot.waitSignal(model.changed):
        row = model.add_row()
    name = model.index(row, NAME)
    assert name.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "Họ và tên: bắt buộc phải nhập."
    assert model.error_rows() == [row]

    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(row, BIRTH_YEAR), "18")
    assert model.index(row, BIRTH_YEAR).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert "năm sinh 18 không hợp lệ" in model.index(row, BIRTH_YEAR).data(Qt.ItemDataRole.ToolTipRole)

    model.setData(name, "  Lâm Thị Hoà ")
    model.setData(model.index(row, BIRTH_YEAR), "1979")
    assert name.data() == "Lâm Thị Hoà"
    assert name.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.error_rows() == []
    assert model.row_issues(row) == []


def test_text_in_an_old_encoding_is_marked_as_a_warning(model: ParticipantTableModel) -> None:
    row = model.add_row({"name": "NguyÔn V¨n Nam"})
    cell = model.index(row, NAME)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND
    assert "TCVN3" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert model.error_rows() == []  # a warning does not stop a save


def test_counts_follow_the_rows(qtbot, model: ParticipantTableModel) -> None:
    assert model.counts() == {
        "total": 2,
        "by_gender": {"female": 1, "male": 1},
        "by_ethnicity": {"KHMER": 1, "KINH": 1},
        "by_category": {"TTDN_XA": 1, "BAO_CHI": 1},
    }
    row = model.add_row({"name": "Danh Sang"})
    with qtbot.waitSignal(model.changed):
        model.setData(model.index(row, GENDER), "male")
    counts = model.counts()
    assert counts["total"] == 3 and counts["by_gender"] == {"female": 1, "male": 2}
    assert counts["by_ethnicity"]["unknown"] == 1


def test_a_save_sends_only_what_changed(model: ParticipantTableModel) -> None:
    model.setData(model.index(1, PHONE), "0299 3861 234")
    model.setData(model.index(1, PHONE), "0299 3861 234")  # the same again: no second change
    model.remove_rows([0])
    model.add_row({"name": "Lý Mỹ Linh", "ethnicity": "HOA"})
    assert model.changed_rows() == [(0, "p-2", {"phone": "0299 3861 234"})]
    assert model.removed_ids() == ["p-1"]
    assert model.new_rows() == [(1, {"name": "Lý Mỹ Linh", "ethnicity": "HOA"})]
    assert model.is_modified()


def test_a_read_only_model_refuses_edits(model: ParticipantTableModel) -> None:
    model.set_read_only(True)
    assert not model.flags(model.index(0, NAME)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, NAME), "Ai đó")
    assert model.index(0, NAME).data() == "Thạch Thị Sà Rum"


def test_choice_columns_edit_with_a_combo_box(qtbot, model: ParticipantTableModel) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = ChoiceDelegate(view)
    parent = QWidget()
    qtbot.addWidget(parent)
    index = model.index(1, ETHNICITY)
    editor = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "Kinh", "Khmer", "Hoa", "Dân tộc khác"]
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "KINH"
    editor.setCurrentIndex(editor.findData("HOA"))
    delegate.setModelData(editor, model, index)
    assert index.data() == "Hoa" and model.changed_rows()[0][2] == {"ethnicity": "HOA"}
    editor.setCurrentIndex(0)  # the empty choice clears the value
    delegate.setModelData(editor, model, index)
    assert index.data() == "" and model.counts()["by_ethnicity"]["unknown"] == 1
    assert not isinstance(delegate.createEditor(parent, QStyleOptionViewItem(), model.index(1, NAME)), QComboBox)


def test_the_counts_view_names_the_groups(qtbot, index: CatalogIndex, model: ParticipantTableModel) -> None:
    view = ParticipantCountsView(index)
    qtbot.addWidget(view)
    model.add_row({"name": "Danh Sang", "gender": "male", "ethnicity": "KHMER"})
    view.set_counts(model.counts())
    assert view.total_label.text() == "3"
    assert view.gender_label.text() == "Male: 2 · Female: 1"
    assert view.ethnicity_label.text() == "Khmer: 2 · Kinh: 1"
    assert "Lãnh đạo, phóng viên, biên tập viên cơ quan báo chí địa phương: 1" in view.category_label.text()
    assert "not given: 1" in view.category_label.text()
    view.set_counts({"total": 0})
    assert view.gender_label.text() == "—"
