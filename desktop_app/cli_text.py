"""The command line's own words, Vietnamese by default and English with ``TTDN_LANG=en``:
its output sentences, its help texts and argparse's built-in phrases ("usage", "options",
"invalid choice", …), which Python only ships in English.

The core's messages (errors, labels) come from :mod:`desktop_app.core.messages`; this
table is only what the command line itself says.
"""

from __future__ import annotations

import argparse
import os

# key -> (Vietnamese, English); str.format parameters.
SAY: dict[str, tuple[str, str]] = {
    "warning": ("Cảnh báo: ", "Warning: "),
    "error": ("Lỗi: ", "Error: "),
    "stopped": ("Đã dừng.", "Stopped."),
    "bug": ("Lỗi không mong đợi của chương trình (chi tiết ở trên). Dữ liệu đã ghi trước đó không bị ảnh hưởng; hãy gửi nội dung lỗi này cho người hỗ trợ.", "An unexpected error in the program (details above). Data written before is not affected; please send this message to whoever supports the program."),
    "init.done": ("Đã thiết lập máy: {unit} ({code}), vai trò {role}.\nThư mục dữ liệu: {data_dir}", "This computer is set up: {unit} ({code}), role {role}.\nData folder: {data_dir}"),
    "info.not_set_up": ("Máy này chưa được thiết lập (thư mục dữ liệu {data_dir}). Chạy: ttdn init --role unit --unit MÃ_ĐƠN_VỊ", "This computer is not set up yet (data folder {data_dir}). Run: ttdn init --role unit --unit UNIT_CODE"),
    "info.version": ("Phiên bản", "Version"),
    "info.data_dir": ("Thư mục dữ liệu", "Data folder"),
    "info.database": ("Cơ sở dữ liệu", "Database"),
    "info.schema": ("Phiên bản cơ sở dữ liệu", "Database schema"),
    "info.initialised": ("Đã thiết lập", "Set up"),
    "info.role": ("Vai trò", "Role"),
    "info.unit": ("Đơn vị", "Unit"),
    "info.origin_id": ("Mã nguồn thay đổi", "Origin id"),
    "info.counter": ("Số thay đổi đã ghi", "Changes recorded"),
    "info.officer": ("Cán bộ", "Officer"),
    "info.fingerprint": ("Mã nhận diện", "Key fingerprint"),
    "info.sync.last_sent_at": ("Gửi gói gần nhất", "Last package sent"),
    "info.sync.last_sent_file": ("Tệp gửi gần nhất", "Last file sent"),
    "info.sync.last_received_at": ("Nhận gói gần nhất", "Last package received"),
    "info.sync.confirmed_at": ("Sở xác nhận đến", "Confirmed by the province up to"),
    "info.sync.unsent_changes": ("Thay đổi chưa được xác nhận", "Changes not confirmed yet"),
    "info.sync.open_conflicts": ("Xung đột cần xem", "Conflicts to look at"),
    "units.none": ("Không có đơn vị nào khớp.", "No unit matches."),
    "activity.recorded": ("Đã ghi: {id}  {title}", "Recorded: {id}  {title}"),
    "activity.changed": ("Đã sửa: {id}  {title}", "Changed: {id}  {title}"),
    "activity.deleted": ("Đã xóa: {id}  {title}", "Deleted: {id}  {title}"),
    "activity.deleted_mark": ("  [đã xóa]", "  [deleted]"),
    "activity.count": ("({shown}/{total} hoạt động)", "({shown}/{total} activities)"),
    "rows.added": ("thêm", "added"),
    "rows.duplicate": ("đã có, bỏ qua", "already there, skipped"),
    "rows.duplicate_in_file": ("trùng trong tệp, bỏ qua", "twice in the file, skipped"),
    "rows.rejected": ("không nhập", "not imported"),
    "rows.excluded": ("loại ra", "left out"),
    "rows.table": ("Trang \"{sheet}\": tiêu đề dòng {first}–{last}, dữ liệu dòng {data}", "Sheet \"{sheet}\": header rows {first}–{last}, data rows {data}"),
    "rows.no_data": ("(không có)", "(none)"),
    "rows.row": ("  Dòng {row} ({name}): {status}", "  Row {row} ({name}): {status}"),
    "rows.dry_run": ("Thử (không ghi gì): ", "Trial (nothing written): "),
    "rows.total": ("{added} thêm, {duplicate} trùng, {rejected} không nhập", "{added} added, {duplicate} duplicates, {rejected} not imported"),
    "rows.removed": (", {removed} bỏ khỏi danh sách cũ", ", {removed} removed from the old list"),
    "rows.register": ("sổ theo dõi hoạt động", "the activity register"),
    "template.written": ("Đã ghi mẫu danh sách: {path}", "List template written: {path}"),
    "demo.done": ("Đã tạo {activities} hoạt động mẫu, {participants} đại biểu, {attachments} tệp đính kèm.", "Made {activities} sample activities, {participants} participants, {attachments} attachments."),
    "difficulties.done": ("Đã ghi khó khăn, đề xuất kỳ {period}.", "Difficulties and proposals recorded for {period}."),
    "written": ("Đã ghi: {path}", "Written: {path}"),
    "confirm.suffix": (" [c/K] (có/không): ", " [y/N] (yes/no): "),
    "keys.text": ("Đơn vị: {unit} ({code})\nMã máy: {installation}\nMã nhận diện (đọc qua điện thoại để Sở đối chiếu): {fingerprint}", "Unit: {unit} ({code})\nComputer id: {installation}\nKey fingerprint (read it to the province on the phone): {fingerprint}"),
    "keys.enrolment": ("Đã ghi tệp đăng ký: {path}", "Enrolment file written: {path}"),
    "register.identity": ("Đơn vị: {unit} ({code}), vai trò {role}", "Unit: {unit} ({code}), role {role}"),
    "register.fingerprint": ("Mã nhận diện: {fingerprint}", "Key fingerprint: {fingerprint}"),
    "register.question": ("Mã nhận diện trên có khớp với mã đơn vị đọc qua điện thoại không?", "Does this fingerprint match the one the unit read to you on the phone?"),
    "register.done": ("Đã đăng ký máy của {unit}.", "{unit}'s computer is registered."),
    "revoke.done": ("Đã thu hồi khóa của {count} máy. Gửi gói cấu hình mới để các đơn vị biết.", "Keys of {count} computers revoked. Send a new configuration package so the units know."),
    "export.file": ("Đã ghi: {path} ({size} byte)", "Written: {path} ({size} bytes)"),
    "export.content": ("Nội dung: {records}; {files} tệp", "Contents: {records}; {files} files"),
    "import.province": ("Gói cấu hình từ {unit}; mã nhận diện: {fingerprint}", "Configuration package from {unit}; key fingerprint: {fingerprint}"),
    "import.question": ("Mã nhận diện có khớp với mã Sở đọc qua điện thoại không?", "Does the fingerprint match the one the province read to you on the phone?"),
    "receipt.written": ("Đã ghi biên nhận: {path}", "Receipt written: {path}"),
    "choice.invalid": ("không có \"{value}\"; chọn một trong: {choices}", "no \"{value}\"; choose one of: {choices}"),
    "report.strict": ("Chưa lập báo cáo: hãy bổ sung các mục trên (hoặc bỏ --strict).", "The report was not made: complete the items above (or drop --strict)."),
    "plan.for_unit": (" cho {unit}", " for {unit}"),
    "plan.allocation_removed": ("Đã xóa kinh phí phân bổ nhiệm vụ {task}{where}.", "Funding allocation of task {task}{where} removed."),
    "plan.allocation_set": ("Đã ghi kinh phí phân bổ nhiệm vụ {task}{where}: {amount} đồng.", "Funding allocated to task {task}{where}: {amount} VND."),
    "plan.target_removed": ("Đã xóa chỉ tiêu {metric} của {unit} cho nhiệm vụ {task}.", "Target {metric} of {unit} for task {task} removed."),
    "plan.target_set": ("Đã ghi chỉ tiêu {metric} của {unit} cho nhiệm vụ {task}.", "Target {metric} of {unit} for task {task} recorded."),
    "plan.events_marked": ("Nhiệm vụ {task}: đã đánh dấu {count} sự kiện thực hiện nhiệm vụ.", "Task {task}: {count} events marked as carrying it out."),
    "plan.events_cleared": ("Nhiệm vụ {task}: đã bỏ đánh dấu sự kiện.", "Task {task}: events unmarked."),
    "plan.reference_set": ("Đã ghi số, ngày của Kế hoạch.", "The plan's number and date are recorded."),
    "plan.whole_plan": ("toàn Kế hoạch", "whole plan"),
    "plan.no_allocation": ("Chưa có kinh phí phân bổ nào.", "No funding allocated yet."),
    "direction.none": ("Chưa có phương hướng riêng cho kỳ này: báo cáo dùng nội dung lập từ các chỉ tiêu chưa đạt.", "No direction written for this period: the report uses the text made from unmet targets."),
    "config.written": ("Đã ghi gói cấu hình: {path}", "Configuration package written: {path}"),
    # names of fields the core's field labels do not have (activity show), and of report settings
    "field.id": ("Mã", "Id"),
    "field.unit": ("Đơn vị", "Unit"),
    "field.recorded_by": ("Người ghi", "Recorded by"),
    "field.origin_id": ("Mã nguồn thay đổi", "Origin id"),
    "field.version": ("Phiên bản bản ghi", "Record version"),
    "field.deleted": ("Đã xóa", "Deleted"),
    "field.created_at": ("Ghi lúc", "Recorded at"),
    "field.updated_at": ("Sửa lần cuối", "Last changed"),
    "settings.signer_authority": ("Thẩm quyền ký", "Signing authority"),
    "settings.signer_title": ("Chức vụ người ký", "Signer's title"),
    "settings.signer_name": ("Người ký", "Signer"),
    "settings.place": ("Địa danh", "Place"),
    "settings.recipients": ("Nơi nhận", "Recipients"),
    # ttdn stats: its sections and lines
    "stats.activities": ("Hoạt động", "Activities"),
    "stats.participants": ("Đại biểu", "Participants"),
    "stats.attachments": ("Tệp đính kèm", "Attachments"),
    "stats.total": ("Tổng số", "Total"),
    "stats.cost_total": ("Tổng kinh phí (đồng)", "Total cost (VND)"),
    "stats.by_unit": ("Theo đơn vị", "By unit"),
    "stats.by_kind": ("Theo loại", "By kind"),
    "stats.by_status": ("Theo trạng thái", "By status"),
    "stats.by_product_type": ("Theo loại sản phẩm", "By product type"),
    "stats.by_theme": ("Theo chủ đề", "By theme"),
    "stats.by_language": ("Theo ngôn ngữ", "By language"),
    "stats.by_channel": ("Theo kênh", "By channel"),
    "stats.by_month": ("Theo tháng", "By month"),
    "stats.by_quarter": ("Theo quý", "By quarter"),
    "stats.by_gender": ("Theo giới tính", "By gender"),
    "stats.by_ethnicity": ("Theo dân tộc", "By ethnic group"),
    "stats.by_category": ("Theo thành phần", "By category"),
}

# Help texts, written in Vietnamese in cli.py; their English.
HELP_EN: dict[str, str] = {
    "Thông tin đối ngoại: ghi nhận, đồng bộ và báo cáo.": "External information work: record, sync and report.",
    "LỆNH": "COMMAND",
    "THAO_TÁC": "ACTION",
    "2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024 (không cần cho danh sách đại biểu)": "2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024 (not needed for the attendance list)",
    "2024-Q3, 2024-H1, 2024 …": "2024-Q3, 2024-H1, 2024 …",
    "Excel: kèm họ tên, số điện thoại đại biểu": "Excel: with participants' names and phone numbers",
    "báo cáo của một đơn vị (mã hoặc tên)": "one unit's report (code or name)",
    "chuyển chữ gõ bằng TCVN3/VNI sang Unicode": "convert text typed in TCVN3/VNI to Unicode",
    "chỉ thêm người chưa có (mặc định)": "add only people not listed yet (default)",
    "chỉ xem kết quả từng dòng, không ghi": "only show each row's outcome, write nothing",
    "chỉ xem trước, không thay đổi dữ liệu": "preview only, change nothing",
    "chỉ đơn vị còn hiệu lực vào ngày này": "only units valid on this date",
    "dung lượng tối đa mỗi tập (MB), mặc định 20 cho thư điện tử": "largest volume (MB), 20 by default for e-mail",
    "ghi khó khăn, vướng mắc và đề xuất của đơn vị cho một kỳ": "record the unit's difficulties and proposals for a period",
    "ghi tệp mẫu danh sách đại biểu (.xlsx)": "write a participant list template (.xlsx)",
    "ghi tệp đăng ký vào đường dẫn này": "write the enrolment file to this path",
    "gói cấu hình": "configuration package",
    "gộp đơn vị cũ vào đơn vị kế thừa (sắp xếp năm 2025)": "count old units under their successors (2025 reorganisation)",
    "gửi lại toàn bộ, không chỉ phần mới": "send everything again, not only what is new",
    "hoạt động": "activities",
    "họ tên cán bộ sử dụng máy": "full name of the officer using this computer",
    "in kết quả dạng JSON": "print the result as JSON",
    "khóa của máy": "this computer's keys",
    "không gửi họ tên, số điện thoại đại biểu, chỉ gửi số lượng": "send counts only, not participants' names and phones",
    "phiên bản định dạng gói: 1.2 gọn nhất; 1.0 cho Sở chưa cập nhật chương trình": "package format version: 1.2 is the most compact; 1.0 for a department that has not updated the program",
    "kỳ này không có gì để báo cáo": "nothing to report for this period",
    "liệt kê, tìm kiếm": "list and search",
    "lập biên nhận gửi đơn vị (tại Sở)": "make a receipt for a unit (at the province)",
    "lập báo cáo (PDF, Word, Excel, gói sản phẩm số hóa)": "make a report (PDF, Word, Excel, digital product bundle)",
    "mã đơn vị hoặc mã máy": "unit code or computer id",
    "mã đơn vị": "unit code",
    "mã, id hoặc tên đơn vị": "unit code, id or name",
    "nhận gói cấu hình của Sở": "take in the province's configuration package",
    "nhận gói dữ liệu, biên nhận hoặc gói cấu hình": "take in data packages, receipts or a configuration package",
    "nhập danh sách đại biểu từ tệp Excel, Word hoặc CSV": "import a participant list from Excel, Word or CSV",
    "nhập sổ theo dõi (Excel) thành các hoạt động": "import an activity register (Excel) as activities",
    "sổ theo dõi hoạt động": "activity register",
    "sửa hoạt động bằng các trường JSON": "change an activity with JSON fields",
    "sự kiện của danh sách đại biểu (mã hoạt động)": "the event of the attendance list (activity id)",
    "sự kiện, hội nghị": "events and meetings",
    "thay cả danh sách cũ": "replace the whole old list",
    "thiết lập máy lần đầu": "set up this computer the first time",
    "thu hồi khóa của máy đơn vị (mất máy, cài lại)": "revoke a unit computer's keys (lost or reinstalled)",
    "thêm hoạt động từ JSON (tệp hoặc stdin)": "add activities from JSON (a file or stdin)",
    "thêm sự kiện (có thể kèm danh sách đại biểu) từ JSON": "add an event (with its participants, if any) from JSON",
    "thêm tất cả": "add everyone",
    "thông tin về máy và dữ liệu": "about this computer and its data",
    "thư mục (hoặc tên tệp .ttdn) để ghi gói": "folder (or .ttdn file name) to write the package to",
    "thư mục dữ liệu (mặc định: TTDN_DATA_DIR, thư mục data/ cạnh chương trình, hoặc thư mục của người dùng)": "data folder (default: TTDN_DATA_DIR, a data/ folder beside the program, or the user's folder)",
    "thống kê": "statistics",
    "tra cứu đơn vị": "look up units",
    "tạo dữ liệu mẫu": "make sample data",
    "tệp (hoặc thư mục/tệp .zip cho gói sản phẩm) để ghi": "file to write (a folder or .zip for the product bundle)",
    "tệp JSON; bỏ trống hoặc - để đọc từ stdin": "JSON file; leave out or - to read stdin",
    "xem mã nhận diện; ghi tệp đăng ký gửi Sở": "show the key fingerprint; write the enrolment file for the province",
    "xem một hoạt động": "show one activity",
    "xuất gói cấu hình cho các đơn vị (tại Sở)": "export the configuration package for the units (at the province)",
    "xuất gói dữ liệu gửi Sở": "export a data package for the province",
    "xóa một hoạt động": "delete an activity",
    "đã đối chiếu mã nhận diện của Sở (gói cấu hình đầu tiên)": "the province's fingerprint was compared (first configuration package)",
    "đã đối chiếu mã nhận diện của Sở": "the province's fingerprint was compared",
    "đã đối chiếu mã nhận diện qua điện thoại": "the fingerprint was compared by phone",
    "đăng ký máy của đơn vị từ tệp đăng ký hoặc một gói của đơn vị": "register a unit's computer from its enrolment file or one of its packages",
    "đơn vị gửi dữ liệu (tại Sở)": "units that send data (at the province)",
    "đại biểu": "participants",
    "loại hoạt động (mã hoặc tên: product, san-pham, \"sản phẩm\")": "activity kind (code or name: product, san-pham, \"sản phẩm\")",
    "trạng thái (mã hoặc tên: draft, nhap, \"đã gửi\")": "status (code or name: draft, nhap, \"đã gửi\")",
    "vai trò: unit (đơn vị) hoặc aggregator (Sở)": "role: unit or aggregator (the province)",
    "số hoạt động tối đa in ra": "most activities to print",
    "kèm các hoạt động đã xóa": "include deleted activities",
    "tìm theo tên, địa điểm, mô tả (không phân biệt dấu)": "search titles, places, descriptions (accents ignored)",
    "in phiên bản": "print the version",
    "không lập báo cáo khi còn thiếu người ký, nơi nhận, số Kế hoạch, kinh phí …": "do not make the report while the signer, recipients, plan number, funding … are missing",
    "người ký, nơi nhận, địa danh của báo cáo": "the reports' signer, recipients and place",
    "ví dụ: PHÓ GIÁM ĐỐC": "for example: PHÓ GIÁM ĐỐC (deputy director)",
    "ví dụ: KT. GIÁM ĐỐC (để trống: ký trực tiếp)": "for example: KT. GIÁM ĐỐC (empty: signs in their own name)",
    "địa danh ghi trước ngày tháng": "the place written before the date",
    "trích yếu; {period} là kỳ báo cáo": "the subject line; {period} is the report's period",
    "một nơi nhận (lặp lại cho từng nơi; dòng cuối: Lưu: VT)": "one recipient (repeat for each; the last line: Lưu: VT)",
    "phương hướng, nhiệm vụ kỳ tiếp theo của báo cáo một kỳ": "the next period's direction and tasks, for a period's report",
    "tệp văn bản UTF-8, mỗi ý một dòng": "a UTF-8 text file, one point a line",
    "bỏ nội dung riêng, dùng nội dung lập từ chỉ tiêu chưa đạt": "drop the text written here and use the one made from unmet targets",
    "kinh phí, chỉ tiêu, hội nghị của Kế hoạch (tại Sở)": "the plan's funding, targets and conference (at the province)",
    "kinh phí phân bổ cho một nhiệm vụ (toàn Kế hoạch hoặc một đơn vị)": "funding allocated to a task (the whole plan or one unit)",
    "II.1, II.2 …": "II.1, II.2 …",
    "đồng, ví dụ 300000000 hoặc 300.000.000": "VND, for example 300000000 or 300.000.000",
    "đơn vị được phân bổ (mã hoặc tên); không ghi: toàn nhiệm vụ": "the unit it is allocated to (code or name); none: the whole task",
    "chỉ tiêu riêng của một đơn vị": "a unit's own target",
    "ví dụ 2024-Q3 (sản phẩm mỗi quý)": "for example 2024-Q3 (products each quarter)",
    "đánh dấu sự kiện, hội nghị thực hiện nhiệm vụ (hội nghị II.2)": "mark the events that carry out a task (the II.2 conference)",
    "mã hoạt động (8 ký tự đầu trở lên)": "activity ids (their first 8 characters or more)",
    "số, ngày ban hành của Kế hoạch": "the plan's number and date of issue",
    "ví dụ 123/KH-UBND": "for example 123/KH-UBND",
    "xem kinh phí đã phân bổ": "show the allocated funding",
    "Chương trình Thông tin đối ngoại (TTĐN)": "TTĐN desktop program (external information work)",
    "THƯ_MỤC": "DIR",
    "THƯ_MỤC_ẢNH": "OUT_DIR",
    "ngôn ngữ giao diện (mặc định: TTDN_LANG hoặc vi)": "UI language (default: TTDN_LANG or vi)",
    "chụp ảnh các màn hình vào thư mục này rồi thoát": "save screenshots of the windows in this folder and exit",
    "tên trang (Excel) hoặc \"Bảng N\" (Word)": "sheet name (Excel) or \"Bảng N\" (Word table N)",
}

# Help texts used by several commands.
PERIOD = "2024, 2024-Q3, 2024-H1, 2024-07, 01/03/2024..31/05/2024"
JSON_FILE = "tệp JSON; bỏ trống hoặc - để đọc từ stdin"
ACTIVITY_ID = "mã của hoạt động (từ 8 ký tự đầu trở lên)"
BACKUP_NAME = "tên bản sao lưu (xem backup list) hoặc thư mục của nó, ví dụ trên USB"
HELP_EN.update(
    {
        ACTIVITY_ID: "the activity's id (its first 8 characters or more)",
        "tìm theo tên hoặc mã (không phân biệt dấu)": "search names or codes (accents ignored)",
        "mã của sự kiện, hội nghị (8 ký tự đầu trở lên)": "the event's id (its first 8 characters or more)",
        "tệp danh sách (.xlsx, .docx hoặc .csv)": "the list's file (.xlsx, .docx or .csv)",
        "tệp .xlsx sẽ ghi": "the .xlsx file to write",
        "tệp sổ theo dõi (.xlsx)": "the register's file (.xlsx)",
        "tên trang (Excel)": "sheet name (Excel)",
        "khó khăn, vướng mắc (văn bản)": "difficulties (text)",
        "đề xuất, kiến nghị (văn bản)": "proposals (text)",
        "loại báo cáo": "kind of report",
        "họ tên người ký": "the signer's full name",
        "nội dung, mỗi ý một dòng": "the text, one point a line",
        "xóa kinh phí đã phân bổ": "remove the allocated funding",
        "sản phẩm, sự kiện, đại biểu, lượt phát sóng hoặc kinh phí": "products, events, delegates, broadcasts or cost",
        "chỉ tiêu (một số)": "the target (a number)",
        "xóa chỉ tiêu đã ghi": "remove the recorded target",
        "bỏ đánh dấu mọi sự kiện của nhiệm vụ": "unmark every event of the task",
        "tệp đăng ký (.json) hoặc gói (.ttdn) của đơn vị": "the unit's enrolment file (.json) or one of its packages (.ttdn)",
        "các tệp gói (.ttdn) hoặc biên nhận": "package (.ttdn) or receipt files",
        "thư mục để ghi": "the folder to write to",
        "tệp gói cấu hình (.ttdn)": "the configuration package file (.ttdn)",
        "sao lưu và khôi phục": "back up and restore",
        "liệt kê các bản sao lưu (mới nhất trước)": "list the backups (newest first)",
        "sao lưu ngay (cơ sở dữ liệu và tệp đính kèm)": "back up now (database and attachments)",
        "kiểm tra rồi khôi phục một bản sao lưu": "check, then restore a backup",
        BACKUP_NAME: "the backup's name (see backup list) or its folder, on a USB stick for example",
        "xác nhận thay dữ liệu hiện tại": "confirm replacing the current data",
        "chép một bản sao lưu ra USB hoặc thư mục khác": "copy a backup to a USB stick or another folder",
        "ổ USB hoặc thư mục": "USB stick or folder",
        "số hoạt động mẫu": "how many sample activities",
        "hạt giống ngẫu nhiên (cùng số: cùng dữ liệu)": "random seed (the same seed makes the same data)",
    }
)

# The placeholders of values in help and errors (argparse writes the option's name in
# capitals otherwise: DATA_DIR, FILE): Vietnamese words by argument.
METAVARS_VI: dict[str, str] = {
    "data_dir": "THƯ_MỤC", "unit": "ĐƠN_VỊ", "officer": "HỌ_TÊN", "search": "TỪ_KHÓA", "on": "NGÀY", "period": "KỲ",
    "limit": "SỐ", "id": "MÃ", "file": "TỆP", "event_id": "MÃ_SỰ_KIỆN", "sheet": "TRANG", "out": "TỆP",
    "difficulties": "NỘI_DUNG", "proposals": "NỘI_DUNG", "signer_name": "HỌ_TÊN", "signer_title": "CHỨC_VỤ",
    "signer_authority": "THẨM_QUYỀN", "place": "ĐỊA_DANH", "subject": "TRÍCH_YẾU", "recipient": "NƠI_NHẬN",
    "text": "NỘI_DUNG", "task": "NHIỆM_VỤ", "amount": "SỐ_TIỀN", "value": "SỐ", "events": "MÃ_SỰ_KIỆN",
    "number": "SỐ", "date": "NGÀY", "enrolment_file": "TỆP", "to": "NƠI_GHI", "max_volume_mb": "MB",
    "paths": "TỆP", "for_unit": "ĐƠN_VỊ", "path": "TỆP", "name": "TÊN", "activities": "SỐ", "seed": "SỐ",
    "event": "MÃ_SỰ_KIỆN", "lang": "NGÔN_NGỮ", "screenshots": "THƯ_MỤC_ẢNH",
}


def name_arguments(parser: argparse.ArgumentParser) -> None:
    """In Vietnamese, give every value placeholder of ``parser`` and its commands a
    Vietnamese word (``--data-dir THƯ_MỤC``, ``TỆP``); English keeps argparse's."""
    if lang() == "en":
        return
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                name_arguments(sub)
        elif action.metavar is None and action.choices is None and action.nargs != 0 and action.dest in METAVARS_VI:
            action.metavar = METAVARS_VI[action.dest]


# argparse's own phrases in Vietnamese (Python has no translation of them).
ARGPARSE_VI: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in phiên bản của chương trình rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "the following arguments are required: %s": "còn thiếu các tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}


def lang() -> str:
    return "en" if os.environ.get("TTDN_LANG", "vi").lower().startswith("en") else "vi"


def say(key: str, **params: object) -> str:
    vi, en = SAY[key]
    return (en if lang() == "en" else vi).format(**params)


def help_text(text: str) -> str:
    """A Vietnamese help text, or its English with ``TTDN_LANG=en``."""
    return HELP_EN.get(text, text) if lang() == "en" else text


def _gettext(message: str) -> str:
    return ARGPARSE_VI.get(message, message) if lang() == "vi" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def speak_argparse() -> None:
    """Make argparse's own phrases follow the language (argparse looks them up, through
    gettext, each time it prints)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
