"""Reading user input (JSON objects, spreadsheet rows) field by field, collecting issues.

Each reader method returns the clean value (NFC strings, dates, non-negative numbers)
or None, and records an :class:`Issue` with a message key instead of raising, so one
pass reports every problem of a record.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Callable, Mapping

from desktop_app.core.domain.periods import parse_date
from desktop_app.core.domain.text import fold, nfc
from desktop_app.core.errors import Issue, TtdnError


class FieldReader:
    def __init__(self, data: Mapping[str, Any], allowed: set[str], *, prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.issues: list[Issue] = []
        for key in data:
            if key not in allowed:
                self.error(key, "field.unknown")

    def has(self, name: str) -> bool:
        return name in self.data

    def error(self, name: str, key: str, **params: Any) -> None:
        self.issues.append(Issue(key, {"field": self.prefix + name, **params}, self.prefix + name, "error"))

    def warn(self, name: str, key: str, **params: Any) -> None:
        self.issues.append(Issue(key, {"field": self.prefix + name, **params}, self.prefix + name, "warning"))

    def _missing(self, name: str, required: bool, *, blank: bool = False) -> bool:
        """Whether ``name`` holds nothing (absent, None, "", and white space if ``blank``);
        a required one is an error."""
        value = self.data.get(name)
        if value is not None and value != "" and not (blank and isinstance(value, str) and not value.strip()):
            return False
        if required:
            self.error(name, "field.required")
        return True

    def text(self, name: str, *, required: bool = False, max_length: int = 2000) -> str | None:
        if self._missing(name, required, blank=True):
            return None
        value = self.data[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(name, "field.not_text")
            return None
        value = nfc(value.strip())
        if len(value) > max_length:
            self.error(name, "field.too_long", max=max_length)
            return None
        return value

    def date(self, name: str, *, required: bool = False) -> date | None:
        if self._missing(name, required):
            return None
        value = self.data[name]
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            self.error(name, "date.invalid", value=str(value))
            return None
        try:
            return parse_date(value)
        except TtdnError as exc:
            self.error(name, exc.key, **exc.params)
            return None

    def number(self, name: str, *, integer: bool = True, required: bool = False, maximum: float = 1e15):
        if self._missing(name, required):
            return None
        value = self.data[name]
        if isinstance(value, str):
            cleaned = value.strip().replace(" ", "")
            # Vietnamese writes 1.500.000 for one and a half million.
            if integer:
                cleaned = cleaned.replace(".", "").replace(",", "")
            else:
                cleaned = cleaned.replace(",", ".")
            try:
                value = float(cleaned)
            except ValueError:
                self.error(name, "number.invalid", value=value)
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.error(name, "number.invalid", value=str(value))
            return None
        if value < 0:
            self.error(name, "number.negative")
            return None
        if value > maximum:
            self.error(name, "number.too_large", max=maximum)
            return None
        if integer:
            if value != int(value):
                self.error(name, "number.not_integer", value=value)
                return None
            return int(value)
        return float(value)

    def choice(
        self, name: str, options: Mapping[str, str], *, required: bool = False, shown: str | None = None
    ) -> str | None:
        """A value from ``options`` (accepted spelling -> stored value). ``shown`` lists the
        choices in the error message (default: the stored values)."""
        raw = self.text(name, required=required)
        if raw is None:
            return None
        found = options.get(raw) or options.get(fold(raw))
        if found is None:
            listed = shown or ", ".join(sorted(set(options.values())))
            self.error(name, "field.bad_choice", value=raw, options=listed)
        return found

    def codes(self, name: str, resolve: Callable[[str], str | None]) -> list[str] | None:
        """A list of catalog codes (a single string is a list of one); ids in order, no repeats."""
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(name, "field.not_list")
            return None
        ids: list[str] = []
        for code in value:
            found = resolve(str(code)) if isinstance(code, (str, int)) else None
            if found is None:
                self.error(name, "catalog.unknown_code", value=str(code))
            elif found not in ids:
                ids.append(found)
        return ids
