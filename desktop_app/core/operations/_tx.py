"""The transaction helpers every operation uses (private to the operations package)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.orm import Session

from desktop_app.core.db.models import Installation
from desktop_app.core.workspace import Workspace


@contextmanager
def changing(workspace: Workspace) -> Iterator[tuple[Session, Installation]]:
    """One transaction for a user's change, with this installation (refused when the
    computer is not set up). Everything in it is committed together or not at all."""
    with workspace.writing() as session:
        yield session, workspace.require_installation(session)


@contextmanager
def reading(workspace: Workspace) -> Iterator[tuple[Session, Installation]]:
    """A read-only look at the data, with this installation (refused when not set up)."""
    with workspace.reading() as session:
        yield session, workspace.require_installation(session)
