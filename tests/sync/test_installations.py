"""Each PC is its own installation; private keys are never at rest in clear."""

from __future__ import annotations

import base64
import shutil
import sqlite3
import sys
import types
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core import workspace as workspace_module
from desktop_app.core.db.models import Installation, LocalKey, Origin
from desktop_app.core.sync import keystore
from desktop_app.core.sync.identity import become_new_installation, ensure_keys, own_identity
from desktop_app.core.sync.keys import KeyPair
from desktop_app.core.sync.keystore import DpapiProtector, KeysUnavailable, UserFileProtector
from desktop_app.core.workspace import Workspace
from sites import copy_site


def _private_texts(site) -> tuple[str, str]:
    with site.ws.reading() as s:
        return ensure_keys(s).private_texts()


def _folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _fingerprint(site) -> str:
    with site.ws.reading() as s:
        return own_identity(s).keys.fingerprint


def _needles(texts: tuple[str, str]) -> list[bytes]:
    """A private key as it could sit in a file: its base64 text or its raw 32 bytes."""
    return [t.encode("ascii") for t in texts] + [base64.b64decode(t) for t in texts]


# --- keys at rest ------------------------------------------------------------------------


def test_private_keys_are_not_in_the_data_folder_in_clear(network):
    site = network["hoa_dong"]
    texts = _private_texts(site)
    with site.ws.reading() as s:
        row = s.get(LocalKey, 1)
        assert (row.protection, row.sign_private, row.box_private) == ("userfile", None, None)
    site.ws.close()
    stored = _folder_bytes(site.root / site.name)
    assert not any(needle in stored for needle in _needles(texts))
    site.ws = Workspace.open(site.root / site.name)
    assert site.ws.warnings == []
    assert _private_texts(site) == texts  # the same keys open again on this PC


def test_keys_kept_in_clear_by_an_older_version_are_sealed_and_taken_out_of_backups(make_site):
    site = make_site("old", "unit", "31786")
    pair = KeyPair.generate()
    sign, box = pair.private_texts()
    with site.ws.writing() as s:  # how revision 0002 stored them
        row = s.get(LocalKey, 1)
        row.protection, row.sealed, row.sign_private, row.box_private = "clear", None, sign, box
        row.sign_pub, row.box_pub = pair.public.sign_pub, pair.public.box_pub
    from desktop_app.core.db.migrate import backup

    saved = backup(site.ws.db.path, site.ws.db.backups_dir, "before-0007")
    assert sign.encode() in saved.read_bytes()
    site.ws.close()

    site.ws = Workspace.open(site.root / site.name)
    assert site.ws.warnings == []
    assert _private_texts(site) == (sign, box)  # the same keys, now sealed
    assert _fingerprint(site) == pair.public.fingerprint
    site.ws.close()
    assert not any(needle in _folder_bytes(site.root / site.name) for needle in _needles((sign, box)))
    with closing(sqlite3.connect(saved)) as conn:
        assert conn.execute("SELECT sign_private, box_private FROM local_key").fetchone() == ("", "")
    site.ws = Workspace.open(site.root / site.name)


def test_user_file_protector_needs_its_key_file(tmp_path):
    protector = UserFileProtector(tmp_path / "ks")
    blob = protector.protect(b"secret keys", "slot-1")
    assert b"secret keys" not in blob and protector.unprotect(blob, "slot-1") == b"secret keys"
    key_file = tmp_path / "ks" / "slot-1.key"
    if sys.platform != "win32":
        assert key_file.stat().st_mode & 0o777 == 0o600
    with pytest.raises(KeysUnavailable):
        protector.unprotect(blob, "slot-2")  # another installation's slot
    with pytest.raises(KeysUnavailable):
        UserFileProtector(tmp_path / "elsewhere").unprotect(blob, "slot-1")  # another user or PC
    key_file.write_bytes(b"\0" * 32)
    with pytest.raises(KeysUnavailable):
        protector.unprotect(blob, "slot-1")


class FakeWin32Crypt:
    """CryptProtectData/CryptUnprotectData as pywin32 exposes them; only this "user" opens."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.calls: list[tuple] = []

    def CryptProtectData(self, data, description, entropy, reserved, prompt, flags):
        self.calls.append(("protect", description, entropy, flags))
        return b"DPAPI:" + self.user.encode() + b":" + entropy + b":" + bytes(b ^ 0x5A for b in data)

    def CryptUnprotectData(self, blob, entropy, reserved, prompt, flags):
        self.calls.append(("unprotect", entropy, flags))
        prefix = b"DPAPI:" + self.user.encode() + b":" + entropy + b":"
        if not blob.startswith(prefix):
            raise RuntimeError("(-2146893813, 'CryptProtectData', 'Key not valid for use in specified state.')")
        return "TTDN", bytes(b ^ 0x5A for b in blob[len(prefix) :])


def test_dpapi_seam_protects_for_this_user_only():
    api = FakeWin32Crypt("lam")
    protected = keystore.protect_keys("c2lnbg==", "Ym94", "inst-1", DpapiProtector(api))
    assert protected.protection == "dpapi"
    assert keystore.unprotect_keys("dpapi", protected.sealed, "inst-1", {"dpapi": DpapiProtector(api)}) == ("c2lnbg==", "Ym94")
    assert api.calls[0] == ("protect", "TTDN", keystore.ENTROPY + b"inst-1", keystore.CRYPTPROTECT_UI_FORBIDDEN)
    with pytest.raises(KeysUnavailable):  # another Windows account or PC
        keystore.unprotect_keys("dpapi", protected.sealed, "inst-1", {"dpapi": DpapiProtector(FakeWin32Crypt("other"))})
    with pytest.raises(KeysUnavailable):  # sealed on Windows, opened where there is no DPAPI
        keystore.unprotect_keys("dpapi", protected.sealed, "inst-1", {"userfile": UserFileProtector(Path("/nonexistent"))})


def test_windows_uses_dpapi_when_pywin32_is_there(monkeypatch):
    monkeypatch.setattr(keystore.sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "win32crypt", types.SimpleNamespace(**{n: getattr(FakeWin32Crypt("u"), n) for n in ("CryptProtectData", "CryptUnprotectData")}))
    assert keystore.default_protector().name == "dpapi"
    monkeypatch.setitem(sys.modules, "win32crypt", None)  # pywin32 missing: the fallback
    assert keystore.default_protector().name == "userfile"


# --- a copied or restored data folder is a new installation ----------------------------------


def test_a_copied_folder_becomes_a_new_installation_that_the_province_registers(network):
    pc1, province = network["hoa_dong"], network["province"]
    pc1.add(title="Trước khi sao chép")
    pc1.export()  # pc1's package number 1 to the province (not imported: stays a gap-free 1)
    before = pc1.installation
    pc2 = network["copy"] = copy_site(pc1, "copy")

    after = pc2.installation
    assert after.installation_id != before.installation_id and after.previous_installation_id == before.installation_id
    assert after.origin_id != before.origin_id
    assert _fingerprint(pc2) != _fingerprint(pc1)
    assert _private_texts(pc2) != _private_texts(pc1)
    [warning] = pc2.ws.warnings
    assert warning.key == "installation.renewed"
    text = warning.message("vi")
    assert "sao chép" in text and _fingerprint(pc2) in text and "enrolment-file" in text
    assert "copied" in warning.message("en")
    with pc2.ws.reading() as s:
        old = s.get(Origin, before.origin_id)
        assert old.retired_at is not None and old.installation_id == before.installation_id
    assert pc1.installation.installation_id == before.installation_id  # the original is untouched
    assert pc1.ws.warnings == []

    # Not registered yet: the province refuses and says so; nothing changes there.
    pc2.add(title="Ghi ở máy 2")
    package = pc2.export()
    held = province.activities()
    refused = province.receive(package)
    assert [f.status for f in refused.files] == ["rejected"] and province.activities() == held

    # Registered (fingerprint read over the phone): accepted; its own numbering starts at 1.
    pc2.enrol_at(province)
    report = province.receive(package)
    assert [f.status for f in report.files] == ["applied"]
    assert report.files[0].sequence == 1 and not report.sequence_gaps
    assert {t for t, _d, _v in province.activities().values()} >= {"Trước khi sao chép", "Ghi ở máy 2"}
    assert pc1.export() and pc2.export()
    with pc1.ws.reading() as s:
        assert own_identity(s).installation_id == before.installation_id


def test_a_folder_copied_to_another_computer_at_the_same_path(network, monkeypatch):
    pc = network["dai_an"]
    before = pc.installation
    pc.ws.close()
    monkeypatch.setattr(workspace_module, "machine_id", lambda: "another-pc")
    pc.ws = Workspace.open(pc.root / pc.name)
    assert [w.key for w in pc.ws.warnings] == ["installation.renewed"]
    assert "máy tính khác" in pc.ws.warnings[0].message("vi")
    assert pc.installation.previous_installation_id == before.installation_id
    pc.ws.close()
    pc.ws = Workspace.open(pc.root / pc.name)
    assert pc.ws.warnings == []  # renewed once, then stable


def test_keys_that_do_not_open_here_mean_a_copy_and_never_block_the_start(network, monkeypatch, tmp_path):
    pc = network["dai_an"]
    before = pc.installation
    pc.ws.close()
    monkeypatch.setenv(keystore.KEYSTORE_ENV, str(tmp_path / "another-windows-user"))
    pc.ws = Workspace.open(pc.root / pc.name)  # unattended: no question asked, no error
    assert [w.params["reason"] for w in pc.ws.warnings] == ["keys_unavailable"]
    assert pc.installation.installation_id != before.installation_id
    assert _private_texts(pc)  # new keys that open here
    pc.add(title="Sau khi chép sang tài khoản khác")
    assert pc.export()


def test_a_moved_folder_stays_the_same_installation(make_site, tmp_path):
    site = make_site("before-move", "unit", "31786")
    before = site.installation
    site.ws.close()
    shutil.move(site.root / site.name, tmp_path / "moved")
    site.ws = Workspace.open(tmp_path / "moved")
    assert site.ws.warnings == []
    assert site.installation.installation_id == before.installation_id


def test_a_restore_calls_become_new_installation(network):
    pc = network["dai_an"]
    pc.add(title="Một")
    before = pc.installation
    renewal = become_new_installation(pc.ws, "restored")
    assert renewal.previous_installation_id == before.installation_id
    assert renewal.installation_id == pc.installation.installation_id
    assert renewal.fingerprint == _fingerprint(pc)
    assert [w.key for w in pc.ws.warnings] == ["installation.renewed"]
    assert "sao lưu" in pc.ws.warnings[0].message("vi")
    with pytest.raises(ValueError):
        become_new_installation(pc.ws, "because")
    pc.ws.close()
    pc.ws = Workspace.open(pc.root / pc.name)
    assert pc.ws.warnings == []


def test_the_province_copied_is_told_to_resend_its_configuration(network):
    province = network["province"]
    renewal = become_new_installation(province.ws, "copied")
    assert renewal.role == "aggregator"
    assert province.ws.warnings[-1].key == "installation.renewed_aggregator"
    assert "gói cấu hình" in province.ws.warnings[-1].message("vi")
    with province.ws.reading() as s:
        assert s.scalar(select(Installation)).installation_id == renewal.installation_id
