"""How the units stand, for the province: who sent what and when, who has reported for a
period, and the sync conflicts to look at.

Rules (also shown to the user):

* **last package**: the newest data package received from one of the unit's registered
  computers; **missing packages**: sequence numbers below a computer's highest one that
  never arrived (a lost USB stick or e-mail);
* **last heard**: the newest data package carrying the unit's records, directly or relayed
  by a district centre; a unit is **silent** when it was last heard more than
  ``silent_days`` days ago, or never (this installation's own unit is never silent);
* **reported** for a period: the unit has live activities dated in it, or an explicit
  "nothing to report" for a period that overlaps it;
* **timely**: the first of those records arrived here (the first entry of its history at
  this installation: imported, or created here) no later than ``grace_days`` days after the
  period's end. ``None`` while the deadline has not passed and nothing has arrived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop_app.core.db.models import (
    Activity,
    AuditEntry,
    Conflict,
    Installation,
    Origin,
    OrgUnit,
    PackageLog,
    Peer,
    UnitReport,
)
from desktop_app.core.db.types import utcnow
from desktop_app.core.domain.periods import Period, parse_period
from desktop_app.core.domain.text import vi_sort_key
from desktop_app.core.services.review import review_counts
from desktop_app.core.services.units import display_name
from desktop_app.core.sync.records import SPECS, parse_datetime

DEFAULT_SILENT_DAYS = 30
GRACE_DAYS = 10
LABEL_FIELDS = ("title", "name", "original_name", "name_vi", "period", "decision", "metric", "code")


@dataclass
class UnitOverviewRow:
    unit_id: str
    code: str
    name: str  # with its parent: names are not unique
    computers: int  # registered installations of the unit
    last_package_at: datetime | None
    last_sequence: int | None
    gaps: list[tuple[str, list[int]]]  # (computer: its fingerprint's last characters, missing numbers)
    last_heard_at: datetime | None
    silent: bool
    activities: int  # live activities dated in the period
    awaiting_review: int
    returned: int  # returned for correction, not corrected yet
    nothing_to_report: bool
    reported: bool
    first_arrival_at: datetime | None
    timely: bool | None
    deadline: date
    own: bool = False  # this installation's own unit

    @property
    def missing_packages(self) -> int:
        return sum(len(numbers) for _, numbers in self.gaps)


@dataclass
class _Packages:
    """What the data packages received say, per computer and per unit."""

    sequences: dict[str, set[int]] = field(default_factory=dict)  # computer -> sequences
    last: dict[str, tuple[datetime, int]] = field(default_factory=dict)  # unit -> (at, sequence)
    heard: dict[str, datetime] = field(default_factory=dict)  # unit -> latest package with its records


def _packages(session: Session) -> _Packages:
    origin_units = dict(session.execute(select(Origin.id, Origin.unit_id)).all())
    found = _Packages()
    query = select(PackageLog.peer_id, PackageLog.peer_unit_id, PackageLog.sequence, PackageLog.at, PackageLog.summary).where(
        PackageLog.direction == "in", PackageLog.kind == "data"
    )
    for peer_id, unit_id, sequence, at, summary in session.execute(query):
        found.sequences.setdefault(peer_id, set()).add(sequence)
        if unit_id and (unit_id not in found.last or found.last[unit_id][0] < at):
            found.last[unit_id] = (at, sequence)
        for origin, span in ((summary or {}).get("origins") or {}).items():
            owner = (span or {}).get("unit_id") or origin_units.get(origin)
            if owner and (owner not in found.heard or found.heard[owner] < at):
                found.heard[owner] = at
    return found


def _first_arrivals(session: Session, period: Period) -> dict[str, datetime]:
    """Per unit, when the first of its records for the period arrived here."""
    first: dict[str, datetime] = {}

    def keep(unit_id: str, at: datetime | None) -> None:
        if at is not None and (unit_id not in first or at < first[unit_id]):
            first[unit_id] = at

    rows = session.execute(
        select(Activity.unit_id, func.min(AuditEntry.at))
        .join(AuditEntry, (AuditEntry.table_name == "activity") & (AuditEntry.row_id == Activity.id))
        .where(Activity.deleted.is_(False), Activity.date_from >= period.start, Activity.date_from <= period.end)
        .group_by(Activity.unit_id)
    )
    for unit_id, at in rows:
        keep(unit_id, at)
    for report in _nothing_to_report(session, period):
        at = session.scalar(select(func.min(AuditEntry.at)).where(AuditEntry.table_name == "unit_report", AuditEntry.row_id == report.id))
        keep(report.unit_id, at or report.created_at)
    return first


def _nothing_to_report(session: Session, period: Period) -> list[UnitReport]:
    found = []
    for report in session.scalars(select(UnitReport).where(UnitReport.deleted.is_(False), UnitReport.nothing_to_report.is_(True))):
        try:
            own = parse_period(report.period)
        except Exception:  # a label this version cannot read: not counted
            continue
        if own.start <= period.end and own.end >= period.start:
            found.append(report)
    return found


def units_overview(
    session: Session,
    period: Period | str,
    silent_days: int = DEFAULT_SILENT_DAYS,
    today: date | None = None,
    grace_days: int = GRACE_DAYS,
) -> list[UnitOverviewRow]:
    """One row per unit with a registered computer or with records here, in Vietnamese order."""
    period = parse_period(period) if isinstance(period, str) else period
    today = today or date.today()
    deadline = period.end + timedelta(days=grace_days)
    installation = session.scalar(select(Installation))
    own_unit = installation.unit_id if installation else None
    peers = list(session.scalars(select(Peer).where(Peer.role == "unit")))
    packages = _packages(session)
    counts = dict(
        session.execute(
            select(Activity.unit_id, func.count())
            .where(Activity.deleted.is_(False), Activity.date_from >= period.start, Activity.date_from <= period.end)
            .group_by(Activity.unit_id)
        ).all()
    )
    reviews = review_counts(session, period.start, period.end)
    silent_reports = {r.unit_id for r in _nothing_to_report(session, period)}
    arrivals = _first_arrivals(session, period)
    unit_ids = {p.unit_id for p in peers}
    unit_ids |= set(session.scalars(select(Activity.unit_id).where(Activity.deleted.is_(False)).distinct()))
    unit_ids |= set(session.scalars(select(UnitReport.unit_id).where(UnitReport.deleted.is_(False)).distinct()))

    rows = []
    for unit_id in unit_ids:
        unit = session.get(OrgUnit, unit_id)
        if unit is None:
            continue
        own = unit_id == own_unit
        computers = [p for p in peers if p.unit_id == unit_id]
        gaps = [(p.fingerprint[-5:], _missing(packages.sequences.get(p.installation_id, set()))) for p in computers]
        last = packages.last.get(unit_id)
        heard = max(filter(None, (packages.heard.get(unit_id), last[0] if last else None)), default=None)
        silent = not own and (heard is None or (today - heard.astimezone().date()).days > silent_days)
        reported = counts.get(unit_id, 0) > 0 or unit_id in silent_reports
        first = arrivals.get(unit_id) if reported else None
        if reported:
            timely: bool | None = first is not None and first.astimezone().date() <= deadline
        else:
            timely = False if today > deadline else None
        awaiting, returned = reviews.get(unit_id, (0, 0))
        rows.append(
            UnitOverviewRow(
                unit_id=unit_id,
                code=unit.code,
                name=display_name(session, unit),
                computers=sum(1 for p in computers if p.status == "registered"),
                last_package_at=last[0] if last else None,
                last_sequence=last[1] if last else None,
                gaps=[(computer, numbers) for computer, numbers in gaps if numbers],
                last_heard_at=heard,
                silent=silent,
                activities=counts.get(unit_id, 0),
                awaiting_review=awaiting,
                returned=returned,
                nothing_to_report=unit_id in silent_reports,
                reported=reported,
                first_arrival_at=first,
                timely=timely,
                deadline=deadline,
                own=own,
            )
        )
    return sorted(rows, key=lambda r: vi_sort_key(r.name))


def _missing(sequences: set[int]) -> list[int]:
    return sorted(set(range(1, max(sequences) + 1)) - sequences) if sequences else []


# --- conflicts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictSide:
    label: str  # the record's title or name
    version: str  # "origin:counter"
    unit: str | None  # the unit whose computer made this version
    at: datetime | None  # when it was made (that computer's clock)


@dataclass(frozen=True)
class ConflictRow:
    id: int
    table: str
    row_id: str
    winner: ConflictSide  # the version the record has now
    loser: ConflictSide  # the version kept aside
    detected_at: datetime


def _label(get) -> str:
    return next((str(get(name)) for name in LABEL_FIELDS if get(name)), "")


def conflicts(session: Session) -> list[ConflictRow]:
    """Open conflicts, newest first: what won (the record as it is now) and what lost."""
    units = dict(session.execute(select(Origin.id, OrgUnit.name).join(OrgUnit, OrgUnit.id == Origin.unit_id)).all())
    rows = []
    for conflict in session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.detected_at.desc(), Conflict.id.desc())):
        record = conflict.record or {}
        spec = SPECS.get(conflict.table_name)
        current = session.get(spec.model, conflict.row_id) if spec else None
        if current is not None:
            winner = ConflictSide(
                _label(lambda n: getattr(current, n, None)),
                f"{current.ver_origin}:{current.ver_counter}",
                units.get(current.ver_origin),
                current.updated_at,
            )
        else:
            winner = ConflictSide("", "", None, None)
        loser = ConflictSide(
            _label(record.get),
            f"{conflict.ver_origin}:{conflict.ver_counter}",
            units.get(conflict.ver_origin),
            _record_time(record),
        )
        rows.append(ConflictRow(conflict.id, conflict.table_name, conflict.row_id, winner, loser, conflict.detected_at))
    return rows


def _record_time(record: dict[str, Any]) -> datetime | None:
    try:
        return parse_datetime(record["updated_at"])
    except Exception:  # a damaged or foreign record: no time shown
        return None


def mark_conflicts_seen(session: Session, ids: Iterable[int]) -> int:
    """Close the listed conflicts (the user has looked at them); returns how many."""
    wanted = list(ids)
    if not wanted:
        return 0
    result = session.execute(
        update(Conflict).where(Conflict.id.in_(wanted), Conflict.resolved_at.is_(None)).values(resolved_at=utcnow())
    )
    return result.rowcount or 0
