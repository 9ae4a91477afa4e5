"""Who issues a report: header blocks, signer and recipients, from the settings or, for
another unit's own report, derived from the unit (and overridable per unit code)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.core.db.models import OrgUnit
from desktop_app.core.reports.document import Header, Signature
from desktop_app.core.reports.settings import ReportSettings, UnitHeader
from desktop_app.core.reports.wording import lower_first, place_date, upper

_ADMIN_WORDS = {"huyện", "thị", "tỉnh", "thành", "xã", "phường", "quận"}
_LOCAL_GOVERNMENT = ("commune", "district")


@dataclass(frozen=True)
class Issuer:
    header: Header
    signature: Signature
    recipients: list[str]
    agency_name: str  # in sentences: "Sở Thông tin và Truyền thông"
    abbreviation: str
    own: bool  # the settings' own unit: its recommendations apply


def settings_issuer(settings: ReportSettings, today: date) -> Issuer:
    header = Header(
        upper(settings.parent_agency),
        upper(settings.issuing_agency),
        settings.number_line(),
        place_date(settings.place, today),
    )
    signature = Signature(upper(settings.signer_authority), upper(settings.signer_title), settings.signer_name)
    return Issuer(header, signature, list(settings.recipients), settings.agency_name, settings.abbreviation, True)


def unit_issuer(session: Session, unit: OrgUnit, settings: ReportSettings, today: date) -> Issuer:
    """The issuer of ``unit``'s own report."""
    if unit.code == settings.unit_code:
        return settings_issuer(settings, today)
    derived = derive_unit_header(session, unit, settings)
    override = settings.units.get(unit.code)
    if override is not None:
        for f in fields(UnitHeader):
            if getattr(override, f.name):
                setattr(derived, f.name, getattr(override, f.name))
    header = Header(
        upper(derived.parent_agency),
        upper(derived.issuing_agency),
        settings.number_line(derived.abbreviation),
        place_date(derived.place, today),
    )
    signature = Signature(upper(derived.signer_authority), upper(derived.signer_title), derived.signer_name)
    local = unit.kind in _LOCAL_GOVERNMENT
    agency = f"Ủy ban nhân dân {lower_first(unit.name)}" if local else unit.name
    return Issuer(header, signature, list(settings.unit_recipients), agency, derived.abbreviation, False)


def derive_unit_header(session: Session, unit: OrgUnit, settings: ReportSettings) -> UnitHeader:
    parent = session.get(OrgUnit, unit.parent_id) if unit.parent_id else None
    local = unit.kind in _LOCAL_GOVERNMENT
    if parent is None:
        parent_agency = ""
    elif parent.kind in ("province", "district"):
        parent_agency = f"UBND {parent.name}"
    else:
        parent_agency = parent.name
    if unit.kind == "centre":
        authority, title = "", "GIÁM ĐỐC"
    elif local:
        authority, title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    else:
        authority, title = "", "THỦ TRƯỞNG ĐƠN VỊ"
    return UnitHeader(
        parent_agency=parent_agency,
        issuing_agency=f"UBND {unit.name}" if local else unit.name,
        abbreviation="UBND" if local else (initials(unit.name) or unit.code),
        place=_place(unit, parent, settings),
        signer_authority=authority,
        signer_title=title,
    )


def initials(name: str) -> str:
    """"Trung tâm Văn hóa - Thể thao - Truyền thanh huyện Trần Đề" -> "TTVHTTTT"."""
    letters = []
    for word in name.split():
        if word in _ADMIN_WORDS:
            break
        if word[:1].isalpha():
            letters.append(word[0].upper())
    return "".join(letters) if len(letters) > 1 else ""


def _place(unit: OrgUnit, parent: OrgUnit | None, settings: ReportSettings) -> str:
    """Decree 30: the place is the name of the commune or district the agency is in."""
    if unit.kind == "commune":
        return _strip_level(unit.name)
    if unit.kind == "district":
        return _strip_level(unit.name)
    if unit.kind == "centre" and parent is not None and parent.kind == "district":
        return _strip_level(parent.name)
    return settings.place


def _strip_level(name: str) -> str:
    stripped = re.sub(r"^(Xã|Thị trấn|Huyện|Thị xã|Thành phố|Phường|Quận)\s+", "", name)
    return name if stripped.isdigit() else stripped
