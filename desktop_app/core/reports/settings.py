"""Report settings: agency names, number abbreviation, place, signer, recipients.

Administrative units and agencies change (DOMAIN.md §4), so none of this is hard-coded:
it is kept as ``reports.json`` in the data folder, with Vietnamese defaults for the
Sở TT&TT Sóc Trăng. ``units`` holds per-unit overrides of the header and signer used for
a unit's own report (keyed by unit code); missing ones are derived from the unit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.files import write_json_atomic

FILE_NAME = "reports.json"

# A report goes to its superiors (the plan's own distribution list is for the plan).
DEFAULT_RECIPIENTS = [
    "Bộ TT&TT - Cục TTĐN (b/c)",
    "UBND tỉnh (b/c)",
    "Lãnh đạo Sở",
    "Lưu: VT",
]

DEFAULT_RECOMMENDATIONS = (
    "Đề nghị Bộ Thông tin và Truyền thông (Cục Thông tin đối ngoại) tiếp tục hỗ trợ tài liệu, "
    "sản phẩm thông tin đối ngoại và tổ chức tập huấn nghiệp vụ cho cán bộ làm công tác thông tin "
    "đối ngoại vùng đồng bào dân tộc thiểu số khu vực biên giới biển.\n"
    "Đề nghị Ủy ban nhân dân tỉnh quan tâm bố trí kinh phí, chỉ đạo các sở, ban, ngành và Ủy ban "
    "nhân dân các huyện, thị xã khu vực biên giới biển phối hợp thực hiện hiệu quả Kế hoạch."
)


@dataclass
class UnitHeader:
    """The header and signer of one unit's own report (empty fields: derived)."""

    parent_agency: str = ""
    issuing_agency: str = ""
    abbreviation: str = ""
    place: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


@dataclass
class ReportSettings:
    unit_code: str = "STTTT"  # the unit these settings speak for
    parent_agency: str = "UBND TỈNH SÓC TRĂNG"
    issuing_agency: str = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    agency_name: str = "Sở Thông tin và Truyền thông"  # in sentences
    abbreviation: str = "STTTT"
    place: str = "Sóc Trăng"
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    subject: str = "Kết quả thực hiện nhiệm vụ thông tin đối ngoại vùng đồng bào dân tộc thiểu số {period}"
    recipients: list[str] = field(default_factory=lambda: list(DEFAULT_RECIPIENTS))
    unit_recipients: list[str] = field(default_factory=lambda: ["Sở Thông tin và Truyền thông (b/c)", "Lưu: VT"])
    recommendations: str = DEFAULT_RECOMMENDATIONS
    units: dict[str, UnitHeader] = field(default_factory=dict)

    def number_line(self, abbreviation: str | None = None) -> str:
        """The number left blank for the clerk: "Số:      /BC-STTTT"."""
        return f"Số:      /BC-{abbreviation or self.abbreviation}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportSettings:
        """Known fields only (a newer version's extra fields are ignored), each checked."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "units":
                if not isinstance(value, dict):
                    raise ValueError("units must be an object")
                known = {g.name for g in fields(UnitHeader)}
                value = {str(k): UnitHeader(**{a: nfc(str(b)) for a, b in v.items() if a in known}) for k, v in value.items()}
            elif f.name in ("recipients", "unit_recipients"):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"{f.name} must be a list of lines")
                value = [nfc(v) for v in value]
            elif not isinstance(value, str):
                raise ValueError(f"{f.name} must be text")
            else:
                value = nfc(value)
            values[f.name] = value
        return cls(**values)


def settings_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_settings(data_dir: Path) -> ReportSettings:
    """The saved settings, or the defaults when none were saved."""
    path = settings_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ReportSettings()
    except (OSError, ValueError) as exc:
        raise TtdnError("report_settings.invalid", path=str(path), detail=str(exc)) from exc
    try:
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return ReportSettings.from_dict(data)
    except (TypeError, ValueError) as exc:
        raise TtdnError("report_settings.invalid", path=str(path), detail=str(exc)) from exc


def save_settings(data_dir: Path, settings: ReportSettings) -> Path:
    path = settings_path(data_dir)
    write_json_atomic(path, settings.to_dict())
    return path
