"""Installations that exchange packages, for the sync tests."""

from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.db.models import Activity, Installation, Participant
from desktop_app.core.services.activities import create_activity, delete_activity, update_activity
from desktop_app.core.operations.installation import initialise
from desktop_app.core.sync.export import export_data
from desktop_app.core.sync.identity import enrolment_document, read_enrolment, register_peer
from desktop_app.core.sync.importer import import_packages
from desktop_app.core.sync.outbound import make_config, make_receipts
from desktop_app.core.workspace import Workspace


class Site:
    """One installation with helpers to record, export and import."""

    def __init__(self, root: Path, name: str, role: str, unit: str, config: list[Path] | None = None) -> None:
        self.name = name
        self.root = root
        self.ws = Workspace.open(root / name)
        if config:
            report = import_packages(self.ws, config, confirm=lambda v: True)
            assert report.files[0].status == "applied", report.files[0].message
        initialise(self.ws, role, unit, f"Cán bộ {name}")
        self.outbox = root / f"{name}-out"
        self.outbox.mkdir()
        self._n = itertools.count(1)

    @property
    def installation(self) -> Installation:
        with self.ws.reading() as s:
            return s.scalar(select(Installation))

    def enrol_at(self, other: Site) -> None:
        path = self.root / f"{self.name}.enrol.json"
        with self.ws.writing() as s:
            path.write_bytes(enrolment_document(s))
        with other.ws.writing() as s:
            register_peer(s, read_enrolment(path), confirmed=True)

    def add(self, **fields) -> str:
        data = {"kind": "other", "title": f"Hoạt động {next(self._n)} của {self.name}", "date": "2024-05-01", **fields}
        with self.ws.writing() as s:
            activity, _ = create_activity(s, self.ws.require_installation(s), data, files_dir=self.ws.db.files_dir)
            return activity.id

    def edit(self, activity_id: str, **fields) -> None:
        with self.ws.writing() as s:
            update_activity(s, self.ws.require_installation(s), activity_id, fields)

    def delete(self, activity_id: str) -> None:
        with self.ws.writing() as s:
            delete_activity(s, self.ws.require_installation(s), activity_id)

    def export(self, **kwargs) -> list[Path]:
        folder = self.outbox / f"x{next(self._n)}"
        result = export_data(self.ws, folder, **kwargs)
        return [w.path for w in result.files]

    def receipt_for(self, unit_code: str) -> list[Path]:
        folder = self.outbox / f"r{next(self._n)}"
        return [w.path for w in make_receipts(self.ws, unit_code, folder)]

    def config(self) -> list[Path]:
        folder = self.outbox / f"c{next(self._n)}"
        return [w.path for w in make_config(self.ws, folder)]

    def receive(self, paths: list[Path], **kwargs):
        return import_packages(self.ws, list(paths), **kwargs)

    def activities(self, *, include_deleted: bool = True) -> dict[str, tuple]:
        """id -> (title, deleted, version) of every activity here."""
        with self.ws.reading() as s:
            rows = s.execute(select(Activity.id, Activity.title, Activity.deleted, Activity.ver_origin, Activity.ver_counter)).all()
        return {r.id: (r.title, r.deleted, (r.ver_origin, r.ver_counter)) for r in rows if include_deleted or not r.deleted}

    def participants(self) -> dict[str, tuple]:
        with self.ws.reading() as s:
            rows = s.execute(select(Participant.id, Participant.name, Participant.phone, Participant.sealed)).all()
        return {r.id: (r.name, r.phone, r.sealed is not None) for r in rows}

    def close(self) -> None:
        self.ws.close()


def copy_site(original: Site, name: str, *, register_at: tuple[Site, ...] = ()) -> Site:
    """A second PC set up by copying ``original``'s data folder (closed and reopened). The
    copy becomes a new installation with its own keys; it enrols at ``register_at``, as
    the officer is told to."""
    import shutil

    original.ws.close()
    shutil.copytree(original.root / original.name, original.root / name)
    original.ws = Workspace.open(original.root / original.name)
    copy = Site.__new__(Site)
    copy.name, copy.root = name, original.root
    copy.outbox = original.root / f"{name}-out"
    copy.outbox.mkdir()
    copy._n = itertools.count(1)
    copy.ws = Workspace.open(original.root / name)
    for other in register_at:
        copy.enrol_at(other)
    return copy
