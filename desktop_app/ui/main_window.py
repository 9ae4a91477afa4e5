"""The main window: navigation between the screens officers live in, and a status bar that
says where sending stands (last package sent, what the province has confirmed, changes not
yet sent)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Role
from desktop_app.core.operations.first_page import FirstScreen
from desktop_app.ui.widgets import format_number, remember_size, unconfirmed_text
from desktop_app.ui.workers import call

if TYPE_CHECKING:  # loads SQLAlchemy: the window can open before it is (see MainWindow)
    from desktop_app.core.workspace import Workspace

STATUS_REFRESH_MS = 60_000
STATUS_FIRST_MS = 2000  # a window not painted by then (e.g. hidden) fills its status bar anyway

# Each screen's class, imported when the screen is first shown: the window appears without
# loading what the other screens need (ReportLab for the dashboards, cryptography for
# sending, ...).
PAGE_CLASSES = {
    "activities": ("desktop_app.ui.pages.activities_page", "ActivitiesPage"),
    "events": ("desktop_app.ui.pages.events_page", "EventsPage"),
    "sync": ("desktop_app.ui.pages.sync_page", "SyncPage"),
    "review": ("desktop_app.ui.pages.review_page", "ReviewPage"),
    "units": ("desktop_app.ui.pages.units_page", "UnitsPage"),
    "conflicts": ("desktop_app.ui.pages.conflicts_page", "ConflictsPage"),
    "reports": ("desktop_app.ui.pages.reports_page", "ReportsPage"),
    "plan": ("desktop_app.ui.pages.plan_page", "PlanPage"),
    "settings": ("desktop_app.ui.pages.settings_page", "SettingsPage"),
}


class LazyPages(Mapping[str, QWidget]):
    """The screens by key, in navigation order; a screen is built on first access."""

    def __init__(self, keys: list[str], build: Callable[[str], QWidget]) -> None:
        self._keys = keys
        self._build = build
        self.built: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._keys:
            raise KeyError(key)
        if key not in self.built:
            self.built[key] = self._build(key)
        return self.built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _when(moment: datetime | None) -> str:
    return QLocale().toString(moment.astimezone(), "dd/MM/yyyy HH:mm") if moment else ""


class MainWindow(QMainWindow):
    """Screens on the left, the chosen one on the right; ``pages`` maps a key to each.
    ``first_painted`` is emitted once, after the window's first paint: work not needed for
    the first screen waits for it.

    At the program's start the window is made from ``first``, the first screen read light,
    before the core is loaded (no workspace): the activity list shows those rows, and
    :meth:`attach` hands the workspace over once it is open (``attached`` is emitted then).
    A screen chosen before that is built then."""

    first_painted = Signal()
    attached = Signal()

    def __init__(
        self,
        workspace: Workspace | None,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
        *,
        notices: Sequence[str] = (),
        first: FirstScreen | None = None,
    ) -> None:
        """``notices``: things the officer should know at start (e.g. a copied data folder
        got a new origin), shown in a bar over the screens, never in a box before the window."""
        super().__init__(parent)
        self._workspace = workspace
        self._first = first
        if workspace is not None:
            from desktop_app.core.operations.installation import describe_installation

            me: Any = call(describe_installation, workspace, keys=False)
        elif first is not None:
            me = first
        else:
            raise ValueError("the main window needs a workspace or a first screen")
        unit_name, self.role, officer = me.unit_label, me.role, me.officer
        self.setWindowTitle(self.tr("External information work – {unit}").format(unit=unit_name))

        self.unit_label = QLabel(unit_name)
        font = QFont(self.unit_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.unit_label.setFont(font)
        role_text = self.tr("Provincial department (aggregator)") if self.role == Role.AGGREGATOR else self.tr("Unit")
        details = self.tr("Role: {role}").format(role=role_text)
        if officer:
            details += " · " + self.tr("Officer: {name}").format(name=officer)
        self.role_label = QLabel(details)

        province = self.role == Role.AGGREGATOR
        keys = [k for k in PAGE_CLASSES if province or k != "units"]
        self.pages = LazyPages(keys, self._build_page)
        titles = {
            "activities": self.tr("Activities"),
            "events": self.tr("Events and participants"),
            "sync": self.tr("Send and receive"),
            "review": self.tr("Review queue") if province else self.tr("Reviews from the province"),
            "units": self.tr("Units overview"),
            "conflicts": self.tr("Sync conflicts"),
            "reports": self.tr("Reports and progress"),
            "plan": self.tr("Plan and catalogs"),
            "settings": self.tr("Settings"),
        }
        self.navigation = QListWidget()
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self._stale: set[str] = set()
        for number, key in enumerate(keys, start=1):
            item = QListWidgetItem(titles[key])
            item.setToolTip(f"Ctrl+{number}")
            item.setSizeHint(QSize(170, 36))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # a placeholder until the screen is first shown
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, activated=lambda n=number - 1: self.navigation.setCurrentRow(n))
        self.navigation.currentRowChanged.connect(self._show_page)

        header = QVBoxLayout()
        header.addWidget(self.unit_label)
        header.addWidget(self.role_label)
        body = QHBoxLayout()
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        self._layout = layout = QVBoxLayout(central)
        layout.addLayout(header)
        self.notice_bars: list[QFrame] = []
        self.add_notices(notices)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        remember_size(self, "main_window", QSize(1180, 700))  # 1366×768 leaves ~720 under a title bar

        self.last_sent = QLabel()
        self.confirmed = QLabel()
        self.unsent = QLabel()
        self.data_folder = QLabel(self.tr("Data folder: {path}").format(path=data_dir or getattr(workspace, "data_dir", "")))
        for label in (self.last_sent, self.confirmed, self.unsent):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.data_folder)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_status)
        self._timer.start(STATUS_REFRESH_MS)
        self.navigation.setCurrentRow(0)  # builds the first screen, which shows real rows at once
        # The status bar needs the sync code (and cryptography, ~0.3 s): filled once the window
        # has painted (a zero timer ran before the first paint), or soon if it is not shown.
        self._painted = False
        self.first_painted.connect(self.refresh_status)
        QTimer.singleShot(STATUS_FIRST_MS, self._after_first_paint)

    def attach(self, workspace: Workspace, notices: Sequence[str] = ()) -> None:
        """Go on with ``workspace``, opened after the first screen was shown read light:
        the activity list keeps its rows, a screen chosen meanwhile is built now, the
        status bar is filled, ``notices`` join the bar over the screens."""
        self._workspace = workspace
        self._first = None
        self.add_notices(notices)
        for page in list(self.pages.built.values()):
            if hasattr(page, "attach"):
                page.attach(workspace)
        self._show_page(self.navigation.currentRow())
        if self._painted:
            self.refresh_status()
        self.attached.emit()

    def add_notices(self, notices: Sequence[str]) -> None:
        """Notice bars over the screens, after those shown already."""
        for text in notices:
            bar = self._notice_bar(text)
            self._layout.insertWidget(1 + len(self.notice_bars), bar)  # under the header
            self.notice_bars.append(bar)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            QTimer.singleShot(0, self._after_first_paint)  # after this paint and its children's
        return handled

    @property
    def _waiting_for_paint(self) -> bool:
        return not self._painted

    def closeEvent(self, event) -> None:
        self._painted = True  # closed before its first paint: nothing more to start
        super().closeEvent(event)

    def _after_first_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        if self.isVisible():
            self.first_painted.emit()
        else:  # a window never shown (tests): only its status bar
            self.refresh_status()

    def _notice_bar(self, text: str) -> QFrame:
        """A pale yellow bar with the notice and a button that closes it."""
        bar = QFrame()
        bar.setObjectName("notice")
        bar.setStyleSheet("QFrame#notice { background: #fff4c2; border: 1px solid #e0c050; border-radius: 3px; }")
        label = QLabel(text)
        label.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close this notice"))
        close.setAutoRaise(True)
        close.clicked.connect(bar.hide)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        return bar

    def _build_page(self, key: str) -> QWidget:
        module, name = PAGE_CLASSES[key]
        page_class = getattr(importlib.import_module(module), name)
        # Before the core is loaded, the first screen read light (only that one: see _show_page).
        page = page_class(None, first=self._first) if self._workspace is None else page_class(self._workspace)
        row = list(self.pages).index(key)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if hasattr(page, "changed"):
            page.changed.connect(lambda key=key: self._page_changed(key))
        return page

    def show_page(self, key: str) -> QWidget:
        self.navigation.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def _show_page(self, row: int) -> None:
        key = list(self.pages)[row]
        if self._workspace is None and key != "activities":
            return  # before the core is loaded: the screen is built once it is (attach)
        self.pages[key]  # built on first show
        self.stack.setCurrentIndex(row)
        if key in self._stale:
            self._stale.discard(key)
            self.pages[key].refresh()

    def _page_changed(self, source: str) -> None:
        """Data changed on one screen: the others already built refresh when next shown
        (those not built yet load fresh data when they are)."""
        self._stale |= set(self.pages.built) - {source}
        self.refresh_status()

    def refresh_status(self) -> None:
        if self._workspace is None:  # filled once the core is loaded (attach)
            return
        from desktop_app.core.operations import sync  # the sync code (and cryptography): after the first paint

        status = call(sync.status, self._workspace)
        if self.role == Role.AGGREGATOR:
            self.last_sent.setText(
                self.tr("Last package received: {when}").format(when=_when(status.last_received_at))
                if status.last_received_at
                else self.tr("No package received yet")
            )
            self.confirmed.setText(self.tr("Sync conflicts to look at: {n}").format(n=format_number(status.open_conflicts)))
            self.unsent.setText("")
            return
        self.last_sent.setText(
            self.tr("Last package sent: {when}").format(when=_when(status.last_sent_at))
            if status.last_sent_at
            else self.tr("No package sent yet")
        )
        self.confirmed.setText(
            self.tr("Confirmed by the province up to {when}").format(when=_when(status.confirmed_at))
            if status.confirmed_at
            else self.tr("Not yet confirmed by the province")
        )
        self.unsent.setText(unconfirmed_text(status.unsent_changes))
