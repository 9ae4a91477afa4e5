"""Settings: the officer's name, the UI language, and facts about this installation (data
folder, key fingerprint, versions)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.installation import describe_installation, schema_revision, set_officer
from desktop_app.core.workspace import Workspace
from desktop_app.ui.i18n import LANGUAGE_KEY
from desktop_app.ui.widgets import ui_language
from desktop_app.ui.workers import call


class SettingsPage(QWidget):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(self.tr("Full name"))
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(self._save_officer)
        officer_row = QHBoxLayout()
        officer_row.addWidget(self.officer, 1)
        officer_row.addWidget(save)

        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(self._save_language)

        self.fingerprint = QLabel()
        font = QFont(self.fingerprint.font())
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.fingerprint.setFont(font)
        self.data_dir = QLabel(str(workspace.data_dir))
        self.data_dir.setWordWrap(True)
        open_folder = QPushButton(self.tr("Open data folder"))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(workspace.data_dir))))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.versions = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Officer using this computer:"), officer_row)
        form.addRow(self.tr("Language (after restart):"), self.language)
        form.addRow(self.tr("Key fingerprint:"), self.fingerprint)
        form.addRow(self.tr("Data folder:"), self.data_dir)
        form.addRow("", open_folder)
        form.addRow(self.tr("Version:"), self.versions)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        me = call(describe_installation, self._workspace)
        self.officer.setText(me.officer or "")
        self.fingerprint.setText(me.fingerprint)
        revision = call(schema_revision, self._workspace)
        self.versions.setText(self.tr("program {version}, database schema {schema}").format(version=__version__, schema=revision))
        stored = QSettings().value(LANGUAGE_KEY, "vi")
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(stored)))
        self.language.blockSignals(False)

    def _save_officer(self) -> None:
        try:
            call(set_officer, self._workspace, self.officer.text())
        except TtdnError as exc:
            self.message.setText(exc.message(ui_language()))
            return
        self.message.setText(self.tr("Saved."))
        self.changed.emit()

    def _save_language(self) -> None:
        QSettings().setValue(LANGUAGE_KEY, self.language.currentData())
        self.message.setText(self.tr("The language changes the next time the program starts."))
