"""Sync conflicts: where two computers changed the same record before either sent it, the
version kept (the same everywhere) and the one replaced, until someone has looked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.operations.overview import ConflictRow, mark_seen, open_conflicts
from desktop_app.core.sync.overview import ConflictSide
from desktop_app.core.workspace import Workspace
from desktop_app.ui.dashboard import Loader, Row, RowTableModel, error_text
from desktop_app.ui.table_models import table_view
from desktop_app.ui.package_history_model import local_time
from desktop_app.ui.workers import run_in_background


class ConflictsPage(QWidget):
    """Open sync conflicts; "Mark as seen" closes the selected ones. ``changed`` is emitted
    after that."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._marking = False
        self._tables = {
            "activity": self.tr("Activity"),
            "participant": self.tr("Participant"),
            "attachment": self.tr("Attachment"),
            "unit_report": self.tr("Difficulties and proposals"),
            "review": self.tr("Review"),
        }
        self.model = RowTableModel(
            [self.tr("Found"), self.tr("Record"), self.tr("Kept version"), self.tr("Kept: unit, time"),
             self.tr("Replaced version"), self.tr("Replaced: unit, time")],
            parent=self,
        )
        self.table = table_view(self.model, stretch=(2, 4), multi=True)
        self.count = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.mark_button = QPushButton(self.tr("Mark as seen"))
        self.mark_button.clicked.connect(self.mark_selected)
        explanation = QLabel(
            self.tr(
                "Two computers changed the same record before either sent it. Every installation keeps the same version; "
                "the other is listed here. If the replaced version was right, ask the unit to correct the record, then "
                "mark the conflict as seen."
            )
        )
        explanation.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.mark_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        self._loader = Loader(self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(lambda error: self.message.setText(error_text(error)))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._loader.busy or self._marking

    def refresh(self) -> None:
        """Read the open conflicts again (on the database worker); ``loaded`` follows."""
        self._loader.start(open_conflicts, self._workspace)

    def _show(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows([self._row(r) for r in rows])
        self.count.setText(self.tr("Conflicts to look at: {count}").format(count=len(rows)) if rows else self.tr("No conflicts."))
        self._update_button()
        self.loaded.emit()

    def _side(self, side: ConflictSide) -> str:
        return " · ".join(filter(None, [side.unit, local_time(side.at)]))

    def _row(self, r: ConflictRow) -> Row:
        texts = (
            local_time(r.detected_at),
            self._tables.get(r.table, r.table),
            r.winner.label if r.winner.version else self.tr("(record removed)"),
            self._side(r.winner),
            r.loser.label,
            self._side(r.loser),
        )
        tooltip = self.tr("Record {id}\nKept version {kept}\nReplaced version {replaced}").format(
            id=r.row_id, kept=r.winner.version, replaced=r.loser.version
        )
        return Row(texts, key=r.id, tooltip=tooltip)

    def selected_ids(self) -> list[int]:
        return sorted({self.model.key(i.row()) for i in self.table.selectionModel().selectedRows()})

    def _update_button(self) -> None:
        self.mark_button.setEnabled(bool(self.selected_ids()) and not self._marking)

    def mark_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self._marking:
            return
        self._marking = True
        self._update_button()
        job = run_in_background(mark_seen, self._workspace, ids, parent=self)
        job.finished.connect(self._marked)
        job.failed.connect(self._mark_failed)

    def _marked(self, count: int) -> None:
        self._marking = False
        self.message.setText(self.tr("Marked as seen: {count}.").format(count=count))
        self.refresh()
        self.changed.emit()

    def _mark_failed(self, error: object) -> None:
        self._marking = False
        self._update_button()
        self.message.setText(error_text(error))
