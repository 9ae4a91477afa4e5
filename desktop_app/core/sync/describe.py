"""An import's report in words, for the command line and the GUI alike: the report keeps
keys and parameters; this renders them in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.messages import label, render
from desktop_app.core.sync.importer import OUTCOMES, FileOutcome, ImportReport

MAX_REJECTIONS = 20  # listed one by one; the rest counted


def outcome_message(outcome: FileOutcome, lang: str) -> str | None:
    """Why a file was set aside, in ``lang``: rendered from its key when the importer gave
    its parameters, else the message it carries as it is."""
    if outcome.key and outcome.params is not None:
        return render(outcome.key, outcome.params, lang)
    return outcome.message


def status_label(outcome: FileOutcome, dry_run: bool, lang: str) -> str:
    return label("import", "preview" if dry_run and outcome.status == "applied" else outcome.status, lang)


@dataclass
class ImportDescription:
    lang: str
    files: list[str] = field(default_factory=list)  # one line per file
    totals: str = ""  # "new: 3 · updated: 1 · …"
    details: list[str] = field(default_factory=list)  # why files or records were refused, what is missing
    summary: str | None = None  # a dry run, or nothing changed

    def lines(self) -> list[str]:
        records = render("import.records", {"totals": self.totals}, self.lang)
        return [*self.files, records, *self.details] + ([self.summary] if self.summary else [])


def describe_import(report: ImportReport, lang: str = "vi") -> ImportDescription:
    text = ImportDescription(lang)
    for f in report.files:
        name = Path(f.path).name
        status = status_label(f, report.dry_run, lang)
        if f.sender:
            text.files.append(
                render("import.file_from", {"name": name, "status": status, "sender": f.sender, "sequence": f.sequence, "volume": f.volume}, lang)
            )
        else:
            text.files.append(f"{name}: {status}")
    text.totals = " · ".join(f"{label('outcome', o, lang)}: {report.count(o)}" for o in OUTCOMES)
    for f in report.files:
        message = outcome_message(f, lang)
        if message and f.status in ("already", "rejected"):
            text.details.append(f"{Path(f.path).name}: {message}")
    if any(f.key == "package.unregistered" for f in report.files):
        text.details.append(render("import.register_hint", {}, lang))
    for r in report.rejections[:MAX_REJECTIONS]:
        reason = render(r["key"], r.get("params"), lang)
        text.details.append(render("import.rejected_record", {"table": label("record", r["table"], lang), "id": r["id"][:8], "reason": reason}, lang))
    if len(report.rejections) > MAX_REJECTIONS:
        text.details.append(render("import.more_rejections", {"count": len(report.rejections) - MAX_REJECTIONS}, lang))
    for gap in report.missing_volumes:
        text.details.append(
            render(
                "import.missing_volumes",
                {"sequence": gap["sequence"], "sender": gap["sender"], "count": gap["count"], "missing": ", ".join(map(str, gap["missing"]))},
                lang,
            )
        )
    for gap in report.sequence_gaps:
        text.details.append(render("import.sequence_gap", {"sender": gap["sender"], "missing": ", ".join(map(str, gap["missing"]))}, lang))
    if report.missing_files:
        text.details.append(render("import.missing_files", {"count": report.missing_files}, lang))
    if report.dry_run:
        text.summary = render("import.dry_run", {}, lang)
    elif not report.changed:
        text.summary = render("import.nothing_changed", {}, lang)
    return text
