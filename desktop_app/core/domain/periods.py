"""Reporting periods: month, quarter, six months, year, or any date range."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from desktop_app.core.errors import TtdnError


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_label(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def quarter_label(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^[Qq]([1-4])[/-](\d{4})$"), "quarter_vn"),
    (re.compile(r"^(\d{4})-?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{1,2})/(\d{4})$"), "month_vn"),
]


def parse_date(text: str) -> date:
    """ISO ``yyyy-mm-dd`` or Vietnamese ``dd/mm/yyyy``."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            d, m, y = (int(p) for p in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        raise TtdnError("date.invalid", value=text) from None


def parse_period(text: str) -> Period:
    """Parse "2024", "2024-Q3", "Q3/2024", "2024-H1", "2024-07", "07/2024" or
    "2024-03-01..2024-05-31" (also with dd/mm/yyyy dates)."""
    raw = text.strip()
    if ".." in raw:
        left, right = raw.split("..", 1)
        start, end = parse_date(left), parse_date(right)
        if end < start:
            raise TtdnError("period.reversed", value=raw)
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    for pattern, kind in _PATTERNS:
        m = pattern.match(raw)
        if not m:
            continue
        if kind == "year":
            y = int(m.group(1))
            return Period(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
        if kind in ("quarter", "quarter_vn"):
            y, q = (int(m.group(1)), int(m.group(2))) if kind == "quarter" else (int(m.group(2)), int(m.group(1)))
            return Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y:04d}-Q{q}")
        if kind == "half":
            y, h = int(m.group(1)), int(m.group(2))
            return Period(date(y, 6 * h - 5, 1), _month_end(y, 6 * h), f"{y:04d}-H{h}")
        y, mo = (int(m.group(1)), int(m.group(2))) if kind == "month" else (int(m.group(2)), int(m.group(1)))
        if not 1 <= mo <= 12:
            break
        return Period(date(y, mo, 1), _month_end(y, mo), f"{y:04d}-{mo:02d}")
    raise TtdnError("period.invalid", value=raw)
