"""The units overview at the province: last package received, missing packages, silent
units, and who has reported for a period, on time or late."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop_app.core.errors import TtdnError
from desktop_app.core.operations import overview
from desktop_app.core.operations.overview import UnitOverviewRow
from desktop_app.core.sync.overview import DEFAULT_SILENT_DAYS, GRACE_DAYS
from desktop_app.core.workspace import Workspace
from desktop_app.ui.dashboard import debounce_timer, ALERT, WARN, Loader, PeriodChooser, Row, RowTableModel, error_text
from desktop_app.ui.table_models import table_view
from desktop_app.ui.package_history_model import local_time
from desktop_app.ui.widgets import format_number
from desktop_app.ui.workers import call

COL_UNIT, COL_COMPUTERS, COL_LAST, COL_GAPS, COL_HEARD, COL_ACTIVITIES, COL_WAITING, COL_RETURNED, COL_REPORTED, COL_TIMELY = range(10)
RELOAD_DELAY_MS = 250


def plan_year(workspace: Workspace) -> int:
    """The latest plan's year (the period the pages start on), else this year."""
    return call(overview.plan_year, workspace)


class UnitsPage(QWidget):
    """Each unit with a registered computer or with records here; silent units are shaded
    red, missing packages orange. ``changed`` is never emitted (the page only reads)."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.rows: list[UnitOverviewRow] = []
        self._period_label = ""
        self.period = PeriodChooser(plan_year(workspace))
        self.silent_days = QSpinBox()
        self.silent_days.setRange(1, 365)
        self.silent_days.setValue(DEFAULT_SILENT_DAYS)
        self.silent_days.setSuffix(self.tr(" days"))
        self.model = RowTableModel(
            [self.tr("Unit"), self.tr("Computers"), self.tr("Last package received"), self.tr("Missing packages"),
             self.tr("Last heard from"), self.tr("Activities"), self.tr("Awaiting review"), self.tr("Returned"),
             self.tr("Reported"), self.tr("On time")],
            numeric=(COL_COMPUTERS, COL_ACTIVITIES, COL_WAITING, COL_RETURNED),
            parent=self,
        )
        self.table = table_view(self.model, stretch=(COL_UNIT,))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        rules = QLabel(
            self.tr(
                "Reported: activities dated in the period, or an explicit “nothing to report”. On time: the first of them "
                "arrived here within {days} days after the period ended. Silent: no package with the unit's records for "
                "longer than the chosen number of days (relayed packages count)."
            ).format(days=GRACE_DAYS)
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555;")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.period, 1)
        bar.addWidget(QLabel(self.tr("Silent for more than")))
        bar.addWidget(self.silent_days)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(rules)

        self._loader = Loader(self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(lambda error: self._fail(error_text(error)))
        self._timer = debounce_timer(self, self.refresh, RELOAD_DELAY_MS)
        later = lambda *_: self._timer.start()  # noqa: E731 - not start(msec) with the signal's value
        self.period.changed.connect(later)
        self.silent_days.valueChanged.connect(later)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._loader.busy or self._timer.isActive()

    def refresh(self) -> None:
        """Read the overview again (on the database worker); ``loaded`` follows."""
        self._timer.stop()
        try:
            period = self.period.period()
        except TtdnError as exc:
            self._fail(error_text(exc))
            return
        self._period_label = period.label
        self._loader.start(overview.units_status, self._workspace, period, self.silent_days.value())

    def _fail(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b00020;")

    def _show(self, rows: list[UnitOverviewRow]) -> None:
        self.rows = rows
        self.model.set_rows([self._row(r) for r in rows])
        others = [r for r in rows if not r.own]
        self.summary.setStyleSheet("")
        self.summary.setText(
            self.tr("{reported} of {total} units have reported for {period}; {late} late; {silent} silent; {gaps} with missing packages.").format(
                reported=sum(r.reported for r in others), total=len(others), period=self._period_label,
                late=sum(r.timely is False for r in others), silent=sum(r.silent for r in others),
                gaps=sum(bool(r.gaps) for r in others),
            )
        )
        self.loaded.emit()

    def _row(self, r: UnitOverviewRow) -> Row:
        last = ""
        if r.last_package_at is not None:
            last = self.tr("{time} (no. {number})").format(time=local_time(r.last_package_at), number=r.last_sequence)
        gaps = ", ".join(", ".join(map(str, numbers)) for _, numbers in r.gaps)
        texts = (
            r.name,
            format_number(r.computers),
            last or self.tr("none"),
            gaps,
            self._heard(r),
            format_number(r.activities),
            format_number(r.awaiting_review),
            format_number(r.returned),
            self._reported(r),
            self._timely(r),
        )
        backgrounds: list = [ALERT if r.silent else None] * len(texts)
        if r.gaps:
            backgrounds[COL_GAPS] = WARN
        if r.timely is False:
            backgrounds[COL_TIMELY] = WARN
        tips = [f"{r.name} ({r.code})"]
        tips += [self.tr("Computer …{computer}: packages {numbers} have not arrived").format(computer=c, numbers=", ".join(map(str, n))) for c, n in r.gaps]
        if r.silent:
            tips.append(self.tr("Silent: nothing received for more than {days} days").format(days=self.silent_days.value()))
        return Row(texts, key=r.unit_id, tooltip="\n".join(tips), backgrounds=tuple(backgrounds))

    def _heard(self, r: UnitOverviewRow) -> str:
        if r.own:
            return self.tr("this installation")
        if r.last_heard_at is None:
            return self.tr("never")
        days = (date.today() - r.last_heard_at.astimezone().date()).days
        return self.tr("{date} ({days} days ago)").format(date=r.last_heard_at.astimezone().strftime("%d/%m/%Y"), days=days)

    def _reported(self, r: UnitOverviewRow) -> str:
        if r.nothing_to_report and not r.activities:
            return self.tr("Yes: nothing to report")
        return self.tr("Yes") if r.reported else self.tr("No")

    def _timely(self, r: UnitOverviewRow) -> str:
        if r.timely is None:
            return self.tr("not due yet (by {date})").format(date=r.deadline.strftime("%d/%m/%Y"))
        if r.timely:
            return self.tr("Yes")
        return self.tr("Late") if r.reported else self.tr("Overdue")

