; Inno Setup 6 script: the TTĐN installer for Windows (64-bit).
;   ISCC.exe /DAppVersion=0.1.0 packaging\ttdn.iss   (after packaging\build-windows.ps1 built dist\TTDN)
;
; The program goes to Program Files; the data stays in the user's folder,
; %LOCALAPPDATA%\TTDN (the program creates it on first start). Uninstalling removes only
; what was installed here and never touches the data folder or its backups.
; Saved as UTF-8 with a byte-order mark so that the Vietnamese names come out right.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0B7C1A-3F64-4C57-9A0B-5D2E8C4F7A11}
AppName=TTĐN – Thông tin đối ngoại
AppVersion={#AppVersion}
AppPublisher=Sở Thông tin và Truyền thông tỉnh Sóc Trăng
DefaultDirName={autopf}\TTDN
DefaultGroupName=TTĐN – Thông tin đối ngoại
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=TTDN-cai-dat-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=TTĐN – Thông tin đối ngoại
UninstallDisplayIcon={app}\TTDN.exe
; A data folder beside the program would switch it to portable mode: never create one.
CloseApplications=yes

[Languages]
; Inno Setup ships no Vietnamese wizard text; the entries the officer sees afterwards
; (Start menu, desktop, messages below) are Vietnamese.
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.DesktopIcon=Tạo biểu tượng trên màn hình nền
en.RunNow=Mở chương trình TTĐN
en.DataKept=Dữ liệu và các bản sao lưu trong %1 được giữ nguyên. Xóa thư mục này bằng tay nếu không còn cần đến.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "..\dist\TTDN\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\TTĐN – Thông tin đối ngoại"; Filename: "{app}\TTDN.exe"; Comment: "Ghi nhận, đồng bộ và báo cáo công tác thông tin đối ngoại"
Name: "{group}\Tự kiểm tra chương trình TTĐN"; Filename: "{app}\ttdn-cli.exe"; Parameters: "--self-test"
Name: "{group}\Gỡ cài đặt TTĐN"; Filename: "{uninstallexe}"
Name: "{autodesktop}\TTĐN"; Filename: "{app}\TTDN.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\TTDN.exe"; Description: "{cm:RunNow}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: files the program writes live in %LOCALAPPDATA%\TTDN, never
; under {app}, and the uninstaller deletes nothing outside what it installed.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\TTDN')]), mbInformation, MB_OK);
end;
