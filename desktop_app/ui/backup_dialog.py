"""Sao lưu và khôi phục: the data folder's backups, "Sao lưu ngay", "Sao lưu ra USB" and
restore (verified first; the current data is kept as a backup; the program then closes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.operations import backup
from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.drives import removable_drives
from desktop_app.core.workspace import Workspace
from desktop_app.ui.support import APP_TITLE, restored_text
from desktop_app.ui.workers import call, run_with_progress, wait_for_workers

# The exit code after a restore: the program closes so that nothing keeps the old data open.
RESTORED_EXIT = 0


def size_mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB".replace(".", ",")


class BackupDialog(QDialog):
    def __init__(self, workspace: Workspace, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = lang
        self.setWindowTitle(self.tr("Backup and restore"))
        self.resize(760, 420)
        intro = QLabel(
            self.tr("The program backs up the data by itself before every import, upgrade and restore, and once a day; "
                    "it keeps the last 7 days, 4 weeks and 12 months. Copy a backup to a USB stick now and then, and "
                    "keep the stick away from this computer.")
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Time"), self.tr("Reason"), self.tr("Activities"), self.tr("Files"), self.tr("Size")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Back up now"))
        self.create_button.clicked.connect(self.create_backup)
        self.usb_button = QPushButton(self.tr("Back up to USB"))
        self.usb_button.clicked.connect(self.copy_to_usb)
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.usb_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    # --- list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = backup.list_backups(self._workspace.db.backups_dir)
        self.table.clear()
        for info in self.backups:
            when = info.created_at.strftime("%d/%m/%Y %H:%M" if self._lang == "vi" else "%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([when, info.reason_label(self._lang), str(info.counts.get("activities", 0)),
                                    str(len(info.files)), size_mb(info.db_size + info.files_size)])
            for column in (2, 3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        for column in range(5):
            self.table.resizeColumnToContents(column)
        if self.backups:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._update_buttons()

    def selected(self) -> backup.BackupInfo | None:
        item = self.table.currentItem()
        return self.backups[self.table.indexOfTopLevelItem(item)] if item is not None else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.usb_button.setEnabled(True)
        self.restore_button.setEnabled(has)

    def _show(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, error: object) -> None:
        text = error.message(self._lang) if isinstance(error, TtdnError) else str(error)
        self._show(text)
        QMessageBox.warning(self, APP_TITLE, text)

    # --- actions -----------------------------------------------------------------------------

    def create_backup(self) -> None:
        job = run_with_progress(self, self.tr("Backing up…"), self._create, cancellable=False)
        job.finished.connect(lambda info: (self.refresh(), self._show(self.tr("Backup made: {name}").format(name=info.path.name))))
        job.failed.connect(self._failed)

    def _create(self, progress=None, cancelled=None) -> backup.BackupInfo:
        return self._workspace.backup("manual", progress=progress or backup.no_progress)

    def usb_destination(self) -> Path | None:
        drives = removable_drives()
        if len(drives) == 1:
            return drives[0].path
        start = str(drives[0].path) if drives else ""
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick or folder for the backup"), start)
        return Path(chosen) if chosen else None

    def copy_to_usb(self) -> None:
        """A fresh backup, copied with its files to the stick and read back."""
        destination = self.usb_destination()
        if destination is None:
            return

        def work(progress=None, cancelled=None) -> Path:
            info = self._workspace.backup("manual")
            return backup.copy_to(info, destination, progress=progress or backup.no_progress)

        job = run_with_progress(self, self.tr("Copying the backup to {path}…").format(path=destination), work, cancellable=False)
        job.finished.connect(lambda path: (self.refresh(), self._show(self.tr("Backup copied and checked: {path}").format(path=path))))
        job.failed.connect(self._failed)

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        when = info.created_at.strftime("%d/%m/%Y %H:%M")
        answer = QMessageBox.question(
            self,
            APP_TITLE,
            self.tr("Replace the current data with the backup of {when} ({count} activities)? The current data is "
                    "kept as a backup first. The program closes afterwards; open it again.").format(
                when=when, count=info.counts.get("activities", 0)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        wait_for_workers()
        self._workspace.db.engine.dispose()  # nothing of ours keeps the old file open
        try:
            call(backup.restore_backup, self._workspace.data_dir, info)  # verified first; nothing changes if damaged
        except TtdnError as exc:
            self._failed(exc)
            return
        QMessageBox.information(self, APP_TITLE, restored_text(info, self._lang))
        self.accept()
        QCoreApplication.exit(RESTORED_EXIT)
        app = QApplication.instance()
        if app is not None:
            app.closeAllWindows()
