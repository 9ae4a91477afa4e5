"""First run: choose this computer's role and unit, and the officer's name — optionally
after taking in the province's configuration package. Shows the key fingerprint."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Role
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.installation import describe_installation, initialise
from desktop_app.core.operations.overview import unit_choices
from desktop_app.core.operations.sync import import_packages
from desktop_app.core.workspace import Workspace
from desktop_app.ui.workers import call


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


class SetupDialog(QDialog):
    """Sets up the installation on OK; core errors are shown in the dialog, not raised."""

    def __init__(self, workspace: Workspace, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = lang
        self.setWindowTitle(self.tr("Set up this computer"))
        self.setMinimumWidth(560)

        intro = QLabel(self.tr("This computer is not set up yet. Choose who uses it: the role and the unit."))
        intro.setWordWrap(True)

        self.unit_role = QRadioButton(self.tr("Unit"))
        self.aggregator_role = QRadioButton(self.tr("Provincial department (aggregator)"))
        self.unit_role.setChecked(True)
        self._roles = QButtonGroup(self)
        self._roles.addButton(self.unit_role)
        self._roles.addButton(self.aggregator_role)
        roles = QHBoxLayout()
        roles.addWidget(self.unit_role)
        roles.addWidget(self.aggregator_role)
        roles.addStretch(1)

        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText(self.tr("Type to filter units…"))
        self.unit_search.setClearButtonEnabled(True)
        self.unit_list = QListWidget()
        self.unit_list.setUniformItemSizes(True)
        self.unit_list.setMinimumHeight(220)
        units = QVBoxLayout()
        units.addWidget(self.unit_search)
        units.addWidget(self.unit_list)

        self.officer = QLineEdit()
        self.officer.setPlaceholderText(self.tr("Full name (optional)"))

        self.from_config = QPushButton(self.tr("Use the province's configuration package…"))
        self.from_config.setToolTip(
            self.tr("The province's package brings its plan, catalogs, units and keys; then choose your unit.")
        )
        self.from_config.clicked.connect(self._choose_config)
        self.config_note = QLabel()
        self.config_note.setWordWrap(True)
        self.config_note.hide()

        form = QFormLayout()
        form.addRow(self.tr("Role:"), roles)
        form.addRow(self.tr("Unit:"), units)
        form.addRow(self.tr("Officer:"), self.officer)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        config_row = QHBoxLayout()
        config_row.addWidget(self.from_config)
        config_row.addStretch(1)
        layout.addLayout(config_row)
        layout.addWidget(self.config_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.unit_search.textChanged.connect(self._load_units)
        self.unit_list.itemDoubleClicked.connect(self._double_clicked)
        self._load_units()

    def _load_units(self, search: str = "") -> None:
        """List the units matching ``search`` (ignoring case and diacritics), name plus parent."""
        selected = self.selected_unit_id()
        self.unit_list.clear()
        entries = [(u.id, self._label(u.label, u.valid_from, u.valid_to))
                   for u in call(unit_choices, self._workspace, search.strip() or None)]
        for unit_id, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            self.unit_list.addItem(item)
            if unit_id == selected:
                self.unit_list.setCurrentItem(item)

    def _label(self, name: str, valid_from: date | None, valid_to: date | None) -> str:
        if valid_from and valid_to:
            return self.tr("{name} ({start} – {end})").format(name=name, start=_day(valid_from), end=_day(valid_to))
        if valid_to:
            return self.tr("{name} (until {end})").format(name=name, end=_day(valid_to))
        if valid_from:
            return self.tr("{name} (from {start})").format(name=name, start=_day(valid_from))
        return name

    def _double_clicked(self, _item: QListWidgetItem) -> None:
        self.accept()

    def selected_unit_id(self) -> str | None:
        item = self.unit_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def role(self) -> str:
        return Role.AGGREGATOR.value if self.aggregator_role.isChecked() else Role.UNIT.value

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def accept(self) -> None:
        unit_id = self.selected_unit_id()
        if unit_id is None:
            self.show_error(self.tr("Choose a unit from the list."))
            return
        try:
            call(initialise, self._workspace, self.role(), unit_id, self.officer.text())
            fingerprint = call(describe_installation, self._workspace).fingerprint
        except TtdnError as exc:
            self.show_error(exc.message(self._lang))
            return
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr("This computer is set up.\n\nIts key fingerprint is:\n{fingerprint}\n\n"
                    "Read it to the province on the phone when it registers this computer.").format(fingerprint=fingerprint),
        )
        super().accept()

    def _choose_config(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.from_config.text(), "", self.tr("TTĐN packages (*.ttdn)"))
        if not path:
            return
        preview = call(import_packages, self._workspace, [Path(path)], dry_run=True).files[0]
        trusted = preview.fingerprint if preview.status == "needs_confirmation" and self._confirm_province(preview) else None
        report = call(import_packages, self._workspace, [Path(path)], confirm=lambda volume: volume.sender.keys.fingerprint == trusted)
        outcome = report.files[0]
        if outcome.status != "applied" or outcome.kind != "config":
            self.show_error(outcome.message or self.tr("This file is not the province's configuration package."))
            return
        self.show_error("")
        self.config_note.setText(
            self.tr("Configuration received from {sender}. Now choose your unit.").format(sender=outcome.sender)
        )
        self.config_note.show()
        self.unit_role.setChecked(True)
        self._load_units(self.unit_search.text())

    def _confirm_province(self, outcome) -> bool:
        """Asked on the GUI thread, before the import runs on the database worker."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("The package comes from {sender}.\n\nKey fingerprint:\n{fingerprint}\n\n"
                    "Does it match the fingerprint the province read to you on the phone?").format(
                sender=outcome.sender, fingerprint=outcome.fingerprint
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
