"""How reports write numbers, dates and periods in Vietnamese administrative style."""

from __future__ import annotations

import re
from datetime import date

from desktop_app.core.domain.periods import Period

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def number(value: int | float | None) -> str:
    """1234567 -> "1.234.567"; 12.5 -> "12,5" (Vietnamese separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.1f}".partition(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def percent(part: float, whole: float | None) -> str:
    if not whole:
        return ""
    return f"{100.0 * part / whole:.1f}".replace(".", ",") + "%"


def day_month(day: date) -> tuple[str, str]:
    """Decree 30: a leading zero for days below 10 and for months 1 and 2."""
    return f"{day.day:02d}", (f"{day.month:02d}" if day.month < 3 else str(day.month))


def place_date(place: str, day: date) -> str:
    """"Sóc Trăng, ngày 05 tháng 02 năm 2025"."""
    d, m = day_month(day)
    return f"{place}, ngày {d} tháng {m} năm {day.year}"


def short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def period_phrase(period: Period) -> str:
    """The period as the subject line says it: "quý III năm 2024", "6 tháng đầu năm 2024"…"""
    label = period.label
    if m := re.fullmatch(r"(\d{4})", label):
        return f"năm {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return f"quý {ROMAN[int(m.group(2)) - 1]} năm {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-H([12])", label):
        return f"6 tháng {'đầu' if m.group(2) == '1' else 'cuối'} năm {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return f"tháng {day_month(date(int(m.group(1)), int(m.group(2)), 1))[1]} năm {m.group(1)}"
    return f"từ ngày {short_date(period.start)} đến ngày {short_date(period.end)}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper(text: str) -> str:
    """Upper case for headers (Python upper-cases Vietnamese letters correctly)."""
    return text.upper()
