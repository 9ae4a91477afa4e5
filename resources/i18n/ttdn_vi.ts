<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>ActivitiesPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/activities_page.py" line="+81"/>
        <source>New</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import register…</source>
        <translation>Nhập sổ theo dõi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring in an activity register kept in Excel, Word or CSV (sổ theo dõi)</source>
        <translation>Nhập sổ theo dõi hoạt động đang lưu bằng Excel, Word hoặc CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the selected activity ({key})</source>
        <translation>Sửa hoạt động đang chọn ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search titles, places, descriptions…</source>
        <translation>Tìm theo tên, địa điểm, mô tả…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period (by start date)</source>
        <translation>Kỳ báo cáo (theo ngày bắt đầu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type of activity</source>
        <translation>Loại hoạt động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product type</source>
        <translation>Loại sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unit (with the units under it); type to search</source>
        <translation>Đơn vị (kể cả các đơn vị trực thuộc); gõ tên để tìm</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>New activity</source>
        <translation>Thêm hoạt động</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+169"/>
        <source>Duplicate with a new date</source>
        <translation>Nhân bản sang ngày mới</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Delete the selected activity</source>
        <translation>Xóa hoạt động đang chọn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All types</source>
        <translation>Tất cả loại hoạt động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>Tất cả trạng thái</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All product types</source>
        <translation>Tất cả loại sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All themes</source>
        <translation>Tất cả chủ đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All languages</source>
        <translation>Tất cả ngôn ngữ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All units</source>
        <translation>Tất cả đơn vị</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Quarter {quarter}/{year}</source>
        <translation>Quý {quarter}/{year}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month {month}/{year}</source>
        <translation>Tháng {month}/{year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year {year}</source>
        <translation>Năm {year}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Custom range…</source>
        <translation>Khoảng thời gian tùy chọn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All dates</source>
        <translation>Mọi thời gian</translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%Ln activities</source>
        <translation>
            <numerusform>%Ln hoạt động</numerusform>
        </translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saved: “{title}”.</source>
        <translation>Đã lưu: “{title}”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved. The current filters do not show this activity.</source>
        <translation>Đã lưu. Bộ lọc hiện tại không hiển thị hoạt động này.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} activities imported from the register.</source>
        <translation>Đã nhập {count} hoạt động từ sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete the activity “{title}”? It is removed here and, at the next sending, at the department too.</source>
        <translation>Xóa hoạt động “{title}”? Hoạt động sẽ bị xóa trên máy này và, ở lần gửi dữ liệu tiếp theo, cả ở Sở.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Delete activity</source>
        <translation>Xóa hoạt động</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <location filename="../../desktop_app/ui/activity_form.py" line="+117"/>
        <source>This activity has been deleted; it can be viewed, not changed.</source>
        <translation>Hoạt động này đã bị xóa; chỉ xem được, không sửa được.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This activity belongs to {unit}; only that unit can change it.</source>
        <translation>Hoạt động này thuộc {unit}; chỉ đơn vị đó mới được sửa.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>New activity</source>
        <translation>Thêm hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit activity</source>
        <translation>Sửa hoạt động</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Type of activity</source>
        <translation>Loại hoạt động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Tên/tiêu đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan task</source>
        <translation>Nhiệm vụ kế hoạch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product type</source>
        <translation>Loại sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event type</source>
        <translation>Loại sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product aired</source>
        <translation>Sản phẩm được phát sóng/đăng tải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length (minutes)</source>
        <translation>Thời lượng (phút)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times aired</source>
        <translation>Số lần phát</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached</source>
        <translation>Số người tiếp cận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost (VND)</source>
        <translation>Kinh phí (đồng)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save ({keys})</source>
        <translation>Lưu ({keys})</translation>
    </message>
    <message>
        <location line="+241"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Possibly a duplicate: “{title}” is already recorded on {date}.</source>
        <translation>Có thể bị trùng: “{title}” đã được ghi nhận ngày {date}.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>This form has unsaved contents from {time}. Restore them?</source>
        <translation>Biểu mẫu này còn nội dung chưa lưu từ {time}. Khôi phục lại không?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Discard the changes to this activity?</source>
        <translation>Bỏ các thay đổi của hoạt động này?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/activity_model.py" line="+81"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product type</source>
        <translation>Loại sản phẩm</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <location filename="../../desktop_app/ui/attachments_widget.py" line="+86"/>
        <source>Drag files here, or click “Add files…”.</source>
        <translation>Kéo thả tệp vào đây, hoặc bấm “Thêm tệp…”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Holds personal data (names, signatures): sent encrypted, only the department can open it</source>
        <translation>Có thông tin cá nhân (họ tên, chữ ký): gửi đi được mã hóa, chỉ Sở mở được</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add files…</source>
        <translation>Thêm tệp…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Attach files</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>personal data, encrypted</source>
        <translation>thông tin cá nhân, mã hóa</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No preview</source>
        <translation>Không có ảnh xem trước</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../desktop_app/ui/backup_dialog.py" line="+44"/>
        <source>Backup and restore</source>
        <translation>Sao lưu và khôi phục</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The program backs up the data by itself before every import, upgrade and restore, and once a day; it keeps the last 7 days, 4 weeks and 12 months. Copy a backup to a USB stick now and then, and keep the stick away from this computer.</source>
        <translation>Chương trình tự sao lưu dữ liệu trước mỗi lần nhận gói, nâng cấp và khôi phục, và mỗi ngày một lần; giữ lại 7 ngày, 4 tuần và 12 tháng gần nhất. Thỉnh thoảng hãy sao lưu ra USB và cất USB xa máy tính này.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activities</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up to USB</source>
        <translation>Sao lưu ra USB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore the selected backup…</source>
        <translation>Khôi phục bản đã chọn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup made: {name}</source>
        <translation>Đã sao lưu: {name}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the USB stick or folder for the backup</source>
        <translation>Chọn ổ USB hoặc thư mục để sao lưu</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copying the backup to {path}…</source>
        <translation>Đang chép bản sao lưu ra {path}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup copied and checked: {path}</source>
        <translation>Đã chép và kiểm tra bản sao lưu ra USB: {path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replace the current data with the backup of {when} ({count} activities)? The current data is kept as a backup first. The program closes afterwards; open it again.</source>
        <translation>Thay dữ liệu hiện tại bằng bản sao lưu lúc {when} ({count} hoạt động)? Dữ liệu hiện tại được giữ lại thành một bản sao lưu trước. Sau đó chương trình sẽ đóng; hãy mở lại.</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/conflicts_page.py" line="+30"/>
        <source>Activity</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participant</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difficulties and proposals</source>
        <translation>Khó khăn, đề xuất</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Ý kiến duyệt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <translation>Phát hiện lúc</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>Loại bản ghi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept version</source>
        <translation>Bản được giữ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept: unit, time</source>
        <translation>Bản được giữ: đơn vị, thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced version</source>
        <translation>Bản bị thay</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replaced: unit, time</source>
        <translation>Bản bị thay: đơn vị, thời gian</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark as seen</source>
        <translation>Đánh dấu đã xem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Two computers changed the same record before either sent it. Every installation keeps the same version; the other is listed here. If the replaced version was right, ask the unit to correct the record, then mark the conflict as seen.</source>
        <translation>Hai máy đã cùng sửa một bản ghi trước khi máy nào gửi đi. Mọi máy đều giữ cùng một bản; bản còn lại được liệt kê ở đây. Nếu bản bị thay mới là bản đúng, hãy đề nghị đơn vị sửa lại bản ghi, rồi đánh dấu xung đột là đã xem.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Conflicts to look at: {count}</source>
        <translation>Xung đột đồng bộ cần xem: {count}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No conflicts.</source>
        <translation>Không có xung đột đồng bộ.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(record removed)</source>
        <translation>(bản ghi đã bị xóa)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record {id}
Kept version {kept}
Replaced version {replaced}</source>
        <translation>Bản ghi {id}
Bản được giữ: phiên bản {kept}
Bản bị thay: phiên bản {replaced}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Marked as seen: {count}.</source>
        <translation>Đã đánh dấu đã xem: {count}.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../desktop_app/ui/dashboard.py" line="+296"/>
        <location line="+8"/>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Activities</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Products</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times aired</source>
        <translation>Số lần phát</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegates</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Used</source>
        <translation>Tỷ lệ sử dụng</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Progress against the plan</source>
        <translation>Tiến độ thực hiện kế hoạch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delegates against the plan&apos;s target</source>
        <translation>Số đại biểu so với chỉ tiêu kế hoạch</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Charts (as in the PDF report)</source>
        <translation>Biểu đồ (như trong báo cáo PDF)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Counting…</source>
        <translation>Đang tổng hợp số liệu…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{period}: {activities} activities · {products} products · {broadcasts} broadcasts and postings ({aired} times aired) · {events} events · {delegates} delegates · cost {cost} VND</source>
        <translation>{period}: {activities} hoạt động · {products} sản phẩm · {broadcasts} lượt phát sóng, đăng tải ({aired} lần phát) · {events} sự kiện · {delegates} đại biểu · kinh phí {cost} đồng</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not counted (shown apart): {drafts} drafts · {returned} returned for correction</source>
        <translation>Không tính (ghi riêng): {drafts} bản nháp · {returned} hoạt động bị trả lại để sửa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outside the plan&apos;s tasks</source>
        <translation>Ngoài các nhiệm vụ của kế hoạch</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+49"/>
        <source>not set</source>
        <translation>chưa nhập</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Outside the plan</source>
        <translation>Ngoài kế hoạch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>products</source>
        <translation>sản phẩm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>times aired</source>
        <translation>lần phát</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>events</source>
        <translation>sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delegates</source>
        <translation>đại biểu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cost (VND)</source>
        <translation>kinh phí (đồng)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{count} of {target} delegates</source>
        <translation>{count}/{target} đại biểu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>target {target} delegates: no event marked as task {code}</source>
        <translation>chỉ tiêu {target} đại biểu: chưa đánh dấu hội nghị thực hiện nhiệm vụ {code}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Other trainings (not counted towards the target): {events} events, {delegates} delegates</source>
        <translation>Các tập huấn khác (không tính vào chỉ tiêu): {events} sự kiện, {delegates} đại biểu</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{amount} VND</source>
        <translation>{amount} đồng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allocated: {allocated} · spent on the plan&apos;s tasks: {spent} VND</source>
        <translation>Kinh phí phân bổ: {allocated} · kinh phí đã sử dụng cho các nhiệm vụ của kế hoạch: {spent} đồng</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>No delegate target in the plan for this period.</source>
        <translation>Kế hoạch không có chỉ tiêu đại biểu trong kỳ này.</translation>
    </message>
    <message>
        <location line="-257"/>
        <source>Unexpected error: {detail}</source>
        <translation>Lỗi không lường trước: {detail}</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Allocated</source>
        <translation>Phân bổ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spent</source>
        <translation>Đã dùng</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Budget allocated and spent (VND)</source>
        <translation>Kinh phí phân bổ và đã sử dụng (đồng)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>men</source>
        <translation>nam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>women</source>
        <translation>nữ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other</source>
        <translation>khác</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>not given</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>By category</source>
        <translation>Theo thành phần</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By gender</source>
        <translation>Theo giới tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By ethnicity</source>
        <translation>Theo dân tộc</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Task {code}:</source>
        <translation>Nhiệm vụ {code}:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no budget set</source>
        <translation>chưa nhập kinh phí</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remaining: {amount} VND</source>
        <translation>Còn lại: {amount} đồng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Products by type</source>
        <translation>Sản phẩm theo loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities by theme</source>
        <translation>Hoạt động theo chủ đề tuyên truyền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities by language</source>
        <translation>Hoạt động theo ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities by kind</source>
        <translation>Hoạt động theo loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegates by gender</source>
        <translation>Đại biểu theo giới tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegates by ethnicity</source>
        <translation>Đại biểu theo dân tộc</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No activities in this period.</source>
        <translation>Không có hoạt động nào trong kỳ này.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../desktop_app/ui/widgets.py" line="+176"/>
        <source>Type the day as dd/mm/yyyy, e.g. 15/05/2024 or 15052024; F4 opens the calendar.</source>
        <translation>Gõ ngày theo ngày/tháng/năm, ví dụ 15/05/2024 hoặc 15052024; F4 mở lịch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose on the calendar (F4)</source>
        <translation>Chọn trên lịch (F4)</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>“{text}” is not a day. {hint}</source>
        <translation>“{text}” không phải là một ngày. {hint}</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <location filename="../../desktop_app/ui/event_form.py" line="+83"/>
        <source>Edit event</source>
        <translation>Sửa sự kiện</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New event</source>
        <translation>Sự kiện mới</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>until</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(not set)</source>
        <translation>(chưa chọn)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(none)</source>
        <translation>(không thuộc nhiệm vụ nào)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Title:</source>
        <translation>Tên sự kiện:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date:</source>
        <translation>Ngày:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place:</source>
        <translation>Địa điểm:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event type:</source>
        <translation>Loại sự kiện:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan task:</source>
        <translation>Nhiệm vụ kế hoạch:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost (VND):</source>
        <translation>Kinh phí (đồng):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>Mô tả:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Participant counts</source>
        <translation>Thống kê đại biểu</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Add row</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete row</source>
        <translation>Xóa dòng</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Participants</source>
        <translation>Danh sách đại biểu</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Event (another unit&apos;s, read only)</source>
        <translation>Sự kiện (của đơn vị khác, chỉ xem)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Participants ({count})</source>
        <translation>Danh sách đại biểu ({count})</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>… and {count} more</source>
        <translation>… và {count} mục khác</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/events_page.py" line="+69"/>
        <source>Search events…</source>
        <translation>Tìm kiếm sự kiện…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>New event</source>
        <translation>Thêm sự kiện</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import participants from a list (Excel, Word, CSV)…</source>
        <translation>Nhập danh sách đại biểu (Excel, Word, CSV)…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Delete the selected event</source>
        <translation>Xóa sự kiện đang chọn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Selected event</source>
        <translation>Sự kiện đang chọn</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>No event selected</source>
        <translation>Chưa chọn sự kiện nào</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Progress against the target of task {code}</source>
        <translation>Tiến độ so với chỉ tiêu của nhiệm vụ {code}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count}/{target} delegates</source>
        <translation>{count}/{target} đại biểu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the delegates of events linked to task {code} of the {year} plan (its training conference) count towards the target; other events&apos; delegates do not.</source>
        <translation>Chỉ tính đại biểu của các sự kiện gắn với nhiệm vụ {code} của kế hoạch năm {year} (hội nghị tập huấn); đại biểu của các sự kiện khác không tính vào chỉ tiêu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} delegates</source>
        <translation>{count} đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan sets no delegate target for task {code}.</source>
        <translation>Kế hoạch không đặt chỉ tiêu số đại biểu cho nhiệm vụ {code}.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Event saved.</source>
        <translation>Đã lưu sự kiện.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete event</source>
        <translation>Xóa sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the event “{title}” and its list of {count} participants?</source>
        <translation>Xóa sự kiện “{title}” cùng danh sách {count} đại biểu?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Event deleted: {title}</source>
        <translation>Đã xóa sự kiện: {title}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{count} participants imported.</source>
        <translation>Đã nhập {count} đại biểu.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../desktop_app/ui/import_preview_dialog.py" line="+65"/>
        <source>Import preview</source>
        <translation>Xem trước khi nhận</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Files:</source>
        <translation>Các tệp:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records: {totals}</source>
        <translation>Bản ghi: {totals}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import</source>
        <translation>Nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to import: every file was refused or has been imported before.</source>
        <translation>Không có gì để nhận: mọi tệp đều bị từ chối hoặc đã được nhận trước đây.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sender</source>
        <translation>Nơi gửi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Volume</source>
        <translation>Tập</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This configuration package comes from a province this computer has not seen before. Phone the province and compare its key fingerprint with the one below, group by group:</source>
        <translation>Gói cấu hình này đến từ một Sở mà máy này chưa từng nhận. Hãy gọi điện cho Sở và đối chiếu mã nhận diện dưới đây, lần lượt từng nhóm số:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>I compared the fingerprint with the province by phone and it matches (its contents are applied on import)</source>
        <translation>Tôi đã gọi điện đối chiếu mã nhận diện với Sở và mã khớp (nội dung gói được áp dụng khi nhận)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="+99"/>
        <source>External information work – {unit}</source>
        <translation>Thông tin đối ngoại – {unit}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Provincial department (aggregator)</source>
        <translation>Sở tổng hợp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role: {role}</source>
        <translation>Vai trò: {role}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Officer: {name}</source>
        <translation>Cán bộ phụ trách: {name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Activities</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events and participants</source>
        <translation>Sự kiện và đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send and receive</source>
        <translation>Gửi và nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review queue</source>
        <translation>Duyệt hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviews from the province</source>
        <translation>Ý kiến duyệt của Sở</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units overview</source>
        <translation>Tình hình các đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync conflicts</source>
        <translation>Xung đột đồng bộ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports and progress</source>
        <translation>Báo cáo và tiến độ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan and catalogs</source>
        <translation>Kế hoạch và danh mục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Close this notice</source>
        <translation>Đóng thông báo này</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Last package received: {when}</source>
        <translation>Gói nhận gần nhất: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No package received yet</source>
        <translation>Chưa nhận gói nào</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync conflicts to look at: {n}</source>
        <translation>Xung đột đồng bộ cần xem: {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last package sent: {when}</source>
        <translation>Gói gửi gần nhất: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No package sent yet</source>
        <translation>Chưa gửi gói nào</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirmed by the province up to {when}</source>
        <translation>Sở đã xác nhận đến {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet confirmed by the province</source>
        <translation>Sở chưa xác nhận</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Data folder: {path}</source>
        <translation>Thư mục dữ liệu: {path}</translation>
    </message>
</context>
<context>
    <name>PackageHistoryModel</name>
    <message>
        <location filename="../../desktop_app/ui/package_history_model.py" line="+46"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume</source>
        <translation>Tập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Nhận</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All units</source>
        <translation>Tất cả đơn vị</translation>
    </message>
</context>
<context>
    <name>ParticipantCountsView</name>
    <message>
        <location filename="../../desktop_app/ui/participants_model.py" line="+331"/>
        <source>Delegates:</source>
        <translation>Số đại biểu:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender:</source>
        <translation>Giới tính:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicity:</source>
        <translation>Dân tộc:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Groups:</source>
        <translation>Thành phần:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not given</source>
        <translation>chưa ghi</translation>
    </message>
</context>
<context>
    <name>ParticipantImportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/participant_import_dialog.py" line="+99"/>
        <source>Import participants from a list</source>
        <translation>Nhập danh sách đại biểu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No file chosen</source>
        <translation>Chưa chọn tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download list template</source>
        <translation>Tải mẫu danh sách</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sheet:</source>
        <translation>Trang tính:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Table in the sheet</source>
        <translation>Bảng trong trang tính</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read again with these rows</source>
        <translation>Đọc lại theo các dòng này</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convert text typed in TCVN3/VNI to Unicode</source>
        <translation>Chuyển chữ gõ bằng TCVN3/VNI sang Unicode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Header rows:</source>
        <translation>Dòng tiêu đề:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last data row:</source>
        <translation>Dòng dữ liệu cuối:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Match the columns</source>
        <translation>Ghép cột</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>People in the file (double-click a cell to correct it; uncheck a row to leave it out)</source>
        <translation>Đại biểu trong tệp (nhấp đúp vào ô để sửa; bỏ dấu chọn để không nhập dòng đó)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The event already has participants</source>
        <translation>Sự kiện đã có danh sách đại biểu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add only people not yet on the list (safe)</source>
        <translation>Chỉ thêm người chưa có trong danh sách (an toàn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the list with this file</source>
        <translation>Thay cả danh sách bằng tệp này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add everyone in the file</source>
        <translation>Thêm tất cả người trong tệp</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>This event already lists {count} people; {already} of the people in this file are among them. What should the import do?</source>
        <translation>Sự kiện đã có {count} đại biểu; {already} người trong tệp này đã có trong số đó. Chương trình nên làm gì?</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Sheet “{sheet}”: header in rows {first}–{last}; people in rows {range}.</source>
        <translation>Trang “{sheet}”: tiêu đề ở dòng {first}–{last}; đại biểu ở dòng {range}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped at row {row}: “{text}”.</source>
        <translation>Dừng ở dòng {row}: “{text}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} group rows give the workplace of the rows under them.</source>
        <translation>{count} dòng nhóm cho biết đơn vị của các dòng bên dưới.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gender from the column holding the birth year</source>
        <translation>giới tính theo cột ghi năm sinh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gender from x marks</source>
        <translation>giới tính theo dấu x</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>position and workplace split from one column</source>
        <translation>tách chức vụ và đơn vị từ một cột</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recognised: {list}.</source>
        <translation>Đã nhận ra: {list}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text looks typed in {encoding}: tick the box to convert it.</source>
        <translation>Chữ trong tệp có vẻ gõ bằng bảng mã {encoding}: hãy đánh dấu ô chuyển mã.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} people to import, {problems} with problems (shaded; the reasons are in the “Problems” column).</source>
        <translation>{count} người sẽ được nhập, {problems} dòng có vấn đề (tô màu; lý do ở cột “Vấn đề”).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Added {added} participants; {same} already listed or repeated, {rejected} not imported, {excluded} left out.</source>
        <translation>Đã thêm {added} đại biểu; {same} người đã có hoặc bị lặp, {rejected} dòng không nhập được, {excluded} dòng bỏ ra.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} people of the old list were taken off.</source>
        <translation>Đã bỏ {count} người của danh sách cũ.</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Birth year, men</source>
        <translation>Năm sinh (nam)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birth year, women</source>
        <translation>Năm sinh (nữ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark “Male”</source>
        <translation>Đánh dấu “Nam”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark “Female”</source>
        <translation>Đánh dấu “Nữ”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position, workplace</source>
        <translation>Chức vụ, đơn vị công tác</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the participant list</source>
        <translation>Chọn danh sách đại biểu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the list template</source>
        <translation>Lưu mẫu danh sách</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Template saved: {path}. Fill it in and choose it here.</source>
        <translation>Đã lưu mẫu: {path}. Hãy điền danh sách rồi chọn tệp đó tại đây.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Choose the list of participants: Excel (.xlsx), Word (.docx) or CSV.</source>
        <translation>Hãy chọn danh sách đại biểu: Excel (.xlsx), Word (.docx) hoặc CSV.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(not used)</source>
        <translation>(không dùng)</translation>
    </message>
</context>
<context>
    <name>ParticipantPreviewModel</name>
    <message>
        <location filename="../../desktop_app/ui/participant_preview_model.py" line="+32"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Gender from the column holding the birth year</source>
        <translation>Giới tính theo cột ghi năm sinh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender from the x mark</source>
        <translation>Giới tính theo dấu x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender from Ông/Bà before the name</source>
        <translation>Giới tính theo chữ Ông/Bà trước tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the gender column</source>
        <translation>Theo cột giới tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split from the column “Position, workplace”</source>
        <translation>Tách từ cột “Chức vụ, đơn vị công tác”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the group row above</source>
        <translation>Theo dòng nhóm phía trên</translation>
    </message>
</context>
<context>
    <name>ParticipantTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/participants_model.py" line="-301"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birth year</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workplace</source>
        <translation>Đơn vị công tác</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit code</source>
        <translation>Mã đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegate group</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone number</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/participant_preview_model.py" line="-119"/>
        <location filename="../../desktop_app/ui/participants_model.py" line="+7"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../desktop_app/ui/participants_model.py" line="+1"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/participants_model.py" line="+1"/>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <location filename="../../desktop_app/ui/dashboard.py" line="-292"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Six months</source>
        <translation>Sáu tháng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Custom range</source>
        <translation>Khoảng thời gian tùy chọn</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From:</source>
        <translation>Từ ngày:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To:</source>
        <translation>Đến ngày:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>First six months</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last six months</source>
        <translation>6 tháng cuối năm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarter {number}</source>
        <translation>Quý {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month {number}</source>
        <translation>Tháng {number}</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../desktop_app/ui/pages/plan_page.py" line="+175"/>
        <source>For the reports (sent to the units in the configuration package)</source>
        <translation>Dùng cho báo cáo (gửi các đơn vị trong gói cấu hình)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>VND, e.g. 300.000.000</source>
        <translation>đồng, ví dụ 300.000.000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the allocation</source>
        <translation>Lưu kinh phí phân bổ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No event in the plan&apos;s period</source>
        <translation>Không có sự kiện nào trong thời gian của Kế hoạch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as carrying out the task</source>
        <translation>Đánh dấu là hội nghị thực hiện nhiệm vụ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the mark</source>
        <translation>Bỏ đánh dấu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Task:</source>
        <translation>Nhiệm vụ:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Allocation:</source>
        <translation>Kinh phí phân bổ:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Event:</source>
        <translation>Sự kiện:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The whole task</source>
        <translation>Toàn nhiệm vụ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Carried out by: {events}</source>
        <translation>Hội nghị thực hiện nhiệm vụ: {events}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No event marked for this task.</source>
        <translation>Chưa đánh dấu sự kiện thực hiện nhiệm vụ này.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+11"/>
        <source>Saved. Send the configuration package so the units receive it.</source>
        <translation>Đã lưu. Hãy gửi gói cấu hình để các đơn vị nhận được.</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location line="-160"/>
        <source>Product types</source>
        <translation>Loại sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participant categories</source>
        <translation>Thành phần đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event types</source>
        <translation>Loại sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicities</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Legal basis:</source>
        <translation>Căn cứ:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+27"/>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+53"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Lead</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partners</source>
        <translation>Phối hợp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Budget (VND)</source>
        <translation>Kinh phí (đồng)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Products</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not set</source>
        <translation>chưa nhập</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>products</source>
        <translation>sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broadcasts</source>
        <translation>lượt phát sóng, đăng tải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events</source>
        <translation>sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delegates</source>
        <translation>đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cost (VND)</source>
        <translation>kinh phí (đồng)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Funding: {text}</source>
        <translation>Kinh phí: {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan {year}</source>
        <translation>Kế hoạch {year}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <location filename="../../desktop_app/ui/workers.py" line="+262"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancelling…</source>
        <translation>Đang hủy…</translation>
    </message>
</context>
<context>
    <name>RegisterImportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/register_import_dialog.py" line="+61"/>
        <source>Import an activity register</source>
        <translation>Nhập sổ theo dõi hoạt động</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Tên tin, bài</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes</source>
        <translation>Thời lượng (phút)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times aired</source>
        <translation>Số lần phát</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Themes</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check again</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the activity register</source>
        <translation>Chọn sổ theo dõi hoạt động</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Sheet “{sheet}”: header in rows {first}–{last}; items in rows {range}.</source>
        <translation>Trang “{sheet}”: tiêu đề ở dòng {first}–{last}; các mục ở dòng {range}.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>to add</source>
        <translation>sẽ thêm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>already recorded</source>
        <translation>đã có</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>repeated in the file</source>
        <translation>lặp lại trong tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be imported</source>
        <translation>không nhập được</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>left out</source>
        <translation>bỏ ra</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{added} to add, {same} already recorded or repeated, {rejected} cannot be imported.</source>
        <translation>{added} mục sẽ thêm, {same} đã có hoặc lặp lại, {rejected} không nhập được.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Added {count} activities.</source>
        <translation>Đã thêm {count} hoạt động.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/reports_page.py" line="+69"/>
        <source>All units</source>
        <translation>Tất cả đơn vị</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roll up old units into their 2025 successors</source>
        <translation>Gộp đơn vị cũ vào đơn vị kế thừa (2025)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include participants&apos; names in the Excel workbook (personal data)</source>
        <translation>Đưa họ tên đại biểu vào bảng số liệu Excel (dữ liệu cá nhân)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only where the names may be shared; otherwise the workbook has counts only.</source>
        <translation>Chỉ chọn khi được phép chia sẻ họ tên; nếu không, bảng số liệu chỉ có số lượng.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No event in this period</source>
        <translation>Không có sự kiện nào trong kỳ này</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the file</source>
        <translation>Mở tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Produce</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Periodic report (PDF)</source>
        <translation>Báo cáo định kỳ (PDF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periodic report (Word)</source>
        <translation>Báo cáo định kỳ (Word)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook</source>
        <translation>Bảng số liệu Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ministry bundle (zip)</source>
        <translation>Gói sản phẩm số hóa (zip)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event:</source>
        <translation>Sự kiện:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attendance sheet</source>
        <translation>Danh sách đại biểu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each document is produced from the records: nothing is typed twice. You choose where to save it.</source>
        <translation>Mỗi văn bản được lập từ số liệu đã ghi nhận, không phải nhập lại. Bạn chọn nơi lưu tệp.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Before the periodic report is signed:</source>
        <translation>Cần bổ sung trước khi trình ký báo cáo định kỳ:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word documents (*.docx)</source>
        <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip archives (*.zip)</source>
        <translation>Tệp nén zip (*.zip)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the report as</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose an event first.</source>
        <translation>Hãy chọn một sự kiện trước.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Producing {name}…</source>
        <translation>Đang lập {name}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Producing the report…</source>
        <translation>Đang lập báo cáo…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved: {path}</source>
        <translation>Đã lưu: {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>It could not be opened automatically: it is in {folder}.</source>
        <translation>Không mở tự động được; tệp nằm trong thư mục {folder}.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/review_page.py" line="+60"/>
        <source>Accepted</source>
        <translation>Đã chấp nhận</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returned for correction</source>
        <translation>Đã trả lại để sửa</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>All units</source>
        <translation>Tất cả đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show reviewed activities too</source>
        <translation>Hiện cả hoạt động đã duyệt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search titles, places, descriptions…</source>
        <translation>Tìm theo tên, địa điểm, mô tả…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+36"/>
        <location line="+105"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="-141"/>
        <location line="+142"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="-142"/>
        <location line="+143"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What should the unit correct? (required to return)</source>
        <translation>Đơn vị cần sửa gì? (bắt buộc khi trả lại)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept</source>
        <translation>Chấp nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return for correction</source>
        <translation>Trả lại để sửa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your decision is stored here and goes to the unit with its next receipt (Send and receive → Receipts…).</source>
        <translation>Ý kiến duyệt được lưu tại máy này và gửi đến đơn vị cùng biên nhận tiếp theo (Gửi và nhận → Biên nhận…).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Comment:</source>
        <translation>Ý kiến:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reviewed on</source>
        <translation>Ngày duyệt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activity</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Kết quả duyệt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since the review</source>
        <translation>Sau khi duyệt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reviews from the province arrive with its receipts. Correct an activity returned to you, then send a package again.</source>
        <translation>Ý kiến duyệt của Sở đến cùng biên nhận. Hãy sửa hoạt động bị trả lại, rồi gửi gói dữ liệu lại.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>To review: {count}</source>
        <translation>Chờ duyệt: {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First {count} shown: choose a unit</source>
        <translation>Đang hiện {count} hoạt động đầu tiên: hãy chọn đơn vị</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reviews: {count}</source>
        <translation>Ý kiến duyệt: {count}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Corrected after return</source>
        <translation>Đã sửa sau khi trả lại</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changed</source>
        <translation>Đã sửa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not corrected yet</source>
        <translation>Chưa sửa</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nothing selected.</source>
        <translation>Chưa chọn hoạt động nào.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Plan task</source>
        <translation>Nhiệm vụ kế hoạch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product type</source>
        <translation>Loại sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes</source>
        <translation>Thời lượng (phút)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times aired</source>
        <translation>Số lần phát</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audience</source>
        <translation>Số người tiếp cận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost (VND)</source>
        <translation>Kinh phí (đồng)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Số đại biểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded by</source>
        <translation>Người nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the activity has changed since</source>
        <translation>hoạt động đã được sửa sau đó</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the activity is unchanged since</source>
        <translation>hoạt động chưa được sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review of {date}: {decision} ({state})</source>
        <translation>Ý kiến duyệt ngày {date}: {decision} ({state})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reviewer: {name}</source>
        <translation>Người duyệt: {name}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Write what the unit should correct before returning the activity.</source>
        <translation>Hãy ghi rõ đơn vị cần sửa gì trước khi trả lại hoạt động.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Accepted.</source>
        <translation>Đã chấp nhận.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returned for correction.</source>
        <translation>Đã trả lại để sửa.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The unit sees it after its next receipt.</source>
        <translation>Đơn vị sẽ thấy ý kiến này sau khi nhận biên nhận tiếp theo.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/settings_page.py" line="+36"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open data folder</source>
        <translation>Mở thư mục dữ liệu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup and restore…</source>
        <translation>Sao lưu và khôi phục…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the log folder</source>
        <translation>Mở thư mục nhật ký</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Officer using this computer:</source>
        <translation>Cán bộ sử dụng máy:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language (after restart):</source>
        <translation>Ngôn ngữ (sau khi mở lại chương trình):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key fingerprint:</source>
        <translation>Mã nhận diện:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Thư mục dữ liệu:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups and support:</source>
        <translation>Sao lưu và hỗ trợ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version:</source>
        <translation>Phiên bản:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>program {version}, database schema {schema}</source>
        <translation>chương trình {version}, lược đồ dữ liệu {schema}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The language changes the next time the program starts.</source>
        <translation>Ngôn ngữ sẽ đổi khi mở lại chương trình.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../desktop_app/ui/setup_dialog.py" line="+49"/>
        <source>Set up this computer</source>
        <translation>Thiết lập máy này</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer is not set up yet. Choose who uses it: the role and the unit.</source>
        <translation>Máy này chưa được thiết lập. Hãy chọn vai trò và đơn vị sử dụng máy.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provincial department (aggregator)</source>
        <translation>Sở tổng hợp</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type to filter units…</source>
        <translation>Gõ để lọc đơn vị…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Full name (optional)</source>
        <translation>Họ và tên (không bắt buộc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the province&apos;s configuration package…</source>
        <translation>Dùng gói cấu hình của Sở…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The province&apos;s package brings its plan, catalogs, units and keys; then choose your unit.</source>
        <translation>Gói của Sở mang kế hoạch, danh mục, đơn vị và khóa của Sở; sau đó chọn đơn vị của mình.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Role:</source>
        <translation>Vai trò:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer:</source>
        <translation>Cán bộ phụ trách:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name} ({start} – {end})</source>
        <translation>{name} ({start} – {end})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} (until {end})</source>
        <translation>{name} (đến {end})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} (from {start})</source>
        <translation>{name} (từ {start})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a unit from the list.</source>
        <translation>Hãy chọn một đơn vị trong danh sách.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This computer is set up.

Its key fingerprint is:
{fingerprint}

Read it to the province on the phone when it registers this computer.</source>
        <translation>Đã thiết lập máy.

Mã nhận diện của máy:
{fingerprint}

Hãy đọc mã này cho Sở qua điện thoại khi Sở đăng ký máy.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TTĐN packages (*.ttdn)</source>
        <translation>Gói TTĐN (*.ttdn)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This file is not the province&apos;s configuration package.</source>
        <translation>Tệp này không phải gói cấu hình của Sở.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Configuration received from {sender}. Now choose your unit.</source>
        <translation>Đã nhận cấu hình từ {sender}. Bây giờ hãy chọn đơn vị của mình.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The package comes from {sender}.

Key fingerprint:
{fingerprint}

Does it match the fingerprint the province read to you on the phone?</source>
        <translation>Gói đến từ {sender}.

Mã nhận diện:
{fingerprint}

Mã này có khớp với mã Sở đã đọc cho bạn qua điện thoại không?</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/sync_page.py" line="+172"/>
        <source>Packages sent and received</source>
        <translation>Lịch sử gửi nhận</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Send to the province</source>
        <translation>Gửi gói về Sở</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send everything again (full resend)</source>
        <translation>Gửi lại toàn bộ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants as counts only (no names or phone numbers)</source>
        <translation>Chỉ gửi số lượng đại biểu (không gửi họ tên, số điện thoại)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No USB drive: choose a folder</source>
        <translation>Không thấy ổ USB: chọn thư mục</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Look for USB drives again</source>
        <translation>Tìm lại ổ USB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose folder…</source>
        <translation>Chọn thư mục…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Largest file (for e-mail):</source>
        <translation>Mỗi tệp tối đa (để gửi thư):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to:</source>
        <translation>Lưu vào:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export package</source>
        <translation>Xuất gói</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy again</source>
        <translation>Chép lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the last package to the destination again (another USB drive, say)</source>
        <translation>Chép gói vừa xuất vào nơi lưu một lần nữa (ví dụ sang một ổ USB khác)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepare e-mail</source>
        <translation>Chuẩn bị thư điện tử</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Receive packages</source>
        <translation>Nhận gói</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop .ttdn package files here</source>
        <translation>Kéo thả tệp gói .ttdn vào đây</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose files…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several files and volumes at once, in any order. You see a preview before anything is imported.</source>
        <translation>Có thể nhận nhiều tệp, nhiều tập cùng lúc, theo thứ tự bất kỳ. Chương trình cho xem trước rồi mới nhận.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enrolment file</source>
        <translation>Tệp đăng ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The province registers this computer from its enrolment file. Read this fingerprint to the province on the phone:</source>
        <translation>Sở đăng ký máy này từ tệp đăng ký. Hãy đọc mã nhận diện này cho Sở qua điện thoại:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save enrolment file…</source>
        <translation>Lưu tệp đăng ký…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Units&apos; computers</source>
        <translation>Máy của các đơn vị</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No unit registered yet</source>
        <translation>Chưa đăng ký đơn vị nào</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts…</source>
        <translation>Biên nhận…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a unit…</source>
        <translation>Đăng ký đơn vị…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke…</source>
        <translation>Thu hồi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After importing a unit&apos;s packages, send it a receipt: it confirms what arrived and carries your reviews.</source>
        <translation>Sau khi nhận gói của đơn vị, hãy gửi lại biên nhận: biên nhận xác nhận những gì đã đến và mang theo ý kiến duyệt của Sở.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Configuration package</source>
        <translation>Gói cấu hình</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The plan, catalogs, units and keys, for every unit; make it again after changing them. Units compare this computer&apos;s fingerprint by phone when they first import it:</source>
        <translation>Kế hoạch, danh mục, đơn vị và khóa, dùng cho mọi đơn vị; hãy lập lại sau mỗi lần thay đổi. Khi nhận lần đầu, đơn vị gọi điện đối chiếu mã nhận diện của máy này:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Make configuration package…</source>
        <translation>Lập gói cấu hình…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{unit} ({code}) – computer …{tail}</source>
        <translation>{unit} ({code}) – máy …{tail}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last package sent: {when}</source>
        <translation>Gửi gói gần nhất: {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmed by the province up to: {when}</source>
        <translation>Sở đã xác nhận đến: {when}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last package received: {when}</source>
        <translation>Nhận gói gần nhất: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflicting versions: {count}</source>
        <translation>phiên bản xung đột: {count}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>USB drive {label} ({path}) – {free} free</source>
        <translation>Ổ USB {label} ({path}) – còn trống {free}</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Unexpected error: {detail}</source>
        <translation>Lỗi ngoài dự kiến: {detail}</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+54"/>
        <location line="+135"/>
        <source>Send and receive</source>
        <translation>Gửi và nhận</translation>
    </message>
    <message>
        <location filename="../../desktop_app/app.py" line="+354"/>
        <location filename="../../desktop_app/ui/pages/sync_page.py" line="-176"/>
        <source>Choose where to save the package</source>
        <translation>Chọn nơi lưu gói</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/sync_page.py" line="+22"/>
        <source>Exporting the package…</source>
        <translation>Đang xuất gói…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The province&apos;s key is not known yet, so participants&apos; names and phone numbers cannot be encrypted. Import the province&apos;s configuration package first, or send participants as counts only.

Send counts only now?</source>
        <translation>Chưa có khóa của Sở nên không thể mã hóa họ tên, số điện thoại đại biểu. Hãy nhận gói cấu hình của Sở trước, hoặc chỉ gửi số lượng đại biểu.

Chỉ gửi số lượng ngay bây giờ?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Copying the package…</source>
        <translation>Đang chép gói…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The package is kept in the data folder ({folder}): choose another destination and press “Copy again”.</source>
        <translation>Gói vẫn được giữ trong thư mục dữ liệu ({folder}): hãy chọn nơi lưu khác rồi bấm “Chép lại”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done: package no. {sequence} was copied to {folder} and checked.</source>
        <translation>Xong: gói số {sequence} đã được chép vào {folder} và kiểm tra lại.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Preparing e-mail…</source>
        <translation>Đang chuẩn bị thư điện tử…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>E-mail drafts are ready, one per file: add the province&apos;s address and send them.</source>
        <translation>Đã soạn sẵn thư điện tử, mỗi tệp một thư: hãy điền địa chỉ thư của Sở rồi gửi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They could not be opened automatically; open them from {folder}.</source>
        <translation>Không tự mở được thư; hãy mở các thư trong thư mục {folder}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save enrolment file</source>
        <translation>Lưu tệp đăng ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enrolment files (*.json)</source>
        <translation>Tệp đăng ký (*.json)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrolment file saved: {path}. Send it to the province and read the fingerprint to them on the phone.</source>
        <translation>Đã lưu tệp đăng ký: {path}. Hãy gửi tệp cho Sở và đọc mã nhận diện cho Sở qua điện thoại.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose package files</source>
        <translation>Chọn tệp gói</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TTĐN packages (*.ttdn)</source>
        <translation>Gói TTĐN (*.ttdn)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the packages…</source>
        <translation>Đang kiểm tra gói…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing…</source>
        <translation>Đang nhận…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported {count} of {total} files.</source>
        <translation>Đã nhận {count}/{total} tệp.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records: {totals}</source>
        <translation>Bản ghi: {totals}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now make a receipt for the unit (Receipts…) and send it back.</source>
        <translation>Bây giờ hãy lập biên nhận cho đơn vị (Biên nhận…) và gửi lại.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a unit&apos;s computer first (register it if the list is empty).</source>
        <translation>Hãy chọn máy của đơn vị trước (nếu danh sách trống, hãy đăng ký đơn vị).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose where to save the receipt</source>
        <translation>Chọn nơi lưu biên nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Making the receipt…</source>
        <translation>Đang lập biên nhận…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose where to save the configuration package</source>
        <translation>Chọn nơi lưu gói cấu hình</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Making the configuration package…</source>
        <translation>Đang lập gói cấu hình…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved in {folder}:</source>
        <translation>Đã lưu vào {folder}:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the unit&apos;s enrolment file or package</source>
        <translation>Chọn tệp đăng ký hoặc một gói của đơn vị</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enrolment file or package (*.json *.ttdn)</source>
        <translation>Tệp đăng ký hoặc gói (*.json *.ttdn)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Register {unit} ({code})?&lt;br&gt;&lt;br&gt;Phone the unit and have them read their fingerprint; register only if every group matches:&lt;br&gt;&lt;br&gt;{fingerprint}</source>
        <translation>Đăng ký {unit} ({code})?&lt;br&gt;&lt;br&gt;Hãy gọi điện cho đơn vị và đề nghị đọc mã nhận diện; chỉ đăng ký khi mọi nhóm số đều khớp:&lt;br&gt;&lt;br&gt;{fingerprint}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Register a unit</source>
        <translation>Đăng ký đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registering…</source>
        <translation>Đang đăng ký…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{unit} is registered: its packages will be accepted.</source>
        <translation>Đã đăng ký {unit}: gói của đơn vị này sẽ được nhận.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoke the keys of {computer}? Its packages will be refused from now on (a lost or replaced computer). Send the configuration package again so relays know.</source>
        <translation>Thu hồi khóa của {computer}? Từ nay gói của máy này sẽ bị từ chối (máy bị mất hoặc đã thay). Hãy gửi lại gói cấu hình để các trung tâm chuyển tiếp cũng biết.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoking…</source>
        <translation>Đang thu hồi…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked: {count} computer(s).</source>
        <translation>Đã thu hồi: {count} máy.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../desktop_app/ui/widgets.py" line="+486"/>
        <source>Everything recorded here is confirmed by the province</source>
        <translation>Sở đã xác nhận đủ mọi bản ghi của máy này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} records not yet confirmed by the province – they go in the next package</source>
        <translation>{count} bản ghi chưa được Sở xác nhận – sẽ gửi trong gói sau</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location filename="../../desktop_app/ui/pages/units_page.py" line="+47"/>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Computers</source>
        <translation>Số máy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last package received</source>
        <translation>Gói nhận gần nhất</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Missing packages</source>
        <translation>Thiếu gói</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heard from</source>
        <translation>Nhận dữ liệu gần nhất</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activities</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Awaiting review</source>
        <translation>Chờ duyệt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returned</source>
        <translation>Trả lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported</source>
        <translation>Đã báo cáo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reported: activities dated in the period, or an explicit “nothing to report”. On time: the first of them arrived here within {days} days after the period ended. Silent: no package with the unit&apos;s records for longer than the chosen number of days (relayed packages count).</source>
        <translation>Đã báo cáo: có hoạt động trong kỳ, hoặc đã báo “không có gì để báo cáo”. Đúng hạn: số liệu đầu tiên của kỳ đến Sở chậm nhất {days} ngày sau khi kết thúc kỳ. Im lặng: không nhận được gói nào có số liệu của đơn vị quá số ngày đã chọn (kể cả gói chuyển qua trung tâm huyện).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Period:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silent for more than</source>
        <translation>Im lặng quá</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{reported} of {total} units have reported for {period}; {late} late; {silent} silent; {gaps} with missing packages.</source>
        <translation>{reported}/{total} đơn vị đã báo cáo kỳ {period}; {late} đơn vị trễ hạn; {silent} đơn vị im lặng; {gaps} đơn vị thiếu gói.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{time} (no. {number})</source>
        <translation>{time} (số {number})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Computer …{computer}: packages {numbers} have not arrived</source>
        <translation>Máy …{computer}: chưa nhận được gói số {numbers}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silent: nothing received for more than {days} days</source>
        <translation>Im lặng: không nhận được gì quá {days} ngày</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this installation</source>
        <translation>máy này</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{date} ({days} days ago)</source>
        <translation>{date} ({days} ngày trước)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes: nothing to report</source>
        <translation>Có: không có gì để báo cáo</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>No</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not due yet (by {date})</source>
        <translation>chưa đến hạn (hạn {date})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Late</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overdue</source>
        <translation>Quá hạn, chưa báo cáo</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop_app/app.py" line="-204"/>
        <location line="+60"/>
        <source>Cannot open the data folder {path}: {detail}</source>
        <translation>Không mở được thư mục dữ liệu {path}: {detail}. Hãy kiểm tra quyền ghi hoặc chọn thư mục khác (--data-dir).</translation>
    </message>
</context>
<context>
    <name>support</name>
    <message>
        <location filename="../../desktop_app/ui/support.py" line="+32"/>
        <source>The program met an unexpected error.</source>
        <translation>Chương trình gặp lỗi không mong đợi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data saved before is not affected. The details are in the log file {path}; send it to whoever supports the program.</source>
        <translation>Dữ liệu đã ghi trước đó không bị ảnh hưởng. Chi tiết lỗi nằm trong tệp nhật ký {path}; hãy gửi tệp này cho người hỗ trợ chương trình.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the log folder</source>
        <translation>Mở thư mục nhật ký</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Restore the backup of {when} now?</source>
        <translation>Khôi phục bản sao lưu lúc {when} ngay bây giờ?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The backup of {when} was restored; the data as it was is kept as a backup. This computer now has new keys: send the enrolment file to the department so that it registers this computer again.</source>
        <translation>Đã khôi phục bản sao lưu lúc {when}; dữ liệu trước đó được giữ thành một bản sao lưu. Máy này đã có khóa mới: hãy gửi tệp đăng ký cho Sở để Sở đăng ký lại máy.</translation>
    </message>
</context>
</TS>
