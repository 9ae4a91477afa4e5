"""A workspace: one data folder opened for use, the object the CLI and the GUI hold.

Opening runs the migrations (with a backup first), applies newer shipped content and
checks that this database's origin has not been copied or restored from a backup (a
restored database would otherwise reuse change counters already sent elsewhere).
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import sqlite3
import sys
import uuid
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.database import DB_FILE, Database
from desktop_app.core.db.models import Installation
from desktop_app.core.db.versioning import ChangeContext
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import write_json_atomic
from desktop_app.core.paths import is_network_path, resources_dir
from desktop_app.core.services.content import ContentReport, apply_content

log = logging.getLogger(__name__)

ORIGIN_FILE = "origin.json"


def new_origin_id() -> str:
    return uuid.uuid4().hex


def machine_id() -> str:
    """A stable, non-identifying tag of this computer: a hash of the operating system's
    machine id (Windows MachineGuid, /etc/machine-id) or, failing that, the host name."""
    raw = ""
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography") as key:
                raw = str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            raw = ""
    else:
        for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            try:
                raw = Path(candidate).read_text(encoding="ascii").strip()
            except (OSError, UnicodeDecodeError):
                continue
            if raw:
                break
    raw = raw or socket.gethostname()
    return hashlib.sha256(b"ttdn-machine-v1:" + raw.encode("utf-8")).hexdigest()[:16]


def scrub_keys_from_backups(backups_dir: Path) -> int:
    """Remove private keys held in clear from the database backups in ``backups_dir``
    (taken before an upgrade by versions that kept them so); return how many changed.
    A backup restored later has no usable keys and becomes a new installation anyway."""
    changed = 0
    for path in sorted(backups_dir.glob("*.sqlite3")) if backups_dir.is_dir() else []:
        try:
            with closing(sqlite3.connect(str(path))) as conn:
                columns = {row[1] for row in conn.execute("PRAGMA table_info(local_key)")}
                if not {"sign_private", "box_private"} <= columns:
                    continue
                held = conn.execute("SELECT count(*) FROM local_key WHERE sign_private <> '' OR box_private <> ''").fetchone()[0]
                if not held:
                    continue
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("UPDATE local_key SET sign_private = '', box_private = ''")
                conn.commit()
                conn.execute("VACUUM")
                changed += 1
        except sqlite3.Error as exc:
            log.warning("could not remove the keys from backup %s: %s", path, exc)
    return changed


class Workspace:
    def __init__(self, db: Database, resources: Path) -> None:
        self.db = db
        self.resources = resources
        self.data_dir = db.data_dir
        self.warnings: list[TtdnError] = []
        self.content_report = ContentReport()

    @classmethod
    def open(cls, data_dir: Path, resources: Path | None = None) -> Workspace:
        db = Database.open(data_dir)
        workspace = cls(db, resources or resources_dir())
        if is_network_path(data_dir):
            workspace.warnings.append(TtdnError("data_dir.network", path=str(data_dir)))
        with db.transaction(ChangeContext(origin_id=None, actor=None, mode="load")) as session:
            workspace.content_report = apply_content(session, workspace.resources)
        workspace._check_origin()
        return workspace

    def close(self) -> None:
        """Remember how far the counter went (see :meth:`_check_origin`) and close."""
        try:
            with self.db.session() as session:
                if self.installation(session) is not None:
                    self.record_origin(session)
        except (OSError, TtdnError) as exc:  # a read-only or vanished folder must not stop the exit
            log.warning("could not record the origin: %s", exc)
        self.db.close()

    # --- identity ----------------------------------------------------------------------

    def installation(self, session: Session | None = None) -> Installation | None:
        if session is not None:
            return session.scalar(select(Installation))
        with self.db.session() as s:
            return s.scalar(select(Installation))

    def require_installation(self, session: Session) -> Installation:
        inst = self.installation(session)
        if inst is None:
            raise TtdnError("installation.missing", data_dir=str(self.data_dir))
        return inst

    def _origin_file(self) -> Path:
        return self.data_dir / ORIGIN_FILE

    def record_origin(self, session: Session) -> None:
        """Remember, beside the database, the installation, its origin, how far its counter
        has gone, the folder and the computer (see :meth:`_check_origin`)."""
        inst = self.require_installation(session)
        write_json_atomic(
            self._origin_file(),
            {
                "installation_id": inst.installation_id,
                "origin_id": inst.origin_id,
                "counter": inst.counter,
                "folder": str(self.data_dir.resolve()),
                "machine": machine_id(),
            },
        )

    def _copy_reason(self, session: Session, inst: Installation) -> str | None:
        """Why this data folder is not the installation it was (None: it is).

        A folder copied to another PC or user cannot open its keys (they are protected by
        the user's store there); a copy on the same computer, or a database copied alone,
        is told by ``origin.json``; a restored backup by a counter behind the one recorded."""
        from desktop_app.core.sync.identity import local_keys_state

        try:
            seen = json.loads(self._origin_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            seen = None
        if local_keys_state(session) == "unavailable":
            return "keys_unavailable"
        if not isinstance(seen, dict) or seen.get("origin_id") != inst.origin_id:
            return "copied"
        if seen.get("machine") not in (None, machine_id()):
            return "other_computer"
        folder = seen.get("folder")
        if folder not in (None, str(self.data_dir.resolve())) and (Path(folder) / DB_FILE).exists():
            return "copied"  # the original is still there: two folders, one installation
        if int(seen.get("counter", 0)) > inst.counter:
            return "restored"
        return None

    def _check_origin(self) -> None:
        """Make a copied or restored data folder a new installation, seal keys still in
        clear (written before they were protected) and remember where this one stands.
        Never blocks the start: what the officer must do is a warning."""
        from desktop_app.core.sync.identity import RenewalWarning, local_keys_state, protect_clear_keys, renew_installation

        sealed_now = False
        with self.db.transaction() as session:
            inst = self.installation(session)
            if inst is None:
                return
            reason = self._copy_reason(session, inst)
            if reason is not None:
                self.warnings.append(RenewalWarning(renew_installation(session, reason)))
            elif local_keys_state(session) == "clear":
                protect_clear_keys(session)
                sealed_now = True
            self.record_origin(session)
        if sealed_now or reason is not None:
            # Move the overwritten pages out of the WAL into the database file, and take
            # the keys out of backups written by versions that kept them in clear.
            with self.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            scrub_keys_from_backups(self.db.backups_dir)

    # --- sessions ------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    @contextmanager
    def writing(self, actor: str | None = None) -> Iterator[Session]:
        """A transaction for a user's changes, versioned with this installation's origin."""
        with self.db.session() as probe:
            inst = self.require_installation(probe)
            context = ChangeContext(origin_id=inst.origin_id, actor=actor or inst.officer_name)
        with self.db.transaction(context) as session:
            yield session
