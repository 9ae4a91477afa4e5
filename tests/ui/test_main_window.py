"""The main window: the unit it records for, navigation between screens, the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QToolButton

from desktop_app.core.workspace import Workspace
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.widgets import available_size, settings

DEMO_COUNT, UNIT_NAME = 300, "Xã Hòa Đông"  # as in tests/ui/conftest.py


def test_shows_the_unit_and_opens_on_activities(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    assert window.unit_label.text().startswith(UNIT_NAME)
    assert UNIT_NAME in window.windowTitle()
    activities = window.pages["activities"]
    assert window.stack.currentWidget() is activities
    assert activities.model.total() == DEMO_COUNT


def test_navigation_by_list_and_keyboard(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigation.setCurrentRow(2)
    assert window.stack.currentWidget() is window.pages["sync"]
    qtbot.keyClick(window.navigation, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["activities"]
    assert window.show_page("settings") is window.stack.currentWidget()


def test_status_bar_says_where_sending_stands(qtbot, demo_workspace: Workspace, tmp_path) -> None:
    from desktop_app.core.sync.export import export_data

    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.last_sent.text() != "")  # filled once the window is up
    assert "No package sent yet" in window.last_sent.text()
    assert "Not yet confirmed" in window.confirmed.text()
    from desktop_app.core.sync.status import sync_status

    with demo_workspace.reading() as session:
        unsent = sync_status(session).unsent_changes
    assert unsent > DEMO_COUNT  # activities, their participants and files
    grouped = f"{unsent:,}".replace(",", ".")  # Vietnamese grouping, whatever the UI language
    assert window.unsent.text() == f"{grouped} records not yet confirmed by the province – they go in the next package"
    export_data(demo_workspace, tmp_path / "out", counts_only=True)
    window.pages["sync"].changed.emit()
    assert window.last_sent.text().startswith("Last package sent: ")


def test_only_the_first_screen_is_built_at_start(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    assert list(window.pages.built) == ["activities"]
    assert window.pages["activities"].model.rowCount() > 0  # the first paint shows real rows
    assert window.stack.count() == len(window.pages)
    window.navigation.setCurrentRow(list(window.pages).index("plan"))
    assert set(window.pages.built) == {"activities", "plan"}
    assert window.stack.currentWidget() is window.pages["plan"]


def test_a_change_on_one_screen_refreshes_the_others_when_shown(qtbot, demo_workspace: Workspace) -> None:
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    calls = []
    window.pages["reports"].refresh = lambda: calls.append("reports")
    window.pages["activities"].changed.emit()
    assert calls == []
    window.show_page("reports")
    assert calls == ["reports"]
    window.show_page("activities")
    window.show_page("reports")
    assert calls == ["reports"]  # nothing changed since


def test_many_qt_calls_do_not_exhaust_none(qtbot) -> None:
    """PySide6 6.12.0 dropped a reference to None on each call returning nothing, which
    aborts Python 3.11 after some tens of thousands of calls (a day of use). Guard the
    pinned Qt binding against it."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
    assert sys.getrefcount(None) - before < 100


def test_a_start_notice_is_a_bar_in_the_window_not_a_box_before_it(qtbot, demo_workspace: Workspace, message_boxes) -> None:
    notice = "Thư mục dữ liệu này được sao chép từ máy khác: máy này đã nhận mã nguồn mới."
    window = MainWindow(demo_workspace, notices=[notice])
    qtbot.addWidget(window)
    window.show()
    [bar] = window.notice_bars
    assert bar.isVisible() and notice in [label.text() for label in bar.findChildren(QLabel)]
    assert message_boxes == []  # nothing modal
    bar.findChild(QToolButton).click()
    assert not bar.isVisible()


def test_the_window_fits_a_1366x768_screen_and_its_remembered_size_is_clamped(qtbot, demo_workspace: Workspace) -> None:
    settings().setValue("sizes/main_window", QSize(1900, 1200))  # left by a bigger screen
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    room = available_size(window)
    assert window.width() <= room.width() and window.height() <= room.height()
    for key in window.pages:
        window.show_page(key)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1093 and hint.height() <= 576  # 1366×720 at 125 %: every screen can shrink to it
