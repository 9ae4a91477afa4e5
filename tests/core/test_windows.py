"""What can be checked here of the Windows build: the data folder under %LOCALAPPDATA%,
Windows-style paths and names, Vietnamese file names inside zip files."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from desktop_app.core import paths
from desktop_app.core.db import backup
from desktop_app.core.services.activities import create_activity
from desktop_app.core.services.attachments import safe_file_name

LOCALAPPDATA = "C:\\Users\\Thạch Sà Rum\\AppData\\Local"


@pytest.fixture
def windows_dirs(monkeypatch):
    """platformdirs as on Windows, reading the known folders from the environment."""
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars)
    monkeypatch.setenv("LOCALAPPDATA", LOCALAPPDATA)
    monkeypatch.setenv("APPDATA", "C:\\Users\\Thạch Sà Rum\\AppData\\Roaming")
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "program_dir", lambda: Path("/nonexistent/Program Files/TTDN"))


def test_the_data_folder_is_under_localappdata(windows_dirs):
    location = paths.resolve_data_dir(None)
    assert location.source == "user"
    assert PureWindowsPath(str(location.path)) == PureWindowsPath(LOCALAPPDATA) / "TTDN"  # not Roaming


def test_the_environment_and_the_option_still_come_first(windows_dirs, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "dữ liệu"))
    assert paths.resolve_data_dir(None).path == (tmp_path / "dữ liệu").resolve()
    assert paths.resolve_data_dir(tmp_path / "khác").source == "option"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("C:\\Users\\Lâm\\Tài liệu\\Báo cáo quý 3.docx", "Báo cáo quý 3.docx"),
        ("D:/USB/ảnh: hội nghị?.jpg", "ảnh_ hội nghị_.jpg"),
        ("tờ rơi. ", "tờ rơi"),
        ("Ho\u0300a Đông.pdf", "Hòa Đông.pdf"),  # NFD from a Mac becomes NFC
    ],
)
def test_names_from_windows_paths_are_safe_on_every_disk(name, expected):
    assert safe_file_name(name) == expected


def test_backup_names_are_portable(unit_ws, tmp_path):
    info = unit_ws.backup("manual")
    copied = backup.copy_to(info, tmp_path / "E")
    for path in [info.path, copied, *copied.rglob("*")]:
        assert all(ch.isascii() and ch not in '<>:"|?*\\' for ch in path.name), path.name


def test_vietnamese_file_names_in_the_product_bundle_zip(unit_ws, tmp_path):
    from desktop_app.core.reports.api import generate_report

    source = tmp_path / "vào"
    source.mkdir()
    (source / "Tờ rơi phòng chống lừa đảo.pdf").write_bytes(b"%PDF-1.4 leaflet")
    with unit_ws.writing() as session:
        create_activity(session, unit_ws.require_installation(session),
                        {"kind": "product", "title": "Tờ rơi: Cảnh giác lừa đảo qua mạng", "date": "2024-05-02",
                         "product_type": "TO_ROI", "themes": ["CD4"], "languages": ["vi"], "status": "submitted",
                         "attachments": ["Tờ rơi phòng chống lừa đảo.pdf"]},
                        base_dir=source, files_dir=unit_ws.db.files_dir)
    out = generate_report(unit_ws, "bundle", "2024", tmp_path / "gói sản phẩm.zip")
    with zipfile.ZipFile(out) as zf:
        infos = [i for i in zf.infolist() if not i.filename.isascii()]
        assert infos, [i.filename for i in zf.infolist()]
        for info in infos:
            assert info.flag_bits & 0x800  # names marked UTF-8: Windows shows the letters right
            assert unicodedata.is_normalized("NFC", info.filename)
            assert not any(ch in '<>:"|?*\\' for ch in info.filename)
        assert any("lừa đảo" in i.filename for i in infos)
