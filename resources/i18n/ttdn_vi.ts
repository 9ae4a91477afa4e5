<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>ActivityTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/activity_model.py" line="+44"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broadcast/posting</source>
        <translation>Phát sóng/đăng tải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned</source>
        <translation>Trả lại</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="+40"/>
        <source>External information work – {unit}</source>
        <translation>Thông tin đối ngoại – {unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provincial department (aggregator)</source>
        <translation>Sở tổng hợp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role: {role}</source>
        <translation>Vai trò: {role}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Officer: {name}</source>
        <translation>Cán bộ phụ trách: {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search activities…</source>
        <translation>Tìm kiếm hoạt động…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Data folder: {path}</source>
        <translation>Thư mục dữ liệu: {path}</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%Ln activities</source>
        <translation>
            <numerusform>%Ln hoạt động</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../desktop_app/ui/setup_dialog.py" line="+41"/>
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
        <location line="+3"/>
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
        <location line="+30"/>
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
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop_app/app.py" line="+104"/>
        <source>Cannot open the data folder {path}: {detail}</source>
        <translation>Không mở được thư mục dữ liệu {path}: {detail}. Hãy kiểm tra quyền ghi hoặc chọn thư mục khác (--data-dir).</translation>
    </message>
</context>
</TS>
