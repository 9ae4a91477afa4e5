"""The dashboard of progress against the plan, and the small pieces the report, units,
review and conflicts pages share: a period chooser, a table model of display rows and a
loader that reads on the database worker.

The dashboard's charts are the report's own chart definitions
(:mod:`desktop_app.core.reports.charts`), rendered to SVG: the screen and the PDF agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportlab.graphics.shapes import Rect
from reportlab.lib import colors

from desktop_app.ui.table_models import ReadOnlyTableModel, table_view
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.errors import TtdnError
from desktop_app.core.reports.charts import ChartSpec, chart_specs, drawing, to_svg
from desktop_app.core.reports.figures import Figures, TaskRow
from desktop_app.core.operations.overview import dashboard_figures
from desktop_app.core.workspace import Workspace
from desktop_app.ui.widgets import DateEdit, WrappedLabel, format_number, ui_language
from desktop_app.ui.workers import run_in_background

Index = QModelIndex | QPersistentModelIndex
CHART_SIZE = (360, 210)  # points, as drawn for the PDF
WARN = QColor(255, 224, 178)  # a cell to look at (orange)
ALERT = QColor(255, 205, 210)  # a row to act on (light red)


# --- shared pieces -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One table row: its texts, the value it stands for, a tooltip and cell colours."""

    texts: tuple[str, ...]
    key: Any = None
    tooltip: str | None = None
    backgrounds: tuple[QColor | None, ...] = ()


class RowTableModel(ReadOnlyTableModel):
    """Rows of display texts made from a core list; ``Qt.UserRole`` gives a row's key."""

    def __init__(self, headers: Sequence[str], numeric: Sequence[int] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._numeric = set(numeric)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def row_of(self, key: Any) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self._headers):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column] if column < len(row.texts) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or (row.texts[column] if column < len(row.texts) else None)
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        if role == Qt.ItemDataRole.BackgroundRole and column < len(row.backgrounds) and row.backgrounds[column] is not None:
            return QBrush(row.backgrounds[column])
        if role == Qt.ItemDataRole.ForegroundRole and column < len(row.backgrounds) and row.backgrounds[column] is not None:
            return QBrush(QColor(0, 0, 0))  # dark text on the light marks, whatever the theme
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None



def debounce_timer(parent: QObject, slot, delay_ms: int = 300) -> QTimer:
    """A single-shot timer that calls ``slot`` once changes pause for ``delay_ms``;
    connect signals to ``lambda *_: timer.start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    return timer


class Loader(QObject):
    """Runs a read on the database worker; only the latest request's result is delivered."""

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self.busy = False

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._generation += 1
        generation = self._generation
        self.busy = True
        job = run_in_background(fn, *args, parent=self, read_only=True, **kwargs)
        job.finished.connect(lambda result: self._deliver(generation, self.loaded, result))
        job.failed.connect(lambda error: self._deliver(generation, self.failed, error))

    def _deliver(self, generation: int, signal: Signal, value: object) -> None:
        if generation == self._generation:
            self.busy = False
            signal.emit(value)


def error_text(error: object) -> str:
    """A core error in the UI language; anything else as an unexpected error."""
    if isinstance(error, TtdnError):
        return error.message(ui_language())
    return QCoreApplication.translate("Dashboard", "Unexpected error: {detail}").format(detail=error)


def money(value: int | float | None) -> str:
    return format_number(value) if value is not None else ""


def percent(part: float, whole: float | None) -> str:
    return f"{format_number(round(100 * part / whole))}%" if whole else ""


class PeriodChooser(QWidget):
    """A reporting period: a year, six months, a quarter, a month, or a custom date range."""

    changed = Signal()
    KINDS = ("year", "half", "quarter", "month", "range")

    def __init__(self, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = date.today()
        self.kind = QComboBox()
        for kind, text in zip(self.KINDS, (self.tr("Year"), self.tr("Six months"), self.tr("Quarter"), self.tr("Month"), self.tr("Custom range"))):
            self.kind.addItem(text, kind)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or today.year)
        self.part = QComboBox()
        self.part.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start, self.end = DateEdit(), DateEdit()
        self.start.set_value(date(self.year.value(), 1, 1))
        self.end.set_value(date(self.year.value(), 12, 31))
        self.from_label, self.to_label = QLabel(self.tr("From:")), QLabel(self.tr("To:"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.year, self.part, self.from_label, self.start, self.to_label, self.end):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.part.currentIndexChanged, self.start.dateChanged, self.end.dateChanged):
            signal.connect(self.changed)
        self._kind_changed()

    def _parts(self, kind: str) -> list[tuple[str, str]]:
        if kind == "half":
            return [(self.tr("First six months"), "H1"), (self.tr("Last six months"), "H2")]
        if kind == "quarter":
            return [(self.tr("Quarter {number}").format(number=n), f"Q{i}") for i, n in enumerate(("I", "II", "III", "IV"), 1)]
        if kind == "month":
            return [(self.tr("Month {number}").format(number=m), f"{m:02d}") for m in range(1, 13)]
        return []

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        for text, value in self._parts(kind):
            self.part.addItem(text, value)
        self.part.blockSignals(False)
        self.part.setVisible(kind in ("half", "quarter", "month"))
        self.year.setVisible(kind != "range")
        for widget in (self.from_label, self.start, self.to_label, self.end):
            widget.setVisible(kind == "range")
        self.changed.emit()

    def label(self) -> str:
        """The period as the core reads it: "2024", "2024-H1", "2024-Q3", "2024-07", "a..b"."""
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "range":
            return f"{self.start.value().isoformat()}..{self.end.value().isoformat()}"
        if kind == "year":
            return str(year)
        return f"{year}-{self.part.currentData()}"

    def period(self) -> Period:
        """The chosen period; :class:`TtdnError` for a range that ends before it starts."""
        return parse_period(self.label())

    def set_label(self, text: str) -> None:
        """Show a period given as the core writes it ("2024-Q3", "2024-07", "a..b")."""
        period = parse_period(text)
        label = period.label
        if ".." in label:
            kind, part = "range", None
            self.start.set_value(period.start)
            self.end.set_value(period.end)
        elif len(label) == 4:
            kind, part = "year", None
        else:
            suffix = label[5:]
            kind = {"H": "half", "Q": "quarter"}.get(suffix[0], "month")
            part = suffix
        self.blockSignals(True)
        self.kind.setCurrentIndex(self.KINDS.index(kind))
        self.year.setValue(period.start.year)
        if part is not None:
            self.part.setCurrentIndex(max(0, self.part.findData(part)))
        self.blockSignals(False)
        self.changed.emit()


def chart_widget(svg: bytes) -> QSvgWidget:
    """A chart a quarter larger than drawn in the PDF."""
    widget = QSvgWidget()
    widget.load(QByteArray(svg))
    widget.setFixedSize(QSize(*CHART_SIZE) * 1.25)
    return widget


def _fit_height(view: QTableView, most: int = 10) -> None:
    """As tall as its rows (up to ``most``), so a short table leaves no empty box."""
    rows = min(view.model().rowCount(), most)
    height = view.horizontalHeader().sizeHint().height() + view.verticalHeader().defaultSectionSize() * rows
    view.setFixedHeight(height + 2 * view.frameWidth())


# --- the dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardData:
    figures: Figures
    charts: list[tuple[str, str, bytes]]  # (name, title as drawn, SVG)


def load_dashboard(workspace: Workspace, period: Period, unit_id: str | None, rollup: bool) -> DashboardData:
    """The figures and charts of a period (on the database worker)."""
    figures = dashboard_figures(workspace, period, unit_id, rollup)
    return DashboardData(figures, [(spec.name, spec.title, _svg(spec)) for spec in chart_specs(figures)])


def _svg(spec: ChartSpec) -> bytes:
    """The chart as the PDF draws it, on a white ground (an SVG has none of its own)."""
    chart = drawing(spec, *CHART_SIZE)
    chart.insert(0, Rect(0, 0, *CHART_SIZE, fillColor=colors.white, strokeColor=None))
    return to_svg(chart)


class Dashboard(QWidget):
    """Progress against the plan for a period: per task and target, the delegates against the
    plan's target, budget allocated against spent, and the report's charts."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._loader = Loader(self)
        self._loader.loaded.connect(self.show_data)
        self._loader.failed.connect(lambda error: self.summary.setText(error_text(error)))
        self.data: DashboardData | None = None

        self.summary = WrappedLabel()
        self.tasks = RowTableModel(
            [self.tr("Task"), self.tr("Activities"), self.tr("Products"), self.tr("Times aired"), self.tr("Events"),
             self.tr("Delegates"), self.tr("Targets")],
            numeric=(1, 2, 3, 4, 5),
            parent=self,
        )
        self.task_view = table_view(self.tasks, stretch=(0,), chars={6: 36})
        self.budget = RowTableModel(
            # short headers: the table shares the width with the delegates' box (the unit is in the box's title)
            [self.tr("Task"), self.tr("Allocated"), self.tr("Spent"), self.tr("Used")], numeric=(1, 2, 3), parent=self
        )
        self.budget_view = table_view(self.budget, stretch=(0,))
        self.delegates_bar, self.delegates_text = QProgressBar(), WrappedLabel()
        self.budget_bar, self.budget_text = QProgressBar(), WrappedLabel()
        self.charts = QGridLayout()
        self.chart_widgets: dict[str, QSvgWidget] = {}
        self._holders: list[QWidget] = []
        self._columns = 0

        progress = QGroupBox(self.tr("Progress against the plan"))
        box = QVBoxLayout(progress)
        box.addWidget(self.summary)
        box.addWidget(self.task_view)
        side = QHBoxLayout()
        for title, widgets in (
            (self.tr("Delegates against the plan's target"), (self.delegates_bar, self.delegates_text)),
            (self.tr("Budget allocated and spent (VND)"), (self.budget_bar, self.budget_view, self.budget_text)),
        ):
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            for widget in widgets:
                inner.addWidget(widget)
            inner.addStretch(1)
            side.addWidget(group, 1)
        charts = QGroupBox(self.tr("Charts (as in the PDF report)"))
        charts.setLayout(self.charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(progress)
        layout.addLayout(side)
        layout.addWidget(charts)
        layout.addStretch(1)

    @property
    def busy(self) -> bool:
        return self._loader.busy

    def show_for(self, period: Period, unit_id: str | None = None, rollup: bool = False) -> None:
        """Compute the dashboard for a period (and unit) on the worker; ``loaded`` follows."""
        self.summary.setText(self.tr("Counting…"))
        self._loader.start(load_dashboard, self._workspace, period, unit_id, rollup)

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        f = data.figures
        self.summary.setText(
            self.tr("{period}: {activities} activities · {products} products · {broadcasts} broadcasts and postings "
                    "({aired} times aired) · {events} events · {delegates} delegates · cost {cost} VND").format(
                period=f.scope.period.label, activities=format_number(f.activities), products=format_number(f.products),
                broadcasts=format_number(f.broadcasts), aired=format_number(f.times_aired), events=format_number(f.events),
                delegates=format_number(f.delegates), cost=money(f.cost),
            )
            + "\n"
            + self.tr("Not counted (shown apart): {drafts} drafts · {returned} returned for correction").format(
                drafts=format_number(f.drafts), returned=format_number(f.returned)
            )
        )
        tasks = [(t, f"{t.code}. {t.name}") for t in f.by_task]
        if f.unplanned is not None:
            tasks.append((f.unplanned, self.tr("Outside the plan's tasks")))
        self.tasks.set_rows([self._task_row(t, name) for t, name in tasks])
        self.budget.set_rows([self._budget_row(t, name) for t, name in tasks])  # by code: the name is in the tooltip
        for view in (self.task_view, self.budget_view):
            _fit_height(view)
        self._show_delegates(f)
        self._show_budget(f)
        self._show_charts(data.charts)
        self.loaded.emit()

    def _task_row(self, t: TaskRow, name: str) -> Row:
        actual = {metric: t.actual(metric) for metric in t.targets}  # a target measures what it is attached to
        targets = "; ".join(
            f"{self._metric(metric)} {format_number(actual.get(metric, 0))}/{format_number(value)} ({percent(actual.get(metric, 0), value)})"
            for metric, value in t.targets.items()
        )
        texts = (name, format_number(t.activities), format_number(t.products), format_number(t.times_aired), format_number(t.events),
                 format_number(t.delegates), targets)
        return Row(texts, key=t.code, tooltip="\n".join(filter(None, [name, targets])))

    def _budget_row(self, t: TaskRow, name: str) -> Row:
        allocated = money(t.budget) if t.budget else ("" if not t.code else self.tr("not set"))
        label = t.code or self.tr("Outside the plan")
        return Row((label, allocated, money(t.cost), percent(t.cost, t.budget)), key=t.code, tooltip=name)

    def _metric(self, metric: str) -> str:
        names = {"products": self.tr("products"), "broadcasts": self.tr("times aired"), "events": self.tr("events"),
                 "delegates": self.tr("delegates"), "cost": self.tr("cost (VND)")}
        return names.get(metric, metric)

    def _show_delegates(self, f: Figures) -> None:
        task = next((t for t in f.by_task if t.targets.get("delegates")), None)
        if task is None:
            self.delegates_bar.setRange(0, 1)
            self.delegates_bar.setValue(0)
            self.delegates_bar.setFormat("")
            self.delegates_text.setText(self.tr("No delegate target in the plan for this period."))
            return
        target = max(int(task.targets["delegates"]), 1)
        count = task.target_delegates  # the marked conference's delegates only
        self.delegates_bar.setRange(0, target)
        self.delegates_bar.setValue(min(count, target))
        self.delegates_bar.setFormat(self.tr("{count} of {target} delegates").format(count=format_number(count), target=format_number(target)))
        if not task.marked:
            self.delegates_bar.setFormat(self.tr("target {target} delegates: no event marked as task {code}").format(
                target=format_number(target), code=task.code))
        names = f.catalog_names
        genders = {"male": self.tr("men"), "female": self.tr("women"), "other": self.tr("other"), "unknown": self.tr("not given")}
        lines = [
            (self.tr("By category"), task.delegates_by_category, names.get("participant_category", {})),
            (self.tr("By gender"), task.delegates_by_gender, genders),
            (self.tr("By ethnicity"), task.delegates_by_ethnicity, names.get("ethnicity", {})),
        ]
        unknown = self.tr("not given")
        others = sum(e.delegates for e in task.other_events)
        self.delegates_text.setText(
            self.tr("Task {code}:").format(code=task.code) + "\n" + "\n".join(
                f"{title}: " + ", ".join(f"{labels.get(k, unknown if k == 'unknown' else k)} {format_number(n)}" for k, n in counts.items())
                for title, counts, labels in lines if counts
            )
            + ("\n" + self.tr("Other trainings (not counted towards the target): {events} events, {delegates} delegates").format(
                events=format_number(len(task.other_events)), delegates=format_number(others)) if task.other_events else "")
        )

    def _show_budget(self, f: Figures) -> None:
        allocated = f.allocated or 0
        spent = f.planned_cost
        self.budget_bar.setRange(0, 100)
        self.budget_bar.setValue(min(100, round(100 * spent / allocated)) if allocated else 0)
        self.budget_bar.setFormat(percent(spent, allocated) if allocated else self.tr("no budget set"))
        allocated_text = self.tr("{amount} VND").format(amount=money(allocated)) if allocated else self.tr("not set")
        self.budget_text.setText(
            self.tr("Allocated: {allocated} · spent on the plan's tasks: {spent} VND").format(allocated=allocated_text, spent=money(spent))
            + ("\n" + self.tr("Remaining: {amount} VND").format(amount=money(allocated - spent)) if allocated else "")
        )

    def _chart_title(self, name: str, drawn: str) -> str:
        titles = {
            "products": self.tr("Products by type"),
            "themes": self.tr("Activities by theme"),
            "languages": self.tr("Activities by language"),
            "kinds": self.tr("Activities by kind"),
            "gender": self.tr("Delegates by gender"),
            "ethnicity": self.tr("Delegates by ethnicity"),
        }
        return titles.get(name, drawn)

    def _show_charts(self, charts: list[tuple[str, str, bytes]]) -> None:
        for holder in self._holders:
            holder.deleteLater()
        self._holders, self.chart_widgets = [], {}
        if not charts:
            self._holders.append(QLabel(self.tr("No activities in this period.")))
        for name, drawn, svg in charts:
            widget = chart_widget(svg)
            self.chart_widgets[name] = widget
            holder = QWidget()
            cell = QVBoxLayout(holder)
            cell.addWidget(QLabel(f"<b>{self._chart_title(name, drawn)}</b>"))
            cell.addWidget(widget)
            self._holders.append(holder)
        self._columns = 0
        self._place_charts()

    def _place_charts(self) -> None:
        """As many charts side by side as the width allows."""
        per_row = max(1, self.width() // (int(CHART_SIZE[0] * 1.25) + 30))
        if per_row == self._columns:
            return
        self._columns = per_row
        for i, holder in enumerate(self._holders):
            self.charts.addWidget(holder, i // per_row, i % per_row)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._place_charts()
