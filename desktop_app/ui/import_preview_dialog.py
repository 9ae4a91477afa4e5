"""The preview of an import: what each file would bring, and why a file or a record would
be refused. For a province seen for the first time it asks the user to confirm the
fingerprint read over the phone; that decides whether its configuration is trusted."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.messages import render
from desktop_app.core.sync.importer import OUTCOMES, ImportReport
from desktop_app.core.sync.verify import Volume
from desktop_app.ui.widgets import remember_size


CONTEXT = "ImportPreviewDialog"
translate = QCoreApplication.translate

OUTCOME_LABELS = {
    "new": QT_TRANSLATE_NOOP("ImportPreviewDialog", "new"),
    "updated": QT_TRANSLATE_NOOP("ImportPreviewDialog", "updated"),
    "unchanged": QT_TRANSLATE_NOOP("ImportPreviewDialog", "unchanged"),
    "stale": QT_TRANSLATE_NOOP("ImportPreviewDialog", "stale"),
    "conflicting": QT_TRANSLATE_NOOP("ImportPreviewDialog", "conflicting"),
    "rejected": QT_TRANSLATE_NOOP("ImportPreviewDialog", "rejected"),
}
STATUS_LABELS = {
    "preview": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Ready to import"),
    "applied": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Imported"),
    "already": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Already imported"),
    "rejected": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Refused"),
    "needs_confirmation": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Needs fingerprint confirmation"),
    "carried": QT_TRANSLATE_NOOP("ImportPreviewDialog", "For a commune this centre relays: kept to pass on"),
}
TABLE_LABELS = {
    "activity": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Activity"),
    "participant": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Participant"),
    "attachment": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Attachment"),
    "unit_report": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Difficulties and proposals"),
    "review": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Review"),
}
KIND_LABELS = {
    "data": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Data package"),
    "receipt": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Receipt"),
    "config": QT_TRANSLATE_NOOP("ImportPreviewDialog", "Configuration package"),
}


def _label(labels: dict[str, str], key: str | None) -> str:
    return translate(CONTEXT, labels[key]) if key in labels else (key or "")


def status_label(status: str, dry_run: bool) -> str:
    return _label(STATUS_LABELS, "preview" if dry_run and status == "applied" else status)


def kind_label(kind: str | None) -> str:
    return _label(KIND_LABELS, kind)


def totals_text(report: ImportReport) -> str:
    """"new 3 · updated 1 · …": the records the import brings, by outcome."""
    return " · ".join(f"{_label(OUTCOME_LABELS, o)}: {report.count(o)}" for o in OUTCOMES)


def file_messages(report: ImportReport) -> list[str]:
    """Why each file refused (or imported before) was set aside. A new province's package is
    explained by the fingerprint panel instead."""
    lines = [f"{Path(f.path).name}: {f.message}" for f in report.files if f.message and f.status in ("already", "rejected")]
    if any(f.key == "package.unregistered" for f in report.files):
        lines.append(translate("ImportPreviewDialog", "To register that computer: Units' computers → Register a unit…, and choose its package."))
    return lines


def details_lines(report: ImportReport, lang: str) -> list[str]:
    """Refused records with reasons, missing volumes and package numbers, missing files."""
    lines = [
        translate("ImportPreviewDialog", "{table} {id}: {reason}").format(table=_label(TABLE_LABELS, r["table"]), id=r["id"][:8], reason=render(r["key"], r.get("params"), lang))
        for r in report.rejections
    ]
    for gap in report.missing_volumes:
        lines.append(
            translate("ImportPreviewDialog", "Package no. {sequence} from {sender}: volumes {missing} of {count} have not arrived yet.").format(
                sequence=gap["sequence"], sender=gap["sender"], count=gap["count"], missing=", ".join(map(str, gap["missing"]))
            )
        )
    for gap in report.sequence_gaps:
        lines.append(
            translate("ImportPreviewDialog", "From {sender}: packages no. {missing} have not arrived.").format(
                sender=gap["sender"], missing=", ".join(map(str, gap["missing"]))
            )
        )
    if report.missing_files:
        lines.append(translate("ImportPreviewDialog", "Attached files still missing: {count}.").format(count=report.missing_files))
    return lines


def split_fingerprint(fingerprint: str) -> str:
    """The 8 groups of a fingerprint on two lines, easy to read over the phone."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:]) if len(groups) > 4 else fingerprint


def fingerprint_label(fingerprint: str) -> QLabel:
    label = QLabel(split_fingerprint(fingerprint))
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(label.font().pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ImportPreviewDialog(QDialog):
    """Shows a dry run's report; Import (accept) means apply it, with :meth:`confirmation`
    answering the importer's question about a new province."""

    def __init__(self, report: ImportReport, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Import preview"))
        self.setMinimumSize(760, 420)
        remember_size(self, "import_preview", QSize(900, 560))
        layout = QVBoxLayout(self)

        self.table = self._file_table(report)
        layout.addWidget(QLabel(self.tr("Files:")))
        layout.addWidget(self.table, 1)

        self.totals = QLabel(self.tr("Records: {totals}").format(totals=totals_text(report)))
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

        lines = file_messages(report) + details_lines(report, lang)
        self.details = QLabel("\n".join(lines))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(lines))
        layout.addWidget(self.details)

        self.fingerprints = sorted({f.fingerprint for f in report.files if f.status == "needs_confirmation" and f.fingerprint})
        self.confirm_box: QCheckBox | None = None
        if self.fingerprints:
            layout.addWidget(self._confirmation_panel())

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.nothing = QLabel(self.tr("Nothing to import: every file was refused or has been imported before."))
        self.nothing.setWordWrap(True)
        layout.addWidget(self.nothing)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _file_table(self, report: ImportReport) -> QTableWidget:
        headers = [self.tr("File"), self.tr("Kind"), self.tr("Sender"), self.tr("No."), self.tr("Volume"), self.tr("Status")]
        table = QTableWidget(len(report.files), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        for row, outcome in enumerate(report.files):
            cells = [
                Path(outcome.path).name,
                kind_label(outcome.kind),
                outcome.sender or "",
                "" if outcome.sequence is None else str(outcome.sequence),
                outcome.volume or "",
                status_label(outcome.status, report.dry_run),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(outcome.path if column == 0 else (outcome.message or text))
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _confirmation_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "This configuration package comes from a province this computer has not seen before. "
                "Phone the province and compare its key fingerprint with the one below, group by group:"
            )
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        for fingerprint in self.fingerprints:
            box.addWidget(fingerprint_label(fingerprint))
        self.confirm_box = QCheckBox(
            self.tr("I compared the fingerprint with the province by phone and it matches (its contents are applied on import)")
        )
        self.confirm_box.toggled.connect(self._update_buttons)
        box.addWidget(self.confirm_box)
        return panel

    def confirmed(self) -> bool:
        return self.confirm_box is not None and self.confirm_box.isChecked()

    def confirmation(self) -> Callable[[Volume], bool]:
        """The importer's ``confirm`` callback, fixed now (it runs on the worker thread):
        trust a new province only if its fingerprint was shown here and confirmed."""
        trusted = frozenset(self.fingerprints if self.confirmed() else ())
        return lambda volume: volume.sender.keys.fingerprint in trusted

    def _update_buttons(self) -> None:
        statuses = {f.status for f in self.report.files}
        # A receipt for a relayed commune is "imported" by keeping it to pass on.
        possible = bool(statuses & {"applied", "carried"}) or ("needs_confirmation" in statuses and self.confirmed())
        self.import_button.setEnabled(possible)
        self.nothing.setVisible(not statuses & {"applied", "carried", "needs_confirmation"})
