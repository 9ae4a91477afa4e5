"""The Vietnamese UI: every string translated, files current, no English left on screen."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from desktop_app.core.workspace import Workspace
from desktop_app.ui.i18n import source_files, translations_dir
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_dialog import SetupDialog

TS = translations_dir() / "ttdn_vi.ts"
PLACEHOLDER = re.compile(r"\{\w+\}|%L?n|%\d")


def _messages(path: Path = TS) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _translation_text(element: ET.Element) -> str:
    forms = [f.text or "" for f in element.iter("numerusform")]
    return forms[0] if forms else element.text or ""


def _untranslated_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """A pattern per English source that differs from its translation, placeholders as wildcards."""
    patterns = []
    for _context, source, translation in _messages():
        literal = PLACEHOLDER.sub("", source)
        if source == _translation_text(translation) or not re.search(r"[A-Za-z]", literal):
            continue
        body = ".*?".join(re.escape(part) for part in PLACEHOLDER.split(source))
        patterns.append((source, re.compile(rf"(?<!\w){body}(?!\w)")))
    return patterns


def _visible_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        texts.append(child.toolTip())
    return [t for t in texts if t]


def _model_texts(model) -> list[str]:
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list widget's internal model: one column
        columns = 1
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    texts += [model.index(r, c).data() for r in range(min(model.rowCount(QModelIndex()), 50)) for c in range(columns)]
    return [t for t in texts if t]


def _english_left(texts: list[str]) -> list[tuple[str, str]]:
    return [(source, text) for text in texts for source, pattern in _untranslated_patterns() if pattern.search(text)]


def test_every_message_is_translated() -> None:
    messages = _messages()
    assert messages
    unfinished = [s for _c, s, t in messages if t.get("type") in {"unfinished", "obsolete", "vanished"} or not _translation_text(t).strip()]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    for _context, source, translation in _messages():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(_translation_text(translation))), source


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not installed")
def test_ts_file_lists_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        ["pyside6-lupdate", *map(str, source_files()), "-no-obsolete", "-ts", str(fresh)],
        check=True, capture_output=True,
    )
    in_code = {(c, s) for c, s, _t in _messages(fresh)}
    in_file = {(c, s) for c, s, _t in _messages()}
    assert in_code == in_file, "run: python -m desktop_app.ui.i18n update"


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease not installed")
def test_qm_file_is_compiled_from_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run: python -m desktop_app.ui.i18n update"


def _all_texts(root: QWidget) -> list[str]:
    """Every text of ``root``'s widgets: labels, buttons, placeholders, tooltips, combo items,
    tab titles, group titles and the headers and first rows of every view."""
    texts = _visible_texts(root)
    for child in root.findChildren(QWidget):
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, (QLineEdit, QPlainTextEdit)):
            texts.append(child.placeholderText())
        elif isinstance(child, QListWidget):
            texts += [child.item(i).text() for i in range(child.count())]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            texts += [t for t in _model_texts(child.model()) if isinstance(t, str)]
    return [t for t in texts if t]


@pytest.mark.parametrize("role, unit", [("unit", "31786"), ("aggregator", "STTTT")])
def test_no_screen_has_english_left(qtbot, empty_workspace: Workspace, vietnamese, role, unit) -> None:
    """Walk every screen of the main window, at a unit and at the province."""
    from desktop_app.core.operations.demo import generate
    from desktop_app.core.operations.installation import initialise

    initialise(empty_workspace, role, unit, "Lâm Thị Hoà")
    generate(empty_workspace, 150, seed=4)
    window = MainWindow(empty_workspace)
    qtbot.addWidget(window)
    window.show()
    for key in window.pages:
        window.show_page(key)
        qtbot.waitUntil(lambda key=key: window.stack.currentWidget() is window.pages[key])
    texts = _all_texts(window) + [window.statusBar().currentMessage()]
    assert len(texts) > 150
    assert _english_left(texts) == []
    # the translators really were used
    assert "Hoạt động" in texts and "Gửi và nhận" in texts and "Cài đặt" in texts
    assert "Ngày" in texts


def test_setup_dialog_has_no_english_left(qtbot, empty_workspace: Workspace, vietnamese) -> None:
    dialog = SetupDialog(empty_workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # no unit chosen: the inline error is shown too
    texts = _visible_texts(dialog) + [dialog.unit_list.item(i).text() for i in range(dialog.unit_list.count())]
    assert _english_left(texts) == []
    assert dialog.windowTitle() == "Thiết lập máy này"
    assert "Hủy" in texts and "Đồng ý" in texts
    assert any("(đến 30/06/2025)" in t for t in texts)
