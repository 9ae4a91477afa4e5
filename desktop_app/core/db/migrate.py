"""Schema migrations, run at start-up before anything else touches the database.

1. The file's revision is read through a read-only connection. A revision this program
   does not know (a database written by a newer version) is refused and the file is left
   exactly as it was.
2. Before an upgrade of an existing database, an online backup is written with SQLite's
   backup API (a file copy would miss pages still in the WAL), in the rotation of
   :mod:`desktop_app.core.backup`.
3. The upgrade runs on a connection whose foreign keys are OFF from before any
   transaction opens (batch rebuilds of parent tables would otherwise cascade-delete
   children); ``PRAGMA foreign_key_check`` runs before the commit.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.db.engine import make_engine
from desktop_app.core.db.layout import MIGRATIONS_DIR, declared_head
from desktop_app.core.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic is loaded only when a migration runs

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return script_directory().get_current_head()


def read_revision(path: Path) -> str | None:
    """The revision stamped in the database at ``path`` (None: empty or new database).

    Nothing is written, not even to a database we then refuse: without a pending WAL the
    file is opened as immutable (no lock or shared-memory files appear beside it); with
    one, read-only, so the committed pages still in the WAL are seen.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    wal = path.with_name(path.name + "-wal")
    pending_wal = wal.exists() and wal.stat().st_size > 0
    uri = path.resolve().as_uri() + ("?mode=ro" if pending_wal else "?immutable=1")
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError("db.not_ours", path=str(path))
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError("db.unreadable", path=str(path), detail=str(exc)) from exc


def check_known(revision: str | None) -> None:
    if revision is None:
        return
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if revision not in known:
        raise DatabaseError("db.too_new", revision=revision)


def backup(path: Path, backup_dir: Path, label: str) -> Path:
    """Copy the live database with SQLite's online backup API; return the copy's path.

    A raw copy, private keys included (tests and tools). The program's own backups go
    through :mod:`desktop_app.core.backup`, which strips the keys and keeps the files."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"ttdn-{stamp}-{label}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"ttdn-{stamp}-{label}-{n}.sqlite3"
    partial = target.with_suffix(".partial")
    with closing(sqlite3.connect(str(path))) as source, closing(sqlite3.connect(str(partial))) as dest:
        source.backup(dest)
    partial.replace(target)
    return target


def upgrade(path: Path, backup_dir: Path, *, target: str = "head") -> Path | None:
    """Bring the database at ``path`` to ``target``; return the backup written, if any."""
    current = read_revision(path)
    if target == "head" and current is not None and current == declared_head():
        return None
    check_known(current)
    script = script_directory()
    wanted = script.get_current_head() if target == "head" else script.get_revision(target).revision
    if current == wanted:
        return None
    backup_path = None
    if current is not None:
        from desktop_app.core.db.backup import create_backup

        backup_path = create_backup(path, backup_dir, "migration", files_dir=path.parent / "files").db_path
    from alembic import command

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            connection.commit()
    finally:
        engine.dispose()
    return backup_path


def make_revision(message: str, rev_id: str | None = None) -> None:
    """Developers: write a new migration from the difference between the models and the
    head schema (autogenerate against a scratch database). Review it before committing."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "scratch.sqlite3"
        upgrade(path, Path(scratch) / "backups")
        engine = make_engine(path, foreign_keys=False)
        try:
            with engine.connect() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()


if __name__ == "__main__":  # python -m desktop_app.core.db.migrate revision "what changed" 0003
    import sys

    if len(sys.argv) not in (3, 4) or sys.argv[1] != "revision":
        sys.exit('usage: python -m desktop_app.core.db.migrate revision "what changed" [NNNN]')
    make_revision(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
