"""A workspace: one data folder opened for use, the object the CLI and the GUI hold.

Opening runs the migrations (with a backup first), applies newer shipped content and
checks that this database's origin has not been copied or restored from a backup (a
restored database would otherwise reuse change counters already sent elsewhere).
"""

from __future__ import annotations

import json
import logging
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.db.database import Database
from desktop_app.core.db.models import Installation, Origin
from desktop_app.core.db.types import utcnow
from desktop_app.core.db.versioning import ChangeContext
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import write_json_atomic
from desktop_app.core.paths import is_network_path, resources_dir
from desktop_app.core.services.content import ContentReport, apply_content

log = logging.getLogger(__name__)

ORIGIN_FILE = "origin.json"


def new_origin_id() -> str:
    return uuid.uuid4().hex


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
        except OSError as exc:  # a read-only or vanished folder must not stop the exit
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
        """Remember, beside the database, the origin and how far its counter has gone."""
        inst = self.require_installation(session)
        write_json_atomic(
            self._origin_file(),
            {
                "installation_id": inst.installation_id,
                "origin_id": inst.origin_id,
                "counter": inst.counter,
                "folder": str(self.data_dir.resolve()),
            },
        )

    def _check_origin(self) -> None:
        with self.db.transaction() as session:
            inst = self.installation(session)
            if inst is None:
                return
            try:
                seen = json.loads(self._origin_file().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                seen = None
            reason = None
            if seen is None:
                reason = "the origin file beside the database is missing (copied database?)"
            elif seen.get("origin_id") != inst.origin_id:
                reason = "the database belongs to another origin (copied database?)"
            elif seen.get("folder") not in (None, str(self.data_dir.resolve())):
                reason = "the data folder was copied or moved here"
            elif int(seen.get("counter", 0)) > inst.counter:
                reason = "the database is older than changes already made (restored backup?)"
            if reason is not None:
                self._rotate_origin(session, inst, reason)
            self.record_origin(session)

    def _rotate_origin(self, session: Session, inst: Installation, reason: str) -> None:
        log.warning("new origin for this installation: %s", reason)
        old = session.get(Origin, inst.origin_id)
        if old is not None:
            old.retired_at = utcnow()
            old.note = reason
        inst.origin_id = new_origin_id()
        session.add(Origin(id=inst.origin_id, unit_id=inst.unit_id, is_local=True, note=reason))
        self.warnings.append(TtdnError("origin.rotated"))

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
