"""The self-test's PDF reader gives the same text as a full PDF library."""

from __future__ import annotations

from pypdf import PdfReader

from desktop_app.core.operations.installation import initialise
from desktop_app.core.reports.api import generate_report
from desktop_app.core.reports.pdf_text import page_text


def test_page_text_matches_pypdf(workspace, tmp_path):
    initialise(workspace, "aggregator", "STTTT", "Cán bộ Sở")
    path = generate_report(workspace, "periodic-pdf", "2024", tmp_path / "bao-cao.pdf")
    reader = PdfReader(str(path))
    for page in range(2):
        ours = page_text(path, page).split()
        theirs = (reader.pages[page].extract_text() or "").split()
        assert ours == theirs
    assert "BÁO CÁO" in page_text(path, 0)
    assert page_text(path, 99) == ""
