"""Where this installation stands: last package sent, what the province has confirmed, and
how many changes wait to be sent. Shown in the status bar and by ``ttdn info``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.db.models import SHIPPED_ORIGIN, Conflict, PackageLog
from desktop_app.core.sync.export import acks_for
from desktop_app.core.sync.identity import aggregator_peer
from desktop_app.core.sync.records import DATA_TABLES, SPECS, parse_datetime


@dataclass(frozen=True)
class SyncStatus:
    last_sent_at: datetime | None
    last_sent_file: str | None
    last_received_at: datetime | None
    confirmed_at: datetime | None  # the province's last receipt: "confirmed up to …"
    unsent_changes: int
    open_conflicts: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "last_sent_at": self.last_sent_at.isoformat() if self.last_sent_at else None,
            "last_sent_file": self.last_sent_file,
            "last_received_at": self.last_received_at.isoformat() if self.last_received_at else None,
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "unsent_changes": self.unsent_changes,
            "open_conflicts": self.open_conflicts,
        }


def sync_status(session: Session) -> SyncStatus:
    sent = session.scalar(
        select(PackageLog).where(PackageLog.direction == "out", PackageLog.kind == "data").order_by(PackageLog.id.desc()).limit(1)
    )
    received = session.scalar(
        select(PackageLog.at).where(PackageLog.direction == "in", PackageLog.kind == "data").order_by(PackageLog.id.desc()).limit(1)
    )
    receipt = session.scalar(
        select(PackageLog).where(PackageLog.direction == "in", PackageLog.kind == "receipt").order_by(PackageLog.id.desc()).limit(1)
    )
    confirmed = None
    if receipt is not None and (receipt.summary or {}).get("confirmed_at"):
        confirmed = parse_datetime(receipt.summary["confirmed_at"])
    province = aggregator_peer(session)
    acks = acks_for(session, province.installation_id if province else None)
    unsent = 0
    for table in DATA_TABLES:
        model = SPECS[table].model
        for origin, count in session.execute(
            select(model.ver_origin, func.count()).where(model.ver_origin != SHIPPED_ORIGIN).group_by(model.ver_origin)
        ):
            if origin in acks:
                count = session.scalar(
                    select(func.count()).select_from(model).where(model.ver_origin == origin, model.ver_counter > acks[origin])
                )
            unsent += count
    conflicts = session.scalar(select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))) or 0
    return SyncStatus(sent.at if sent else None, sent.file_name if sent else None, received, confirmed, unsent, conflicts)
