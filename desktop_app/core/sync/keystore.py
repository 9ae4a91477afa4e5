"""Private keys at rest: never in clear in the database, its backups or a copy of the folder.

The two private keys (Ed25519 signing, X25519 personal data) are stored in the database
only as ``sealed``: encrypted by a *protector* whose secret lives outside the data folder,
with the operating system's user:

* ``dpapi`` (Windows): the Data Protection API through pywin32's ``win32crypt``
  (``CryptProtectData``/``CryptUnprotectData``). Windows ties the secret to the user's logon
  credentials on this PC: another PC, or another Windows account, cannot open the keys.
* ``userfile`` (the fallback everywhere else, and on Windows without pywin32): a random
  256-bit key in a file of the user's own configuration folder (``~/.config/TTDN/keystore``
  on Linux, created 0700, the file 0600), one file per installation, and AES-256-GCM.

What this protects against: a copied or stolen data folder, a database backup, a data
folder on a lost USB stick (portable mode), a database file sent for support. None of
them hold a usable key. What it does not protect against: someone who can act as this
user on this computer (or as root/administrator), malware running as this user, or a
copy of the whole user profile (the ``userfile`` key file travels with it; DPAPI secrets
need the user's password too). It is no substitute for a locked Windows account.

A data folder whose keys cannot be opened here has been copied to another PC or user:
the workspace then makes it a new installation (see ``identity.become_new_installation``).
"""

from __future__ import annotations

import base64
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENTROPY = b"ttdn local private keys v1"
KEYSTORE_ENV = "TTDN_KEYSTORE_DIR"
CRYPTPROTECT_UI_FORBIDDEN = 0x1


class KeysUnavailable(Exception):
    """The protected keys cannot be opened on this computer by this user."""


class Protector(Protocol):
    name: str

    def protect(self, data: bytes, slot: str) -> bytes: ...

    def unprotect(self, blob: bytes, slot: str) -> bytes: ...


class DpapiProtector:
    """Windows DPAPI (current user scope), through pywin32's ``win32crypt``."""

    name = "dpapi"

    def __init__(self, win32crypt: Any = None) -> None:
        if win32crypt is None:
            import win32crypt  # type: ignore[import-not-found]  # pywin32, Windows only
        self._api = win32crypt

    def protect(self, data: bytes, slot: str) -> bytes:
        return self._api.CryptProtectData(data, "TTDN", ENTROPY + slot.encode("ascii"), None, None, CRYPTPROTECT_UI_FORBIDDEN)

    def unprotect(self, blob: bytes, slot: str) -> bytes:
        try:
            _description, data = self._api.CryptUnprotectData(blob, ENTROPY + slot.encode("ascii"), None, None, CRYPTPROTECT_UI_FORBIDDEN)
        except Exception as exc:  # pywintypes.error: another user or PC, or damaged
            raise KeysUnavailable(str(exc)) from exc
        return data


class UserFileProtector:
    """A random key per installation in the user's configuration folder (AES-256-GCM)."""

    name = "userfile"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _key_path(self, slot: str) -> Path:
        if not slot.replace("-", "").isalnum():
            raise ValueError(slot)
        return self.folder / f"{slot}.key"

    def _key(self, slot: str, *, create: bool) -> bytes:
        path = self._key_path(slot)
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            if not create:
                raise KeysUnavailable(f"no key file {path}") from None
            key = AESGCM.generate_key(bit_length=256)
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.with_name(path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(key)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
            return key
        except OSError as exc:
            raise KeysUnavailable(f"{path}: {exc}") from exc
        if len(key) != 32:
            raise KeysUnavailable(f"damaged key file {path}")
        return key

    def protect(self, data: bytes, slot: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + AESGCM(self._key(slot, create=True)).encrypt(nonce, data, ENTROPY)

    def unprotect(self, blob: bytes, slot: str) -> bytes:
        try:
            return AESGCM(self._key(slot, create=False)).decrypt(blob[:12], blob[12:], ENTROPY)
        except (InvalidTag, ValueError) as exc:
            raise KeysUnavailable("the key file does not open these keys") from exc


def keystore_folder() -> Path:
    configured = os.environ.get(KEYSTORE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_config_dir("TTDN", appauthor=False, roaming=False)) / "keystore"


def available_protectors() -> dict[str, Protector]:
    """The protectors this computer offers, by name."""
    found: dict[str, Protector] = {"userfile": UserFileProtector(keystore_folder())}
    if sys.platform == "win32":
        try:
            found["dpapi"] = DpapiProtector()
        except ImportError:
            pass
    return found


def default_protector() -> Protector:
    found = available_protectors()
    return found.get("dpapi") or found["userfile"]


@dataclass(frozen=True)
class ProtectedKeys:
    protection: str
    sealed: str  # base64


def protect_keys(sign_private: str, box_private: str, slot: str, protector: Protector | None = None) -> ProtectedKeys:
    protector = protector or default_protector()
    plain = json.dumps({"sign": sign_private, "box": box_private}).encode("ascii")
    return ProtectedKeys(protector.name, base64.b64encode(protector.protect(plain, slot)).decode("ascii"))


def unprotect_keys(protection: str, sealed: str, slot: str, protectors: dict[str, Protector] | None = None) -> tuple[str, str]:
    """(sign_private, box_private) in base64; raises :class:`KeysUnavailable`."""
    protector = (protectors or available_protectors()).get(protection)
    if protector is None:
        raise KeysUnavailable(f"no {protection} protector on this computer")
    try:
        plain = json.loads(protector.unprotect(base64.b64decode(sealed, validate=True), slot))
        return plain["sign"], plain["box"]
    except (ValueError, KeyError, TypeError) as exc:
        raise KeysUnavailable("damaged protected keys") from exc
