"""What the report tests put into the records and expect back."""

from __future__ import annotations

from datetime import date

from desktop_app.core.reports.settings import ReportSettings

TODAY = date(2025, 2, 5)
PERIOD = "2024"
KHMER_WORDS = ["ឯកសារ", "ភាសាខ្មែរ", "ព្រំដែន"]
KHMER_NOTE = f"Thiếu tài liệu song ngữ ({KHMER_WORDS[0]} {KHMER_WORDS[1]}) cho đồng bào khu vực {KHMER_WORDS[2]} biên giới biển."
KHMER_TITLE = "Hội nghị tập huấn thông tin đối ngoại — សន្និសីទ ព្រំដែន"
SETTINGS = ReportSettings(signer_name="Nguyễn Văn An")
