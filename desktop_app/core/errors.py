"""Errors raised by the core. Each carries a message key and parameters; the CLI and the
UI turn them into text with :mod:`desktop_app.core.messages`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Issue:
    """One problem found in user input. ``severity`` is "error" or "warning"."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None
    severity: str = "error"

    def message(self, lang: str = "vi") -> str:
        from desktop_app.core.messages import render

        return render(self.key, self.params, lang)

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "key": self.key,
            "field": self.field,
            "severity": self.severity,
            "params": self.params,
            "message": self.message(lang),
        }


class TtdnError(Exception):
    """Base class of every error the core reports to a user."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "vi") -> str:
        from desktop_app.core.messages import render

        return render(self.key, self.params, lang)

    def __str__(self) -> str:  # English for logs and tracebacks
        return self.message("en")


class ValidationFailed(TtdnError):
    """Input rejected; ``issues`` lists every error (and the warnings found with them)."""

    def __init__(self, issues: list[Issue]) -> None:
        errors = [i for i in issues if i.severity == "error"]
        super().__init__("validation.failed", count=len(errors))
        self.issues = issues

    def message(self, lang: str = "vi") -> str:
        head = super().message(lang)
        lines = [f"  - {i.message(lang)}" for i in self.issues if i.severity == "error"]
        return "\n".join([head, *lines])


class NotFound(TtdnError):
    pass


class DatabaseError(TtdnError):
    """The database cannot be opened or upgraded; the file is left as it was."""
