"""E-mail drafts: one per volume, openable as a draft, the package attached, no personal data."""

from __future__ import annotations

import hashlib
from email import message_from_bytes, policy

import pytest

from desktop_app.core.errors import TtdnError
from desktop_app.core.sync.mail import write_email_drafts

NAME, PHONE = "Thạch Thị Sà Rum", "0912345678"


def _read(path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def test_one_draft_per_volume_with_the_package_attached(tmp_path):
    files = []
    for n in (1, 2):
        path = tmp_path / f"TTDN-31786-data-20240930-0007-{n}of2.ttdn"
        path.write_bytes(bytes([n]) * (1000 * n))
        files.append(path)
    drafts = write_email_drafts(files, tmp_path / "mail", sender_unit="Xã Hòa Đông", sequence=7)
    assert [d.name for d in drafts] == [f.stem + ".eml" for f in files]
    for n, (draft, package) in enumerate(zip(drafts, files), start=1):
        message = _read(draft)
        assert message["X-Unsent"] == "1"
        assert message["Subject"] == f"TTĐN – Xã Hòa Đông – gói số 7 (tập {n}/2)"
        body = message.get_body(("plain",)).get_content()
        for fact in ("Xã Hòa Đông", "số 7", f"tập {n}/2", package.name, f"{package.stat().st_size} byte", hashlib.sha256(package.read_bytes()).hexdigest()):
            assert fact in body
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content_type() == "application/octet-stream"
        assert attachment.get_filename() == package.name
        assert attachment.get_content() == package.read_bytes()
    assert not list((tmp_path / "mail").glob("*.tmp"))
    assert not list((tmp_path / "mail").glob(".*.part"))


def test_a_single_volume_has_a_plain_subject(tmp_path):
    package = tmp_path / "TTDN-31786-data-20240930-0003.ttdn"
    package.write_bytes(b"PK")
    [draft] = write_email_drafts([package], tmp_path, sender_unit="Xã Hòa Đông", sequence=3)
    assert _read(draft)["Subject"] == "TTĐN – Xã Hòa Đông – gói số 3"


def test_drafts_of_a_real_export_carry_no_personal_data(network, tmp_path):
    unit = network["hoa_dong"]
    unit.add(kind="event", title="Hội nghị", date="2024-08-10", participants=[{"name": NAME, "phone": PHONE}])
    files = unit.export()
    drafts = write_email_drafts(files, tmp_path / "mail", sender_unit="Xã Hòa Đông", sequence=1)
    for draft in drafts:
        message = _read(draft)
        text = str(message["Subject"]) + message.get_body(("plain",)).get_content()
        raw = draft.read_bytes()
        assert NAME not in text and PHONE not in text
        assert PHONE.encode() not in raw and NAME.encode() not in raw
    # and the province can import the attachment as sent
    attached = tmp_path / files[0].name
    attached.write_bytes(next(_read(drafts[0]).iter_attachments()).get_content())
    report = network["province"].receive([attached])
    assert report.files[0].status == "applied", report.files[0].message


def test_an_unreadable_package_is_reported(tmp_path):
    with pytest.raises(TtdnError) as caught:
        write_email_drafts([tmp_path / "missing.ttdn"], tmp_path / "mail", sender_unit="X", sequence=1)
    assert caught.value.key == "file.unreadable"
