"""The guard of tests/ui/conftest.py: GUI code that touches the database on the GUI thread
is caught; the same work through the database worker is not."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.operations.installation import is_set_up
from desktop_app.ui import workers

UI_FOLDER = str(Path(__file__).resolve().parents[2] / "desktop_app" / "ui")  # as conftest.py has it


def _as_gui_code(fn_name: str, body: str) -> object:
    """A function whose code claims to live in desktop_app/ui (as a screen's would)."""
    namespace: dict[str, object] = {"is_set_up": is_set_up}
    exec(compile(f"def {fn_name}(ws):\n    {body}\n", f"{UI_FOLDER}/fake_screen.py", "exec"), namespace)
    return namespace[fn_name]


def test_a_screen_reading_the_database_on_the_gui_thread_is_caught(demo_workspace, no_database_on_gui_thread):
    refresh = _as_gui_code("refresh", "return is_set_up(ws)")
    assert refresh(demo_workspace) is True
    assert any("fake_screen.py" in v and "refresh" in v for v in no_database_on_gui_thread.violations)
    no_database_on_gui_thread.violations.clear()  # seen; let the fixture's own check pass


def test_the_same_read_through_the_database_worker_is_not(demo_workspace, no_database_on_gui_thread):
    refresh = _as_gui_code("refresh", "return workers.call(is_set_up, ws)")
    refresh.__globals__["workers"] = workers
    assert refresh(demo_workspace) is True
    assert no_database_on_gui_thread.violations == []
