"""Listing and searching activities: filters in SQL, for the CLI and the GUI's table."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.db import dialect
from desktop_app.core.db.models import Activity, CatalogItem, OrgUnit, activity_language, activity_theme
from desktop_app.core.domain.listing import ActivityKey, ActivityRow
from desktop_app.core.domain.periods import Period
from desktop_app.core.domain.text import fold


@dataclass
class ActivityFilter:
    search: str | None = None
    period: Period | None = None
    unit_ids: list[str] | None = None  # the units and everything below them
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    product_type_id: str | None = None
    theme_id: str | None = None
    language_id: str | None = None
    include_deleted: bool = False


def unit_and_descendants(session: Session, unit_id: str) -> list[str]:
    children: dict[str | None, list[str]] = {}
    for uid, parent in session.execute(select(OrgUnit.id, OrgUnit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, stack = [], [unit_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


@dataclass(frozen=True)
class _Shape:
    """What the SQL of a filter depends on (its values are parameters): which criteria
    are set, how many values each list has, and how the search runs."""

    include_deleted: bool
    search: str | None  # None, "like" or "index" (the dialect's trigram index)
    period: bool
    units: int
    kinds: int
    statuses: int
    product_type: bool
    theme: bool
    language: bool


def _shape(flt: ActivityFilter, bind) -> _Shape:
    phrase = fold(flt.search)
    search = None
    if phrase:
        search = "index" if bind is not None and dialect.uses_index(bind, phrase) else "like"
    return _Shape(
        flt.include_deleted, search, flt.period is not None, len(flt.unit_ids or ()), len(flt.kinds), len(flt.statuses),
        bool(flt.product_type_id), bool(flt.theme_id), bool(flt.language_id),
    )


def _params(flt: ActivityFilter, shape: _Shape) -> dict[str, object]:
    """The values of the parameters :func:`_conditions` names, for ``flt``."""
    values: dict[str, object] = {}
    if shape.search:
        values.update(dialect.search_params(fold(flt.search), shape.search == "index"))
    if flt.period is not None:
        values.update(period_start=flt.period.start, period_end=flt.period.end)
    for name, items in (("unit", flt.unit_ids or ()), ("kind", flt.kinds), ("status", flt.statuses)):
        values.update({f"{name}_{i}": item for i, item in enumerate(items)})
    values.update(product_type=flt.product_type_id, theme=flt.theme_id, language=flt.language_id)
    return values


def _listed(name: str, count: int) -> list:
    return [bindparam(f"{name}_{i}") for i in range(count)]


def _conditions(shape: _Shape) -> list:
    """The filter's WHERE terms, with its values as parameters (see :func:`_params`)."""
    terms = []
    if not shape.include_deleted:
        terms.append(Activity.deleted.is_(False))
    if shape.search:
        # The folded phrase as typed: "hoa dong" must not match "hoạt động".
        terms.append(dialect.search_condition(Activity.search_key, shape.search == "index"))
    if shape.period:
        terms += [Activity.date_from >= bindparam("period_start"), Activity.date_from <= bindparam("period_end")]
    if shape.units:
        terms.append(Activity.unit_id.in_(_listed("unit", shape.units)))
    if shape.kinds:
        terms.append(Activity.kind.in_(_listed("kind", shape.kinds)))
    if shape.statuses:
        terms.append(Activity.status.in_(_listed("status", shape.statuses)))
    if shape.product_type:
        terms.append(Activity.product_type_id == bindparam("product_type"))
    if shape.theme:
        terms.append(
            Activity.id.in_(select(activity_theme.c.activity_id).where(activity_theme.c.item_id == bindparam("theme")))
        )
    if shape.language:
        terms.append(
            Activity.id.in_(select(activity_language.c.activity_id).where(activity_language.c.item_id == bindparam("language")))
        )
    return terms


def apply_filter(query: Select, flt: ActivityFilter, bind=None) -> Select:
    """``query`` limited to the activities ``flt`` selects. ``bind`` (the session) picks
    the dialect's search: the trigram index on SQLite; without it, the folded LIKE."""
    shape = _shape(flt, bind)
    return query.where(*_conditions(shape)).params(_params(flt, shape))


_EVERYTHING = _Shape(False, None, False, 0, 0, 0, False, False, False)  # the list as it opens
_SEARCH_ALONE = _Shape(False, "index", False, 0, 0, 0, False, False, False)


def _count_statement(shape: _Shape) -> Select:
    """Counted without reading rows where it can be: a search alone in the indexes; the
    whole list as all rows less the deleted ones (a count of every row is read from the
    b-tree's page counts; deleted rows are found by the list-order index)."""
    if shape == _SEARCH_ALONE:
        return dialect.live_matches_count()
    if shape == _EVERYTHING:
        every = select(func.count()).select_from(Activity).scalar_subquery()
        deleted = select(func.count()).select_from(Activity).where(Activity.deleted.is_(True)).scalar_subquery()
        return select((every - deleted).label("n"))
    return select(func.count()).select_from(Activity).where(*_conditions(shape))


def offset_is_cheap(session: Session, flt: ActivityFilter) -> bool:
    """Whether the rows before any page are skipped in the list-order index alone (the
    whole list, or a search alone): then a page far down is read with an OFFSET."""
    return _shape(flt, session) in (_EVERYTHING, _SEARCH_ALONE)


_COUNT = dialect.Prepared(_count_statement)


def count_activities(session: Session, flt: ActivityFilter) -> int:
    shape = _shape(flt, session)
    return _COUNT.rows(session, shape, _params(flt, shape))[0][0] or 0


@dataclass(frozen=True)
class _PageShape:
    filter: _Shape
    limited: bool
    after: bool
    from_end: bool


def _page_statement(shape: _PageShape) -> Select:
    """One page of the list: chosen first by its sort columns alone (in the list-order
    index), and only its rows joined to their unit and types."""
    order = REVERSED if shape.from_end else ORDER
    chosen = select(Activity.id.label("chosen_id")).where(*_conditions(shape.filter)).order_by(*order)
    if shape.after:
        chosen = chosen.where(_after(ActivityKey(bindparam("after_date"), bindparam("after_sort"), bindparam("after_id"))))
    if shape.limited:
        chosen = chosen.limit(bindparam("limit")).offset(bindparam("offset"))
    picked = chosen.subquery("chosen")
    product_type = CatalogItem.__table__.alias("pt")
    event_type = CatalogItem.__table__.alias("et")
    return (
        select(
            Activity.id,
            Activity.date_from,
            Activity.date_to,
            Activity.kind,
            Activity.status,
            Activity.title,
            OrgUnit.code,
            OrgUnit.name,
            product_type.c.code,
            Activity.deleted,
            Activity.sort_key,
            event_type.c.code,
        )
        .select_from(picked)
        .join(Activity, Activity.id == picked.c.chosen_id)
        .join(OrgUnit, OrgUnit.id == Activity.unit_id)
        .outerjoin(product_type, product_type.c.id == Activity.product_type_id)
        .outerjoin(event_type, event_type.c.id == Activity.event_type_id)
        .order_by(*order)
    )


_PAGE = dialect.Prepared(_page_statement)


def list_activities(
    session: Session,
    flt: ActivityFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    after: ActivityRow | ActivityKey | None = None,
    from_end: bool = False,
) -> list[ActivityRow]:
    """Newest first, then by title in Vietnamese order. ``after`` continues from a row
    already shown (keyset paging: as fast at row 99,000 as at row 0). ``from_end`` gives
    the rows from the last one backwards (the end of the list without walking to it)."""
    filter_shape = _shape(flt, session)
    params = _params(flt, filter_shape)
    if limit is not None:
        params.update(limit=limit, offset=offset)
    if after is not None:
        params.update(after_date=after.date_from, after_sort=after.sort_key, after_id=after.id)
    shape = _PageShape(filter_shape, limit is not None, after is not None, from_end)
    return [ActivityRow(*row) for row in _PAGE.rows(session, shape, params)]


def first_page(session: Session, flt: ActivityFilter, limit: int) -> tuple[int, list[ActivityRow]]:
    """How many activities match ``flt`` and the first ``limit`` of them (what the list
    shows when a filter or search changes); no page is looked for when nothing matches."""
    total = count_activities(session, flt)
    return total, (list_activities(session, flt, limit=limit) if total else [])


ORDER = (Activity.date_from.desc(), Activity.sort_key, Activity.id)
REVERSED = (Activity.date_from, Activity.sort_key.desc(), Activity.id.desc())  # the last rows first


def _after(key: ActivityRow | ActivityKey):
    """The rows that come after ``key`` in the list's order. The first, redundant range
    lets SQLite seek in the date index instead of walking every newer row (0.8 s at row
    99,800 of 100,000 without it, milliseconds with it)."""
    return and_(
        Activity.date_from <= key.date_from,
        or_(
            Activity.date_from < key.date_from,
            and_(
                Activity.date_from == key.date_from,
                or_(Activity.sort_key > key.sort_key, and_(Activity.sort_key == key.sort_key, Activity.id > key.id)),
            ),
        ),
    )


def page_ends(session: Session, flt: ActivityFilter, page_size: int) -> list[ActivityKey]:
    """The key of the last row of every full page, in one pass over the matches: page
    ``n`` (from 0) is then ``list_activities(after=ends[n - 1], limit=page_size)``, so any
    page of 100,000 rows is one keyset query away (no OFFSET that walks the rows before)."""
    number = func.row_number().over(order_by=ORDER).label("n")
    ranked = apply_filter(select(Activity.date_from, Activity.sort_key, Activity.id, number), flt, session).subquery()
    query = select(ranked.c.date_from, ranked.c.sort_key, ranked.c.id).where(ranked.c.n % page_size == 0).order_by(ranked.c.n)
    return [ActivityKey(*row) for row in session.execute(query)]


def position_of(session: Session, flt: ActivityFilter, activity_id: str) -> int | None:
    """The row ``activity_id`` has in the filtered list (from 0), or None when it is not in it."""
    row = session.execute(
        apply_filter(select(Activity.date_from, Activity.sort_key, Activity.id), flt, session).where(Activity.id == activity_id)
    ).first()
    if row is None:
        return None
    key = ActivityKey(*row)
    before = and_(
        Activity.date_from >= key.date_from,  # seeks in the date index (see _after)
        or_(
            Activity.date_from > key.date_from,
            and_(
                Activity.date_from == key.date_from,
                or_(Activity.sort_key < key.sort_key, and_(Activity.sort_key == key.sort_key, Activity.id < key.id)),
            ),
        ),
    )
    return session.scalar(apply_filter(select(func.count()).select_from(Activity), flt, session).where(before)) or 0
