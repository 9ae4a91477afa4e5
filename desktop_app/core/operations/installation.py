"""Setting up this installation: its role, its unit, its origin and officer."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.db import migrate
from desktop_app.core.db.models import Installation, Origin, OrgUnit
from desktop_app.core.domain.enums import Role
from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.units import display_name, find_unit
from desktop_app.core.sync.identity import ensure_keys, own_identity
from desktop_app.core.workspace import Workspace, new_origin_id


def initialise(workspace: Workspace, role: str, unit_ref: str, officer: str | None = None) -> Installation:
    try:
        role = Role(role).value
    except ValueError:
        raise TtdnError("installation.bad_role", role=role) from None
    with workspace.db.transaction() as session:
        existing = workspace.installation(session)
        if existing is not None:
            raise TtdnError("installation.exists", data_dir=str(workspace.data_dir))
        unit = find_unit(session, unit_ref)
        origin = new_origin_id()
        session.add(Origin(id=origin, unit_id=unit.id, is_local=True))
        inst = Installation(
            id=1,
            role=role,
            unit_id=unit.id,
            origin_id=origin,
            counter=0,
            officer_name=nfc(officer.strip()) if officer and officer.strip() else None,
        )
        session.add(inst)
        session.flush()
        ensure_keys(session)  # the signing and personal-data keys, made once, here
        workspace.record_origin(session)
    return inst


def set_officer(workspace: Workspace, name: str | None) -> None:
    """Change the name of the officer who uses this computer (recorded with each change)."""
    with workspace.db.transaction() as session:
        inst = workspace.require_installation(session)
        inst.officer_name = nfc(name.strip()) if name and name.strip() else None


@dataclass(frozen=True)
class InstallationView:
    """Who this computer is, as the screens and ``ttdn info`` show it."""

    role: str
    unit_id: str
    unit_code: str
    unit_name: str
    unit_label: str  # the name with its parent: names are not unique
    officer: str | None
    origin_id: str
    counter: int
    fingerprint: str | None  # None when asked without the keys


def describe_installation(workspace: Workspace, *, keys: bool = True) -> InstallationView:
    """This installation (refused when the computer is not set up). With ``keys``, its key
    fingerprint too (the keys are made on first use: every signed package needs them)."""
    with workspace.db.transaction() as session:
        inst = workspace.require_installation(session)
        unit = session.get(OrgUnit, inst.unit_id)
        return InstallationView(
            role=inst.role,
            unit_id=unit.id,
            unit_code=unit.code,
            unit_name=unit.name,
            unit_label=display_name(session, unit),
            officer=inst.officer_name,
            origin_id=inst.origin_id,
            counter=inst.counter,
            fingerprint=own_identity(session).keys.fingerprint if keys else None,
        )


def is_set_up(workspace: Workspace) -> bool:
    return workspace.installation() is not None




def schema_revision(workspace: Workspace) -> str | None:
    """The database's schema revision (shown with the program's version)."""
    return migrate.read_revision(workspace.db.path)


__all__ = ["InstallationView", "describe_installation", "initialise", "is_set_up", "schema_revision", "set_officer"]
