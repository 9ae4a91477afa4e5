"""The support log: a rotating file in the data folder, without personal data."""

from __future__ import annotations

import logging

from desktop_app.core import support_log


def test_log_lines_mask_phones_emails_and_user_folders(tmp_path):
    path = support_log.setup(tmp_path, program="test")
    try:
        log = logging.getLogger("desktop_app.test")
        log.warning("import failed for 0912 345 678, lan@example.vn in /home/thach/Tài liệu/x.xlsx")
        try:
            raise ValueError("bad phone +84912345678")
        except ValueError as exc:
            support_log.log_exception(type(exc), exc, exc.__traceback__)
    finally:
        support_log.teardown(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "logs" / "ttdn.log"
    assert "start test" in text and "ValueError" in text and "Traceback" in text
    for secret in ("0912 345 678", "lan@example.vn", "thach", "84912345678"):
        assert secret not in text
    assert "<số điện thoại>" in text and "<e-mail>" in text


def test_the_log_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(support_log, "MAX_BYTES", 2000)
    support_log.setup(tmp_path)
    try:
        for n in range(200):
            logging.getLogger("desktop_app.test").info("dòng nhật ký số %d", n)
    finally:
        support_log.teardown(tmp_path)
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert "ttdn.log" in files and "ttdn.log.1" in files
    assert len(files) <= support_log.BACKUP_COUNT + 1


def test_setup_twice_adds_one_handler(tmp_path):
    before = len(logging.getLogger().handlers)
    support_log.setup(tmp_path)
    support_log.setup(tmp_path)
    try:
        assert len(logging.getLogger().handlers) == before + 1
    finally:
        support_log.teardown(tmp_path)
    assert len(logging.getLogger().handlers) == before
