"""Where the database lives and which schema its migrations declare, known without
importing SQLAlchemy or Alembic: the first screen is read with plain ``sqlite3`` before
either is loaded (``operations/first_page.py``), and start-up of an up-to-date database
never imports Alembic."""

from __future__ import annotations

import ast
from pathlib import Path

DB_NAME = "ttdn.sqlite3"  # in the data folder
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def declared_head(migrations: Path = MIGRATIONS_DIR) -> str | None:
    """The head revision, read from the migration files' ``revision`` and ``down_revision``
    without importing Alembic. None when the files do not name exactly one head: then
    Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (migrations / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(file.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if node.targets[0].id in ("revision", "down_revision"):
                    values[node.targets[0].id] = ast.literal_eval(node.value)
        if isinstance(values.get("revision"), str):
            revisions.add(values["revision"])
            down = values.get("down_revision")
            parents.update([down] if isinstance(down, str) else list(down or ()))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None
