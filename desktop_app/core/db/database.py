"""The database of one data folder: the SQLite file, its content-addressed files and backups."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.db import migrate, versioning
from desktop_app.core.db.engine import make_engine
from desktop_app.core.db.layout import DB_NAME
from desktop_app.core.db.versioning import ChangeContext

DB_FILE = DB_NAME
FILES_DIR = "files"
BACKUPS_DIR = "backups"


class Database:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_FILE
        self.files_dir = data_dir / FILES_DIR
        self.backups_dir = data_dir / BACKUPS_DIR
        self.engine: Engine = make_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        versioning.install(self._sessions)

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        """Open (creating if needed) and migrate the database of ``data_dir``."""
        data_dir.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(data_dir / DB_FILE, data_dir / BACKUPS_DIR)
        return cls(data_dir)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self, context: ChangeContext | None = None) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session:
            if context is not None:
                versioning.set_context(session, context)
            with session.begin():
                yield session

    def check_integrity(self) -> list[str]:
        """Problems reported by ``integrity_check`` and ``foreign_key_check`` (empty: fine)."""
        with self.engine.connect() as conn:
            problems = [r[0] for r in conn.execute(text("PRAGMA integrity_check")) if r[0] != "ok"]
            problems += [f"foreign key: {tuple(r)}" for r in conn.execute(text("PRAGMA foreign_key_check"))]
        return problems

    def close(self) -> None:
        self.engine.dispose()
