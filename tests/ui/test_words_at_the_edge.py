"""The core hands keys and parameters to the screens; the screens speak the user's
language: an English window shows an importer's refusal in English, a Vietnamese one in
Vietnamese, and both take kinds and statuses from the one label table."""

from __future__ import annotations

from collections import Counter

from desktop_app.core.messages import labels
from desktop_app.core.sync.importer import FileOutcome, ImportReport
from desktop_app.ui.import_preview_dialog import ImportPreviewDialog


def _refused_report() -> ImportReport:
    refused = FileOutcome("/usb/broken.ttdn", "rejected", "Gói bị hỏng (vi, as the JSON keeps it).", "package.damaged",
                          params={"member": "data/activity.jsonl", "detail": "CRC"})
    return ImportReport(dry_run=True, files=[refused], outcomes={"activity": Counter()})


def test_an_english_window_shows_the_importers_refusal_in_english(qtbot):
    dialog = ImportPreviewDialog(_refused_report(), "en")
    qtbot.addWidget(dialog)
    details = dialog.details.text()
    assert details.startswith("broken.ttdn: ") and "(vi, as the JSON keeps it)" not in details
    assert "Gói" not in details and "hỏng" not in details
    assert dialog.table.item(0, 5).text() == "Refused"


def test_a_vietnamese_window_shows_it_in_vietnamese(qtbot):
    dialog = ImportPreviewDialog(_refused_report(), "vi")
    qtbot.addWidget(dialog)
    assert "hỏng" in dialog.details.text()
    assert dialog.table.item(0, 5).text() == labels("import", "vi")["rejected"]


def test_the_activity_table_uses_the_core_labels(qapp):
    from desktop_app.ui.activity_model import kind_labels, status_labels

    assert kind_labels() == labels("kind", "en")  # the tests run with the C (English) locale
    assert status_labels() == labels("status", "en")
