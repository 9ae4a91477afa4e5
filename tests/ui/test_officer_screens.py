"""The screens an officer works in, as a 1366×768 laptop shows them: every dialog fits
(also at 125 % Windows scaling), and nothing on them is left in English, Qt's own file
dialog, message boxes and calendar included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_form import ActivityForm
from desktop_app.ui.backup_dialog import BackupDialog
from desktop_app.ui.event_form import EventForm
from desktop_app.ui.i18n import translations_dir
from desktop_app.ui.import_preview_dialog import ImportPreviewDialog
from desktop_app.ui.pages.activities_page import ActivitiesPage
from desktop_app.ui.pages.events_page import EventsPage
from desktop_app.ui.participant_import_dialog import ParticipantImportDialog
from desktop_app.ui.register_import_dialog import RegisterImportDialog
from desktop_app.ui.setup_dialog import SetupDialog
from desktop_app.ui.widgets import DateEdit
from test_translations import _all_texts, _english_left, _messages  # tests/ui is on sys.path
from test_words_at_the_edge import _refused_report

SCREEN = QSize(1366, 720)  # 1366×768 less a taskbar
SCALED = QSize(round(1366 / 1.25), round(720 / 1.25))  # the same screen at 125 %: 1093×576
# Words of Qt's standard dialogs (and of UIs generally) that never appear in Vietnamese
# text: a string Qt shows that the translations miss (Qt 6.11 renamed "Look in:" to
# "&Look in:") is caught even though it is in no .ts file.
ENGLISH_UI_WORDS = set(
    "the of and look files file type name open save cancel folder directory back forward parent "
    "create new view detail details list show hidden rename delete size date modified computer choose "
    "yes no apply close help reset discard abort retry ignore today previous next month year week "
    "select all none drive drives recent places".split()
)


def _qt_patterns_left(texts: list[str]) -> list[tuple[str, str]]:
    """Texts still equal to one of Qt's English sources that ``qt_vi.ts`` translates."""
    sources = {s.replace("&", "") for _c, s, t in _messages(translations_dir() / "qt_vi.ts") if re.search("[A-Za-z]{3}", s)}
    return [(s, t) for t in texts for s in sources if t.replace("&", "") == s]


def _english_words(texts: list[str]) -> list[tuple[str, str]]:
    found = []
    for text in texts:
        if text.startswith("/") or re.match(r"[A-Za-z]:\\", text):
            continue  # a folder's path
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text.replace("&", ""))}
        found += [(w, text) for w in sorted(words & ENGLISH_UI_WORDS)]
    return found


def _texts(widget: QWidget) -> list[str]:
    texts = _all_texts(widget)
    for child in [widget, *widget.findChildren(QWidget)]:
        texts += [a.text() for a in child.actions() if a.text()]
    return texts


def _assert_vietnamese(texts: list[str]) -> None:
    assert _english_left(texts) == []
    assert _qt_patterns_left(texts) == []
    assert _english_words(texts) == []


def _fits(dialog: QWidget, room: QSize = SCREEN) -> bool:
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    return least.width() <= room.width() and least.height() <= room.height()


@pytest.fixture
def dialogs(qtbot, demo_workspace: Workspace, tmp_path: Path):
    """Every dialog of the officer's day, open on real data."""
    activities = ActivitiesPage(demo_workspace)
    events = EventsPage(demo_workspace)
    for page in (activities, events):
        qtbot.addWidget(page)
    shown: dict[str, QDialog] = {
        "new activity": ActivityForm(demo_workspace),
        "activity": ActivityForm(demo_workspace, activities.model.activity_id(0)),
        "new event": EventForm(demo_workspace),
        "event": EventForm(demo_workspace, events.selected_event_id()),
        "setup": SetupDialog(demo_workspace),
        "participant import": _participant_import(qtbot, demo_workspace, events.selected_event_id(), tmp_path),
        "package import preview": ImportPreviewDialog(_refused_report(), "vi"),
        "register import": RegisterImportDialog(demo_workspace),
        "backups": BackupDialog(demo_workspace, "vi"),
    }
    for dialog in shown.values():
        qtbot.addWidget(dialog)
    return shown


def _participant_import(qtbot, workspace: Workspace, event_id: str, folder: Path) -> ParticipantImportDialog:
    """The import dialog at its fullest: a list read (mapping, preview, summary) into an
    event that already has people (the choice of what to do shows too)."""
    from desktop_app.app import _sample_participants
    from desktop_app.ui.workers import wait_for_workers

    dialog = ParticipantImportDialog(workspace, event_id)
    sample = folder / "dai-bieu.xlsx"
    _sample_participants(sample)
    dialog.open_file(sample)
    qtbot.waitUntil(lambda: not dialog._loading and dialog._loaded is not None, timeout=15000)
    wait_for_workers()
    qtbot.waitUntil(lambda: not dialog._loading, timeout=15000)
    assert dialog._loaded.existing > 0 and dialog.model.rowCount() == 3
    return dialog


def test_every_dialog_fits_1366x720_and_at_125_percent(qtbot, dialogs: dict[str, QDialog]) -> None:
    for name, dialog in dialogs.items():
        dialog.show()
        if name == "participant import":
            assert dialog.mode_box.isVisible()  # measured with every part shown
        assert dialog.width() <= SCREEN.width() and dialog.height() <= SCREEN.height(), name
        assert _fits(dialog, SCALED), (name, dialog.minimumSizeHint())  # scroll areas take up the rest
        dialog.hide()


def test_the_participant_import_fits_125_percent_in_vietnamese(qtbot, demo_workspace: Workspace, tmp_path: Path, vietnamese) -> None:
    """Vietnamese labels are the longer ones: the mapping grid (three pairs a row), the
    table rows and the summary still leave the dialog inside 1093×576."""
    events = EventsPage(demo_workspace)
    qtbot.addWidget(events)
    dialog = _participant_import(qtbot, demo_workspace, events.selected_event_id(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mode_box.isVisible() and "Ghép cột" in _texts(dialog)
    assert _fits(dialog, SCALED), dialog.minimumSizeHint()
    dialog.resize(SCALED)
    qtbot.waitUntil(lambda: dialog.size() == SCALED)
    assert dialog.import_button.isVisible() and dialog.preview.isVisible()
    assert dialog.buttons.geometry().bottom() < SCALED.height()  # Nhập/Đóng on screen


def test_dialogs_have_no_english_left(qtbot, dialogs: dict[str, QDialog], vietnamese) -> None:
    # (the dialogs were built before the translator: build them again in Vietnamese)
    workspace = dialogs["new activity"]._workspace
    form = ActivityForm(workspace)
    event = EventForm(workspace)
    for dialog in (form, event):
        qtbot.addWidget(dialog)
        dialog.show()
    form.save()  # the inline messages too
    event.save()
    texts = _texts(form) + _texts(event)
    assert "Lưu" in texts and "Hủy" in texts
    _assert_vietnamese(texts)


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_qts_file_dialog_is_vietnamese(qtbot, tmp_path: Path, vietnamese, mode: str) -> None:
    """Qt's own file dialog (as on Linux; Windows shows its native one, in Windows' language)."""
    (tmp_path / "dai-bieu.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert any(t.replace("&", "") == "Tìm trong:" for t in texts)
    assert any(t.replace("&", "") == "Loại tệp:" for t in texts)
    _assert_vietnamese(texts)


def test_message_boxes_and_the_calendar_are_vietnamese(qtbot, vietnamese) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "TTĐN", "Xóa hoạt động này?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    box.show()
    day = DateEdit()
    qtbot.addWidget(day)
    day.show()
    calendar = day.show_calendar()
    texts = _texts(box) + _texts(day) + _texts(calendar)
    assert {"&Có", "&Không"} <= set(texts) or {"Có", "Không"} <= {t.replace("&", "") for t in texts}
    _assert_vietnamese(texts)


def test_the_english_detectors_catch_what_they_should() -> None:
    """The checks above can fail: untranslated Qt and program strings are caught."""
    assert _english_words(["&Look in:"]) and _english_words(["Files of &type:"])
    assert _qt_patterns_left(["File &name:"])
    assert not _english_words(["Tìm trong:", "Excel (*.xlsx)", "/tmp/ttdn"])
