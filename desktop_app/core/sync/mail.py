"""E-mail drafts carrying package files, for units that send by e-mail.

One draft (.eml) per volume, so each message stays under the usual 20–25 MB limits. The
``X-Unsent: 1`` header makes Outlook (and Thunderbird's "Edit as new") open it as a
message to send. Subject and body name only the unit, the package number, the volume,
the file name, its size and its SHA-256: never personal data (participants' names and
phone numbers travel sealed inside the package).
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path

from desktop_app.core.errors import TtdnError
from desktop_app.core.files import write_bytes_atomic

DRAFT_SUFFIX = ".eml"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def draft_subject(sender_unit: str, sequence: int, index: int, count: int) -> str:
    volume = f" (tập {index}/{count})" if count > 1 else ""
    return f"TTĐN – {sender_unit} – gói số {sequence}{volume}"


def draft_body(sender_unit: str, sequence: int, index: int, count: int, name: str, size: int, sha256: str) -> str:
    lines = [
        "Kính gửi Sở,",
        "",
        f"{sender_unit} gửi gói dữ liệu thông tin đối ngoại (TTĐN) số {sequence}, tập {index}/{count}.",
        "",
        f"Tệp đính kèm: {name}",
        f"Dung lượng: {_size_text(size)} ({size} byte)",
        f"Mã kiểm tra SHA-256: {sha256}",
        "",
        "Nhận gói bằng chương trình TTĐN: Gửi và nhận > Nhận gói.",
        "Gói được ký số; thông tin cá nhân của đại biểu được mã hóa, chỉ Sở đọc được.",
    ]
    if count > 1:
        lines.append(f"Gói gồm {count} tập, gửi trong {count} thư; hãy nhận đủ các tập.")
    return "\n".join(lines) + "\n"


def write_email_drafts(files: list[Path], out_dir: Path, *, sender_unit: str, sequence: int) -> list[Path]:
    """Write one draft per package file (the volumes of one package, in order) into
    ``out_dir``; return the drafts' paths."""
    drafts: list[Path] = []
    count = len(files)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TtdnError("file.unwritable", path=str(out_dir), detail=exc.strerror or str(exc)) from exc
    for index, path in enumerate(files, start=1):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TtdnError("file.unreadable", path=str(path), detail=exc.strerror or str(exc)) from exc
        message = EmailMessage()
        message["Subject"] = draft_subject(sender_unit, sequence, index, count)
        message["Date"] = formatdate(localtime=True)
        message["X-Unsent"] = "1"
        message.set_content(draft_body(sender_unit, sequence, index, count, path.name, len(data), hashlib.sha256(data).hexdigest()))
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=path.name)
        draft = out_dir / (path.stem + DRAFT_SUFFIX)
        try:
            write_bytes_atomic(draft, message.as_bytes(policy=SMTP))
        except OSError as exc:
            raise TtdnError("file.unwritable", path=str(draft), detail=exc.strerror or str(exc)) from exc
        drafts.append(draft)
    return drafts
