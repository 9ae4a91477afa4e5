"""Review. At the province: the queue of submitted activities to accept, or return for
correction with a comment; the decision goes to the unit with its next receipt. At a unit:
the province's reviews of its activities, as they arrived in receipts."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Catalog, Role
from desktop_app.core.errors import TtdnError
from desktop_app.core.operations import review as reviewing
from desktop_app.core.operations.installation import describe_installation
from desktop_app.core.operations.overview import catalog_index, unit_choices
from desktop_app.core.operations.review import QueueRow, ReviewView
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import format_date, kind_labels
from desktop_app.ui.dashboard import ALERT, Loader, Row, RowTableModel, debounce_timer, error_text
from desktop_app.ui.table_models import table_view
from desktop_app.ui.package_history_model import local_time
from desktop_app.ui.widgets import SearchCombo, format_number, item_name, ui_language
from desktop_app.ui.workers import call, run_in_background

QUEUE_LIMIT = 2000


def _queue(workspace: Workspace, unit_id: str | None, include_reviewed: bool, search: str = "") -> list[QueueRow]:
    return reviewing.queue(workspace, unit_id, include_reviewed, QUEUE_LIMIT, search)


class ReviewPage(QWidget):
    """The review queue (aggregator) or the reviews received from the province (unit).
    ``changed`` is emitted after a decision is stored."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lang = ui_language()
        self.role = call(describe_installation, workspace, keys=False).role
        self._index = call(catalog_index, workspace)
        units = [(u.label, u.id) for u in call(unit_choices, workspace)] if self.role == Role.AGGREGATOR else []
        self._kinds = kind_labels()
        self._decisions = {"accepted": self.tr("Accepted"), "returned": self.tr("Returned for correction")}
        self._deciding = False

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.count = QLabel()
        self._loader = Loader(self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(lambda error: self.show_message(error_text(error), error=True))
        if self.role == Role.AGGREGATOR:
            self._build_queue(units)
        else:
            self._build_received()
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.refresh()

    # --- building --------------------------------------------------------------------------

    def _build_queue(self, units: list[tuple[str, str]]) -> None:
        self.unit = SearchCombo()
        self.unit.set_items([(self.tr("All units"), None), *units])
        self.show_reviewed = QCheckBox(self.tr("Show reviewed activities too"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, places, descriptions…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = debounce_timer(self, self.refresh)
        self.search.textChanged.connect(lambda *_: self._search_timer.start())
        self.unit.currentIndexChanged.connect(self.refresh)
        self.show_reviewed.toggled.connect(self.refresh)
        self.model = RowTableModel([self.tr("Date"), self.tr("Unit"), self.tr("Type"), self.tr("Title"), self.tr("Review")], parent=self)
        self.table = table_view(self.model, stretch=(3,), chars={1: 22})
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("What should the unit correct? (required to return)"))
        self.comment.setMaximumHeight(self.fontMetrics().height() * 5)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.return_button = QPushButton(self.tr("Return for correction"))
        self.accept_button.clicked.connect(lambda: self.decide("accepted"))
        self.return_button.clicked.connect(lambda: self.decide("returned"))
        note = QLabel(self.tr("Your decision is stored here and goes to the unit with its next receipt (Send and receive → Receipts…)."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Unit:")))
        bar.addWidget(self.unit, 1)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_reviewed)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.details, 1)
        side.addWidget(QLabel(self.tr("Comment:")))
        side.addWidget(self.comment)
        side.addWidget(self.message)
        side.addLayout(buttons)
        side.addWidget(note)
        self._assemble(bar, right)

    def _build_received(self) -> None:
        self.model = RowTableModel(
            [self.tr("Reviewed on"), self.tr("Activity"), self.tr("Date"), self.tr("Decision"), self.tr("Since the review")], parent=self
        )
        self.table = table_view(self.model, stretch=(1,))
        intro = QLabel(
            self.tr("Reviews from the province arrive with its receipts. Correct an activity returned to you, then send a package again.")
        )
        intro.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(intro, 1)
        bar.addWidget(self.count)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.details, 1)
        side.addWidget(self.message)
        self._assemble(bar, right)

    def _assemble(self, bar: QHBoxLayout, right: QWidget) -> None:
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)  # the titles need the room more than the details
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    # --- loading ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._loader.busy or self._deciding

    def refresh(self) -> None:
        """Read the list again on the database worker; ``loaded`` follows."""
        if self.role == Role.AGGREGATOR:
            self._loader.start(
                _queue, self._workspace, self.unit.current_value(), self.show_reviewed.isChecked(), self.search.text()
            )
        else:
            self._loader.start(reviewing.received_reviews, self._workspace)

    def _show(self, rows: list[Any]) -> None:
        keep = self.selected_id()
        self.model.set_rows([self._queue_row(r) if isinstance(r, QueueRow) else self._review_row(r) for r in rows])
        if self.role == Role.AGGREGATOR:
            text = self.tr("To review: {count}").format(count=format_number(len(rows)))
            if len(rows) >= QUEUE_LIMIT:
                text = self.tr("First {count} shown: choose a unit").format(count=format_number(len(rows)))
        else:
            text = self.tr("Reviews: {count}").format(count=format_number(len(rows)))
        self.count.setText(text)
        self.select_activity(keep if self.model.row_of(keep) >= 0 else self.model.key(0))
        self.loaded.emit()

    def _queue_row(self, r: QueueRow) -> Row:
        if r.corrected:
            review = self.tr("Corrected after return")
        else:
            review = self._decisions.get(r.decision, "") if r.reviewed else ""
        return Row((format_date(r.date_from), r.unit_name, self._kinds.get(r.kind, r.kind), r.title, review), key=r.activity_id, tooltip=r.title)

    def _review_row(self, r: ReviewView) -> Row:
        pending = r.decision == "returned" and not r.changed_since
        since = self.tr("Changed") if r.changed_since else (self.tr("Not corrected yet") if pending else "")
        texts = (local_time(r.reviewed_at), r.activity_title, format_date(r.activity_date), self._decisions.get(r.decision, r.decision), since)
        return Row(texts, key=r.activity_id, tooltip=r.comment or r.activity_title, backgrounds=(ALERT,) * len(texts) if pending else ())

    # --- selection -------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        return self.model.key(self.table.currentIndex().row())

    def select_activity(self, activity_id: str | None) -> None:
        row = self.model.row_of(activity_id) if activity_id is not None else -1
        if row >= 0 and row != self.table.currentIndex().row():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)  # shows it
        else:
            self._show_row(row)

    def _show_row(self, row: int) -> None:
        activity_id = self.model.key(row)
        if self.role == Role.AGGREGATOR:
            self.accept_button.setEnabled(activity_id is not None and not self._deciding)
            self.return_button.setEnabled(activity_id is not None and not self._deciding)
        if activity_id is None:
            nothing = self.tr("Nothing selected.")
            self.details.setHtml(f"<p>{html.escape(nothing)}</p>")
            return
        try:
            details = call(reviewing.review_details, self._workspace, activity_id, self._index)
        except TtdnError as exc:
            self.show_message(exc.message(self._lang), error=True)
            return
        self.details.setHtml(self._details_html(details.record, details.review))

    def _details_html(self, data: dict[str, Any], review: ReviewView | None) -> str:
        def names(catalog: Catalog, codes: list[str] | str | None) -> str:
            codes = [codes] if isinstance(codes, str) else codes or []
            refs = [self._index.item(catalog.value, c) for c in codes]
            return ", ".join(item_name(ref, self._lang) if ref else code for ref, code in zip(refs, codes))

        days = format_date_iso(data["date"]) + (f" – {format_date_iso(data['date_to'])}" if data["date_to"] else "")
        fields = [
            (self.tr("Date"), days),
            (self.tr("Unit"), data["unit"]["name"] if data["unit"] else ""),
            (self.tr("Type"), self._kinds.get(data["kind"], data["kind"])),
            (self.tr("Plan task"), data["plan_task"] or ""),
            (self.tr("Product type"), names(Catalog.PRODUCT_TYPE, data["product_type"])),
            (self.tr("Themes"), names(Catalog.THEME, data["themes"])),
            (self.tr("Languages"), names(Catalog.LANGUAGE, data["languages"])),
            (self.tr("Channels"), names(Catalog.CHANNEL, data["channels"])),
            (self.tr("Place"), data["place"] or ""),
            (self.tr("Quantity"), format_number(data["quantity"])),
            (self.tr("Copies"), format_number(data["copies"])),
            (self.tr("Minutes"), format_number(data["minutes"], 1)),
            (self.tr("Times aired"), format_number(data["times_aired"])),
            (self.tr("Audience"), format_number(data["audience"])),
            (self.tr("Cost (VND)"), format_number(data["cost"])),
            (self.tr("Participants"), format_number(data["participants"]) if data["participants"] else ""),
            (self.tr("Attachments"), ", ".join(a["name"] for a in data["attachments"])),
            (self.tr("Recorded by"), data["recorded_by"] or ""),
            (self.tr("Description"), data["description"] or ""),
        ]
        rows = "".join(
            f"<tr><td style='color:#555; padding-right:10px'>{html.escape(label)}</td><td>{html.escape(str(value))}</td></tr>"
            for label, value in fields
            if value
        )
        parts = [f"<h3>{html.escape(data['title'])}</h3>", f"<table>{rows}</table>"]
        if review is not None:
            state = self.tr("the activity has changed since") if review.changed_since else self.tr("the activity is unchanged since")
            head = self.tr("Review of {date}: {decision} ({state})").format(
                date=local_time(review.reviewed_at), decision=self._decisions.get(review.decision, review.decision), state=state
            )
            parts.append(f"<p><b>{html.escape(head)}</b></p>")
            if review.comment:
                parts.append(f"<p style='white-space: pre-wrap'>{html.escape(review.comment)}</p>")
            if review.reviewer:
                reviewer = self.tr("Reviewer: {name}").format(name=review.reviewer)
                parts.append(f"<p style='color:#555'>{html.escape(reviewer)}</p>")
        return "".join(parts)

    # --- deciding (aggregator) -------------------------------------------------------------

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setVisible(bool(text))

    def decide(self, decision: str) -> None:
        """Store the decision on the selected activity (returning needs a comment)."""
        activity_id = self.selected_id()
        if activity_id is None or self._deciding:
            return
        comment = self.comment.toPlainText().strip()
        if decision == "returned" and not comment:
            self.show_message(self.tr("Write what the unit should correct before returning the activity."), error=True)
            self.comment.setFocus()
            return
        row = self.table.currentIndex().row()
        following = self.model.key(row + 1)
        self._deciding = True
        self._show_row(row)
        job = run_in_background(reviewing.decide, self._workspace, activity_id, decision, comment or None, parent=self)
        job.finished.connect(lambda result: self._decided(result, following))
        job.failed.connect(self._failed)

    def _decided(self, decision: str, following: str | None) -> None:
        self._deciding = False
        self.comment.clear()
        text = self.tr("Accepted.") if decision == "accepted" else self.tr("Returned for correction.")
        self.show_message(text + " " + self.tr("The unit sees it after its next receipt."))
        self._loader.loaded.connect(self._then_show(following))
        self.refresh()
        self.changed.emit()

    def _then_show(self, activity_id: str | None):
        """A one-shot slot selecting the next activity once the queue is read again."""

        def once(_rows: object) -> None:
            self._loader.loaded.disconnect(once)
            if activity_id is not None and self.model.row_of(activity_id) >= 0:
                self.select_activity(activity_id)

        return once

    def _failed(self, error: object) -> None:
        self._deciding = False
        self._show_row(self.table.currentIndex().row())
        self.show_message(error_text(error), error=True)


def format_date_iso(text: str | None) -> str:
    """``yyyy-mm-dd`` as ``dd/mm/yyyy``."""
    return f"{text[8:10]}/{text[5:7]}/{text[:4]}" if text else ""
