"""The participant list template ("Tải mẫu danh sách"): the columns the import expects,
one example row, and a sheet of notes. Reading it back gives exactly the example."""

from __future__ import annotations

from pathlib import Path

TEMPLATE_COLUMNS = (
    ("STT", 6),
    ("Họ và tên", 26),
    ("Giới tính", 10),
    ("Năm sinh", 10),
    ("Dân tộc", 10),
    ("Chức vụ", 22),
    ("Đơn vị công tác", 32),
    ("Thành phần", 30),
    ("Số điện thoại", 15),
    ("Ghi chú", 20),
)
EXAMPLE = (1, "Nguyễn Văn An", "Nam", 1985, "Kinh", "Phó Chủ tịch", "UBND xã Đại Ân 2", "Cán bộ làm công tác quản lý", "0912345678", "")
NOTES = (
    "Mỗi dòng một đại biểu; có thể thêm dòng tiêu đề, dòng nhóm (I. CẤP HUYỆN, 1. Xã …) và dòng Tổng cộng.",
    "Giới tính: Nam / Nữ. Năm sinh: 1985 hoặc 12/05/1985.",
    "Dân tộc: Kinh, Khmer, Hoa, … Thành phần: theo danh mục của chương trình (hoặc để trống).",
    "Số điện thoại không bắt buộc (dữ liệu cá nhân: chỉ ghi khi cần). Ghi chú: ví dụ \"vắng có lý do\".",
)


def write_participant_template(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH ĐẠI BIỂU"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([name for name, _ in TEMPLATE_COLUMNS])
    for number, (_, width) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=3, column=number)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.append(list(EXAMPLE))
    sheet.cell(row=4, column=9).number_format = "@"  # keep the phone's leading zero
    sheet.freeze_panes = "A4"
    notes = workbook.create_sheet("Hướng dẫn")
    for line in NOTES:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    workbook.save(path)
    return path
