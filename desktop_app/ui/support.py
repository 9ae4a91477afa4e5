"""Support in the GUI: the log, a Vietnamese dialog for unexpected errors (with
"Mở thư mục nhật ký"), and what to do when the database is damaged."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.core import support_log
from desktop_app.core.errors import TtdnError
from desktop_app.ui.workers import call

if TYPE_CHECKING:  # the backups load SQLAlchemy: imported when a damaged database is met
    from desktop_app.core.operations.backup import BackupInfo

log = logging.getLogger(__name__)
APP_TITLE = "TTĐN"


def open_log_folder(data_dir: Path) -> None:
    folder = support_log.log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def error_box(data_dir: Path, summary: str, parent: QWidget | None = None) -> QMessageBox:
    """The unexpected-error dialog: what happened, that the data is safe, where the log is."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, QCoreApplication.translate("support", "The program met an unexpected error."), parent=parent)
    box.setInformativeText(
        QCoreApplication.translate("support", "Data saved before is not affected. The details are in the log file {path}; "
            "send it to whoever supports the program.").format(path=support_log.log_dir(data_dir) / support_log.LOG_FILE)
    )
    box.setDetailedText(summary)
    open_button = box.addButton(QCoreApplication.translate("support", "Open the log folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    open_button.clicked.disconnect()
    open_button.clicked.connect(lambda: open_log_folder(data_dir))
    return box


def install_excepthook(data_dir: Path, *, interactive: bool = True) -> None:
    """Log every uncaught exception and show :func:`error_box` (never twice at once)."""
    showing = False

    def hook(exc_type, exc, tb) -> None:
        nonlocal showing
        support_log.log_exception(exc_type, exc, tb)
        if not interactive or showing or QApplication.instance() is None or issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        showing = True
        try:
            summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
            error_box(data_dir, support_log.redact(summary), QApplication.activeWindow()).exec()
        finally:
            showing = False

    sys.excepthook = hook


def damaged_text(data_dir: Path, problems: list[str], lang: str) -> str:
    from desktop_app.core.operations import backup

    newest = backup.newest_good_backup(data_dir / "backups")
    when = ""
    if newest is not None:
        when = (f" ({newest.created_at:%d/%m/%Y %H:%M})" if lang == "vi" else f" ({newest.created_at:%Y-%m-%d %H:%M})")
    return TtdnError("db.damaged", path=str(data_dir / backup.DB_NAME), detail="; ".join(problems[:3]), newest=when).message(lang)


def offer_restore(data_dir: Path, problems: list[str], lang: str, parent: QWidget | None = None) -> bool:
    """Say the database is damaged and offer the newest good backup; True once restored.
    Without a good backup, False (the caller shows :func:`damaged_text`). The caller must
    have closed the database."""
    from desktop_app.core.operations import backup

    log.error("database damaged: %s", "; ".join(problems[:5]))
    newest = backup.newest_good_backup(data_dir / "backups")
    if newest is None:
        return False
    when = f"{newest.created_at:%d/%m/%Y %H:%M}" if lang == "vi" else f"{newest.created_at:%Y-%m-%d %H:%M}"
    question = damaged_text(data_dir, problems, lang) + "\n\n" + QCoreApplication.translate("support", "Restore the backup of {when} now?").format(when=when)
    answer = QMessageBox.question(parent, APP_TITLE, question)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        call(backup.restore_backup, data_dir, newest)  # on the database worker
    except TtdnError as exc:
        QMessageBox.critical(parent, APP_TITLE, exc.message(lang))
        return False
    QMessageBox.information(parent, APP_TITLE, restored_text(newest, lang))
    return True


def restored_text(info: BackupInfo, lang: str) -> str:
    when = f"{info.created_at:%d/%m/%Y %H:%M}" if lang == "vi" else f"{info.created_at:%Y-%m-%d %H:%M}"
    return QCoreApplication.translate("support", "The backup of {when} was restored; the data as it was is kept as a backup. This computer now has "
        "new keys: send the enrolment file to the department so that it registers this computer again."
    ).format(when=when)
