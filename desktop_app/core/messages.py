"""Messages for the keys the core reports, in Vietnamese (default) and English.

Each says what is wrong and what to do. ``render(key, params, lang)`` fills in the
parameters; a ``field`` parameter is shown with its label ("participants[3].phone"
becomes "Đại biểu thứ 3 – Số điện thoại").
"""

from __future__ import annotations

import re
from typing import Any, Mapping

MESSAGES: dict[str, dict[str, str]] = {
    "vi": {
        "validation.failed": "Dữ liệu chưa hợp lệ ({count} lỗi). Hãy sửa các mục sau rồi thử lại:",
        "record.not_object": "Mỗi bản ghi phải là một đối tượng JSON {{…}}.",
        "json.invalid": "Tệp {path} không phải JSON hợp lệ (dòng {line}, cột {column}): {detail}. Hãy kiểm tra lại dấu ngoặc, dấu phẩy và dấu nháy.",
        "file.unreadable": "Không đọc được tệp {path}: {detail}. Hãy kiểm tra đường dẫn và quyền truy cập.",
        "field.unknown": "{field}: trường không có trong mẫu dữ liệu. Hãy kiểm tra chính tả tên trường (xem README).",
        "field.required": "{field}: bắt buộc phải nhập.",
        "field.not_text": "{field}: phải là chữ.",
        "field.too_long": "{field}: dài quá {max} ký tự; hãy rút gọn.",
        "field.not_list": "{field}: phải là một danh sách […].",
        "field.bad_choice": "{field}: giá trị \"{value}\" không hợp lệ. Chọn một trong: {options}.",
        "number.invalid": "{field}: \"{value}\" không phải là số.",
        "number.negative": "{field}: không được là số âm.",
        "number.too_large": "{field}: lớn quá mức cho phép ({max}).",
        "number.not_integer": "{field}: phải là số nguyên (đang là {value}).",
        "date.invalid": "Ngày \"{value}\" không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy (ví dụ 05/09/2024) hoặc yyyy-mm-dd.",
        "date.before_start": "{field}: ngày kết thúc sớm hơn ngày bắt đầu ({start}).",
        "date.outside_plan": "{field}: ngày {value} nằm ngoài thời gian thực hiện của nhiệm vụ ({start} – {end}). Hãy kiểm tra lại ngày hoặc nhiệm vụ.",
        "date.no_plan": "{field}: ngày {value} không thuộc kế hoạch nào đã có trong chương trình.",
        "date.far_future": "{field}: ngày {value} ở quá xa trong tương lai; hãy kiểm tra lại năm.",
        "period.invalid": "Kỳ báo cáo \"{value}\" không hợp lệ. Ví dụ hợp lệ: 2024, 2024-Q3, Q3/2024, 2024-H1, 2024-07, 01/03/2024..31/05/2024.",
        "period.reversed": "Kỳ báo cáo \"{value}\": ngày kết thúc sớm hơn ngày bắt đầu.",
        "catalog.unknown_code": "{field}: không có mã \"{value}\" trong danh mục. Xem danh mục trong chương trình (hoặc README) để chọn mã đúng.",
        "plan.unknown_task": "{field}: kế hoạch không có nhiệm vụ \"{value}\" (ví dụ đúng: II.1, II.2).",
        "plan.missing": "Chưa có kế hoạch nào trong chương trình. Hãy nhận gói cấu hình từ Sở.",
        "activity.status_review_only": "{field}: trạng thái \"{value}\" do Sở quyết định khi duyệt; đơn vị chỉ chọn \"draft\" (nháp) hoặc \"submitted\" (đã gửi).",
        "activity.product_type_required": "{field}: sản phẩm phải có loại sản phẩm (tin, bài, chuyên mục, infographic, tờ rơi, video clip).",
        "activity.language_required": "{field}: hãy chọn ít nhất một ngôn ngữ (vi, km, zh).",
        "activity.no_theme": "{field}: sản phẩm chưa gắn chủ đề tuyên truyền nào.",
        "activity.bad_product_ref": "{field}: không tìm thấy sản phẩm \"{value}\" để gắn với lượt phát sóng/đăng tải.",
        "activity.not_found": "Không tìm thấy hoạt động \"{id}\". Dùng `ttdn activity list` để xem mã.",
        "activity.ambiguous": "Mã \"{id}\" trùng với nhiều hoạt động; hãy nhập thêm ký tự.",
        "activity.deleted": "Hoạt động {id} đã bị xóa.",
        "activity.not_owner": "Hoạt động {id} thuộc đơn vị khác; chỉ đơn vị tạo ra mới được sửa hoặc xóa.",
        "attachment.bad_entry": "{field}: mỗi tệp đính kèm là một đường dẫn.",
        "attachment.missing_file": "{field}: không tìm thấy tệp {path}.",
        "attachment.unreadable": "Không đọc được tệp {path}: {detail}.",
        "attachment.too_large": "Tệp {path} lớn quá {max_mb} MB; hãy nén hoặc cắt ngắn trước khi đính kèm.",
        "attachment.blob_missing": "Tệp \"{name}\" không còn trong thư mục dữ liệu ({sha256}). Hãy đính kèm lại.",
        "participant.not_found": "Không tìm thấy đại biểu \"{id}\".",
        "participant.deleted": "Đại biểu {id} đã bị xóa khỏi danh sách.",
        "participant.not_event": "Hoạt động {id} không phải là sự kiện/hội nghị nên không có danh sách đại biểu.",
        "participant.bad_birth_year": "{field}: năm sinh {value} không hợp lệ.",
        "participant.bad_phone": "{field}: số điện thoại \"{value}\" không hợp lệ (chỉ gồm chữ số, 8–15 số).",
        "text.legacy_encoding": "{field}: \"{value}\" có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI. Hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại.",
        "xlsx.unreadable": "Không mở được bảng tính {path}: {detail}. Hãy lưu tệp dưới dạng Excel .xlsx rồi thử lại.",
        "xlsx.no_sheet": "Bảng tính không có trang \"{sheet}\". Các trang có: {sheets}.",
        "xlsx.no_header": "Không tìm thấy dòng tiêu đề trong {path}. Dòng tiêu đề cần có cột \"Họ và tên\" (và tùy chọn: Giới tính, Dân tộc, Năm sinh, Chức vụ, Đơn vị, Thành phần, Số điện thoại).",
        "xlsx.empty": "Bảng tính {path} không có dòng đại biểu nào dưới dòng tiêu đề.",
        "unit.not_found": "Không tìm thấy đơn vị \"{ref}\". Dùng `ttdn units --search …` để tra mã đơn vị.",
        "unit.ambiguous": "Có nhiều đơn vị khớp với \"{ref}\": {candidates}. Hãy dùng mã đơn vị.",
        "installation.missing": "Máy này chưa được thiết lập (thư mục dữ liệu {data_dir}). Hãy chạy `ttdn init --role unit --unit MÃ_ĐƠN_VỊ` hoặc mở chương trình để thiết lập.",
        "installation.exists": "Máy này đã được thiết lập (thư mục dữ liệu {data_dir}); không thiết lập lại.",
        "installation.bad_role": "Vai trò \"{role}\" không hợp lệ: chọn unit (đơn vị) hoặc aggregator (Sở tổng hợp).",
        "data_dir.network": "Thư mục dữ liệu {path} nằm trên ổ mạng; cơ sở dữ liệu có thể hỏng khi mạng chập chờn. Hãy dùng một thư mục trên ổ đĩa của máy.",
        "origin.rotated": "Cơ sở dữ liệu này đã được sao chép hoặc khôi phục từ bản sao lưu; chương trình đã cấp mã nguồn dữ liệu mới để các thay đổi không bị trùng.",
        "db.too_new": "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của chương trình (lược đồ {revision}). Hãy cài phiên bản mới nhất; dữ liệu không bị thay đổi.",
        "db.not_ours": "Tệp {path} không phải cơ sở dữ liệu của chương trình TTĐN; không mở để tránh làm hỏng. Hãy chọn thư mục dữ liệu khác.",
        "db.unreadable": "Không đọc được cơ sở dữ liệu {path} ({detail}). Tệp có thể bị hỏng: hãy khôi phục từ thư mục backups.",
        "content.unreadable": "Không đọc được dữ liệu danh mục đi kèm chương trình ({path}): {detail}. Hãy cài đặt lại chương trình.",
        "content.bad_value": "Dữ liệu danh mục đi kèm có giá trị lạ ở {field}: {value}. Hãy cài đặt lại chương trình.",
        "demo.bad_count": "Số hoạt động mẫu phải là số không âm (đang là {value}).",
        "operation.cancelled": "Đã hủy thao tác; dữ liệu không thay đổi.",
    },
    "en": {
        "validation.failed": "The data is not valid ({count} errors). Fix the following and try again:",
        "record.not_object": "Each record must be a JSON object {{…}}.",
        "json.invalid": "File {path} is not valid JSON (line {line}, column {column}): {detail}. Check brackets, commas and quotes.",
        "file.unreadable": "Cannot read file {path}: {detail}. Check the path and permissions.",
        "field.unknown": "{field}: not a field of this record. Check the spelling (see README).",
        "field.required": "{field}: required.",
        "field.not_text": "{field}: must be text.",
        "field.too_long": "{field}: longer than {max} characters; shorten it.",
        "field.not_list": "{field}: must be a list […].",
        "field.bad_choice": "{field}: \"{value}\" is not allowed. Choose one of: {options}.",
        "number.invalid": "{field}: \"{value}\" is not a number.",
        "number.negative": "{field}: must not be negative.",
        "number.too_large": "{field}: larger than allowed ({max}).",
        "number.not_integer": "{field}: must be a whole number (is {value}).",
        "date.invalid": "Date \"{value}\" is not valid. Enter dd/mm/yyyy (e.g. 05/09/2024) or yyyy-mm-dd.",
        "date.before_start": "{field}: the end date is before the start date ({start}).",
        "date.outside_plan": "{field}: {value} is outside the task's time window ({start} – {end}). Check the date or the task.",
        "date.no_plan": "{field}: {value} is not covered by any plan the program holds.",
        "date.far_future": "{field}: {value} is far in the future; check the year.",
        "period.invalid": "Period \"{value}\" is not valid. Examples: 2024, 2024-Q3, Q3/2024, 2024-H1, 2024-07, 01/03/2024..31/05/2024.",
        "period.reversed": "Period \"{value}\": the end is before the start.",
        "catalog.unknown_code": "{field}: there is no code \"{value}\" in the catalog. See the catalogs in the program (or README).",
        "plan.unknown_task": "{field}: the plan has no task \"{value}\" (e.g. II.1, II.2).",
        "plan.missing": "The program holds no plan yet. Import the configuration package from the department.",
        "activity.status_review_only": "{field}: status \"{value}\" is set by the department's review; a unit chooses \"draft\" or \"submitted\".",
        "activity.product_type_required": "{field}: a product needs a product type (news item, article, column, infographic, leaflet, video clip).",
        "activity.language_required": "{field}: choose at least one language (vi, km, zh).",
        "activity.no_theme": "{field}: the product has no content theme.",
        "activity.bad_product_ref": "{field}: product \"{value}\" was not found for this broadcast or posting.",
        "activity.not_found": "Activity \"{id}\" not found. Use `ttdn activity list` to see ids.",
        "activity.ambiguous": "\"{id}\" matches several activities; type more characters.",
        "activity.deleted": "Activity {id} has been deleted.",
        "activity.not_owner": "Activity {id} belongs to another unit; only the unit that created it may change or delete it.",
        "attachment.bad_entry": "{field}: each attachment is a file path.",
        "attachment.missing_file": "{field}: file {path} not found.",
        "attachment.unreadable": "Cannot read file {path}: {detail}.",
        "attachment.too_large": "File {path} is larger than {max_mb} MB; compress or shorten it first.",
        "attachment.blob_missing": "File \"{name}\" is missing from the data folder ({sha256}). Attach it again.",
        "participant.not_found": "Participant \"{id}\" not found.",
        "participant.deleted": "Participant {id} has been removed from the list.",
        "participant.not_event": "Activity {id} is not an event, so it has no participants.",
        "participant.bad_birth_year": "{field}: birth year {value} is not valid.",
        "participant.bad_phone": "{field}: phone number \"{value}\" is not valid (digits only, 8–15 of them).",
        "text.legacy_encoding": "{field}: \"{value}\" looks typed in the old TCVN3 (ABC) or VNI encoding. Convert it to Unicode (e.g. with Unikey) and enter it again.",
        "xlsx.unreadable": "Cannot open workbook {path}: {detail}. Save it as an Excel .xlsx file and try again.",
        "xlsx.no_sheet": "The workbook has no sheet \"{sheet}\". Sheets: {sheets}.",
        "xlsx.no_header": "No header row found in {path}. It needs a \"Họ và tên\" (name) column and optionally gender, ethnicity, birth year, position, unit, category, phone.",
        "xlsx.empty": "Workbook {path} has no participant rows below its header.",
        "unit.not_found": "Unit \"{ref}\" not found. Use `ttdn units --search …` to look up unit codes.",
        "unit.ambiguous": "Several units match \"{ref}\": {candidates}. Use the unit code.",
        "installation.missing": "This computer is not set up yet (data folder {data_dir}). Run `ttdn init --role unit --unit UNIT_CODE` or open the program to set it up.",
        "installation.exists": "This computer is already set up (data folder {data_dir}); not set up again.",
        "installation.bad_role": "Role \"{role}\" is not valid: choose unit or aggregator.",
        "data_dir.network": "Data folder {path} is on a network drive; the database can be damaged when the network drops. Use a folder on this computer's disk.",
        "origin.rotated": "This database was copied or restored from a backup; the program gave it a new origin id so that changes do not collide.",
        "db.too_new": "The database was written by a newer version of the program (schema {revision}). Install the latest version; the data has not been changed.",
        "db.not_ours": "File {path} is not a TTĐN database; it was not opened, to avoid damaging it. Choose another data folder.",
        "db.unreadable": "Cannot read database {path} ({detail}). The file may be damaged: restore it from the backups folder.",
        "content.unreadable": "Cannot read the catalog data shipped with the program ({path}): {detail}. Reinstall the program.",
        "content.bad_value": "The shipped catalog data has an unexpected value in {field}: {value}. Reinstall the program.",
        "demo.bad_count": "The number of demo activities must not be negative (is {value}).",
        "operation.cancelled": "Cancelled; nothing was changed.",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "kind": "Loại hoạt động",
        "title": "Tên/tiêu đề",
        "date": "Ngày",
        "date_to": "Đến ngày",
        "plan_task": "Nhiệm vụ kế hoạch",
        "product_type": "Loại sản phẩm",
        "event_type": "Loại sự kiện",
        "product": "Sản phẩm",
        "themes": "Chủ đề",
        "languages": "Ngôn ngữ",
        "channels": "Kênh",
        "place": "Địa điểm",
        "quantity": "Số lượng",
        "copies": "Số bản",
        "minutes": "Thời lượng (phút)",
        "times_aired": "Số lần phát",
        "audience": "Số người tiếp cận",
        "cost": "Kinh phí",
        "description": "Mô tả",
        "status": "Trạng thái",
        "attachments": "Tệp đính kèm",
        "participants": "Đại biểu",
        "name": "Họ và tên",
        "gender": "Giới tính",
        "ethnicity": "Dân tộc",
        "birth_year": "Năm sinh",
        "position": "Chức vụ",
        "organization": "Đơn vị công tác",
        "unit": "Mã đơn vị",
        "category": "Thành phần",
        "phone": "Số điện thoại",
    },
    "en": {},
}
_ROW_PREFIX = re.compile(r"^(participants\[(\d+)\]|row (\d+))\.")


def field_label(path: str, lang: str = "vi") -> str:
    labels = FIELD_LABELS.get(lang, {})
    m = _ROW_PREFIX.match(path)
    prefix = ""
    if m:
        path = path[m.end() :]
        if m.group(2):
            prefix = f"Đại biểu thứ {m.group(2)} – " if lang == "vi" else f"Participant {m.group(2)} – "
        else:
            prefix = f"Dòng {m.group(3)} – " if lang == "vi" else f"Row {m.group(3)} – "
    return prefix + labels.get(path, path)


def render(key: str, params: Mapping[str, Any] | None = None, lang: str = "vi") -> str:
    table = MESSAGES.get(lang) or MESSAGES["vi"]
    template = table.get(key) or MESSAGES["vi"].get(key) or key
    values = dict(params or {})
    if "field" in values and values["field"]:
        values["field"] = field_label(str(values["field"]), lang)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return f"{template} {values}"
