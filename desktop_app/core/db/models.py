"""The data model (SQLAlchemy 2, typed).

Rows that travel in sync packages derive from :class:`Synced`: a UUID minted where the
row was created (or derived from a natural key), the origin that minted it, the version
of its last change as (origin, counter), and a tombstone flag. Collections owned by a row
(an activity's themes, a task's partners) travel with their row and are versioned with it.
Local integer keys exist only on tables that never leave the machine.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    JSON,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.core.db.types import NFCString, NFCText, UTCDateTime, new_uuid, utcnow

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID = String(36)
ORIGIN = String(32)

# The pseudo-origin of content shipped with the program (catalogs, units, the plan).
SHIPPED_ORIGIN = "0" * 32


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every synced row carries. Each synced table also indexes
    (ver_origin, ver_counter), which is how exports find unsent changes."""

    # Local field names that are not content: they are not audited as changes.
    META_FIELDS = ("ver_origin", "ver_counter", "vv", "extra", "updated_at", "search_key", "sort_key", "person_key")

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_uuid)
    origin_id: Mapped[str] = mapped_column(ORIGIN)
    ver_origin: Mapped[str] = mapped_column(ORIGIN)
    ver_counter: Mapped[int] = mapped_column(Integer)
    # Version vector: for each origin, the latest of its changes this row includes. It tells
    # a later version (which includes ours) from a concurrent one (a conflict).
    vv: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # Fields a newer program version sent that this one does not know: kept and relayed.
    extra: Mapped[dict | None] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)



# --- installation ------------------------------------------------------------------


class Installation(Base):
    """This installation: one row."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    installation_id: Mapped[str] = mapped_column(UUID, default=new_uuid)
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    origin_id: Mapped[str] = mapped_column(ORIGIN)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    officer_name: Mapped[str | None] = mapped_column(NFCString(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when this data folder was copied or restored and became a new installation.
    previous_installation_id: Mapped[str | None] = mapped_column(UUID)

    unit: Mapped[OrgUnit] = relationship()


class Origin(Base):
    """Origins known here: this installation's (current and retired) and, later, others'."""

    __tablename__ = "origin"

    id: Mapped[str] = mapped_column(ORIGIN, primary_key=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    installation_id: Mapped[str | None] = mapped_column(UUID)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(NFCText)


class ContentState(Base):
    """Which version of each shipped content file has been applied."""

    __tablename__ = "content_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- organisational units ----------------------------------------------------------


class OrgUnit(Synced, Base):
    __tablename__ = "org_unit"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        UniqueConstraint("code"),
        Index(None, "gso_code"),
        Index(None, "parent_id"),
    )

    code: Mapped[str] = mapped_column(String(32))  # our stable code, unique
    gso_code: Mapped[str | None] = mapped_column(String(16))  # may be reused over time
    name: Mapped[str] = mapped_column(NFCString(300))
    short_name: Mapped[str | None] = mapped_column(NFCString(100))
    kind: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(NFCText)
    search_key: Mapped[str] = mapped_column(NFCString(300), default="")
    sort_key: Mapped[str] = mapped_column(NFCString(900), default="")

    parent: Mapped[OrgUnit | None] = relationship(remote_side="OrgUnit.id")

    SEARCH_FIELDS = ("name", "short_name", "code")
    SORT_FIELD = "name"


class UnitSuccession(Synced, Base):
    """A predecessor unit continued by a successor from a date (merge, split, rename)."""

    __tablename__ = "unit_succession"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        UniqueConstraint("predecessor_id", "successor_id"),
    )

    predecessor_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    successor_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    effective_date: Mapped[date] = mapped_column(Date)
    change: Mapped[str] = mapped_column(String(16))  # merge, split, rename


# --- catalogs ----------------------------------------------------------------------


class CatalogItem(Synced, Base):
    __tablename__ = "catalog_item"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        UniqueConstraint("catalog", "code"),
    )

    catalog: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(32))
    name_vi: Mapped[str] = mapped_column(NFCString(500))
    name_en: Mapped[str | None] = mapped_column(NFCString(500))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(NFCText)


# --- the plan ----------------------------------------------------------------------

plan_task_product_type = Table(
    "plan_task_product_type",
    Base.metadata,
    Column("task_id", ForeignKey("plan_task.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("catalog_item.id"), primary_key=True),
)

plan_task_theme = Table(
    "plan_task_theme",
    Base.metadata,
    Column("task_id", ForeignKey("plan_task.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("catalog_item.id"), primary_key=True),
)


class Plan(Synced, Base):
    __tablename__ = "plan"
    __table_args__ = (Index(None, "ver_origin", "ver_counter"),)

    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(NFCString(100))
    issued_on: Mapped[date | None] = mapped_column(Date)  # the plan's date, cited by reports
    title: Mapped[str] = mapped_column(NFCText)
    issuer_unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    legal_refs: Mapped[str | None] = mapped_column(NFCText)  # one reference per line
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    funding: Mapped[str | None] = mapped_column(NFCText)

    tasks: Mapped[list[PlanTask]] = relationship(back_populates="plan", order_by="PlanTask.sort_order")


class PlanTask(Synced, Base):
    __tablename__ = "plan_task"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        UniqueConstraint("plan_id", "code"),
    )

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id"))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(NFCText)
    lead_unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    time_from: Mapped[date | None] = mapped_column(Date)
    time_to: Mapped[date | None] = mapped_column(Date)
    time_text: Mapped[str | None] = mapped_column(NFCString(200))  # as the plan words it
    budget: Mapped[int | None] = mapped_column(Integer)  # VND
    products_text: Mapped[str | None] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The event activities that carry the task out (the province marks them: the II.2
    # conference); the task's delegate target counts their delegates only.
    event_ids: Mapped[list[str] | None] = mapped_column(JSON)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    lead_unit: Mapped[OrgUnit | None] = relationship()
    partners: Mapped[list[PlanTaskPartner]] = relationship(
        order_by="PlanTaskPartner.position", cascade="all, delete-orphan"
    )
    product_types: Mapped[list[CatalogItem]] = relationship(secondary=plan_task_product_type)
    themes: Mapped[list[CatalogItem]] = relationship(secondary=plan_task_theme)
    targets: Mapped[list[PlanTarget]] = relationship(back_populates="task")


class PlanTaskPartner(Base):
    """A partner of a task: a group named in words as the plan has it (``unit_id`` empty),
    or one known unit (``name`` empty)."""

    __tablename__ = "plan_task_partner"

    task_id: Mapped[str] = mapped_column(ForeignKey("plan_task.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    name: Mapped[str | None] = mapped_column(NFCText)


class PlanTarget(Synced, Base):
    """A figure to reach: per task, optionally narrowed to a product type, theme,
    participant category, unit and period."""

    __tablename__ = "plan_target"
    __table_args__ = (Index(None, "ver_origin", "ver_counter"),)

    task_id: Mapped[str] = mapped_column(ForeignKey("plan_task.id"))
    metric: Mapped[str] = mapped_column(String(32))
    target_value: Mapped[float] = mapped_column(Float)
    product_type_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    theme_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    category_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    period: Mapped[str | None] = mapped_column(String(32))  # a period label, e.g. 2024-Q3
    description: Mapped[str | None] = mapped_column(NFCText)

    task: Mapped[PlanTask] = relationship(back_populates="targets")


# --- activities --------------------------------------------------------------------


def _activity_link(name: str) -> Table:
    return Table(
        name,
        Base.metadata,
        Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
        Column("item_id", ForeignKey("catalog_item.id"), primary_key=True, index=True),
        sqlite_with_rowid=False,  # the primary key is the row: half the space
    )


activity_theme = _activity_link("activity_theme")
activity_language = _activity_link("activity_language")
activity_channel = _activity_link("activity_channel")


class Activity(Synced, Base):
    __tablename__ = "activity"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        Index(None, "unit_id", "date_from"),
        Index(None, "date_from"),
        Index(None, "plan_task_id"),
        Index(None, "product_type_id"),
        # No index of search_key: searches use the FTS5 index of it (core/db/dialect.py).
        Index(None, "sort_key"),
        CheckConstraint(
            "coalesce(quantity, 0) >= 0 AND coalesce(copies, 0) >= 0 AND coalesce(minutes, 0) >= 0"
            " AND coalesce(times_aired, 0) >= 0 AND coalesce(audience, 0) >= 0 AND coalesce(cost, 0) >= 0",
            name="non_negative",
        ),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    plan_task_id: Mapped[str | None] = mapped_column(ForeignKey("plan_task.id"))
    title: Mapped[str] = mapped_column(NFCText)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    product_type_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    event_type_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    product_id: Mapped[str | None] = mapped_column(ForeignKey("activity.id"))  # what a broadcast airs
    place: Mapped[str | None] = mapped_column(NFCString(300))
    quantity: Mapped[int | None] = mapped_column(Integer)
    copies: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[float | None] = mapped_column(Float)
    times_aired: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[int | None] = mapped_column(Integer)  # VND
    description: Mapped[str | None] = mapped_column(NFCText)
    recorded_by: Mapped[str | None] = mapped_column(NFCString(200))
    search_key: Mapped[str] = mapped_column(NFCText, default="")
    sort_key: Mapped[str] = mapped_column(NFCText, default="")

    unit: Mapped[OrgUnit] = relationship()
    plan_task: Mapped[PlanTask | None] = relationship()
    product_type: Mapped[CatalogItem | None] = relationship(foreign_keys=[product_type_id])
    event_type: Mapped[CatalogItem | None] = relationship(foreign_keys=[event_type_id])
    themes: Mapped[list[CatalogItem]] = relationship(secondary=activity_theme, order_by="CatalogItem.sort_order")
    languages: Mapped[list[CatalogItem]] = relationship(
        secondary=activity_language, order_by="CatalogItem.sort_order"
    )
    channels: Mapped[list[CatalogItem]] = relationship(
        secondary=activity_channel, order_by="CatalogItem.sort_order"
    )
    participants: Mapped[list[Participant]] = relationship(back_populates="activity")
    attachments: Mapped[list[Attachment]] = relationship(back_populates="activity")

    SEARCH_FIELDS = ("title", "place", "description")
    SORT_FIELD = "title"


# The activity list's order, covering what picks a page (migration 0008): a page, the end
# of every page and a search's first matches walk this index, never the rows.
Index("ix_activity_list_order", Activity.deleted, Activity.date_from.desc(), Activity.sort_key, Activity.id)


class Participant(Synced, Base):
    """A delegate of an event. Personal data: name, position, unit and phone."""

    __tablename__ = "participant"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        Index(None, "activity_id"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year"),
    )

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    name: Mapped[str] = mapped_column(NFCString(200))
    gender: Mapped[str | None] = mapped_column(String(16))
    ethnicity_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[str | None] = mapped_column(NFCString(300))
    organization: Mapped[str | None] = mapped_column(NFCString(300))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    category_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    phone: Mapped[str | None] = mapped_column(String(32))
    search_key: Mapped[str] = mapped_column(NFCString(600), default="")
    sort_key: Mapped[str] = mapped_column(NFCString(900), default="")
    # Name and phone sealed for the province, as a relay receives them (it cannot read them).
    sealed: Mapped[dict | None] = mapped_column(JSON)
    # Sent as counts only: the name and phone were withheld by the sender.
    personal_withheld: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Listed but did not attend ("vắng có lý do"): kept on the list, not counted as present.
    absent: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    note: Mapped[str | None] = mapped_column(NFCString(500))
    # Local, derived: folded name + birth year (or organisation), so counts never take one
    # person twice however often a list was imported.
    person_key: Mapped[str] = mapped_column(NFCString(600), default="")

    activity: Mapped[Activity] = relationship(back_populates="participants")
    ethnicity: Mapped[CatalogItem | None] = relationship(foreign_keys=[ethnicity_id])
    category: Mapped[CatalogItem | None] = relationship(foreign_keys=[category_id])
    unit: Mapped[OrgUnit | None] = relationship()

    SEARCH_FIELDS = ("name", "position", "organization")
    SORT_FIELD = "name"
    PERSON_SORT = True  # by given name, then middle names, then family name


class Blob(Base):
    """A file stored once, by content, in the folder beside the database."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Attachment(Synced, Base):
    __tablename__ = "attachment"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        Index(None, "activity_id"),
        Index(None, "sha256"),
    )

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    original_name: Mapped[str] = mapped_column(NFCString(500))
    size: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(200))
    # Holds personal data (a scanned signature sheet, a list of names): its file and name
    # travel sealed for the province.
    personal: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    activity: Mapped[Activity] = relationship(back_populates="attachments")
    blob: Mapped[Blob] = relationship()


class UnitReport(Synced, Base):
    """A unit's words for a period: difficulties, proposals, or "nothing to report".
    Its id derives from (unit, period), so two PCs of one unit meet on one record."""

    __tablename__ = "unit_report"
    __table_args__ = (
        Index(None, "ver_origin", "ver_counter"),
        UniqueConstraint("unit_id", "period"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    period: Mapped[str] = mapped_column(String(32))
    difficulties: Mapped[str | None] = mapped_column(NFCText)
    proposals: Mapped[str | None] = mapped_column(NFCText)
    nothing_to_report: Mapped[bool] = mapped_column(Boolean, default=False)


class ReportDirection(Base):
    """The "phương hướng, nhiệm vụ" text of a unit's report for a period (local: the
    issuing office writes and keeps it)."""

    __tablename__ = "report_direction"
    __table_args__ = (UniqueConstraint("unit_id", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    period: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(NFCText)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- audit -------------------------------------------------------------------------


class AuditEntry(Base):
    """One change: who, when, what, before and after (JSON)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index(None, "table_name", "row_id"), Index(None, "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(NFCString(200))
    origin_id: Mapped[str | None] = mapped_column(ORIGIN)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # create, update, delete, import, load
    before: Mapped[str | None] = mapped_column(NFCText)
    after: Mapped[str | None] = mapped_column(NFCText)


# --- review (the province's own records about units' activities) ----------------------


class Review(Synced, Base):
    """The province's decision on an activity: accepted, or returned for correction with a
    comment. Owned by the aggregator; it travels to the unit in receipts."""

    __tablename__ = "review"
    __table_args__ = (Index(None, "ver_origin", "ver_counter"), Index(None, "activity_id"))

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    activity_version: Mapped[str] = mapped_column(String(64))  # "origin:counter" reviewed
    decision: Mapped[str] = mapped_column(String(16))  # accepted | returned
    comment: Mapped[str | None] = mapped_column(NFCText)
    reviewer: Mapped[str | None] = mapped_column(NFCString(200))


# --- sync bookkeeping (local to each installation) -------------------------------------


class LocalKey(Base):
    """This installation's private keys (one row), protected at rest: ``sealed`` holds
    them encrypted by the protector named in ``protection`` (see core/services/keystore.py).
    ``sign_private``/``box_private`` held them in clear before revision 0007 and are
    emptied once the keys are sealed."""

    __tablename__ = "local_key"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sign_private: Mapped[str | None] = mapped_column(String(64))
    box_private: Mapped[str | None] = mapped_column(String(64))
    protection: Mapped[str] = mapped_column(String(16), default="clear", server_default="clear")
    sealed: Mapped[str | None] = mapped_column(Text)
    sign_pub: Mapped[str] = mapped_column(String(64))
    box_pub: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Peer(Base):
    """Another installation whose packages are trusted here: the province at a unit, the
    registered units at the province. Revoked keys stay, marked."""

    __tablename__ = "peer"

    installation_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_unit.id"))
    role: Mapped[str] = mapped_column(String(16))
    sign_pub: Mapped[str] = mapped_column(String(64))
    box_pub: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="registered")  # registered | revoked
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PeerAck(Base):
    """How far a peer has confirmed (by receipt) the changes of each origin."""

    __tablename__ = "peer_ack"

    peer_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    origin_id: Mapped[str] = mapped_column(ORIGIN, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReceivedRange(Base):
    """Counter ranges (lo, hi] of an origin whose changes this installation holds. The
    range starting at 0 gives the origin's high-water mark; others are waiting for a gap."""

    __tablename__ = "received_range"
    __table_args__ = (Index(None, "origin_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin_id: Mapped[str] = mapped_column(ORIGIN)
    lo: Mapped[int] = mapped_column(Integer)
    hi: Mapped[int] = mapped_column(Integer)


class PackageLog(Base):
    """Every package written or read here: the history shown to the user."""

    __tablename__ = "package_log"
    __table_args__ = (Index(None, "package_id"), Index(None, "direction", "peer_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(UUID)
    set_id: Mapped[str] = mapped_column(UUID)
    direction: Mapped[str] = mapped_column(String(8))  # out | in
    kind: Mapped[str] = mapped_column(String(16))  # data | receipt | config
    # The local installation that wrote or read it: sequence numbers are per installation.
    installation_id: Mapped[str | None] = mapped_column(UUID)
    peer_id: Mapped[str | None] = mapped_column(UUID)
    peer_unit_id: Mapped[str | None] = mapped_column(UUID)
    sequence: Mapped[int] = mapped_column(Integer)
    volume_index: Mapped[int] = mapped_column(Integer, default=1)
    volume_count: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str | None] = mapped_column(NFCString(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[dict | None] = mapped_column(JSON)


class Conflict(Base):
    """A version that lost to a concurrent one: kept and listed until a version that
    includes it arrives (then marked resolved)."""

    __tablename__ = "sync_conflict"
    __table_args__ = (UniqueConstraint("table_name", "row_id", "ver_origin", "ver_counter"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(UUID)
    ver_origin: Mapped[str] = mapped_column(ORIGIN)
    ver_counter: Mapped[int] = mapped_column(Integer)
    vv: Mapped[dict] = mapped_column(JSON)
    record: Mapped[dict] = mapped_column(JSON)  # the losing version as it travels
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Rejection(Base):
    """A record refused at import, with the reason: reported back in the receipt."""

    __tablename__ = "rejection"
    __table_args__ = (Index(None, "peer_id"), Index(None, "origin_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(UUID)
    peer_id: Mapped[str | None] = mapped_column(UUID)
    # The origin of the refused version: a relayed commune's receipt reports it too.
    origin_id: Mapped[str | None] = mapped_column(ORIGIN)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str | None] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MissingBlob(Base):
    """A file an attachment refers to that has not arrived yet (another volume, say)."""

    __tablename__ = "missing_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    attachment_id: Mapped[str] = mapped_column(UUID)
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


SYNCED_MODELS: tuple[type[Synced], ...] = (
    OrgUnit,
    UnitSuccession,
    CatalogItem,
    Plan,
    PlanTask,
    PlanTarget,
    Activity,
    Participant,
    Attachment,
    UnitReport,
    Review,
)
