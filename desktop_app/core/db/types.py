"""Column types shared by the models."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.types import TypeDecorator

from desktop_app.core.domain.text import nfc


class NFCString(TypeDecorator[str]):
    """A string column whose every stored value is NFC, whoever writes it."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else nfc(value)


class NFCText(NFCString):
    impl = Text
    cache_ok = True


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and returned timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


# Namespace for identifiers derived from natural keys (units, catalog items, plan rows,
# a unit's report for a period): every installation derives the same id, so two offices
# converge instead of creating duplicates.
TTDN_NAMESPACE = uuid.UUID("6f1c3c1e-6a8d-4e0c-9d43-2b7f6f0e7a11")


def natural_uuid(*parts: object) -> str:
    key = "\x1f".join(str(p) for p in parts)
    return str(uuid.uuid5(TTDN_NAMESPACE, nfc(key)))
