"""Sending and receiving packages: export to a USB stick or e-mail, import with a preview,
and at the province receipts, the configuration package and the units' keys.

Every core call that touches the database or writes package files runs on the database
worker (:mod:`desktop_app.ui.workers`); results come back to slots in the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QLocale, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations.installation import describe_installation
from desktop_app.core.operations.sync import (
    DEFAULT_MAX_VOLUME_MB,
    PACKAGE_SUFFIX,
    ExportResult,
    ImportReport,
    deliver,
    export_data,
    identity_from_file,
    import_packages,
    make_config,
    make_receipts,
    register_unit,
    revoke_unit,
    staging_folder,
    sync_view,
    write_email_drafts,
    write_enrolment,
)
from desktop_app.core.sync.drives import removable_drives
from desktop_app.core.workspace import Workspace
from desktop_app.ui.table_models import table_view
from desktop_app.ui.import_preview_dialog import (
    ImportPreviewDialog,
    details_lines,
    file_messages,
    fingerprint_label,
    split_fingerprint,
    totals_text,
)
from desktop_app.ui.package_history_model import COL_FILE, COL_PEER, PackageHistoryModel, local_time, size_text
from desktop_app.ui.widgets import format_number, unconfirmed_text
from desktop_app.ui.workers import Job, call, quietly, run_with_progress


def _preview(workspace: Workspace, paths: list[Path], *, progress: Any, cancelled: Any) -> ImportReport:
    return import_packages(workspace, paths, dry_run=True, progress=progress)


def _apply(workspace: Workspace, paths: list[Path], confirm: Callable[[Any], bool], *, progress: Any, cancelled: Any) -> ImportReport:
    return import_packages(workspace, paths, confirm=confirm, progress=progress)


def _register(workspace: Workspace, identity: Any) -> str:
    """Register after the officer confirmed the fingerprint in this screen's dialog."""
    return register_unit(workspace, identity, confirmed=True).installation_id


@dataclass
class LastExport:
    """The package exported last in this session, kept in the data folder."""

    result: ExportResult

    @property
    def files(self) -> list[Path]:
        return [w.path for w in sorted(self.result.files, key=lambda w: w.index)]


class DropZone(QLabel):
    """A box that takes .ttdn files dropped on it."""

    files_dropped = Signal(list)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(72)
        self.setStyleSheet("QLabel { border: 2px dashed #8a8a8a; border-radius: 6px; padding: 10px; color: #444; }")

    @staticmethod
    def packages(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(PACKAGE_SUFFIX)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.packages(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt name
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.packages(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)


class SyncPage(QWidget):
    """Send and receive. ``changed`` is emitted after an import, an export and any other
    change to what this installation holds (keys, receipts)."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
        me = call(describe_installation, workspace, keys=False)
        self.role, self._unit_name, self._unit_code = me.role, me.unit_name, me.unit_code
        self._job: Job | None = None
        self.last_export: LastExport | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self._actions: list[QWidget] = []

        self.status = QLabel()
        self.status.setWordWrap(True)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        if self.role == "unit":
            left.addWidget(self._send_group())
            right.addWidget(self._receive_group())
            right.addWidget(self._enrolment_group())
        else:
            left.addWidget(self._units_group())
            left.addWidget(self._config_group())
            right.addWidget(self._receive_group())
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setFrameShape(QFrame.Shape.StyledPanel)
        self.result.setMargin(8)
        self.result.hide()

        self.history_model = PackageHistoryModel(workspace, self)
        self.history = self._history_view()

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(columns)
        layout.addWidget(self.result)
        layout.addWidget(QLabel(self.tr("Packages sent and received")))
        layout.addWidget(self.history, 1)
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self._actions.append(button)
        return button

    def _send_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Send to the province"))
        self.full_resend = QCheckBox(self.tr("Send everything again (full resend)"))
        self.counts_only = QCheckBox(self.tr("Participants as counts only (no names or phone numbers)"))
        self.max_volume = QSpinBox()
        self.max_volume.setRange(1, 1000)
        self.max_volume.setValue(DEFAULT_MAX_VOLUME_MB)
        self.max_volume.setSuffix(" MB")
        self.max_volume.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000 MB") + 48)
        self.destination = QComboBox()
        self.destination.setMinimumContentsLength(16)
        self.destination.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.destination.setPlaceholderText(self.tr("No USB drive: choose a folder"))
        refresh = QPushButton()
        refresh.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        refresh.setToolTip(self.tr("Look for USB drives again"))
        refresh.clicked.connect(self.refresh_drives)
        choose = self._button(self.tr("Choose folder…"), self.choose_folder)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(refresh)
        where.addWidget(choose)

        form = QFormLayout()
        form.addRow(self.full_resend)
        form.addRow(self.counts_only)
        form.addRow(self.tr("Largest file (for e-mail):"), self.max_volume)
        form.addRow(self.tr("Save to:"), where)
        self.export_button = self._button(self.tr("Export package"), self.export_package)
        self.export_button.setDefault(True)
        self.copy_button = self._button(self.tr("Copy again"), self.copy_again)
        self.copy_button.setToolTip(self.tr("Copy the last package to the destination again (another USB drive, say)"))
        self.email_button = self._button(self.tr("Prepare e-mail"), self.prepare_email)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.email_button)
        buttons.addStretch(1)
        box = QVBoxLayout(group)
        box.addLayout(form)
        box.addLayout(buttons)
        return group

    def _receive_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Receive packages"))
        self.drop_zone = DropZone(self.tr("Drop .ttdn package files here"))
        self.drop_zone.files_dropped.connect(self.receive)
        self._actions.append(self.drop_zone)
        choose = self._button(self.tr("Choose files…"), self.choose_files)
        note = QLabel(self.tr("Several files and volumes at once, in any order. You see a preview before anything is imported."))
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addStretch(1)
        box = QVBoxLayout(group)
        box.addWidget(self.drop_zone)
        box.addLayout(row)
        box.addWidget(note)
        return group

    def _enrolment_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Enrolment file"))
        intro = QLabel(self.tr("The province registers this computer from its enrolment file. Read this fingerprint to the province on the phone:"))
        intro.setWordWrap(True)
        self.fingerprint = fingerprint_label("")
        save = self._button(self.tr("Save enrolment file…"), self.save_enrolment)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addStretch(1)
        box = QVBoxLayout(group)
        box.addWidget(intro)
        box.addWidget(self.fingerprint)
        box.addLayout(row)
        return group

    def _units_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Units' computers"))
        self.peers = QComboBox()
        self.peers.setMinimumContentsLength(24)
        self.peers.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.peers.setPlaceholderText(self.tr("No unit registered yet"))
        grid = QGridLayout()
        grid.addWidget(self.peers, 0, 0, 1, 3)
        grid.addWidget(self._button(self.tr("Receipts…"), self.make_receipts), 1, 0)
        grid.addWidget(self._button(self.tr("Register a unit…"), self.register_unit), 1, 1)
        grid.addWidget(self._button(self.tr("Revoke…"), self.revoke_unit), 1, 2)
        note = QLabel(self.tr("After importing a unit's packages, send it a receipt: it confirms what arrived and carries your reviews."))
        note.setWordWrap(True)
        box = QVBoxLayout(group)
        box.addLayout(grid)
        box.addWidget(note)
        return group

    def _config_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Configuration package"))
        note = QLabel(
            self.tr(
                "The plan, catalogs, units and keys, for every unit; make it again after changing them. "
                "Units compare this computer's fingerprint by phone when they first import it:"
            )
        )
        note.setWordWrap(True)
        self.fingerprint = fingerprint_label("")
        row = QHBoxLayout()
        row.addWidget(self._button(self.tr("Make configuration package…"), self.make_configuration))
        row.addStretch(1)
        box = QVBoxLayout(group)
        box.addWidget(note)
        box.addWidget(self.fingerprint)
        box.addLayout(row)
        return group

    def _history_view(self) -> QTableView:
        view = table_view(self.history_model, stretch=(COL_PEER, COL_FILE))
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 5)
        return view

    # --- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the status line, drives, registered units, fingerprint and history."""
        view = call(sync_view, self._workspace)
        self.status.setText(self._status_text(view.status))
        self.fingerprint.setText(split_fingerprint(view.fingerprint))
        if self.role == "unit":
            self.refresh_drives()
            self.copy_button.setEnabled(self.last_export is not None and self._job is None)
        else:
            chosen = self.peers.currentData()
            self.peers.clear()
            for computer in view.computers:
                label = self.tr("{unit} ({code}) – computer …{tail}").format(
                    unit=computer.unit_name, code=computer.unit_code, tail=computer.fingerprint[-5:]
                )
                self.peers.addItem(label, (computer.installation_id, computer.unit_code))
            index = self.peers.findData(chosen) if chosen is not None else -1
            self.peers.setCurrentIndex(index if index >= 0 else (0 if self.peers.count() else -1))
        self.history_model.refresh()

    def _status_text(self, status: Any) -> str:
        never = self.tr("never")
        if self.role == "unit":
            parts = [
                self.tr("Last package sent: {when}").format(when=local_time(status.last_sent_at) or never),
                self.tr("confirmed by the province up to: {when}").format(when=local_time(status.confirmed_at) or never),
                unconfirmed_text(status.unsent_changes),
            ]
        else:
            parts = [self.tr("Last package received: {when}").format(when=local_time(status.last_received_at) or never)]
        if status.open_conflicts:
            parts.append(self.tr("conflicting versions: {count}").format(count=format_number(status.open_conflicts)))
        return " · ".join(parts)

    def refresh_drives(self) -> None:
        """Offer the USB drives plugged in now, and the folders chosen before."""
        chosen = self.destination.currentData()
        folders = [self.destination.itemData(i) for i in range(self.destination.count()) if not self._is_drive(i)]
        self.destination.clear()
        for drive in removable_drives():
            text = self.tr("USB drive {label} ({path}) – {free} free").format(label=drive.label, path=drive.path, free=size_text(drive.free_bytes))
            self.destination.addItem(self.style().standardIcon(QStyle.StandardPixmap.SP_DriveFDIcon), text, str(drive.path))
            self.destination.setItemData(self.destination.count() - 1, True, Qt.ItemDataRole.UserRole + 1)
        for folder in folders:
            if self.destination.findData(folder) < 0:
                self.destination.addItem(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon), folder, folder)
        index = self.destination.findData(chosen) if chosen is not None else -1
        self.destination.setCurrentIndex(index if index >= 0 else (0 if self.destination.count() else -1))

    def _is_drive(self, index: int) -> bool:
        return bool(self.destination.itemData(index, Qt.ItemDataRole.UserRole + 1))

    @property
    def busy(self) -> bool:
        """True while a job of this page runs."""
        return self._job is not None

    def _track(self, job: Job) -> Job:
        self._job = job
        for widget in self._actions:
            widget.setEnabled(False)
        job.ended.connect(lambda: self._untrack(job))
        return job

    def _untrack(self, job: Job) -> None:
        if self._job is not job:
            return  # a follow-up job has taken over
        self._job = None
        for widget in self._actions:
            widget.setEnabled(True)
        if self.role == "unit":
            self.copy_button.setEnabled(self.last_export is not None)

    def _run(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None],
        failed: Callable[[object], None] | None = None,
        cancellable: bool = False,
        **kwargs: Any,
    ) -> Job:
        """Run ``fn`` on the database worker with a progress window; ``done(result)`` or
        ``failed(error)`` (default: show the error) runs in the GUI thread."""
        job = self._track(run_with_progress(self, title, fn, *args, cancellable=cancellable, **kwargs))
        job.finished.connect(done)
        job.failed.connect(failed or self._failed)
        return job

    # --- messages -------------------------------------------------------------------------

    def _error_text(self, error: object) -> str:
        if isinstance(error, TtdnError):
            return error.message(self._lang)
        return self.tr("Unexpected error: {detail}").format(detail=error)

    def show_result(self, text: str, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("color: #b00020;" if error else "")
        self.result.show()

    def _failed(self, error: object, advice: str = "") -> None:
        text = "\n\n".join(filter(None, [self._error_text(error), advice]))
        cancelled = isinstance(error, TtdnError) and error.key == "operation.cancelled"
        self.show_result(text, error=not cancelled)
        if not cancelled:
            QMessageBox.warning(self, self.tr("Send and receive"), text)

    def _files_text(self, paths: list[Path]) -> str:
        return "\n".join(f"  • {p.name} ({size_text(p.stat().st_size) if p.exists() else '?'})" for p in paths)

    # --- sending (unit) -------------------------------------------------------------------

    def current_destination(self) -> Path | None:
        data = self.destination.currentData()
        return Path(data) if data else None

    def choose_folder(self) -> Path | None:
        start = str(self.current_destination() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose where to save the package"), start)
        if not chosen:
            return None
        if self.destination.findData(chosen) < 0:
            self.destination.addItem(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon), chosen, chosen)
        self.destination.setCurrentIndex(self.destination.findData(chosen))
        return Path(chosen)

    def export_package(self) -> None:
        """Export into the data folder, then copy to the destination and check the copy."""
        destination = self.current_destination() or self.choose_folder()
        if destination is not None:
            self._export(then=lambda: self._deliver(destination))

    def _export(self, then: Callable[[], None]) -> None:
        outbox = staging_folder(self._workspace.data_dir / "outbox")
        options = {
            "full": self.full_resend.isChecked(),
            "counts_only": self.counts_only.isChecked(),
            "max_volume_mb": self.max_volume.value(),
        }
        self._run(
            self.tr("Exporting the package…"),
            export_data,
            self._workspace,
            outbox,
            done=lambda result: self._exported(result, then),
            failed=lambda error: self._export_failed(error, then),
            cancellable=True,
            **options,
        )

    def _exported(self, result: ExportResult, then: Callable[[], None]) -> None:
        self.last_export = LastExport(result)
        self.changed.emit()
        then()

    def _export_failed(self, error: object, then: Callable[[], None]) -> None:
        if isinstance(error, TtdnError) and error.key == "export.personal_needs_key" and not self.counts_only.isChecked():
            answer = QMessageBox.question(
                self,
                self.tr("Send and receive"),
                self.tr(
                    "The province's key is not known yet, so participants' names and phone numbers cannot be "
                    "encrypted. Import the province's configuration package first, or send participants as "
                    "counts only.\n\nSend counts only now?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.counts_only.setChecked(True)
                self._export(then)
                return
        self._failed(error)

    def _deliver(self, destination: Path) -> None:
        assert self.last_export is not None
        files = self.last_export.files
        self._run(
            self.tr("Copying the package…"),
            deliver,
            files,
            destination,
            done=lambda copies: self._delivered(copies, destination),
            failed=self._delivery_failed,
            cancellable=True,
        )

    def _delivery_failed(self, error: object) -> None:
        assert self.last_export is not None
        kept = self.tr("The package is kept in the data folder ({folder}): choose another destination and press “Copy again”.")
        self._failed(error, kept.format(folder=self.last_export.files[0].parent))

    def _delivered(self, copies: list[Path], destination: Path) -> None:
        assert self.last_export is not None
        result = self.last_export.result
        lines = [
            self.tr("Done: package no. {sequence} was copied to {folder} and checked.").format(sequence=result.sequence, folder=destination),
            self._files_text(copies),
        ]
        lines += [w.message(self._lang) for w in result.warnings]
        self.show_result("\n".join(lines))
        self.refresh()

    def copy_again(self) -> None:
        """Copy the last package to the destination again (a second stick, a failed copy)."""
        destination = self.current_destination() or self.choose_folder()
        if destination is not None and self.last_export is not None:
            self._deliver(destination)

    def prepare_email(self) -> None:
        """E-mail drafts for the last package (exported now if there is none yet)."""
        if self.last_export is None:
            self._export(then=self._write_drafts)
        else:
            self._write_drafts()

    def _write_drafts(self) -> None:
        assert self.last_export is not None
        folder = staging_folder(self._workspace.data_dir / "email")
        self._run(
            self.tr("Preparing e-mail…"),
            quietly(write_email_drafts),
            self.last_export.files,
            folder,
            sender_unit=self._unit_name,
            sequence=self.last_export.result.sequence,
            done=self._drafts_written,
        )

    def _drafts_written(self, drafts: list[Path]) -> None:
        opened = all(QDesktopServices.openUrl(QUrl.fromLocalFile(str(d))) for d in drafts)
        lines = [self.tr("E-mail drafts are ready, one per file: add the province's address and send them."), self._files_text(drafts)]
        if not opened and drafts:
            lines.append(self.tr("They could not be opened automatically; open them from {folder}.").format(folder=drafts[0].parent))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(drafts[0].parent)))
        self.show_result("\n".join(lines))
        self.refresh()

    def save_enrolment(self) -> None:
        start = self.current_destination() or Path.home()
        name = f"dang-ky-{self._unit_code}.json"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save enrolment file"), str(start / name), self.tr("Enrolment files (*.json)"))
        if chosen:
            self._run(self.tr("Saving…"), quietly(write_enrolment), self._workspace, Path(chosen), done=self._enrolment_saved)

    def _enrolment_saved(self, path: Path) -> None:
        self.show_result(self.tr("Enrolment file saved: {path}. Send it to the province and read the fingerprint to them on the phone.").format(path=path))

    # --- receiving ------------------------------------------------------------------------

    def choose_files(self) -> None:
        start = str(self.current_destination() or Path.home()) if self.role == "unit" else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose package files"), start, self.tr("TTĐN packages (*.ttdn)"))
        if chosen:
            self.receive([Path(p) for p in chosen])

    def receive(self, paths: list[Path]) -> None:
        """Check ``paths`` (a dry run), show the preview, import if the user agrees."""
        if self.busy or not paths:
            return
        self._run(self.tr("Checking the packages…"), _preview, self._workspace, list(paths), done=lambda r: self._previewed(r, list(paths)))

    def _previewed(self, report: ImportReport, paths: list[Path]) -> None:
        dialog = ImportPreviewDialog(report, self._lang, self)
        dialog.accepted.connect(lambda: self._import(paths, dialog.confirmation()))
        dialog.finished.connect(lambda _result: self._preview_closed(dialog))
        self.preview_dialog = dialog
        dialog.open()

    def _preview_closed(self, dialog: ImportPreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None
        dialog.deleteLater()

    def _import(self, paths: list[Path], confirm: Callable[[Any], bool]) -> None:
        self._run(self.tr("Importing…"), _apply, self._workspace, paths, confirm, done=self._imported)

    def _imported(self, report: ImportReport) -> None:
        applied = [f for f in report.files if f.status == "applied"]
        refused = [f for f in report.files if f.status in ("rejected", "needs_confirmation")]
        lines = [self.tr("Imported {count} of {total} files.").format(count=len(applied), total=len(report.files))]
        lines.append(self.tr("Records: {totals}").format(totals=totals_text(report)))
        lines += file_messages(report) + details_lines(report, self._lang)
        if self.role == "aggregator" and any(f.kind == "data" for f in applied):
            lines.append(self.tr("Now make a receipt for the unit (Receipts…) and send it back."))
        self.show_result("\n".join(lines), error=not applied and bool(refused))
        self.refresh()
        self.changed.emit()

    # --- the province ---------------------------------------------------------------------

    def _chosen_peer(self) -> tuple[str, str] | None:
        data = self.peers.currentData()
        if data is None:
            QMessageBox.information(self, self.tr("Send and receive"), self.tr("Choose a unit's computer first (register it if the list is empty)."))
        return data

    def _choose_target(self, title: str) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, title, str(Path.home()))
        return Path(chosen) if chosen else None

    def make_receipts(self) -> None:
        peer = self._chosen_peer()
        target = self._choose_target(self.tr("Choose where to save the receipt")) if peer else None
        if peer and target:
            self._run(self.tr("Making the receipt…"), quietly(make_receipts), self._workspace, peer[1], target, done=self._written)

    def make_configuration(self) -> None:
        target = self._choose_target(self.tr("Choose where to save the configuration package"))
        if target:
            self._run(self.tr("Making the configuration package…"), quietly(make_config), self._workspace, target, done=self._written)

    def _written(self, written: list[Any]) -> None:
        paths = [w.path for w in written]
        folder = paths[0].parent if paths else ""
        self.show_result("\n".join([self.tr("Saved in {folder}:").format(folder=folder), self._files_text(paths)]))
        self.refresh()
        self.changed.emit()

    def register_unit(self) -> None:
        """Register a unit's computer from its enrolment file or one of its packages."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the unit's enrolment file or package"), str(Path.home()), self.tr("Enrolment file or package (*.json *.ttdn)")
        )
        if not chosen:
            return
        try:
            identity = identity_from_file(Path(chosen))
        except TtdnError as exc:
            self._failed(exc)
            return
        question = self.tr(
            "Register {unit} ({code})?<br><br>Phone the unit and have them read their fingerprint; "
            "register only if every group matches:<br><br>{fingerprint}"
        ).format(
            unit=identity.unit_name,
            code=identity.unit_code,
            fingerprint=f"<span style='font-family: monospace; font-size: 15pt; font-weight: bold'>{split_fingerprint(identity.keys.fingerprint).replace(chr(10), '<br>')}</span>",
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, self.tr("Register a unit"), question, buttons) == QMessageBox.StandardButton.Yes:
            self._run(self.tr("Registering…"), quietly(_register), self._workspace, identity, done=lambda _: self._registered(identity.unit_name))

    def _registered(self, unit: str) -> None:
        self.show_result(self.tr("{unit} is registered: its packages will be accepted.").format(unit=unit))
        self.refresh()
        self.changed.emit()

    def revoke_unit(self) -> None:
        peer = self._chosen_peer()
        if peer is None:
            return
        question = self.tr(
            "Revoke the keys of {computer}? Its packages will be refused from now on (a lost or replaced computer). "
            "Send the configuration package again so relays know."
        ).format(computer=self.peers.currentText())
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, self.tr("Revoke"), question, buttons) == QMessageBox.StandardButton.Yes:
            self._run(self.tr("Revoking…"), quietly(revoke_unit), self._workspace, peer[0], done=self._revoked)

    def _revoked(self, revoked: list[str]) -> None:
        self.show_result(self.tr("Revoked: {count} computer(s).").format(count=len(revoked)))
        self.refresh()
        self.changed.emit()
