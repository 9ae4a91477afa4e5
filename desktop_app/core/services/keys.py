"""Keys: an Ed25519 pair to sign packages and an X25519 pair to receive personal data.

* Fingerprints are 8 groups of 5 digits ("04521 99310 …"), easy to read aloud over the
  phone and compare: the province checks a unit's fingerprint before registering it.
* Sealing (personal data) is an envelope: a random 256-bit content key encrypts with
  AES-256-GCM; the content key is wrapped for the recipient's X25519 public key with an
  ephemeral X25519 key, HKDF-SHA256 and AES-256-GCM. Only the recipient's private key
  opens it; a relay carries it unread.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.core.errors import TtdnError

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()
WRAP_INFO = b"ttdn personal-data key wrap v1"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, *, length: int | None = None) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError, AttributeError) as exc:
        raise TtdnError("keys.bad_encoding") from exc
    if length is not None and len(data) != length:
        raise TtdnError("keys.bad_encoding")
    return data


@dataclass(frozen=True)
class PublicKeys:
    sign_pub: str  # base64 of the raw 32-byte Ed25519 key
    box_pub: str  # base64 of the raw 32-byte X25519 key

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_pub, self.box_pub)

    def as_dict(self) -> dict[str, str]:
        return {"sign_pub": self.sign_pub, "box_pub": self.box_pub, "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class KeyPair:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_private(cls, sign_private: str, box_private: str) -> KeyPair:
        return cls(
            Ed25519PrivateKey.from_private_bytes(unb64(sign_private, length=32)),
            X25519PrivateKey.from_private_bytes(unb64(box_private, length=32)),
        )

    def private_texts(self) -> tuple[str, str]:
        return (
            b64(self.sign.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
            b64(self.box.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
        )

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(
            b64(self.sign.public_key().public_bytes(_RAW, _RAW_PUB)),
            b64(self.box.public_key().public_bytes(_RAW, _RAW_PUB)),
        )

    def sign_bytes(self, data: bytes) -> str:
        return b64(self.sign.sign(data))

    def open_envelope(self, envelope: dict[str, str], aad: bytes) -> bytes:
        return open_envelope(self.box, envelope, aad)


def fingerprint(sign_pub: str, box_pub: str) -> str:
    """8 groups of 5 digits (about 130 bits) from SHA-512 over both public keys."""
    digest = hashlib.sha512(b"ttdn-fingerprint-v1" + unb64(sign_pub, length=32) + unb64(box_pub, length=32)).digest()
    groups = [int.from_bytes(digest[i : i + 5], "big") % 100_000 for i in range(0, 40, 5)]
    return " ".join(f"{g:05d}" for g in groups)


def verify(sign_pub: str, data: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(sign_pub, length=32)).verify(unb64(signature, length=64), data)
        return True
    except (InvalidSignature, TtdnError, ValueError):
        return False


def _wrap_key(recipient_box_pub: str, content_key: bytes) -> dict[str, str]:
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(recipient_box_pub, length=32)))
    epk = ephemeral.public_key().public_bytes(_RAW, _RAW_PUB)
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=epk, info=WRAP_INFO).derive(shared)
    nonce = os.urandom(12)
    return {"epk": b64(epk), "n": b64(nonce), "k": b64(AESGCM(kek).encrypt(nonce, content_key, epk))}


def _unwrap_key(box_private: X25519PrivateKey, wrapped: dict[str, str]) -> bytes:
    epk = unb64(wrapped["epk"], length=32)
    shared = box_private.exchange(X25519PublicKey.from_public_bytes(epk))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=epk, info=WRAP_INFO).derive(shared)
    return AESGCM(kek).decrypt(unb64(wrapped["n"], length=12), unb64(wrapped["k"]), epk)


class Sealer:
    """Seals many small payloads for one recipient with one wrapped content key."""

    def __init__(self, recipient_box_pub: str) -> None:
        self._key = AESGCM.generate_key(bit_length=256)
        self._aead = AESGCM(self._key)
        self.wrapped = _wrap_key(recipient_box_pub, self._key)

    def seal(self, plaintext: bytes, aad: bytes) -> dict:
        nonce = os.urandom(12)
        return {"w": self.wrapped, "n": b64(nonce), "c": b64(self._aead.encrypt(nonce, plaintext, aad))}


# A package seals all its envelopes under one content key, wrapped once (see Sealer):
# unwrapping it again for each envelope would cost an X25519 exchange per participant.
# The unwrapped keys are remembered per (private key, wrapped key) for the few packages
# at hand; a key that does not open is not remembered, so it is tried again each time.
_UNWRAPPED: OrderedDict[bytes, AESGCM] = OrderedDict()
_UNWRAPPED_MAX = 64


def _content_cipher(box_private: X25519PrivateKey, wrapped: dict[str, str]) -> AESGCM:
    private = box_private.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)
    token = hashlib.sha256(
        b"\x00".join((private, *(str(wrapped[k]).encode("utf-8", "surrogatepass") for k in ("epk", "n", "k"))))
    ).digest()
    cipher = _UNWRAPPED.get(token)
    if cipher is None:
        cipher = AESGCM(_unwrap_key(box_private, wrapped))
        _UNWRAPPED[token] = cipher
        if len(_UNWRAPPED) > _UNWRAPPED_MAX:
            _UNWRAPPED.popitem(last=False)
    else:
        _UNWRAPPED.move_to_end(token)
    return cipher


def open_envelope(box_private: X25519PrivateKey, envelope: dict, aad: bytes) -> bytes:
    """Open what :class:`Sealer` sealed; raises TtdnError if it is not for this key or altered."""
    try:
        cipher = _content_cipher(box_private, envelope["w"])
        return cipher.decrypt(unb64(envelope["n"], length=12), unb64(envelope["c"]), aad)
    except (InvalidTag, KeyError, TypeError, ValueError) as exc:
        raise TtdnError("keys.cannot_open") from exc


# --- sealed files (attachments marked as holding personal data) --------------------------
#
# A file is sealed for the province with a key both ends can derive and nobody else:
# HKDF-SHA256 over X25519(unit's box key, province's box key), bound to the file's SHA-256.
# The same file sealed by the same unit for the same province is the same bytes, so it can
# be sent again (a receipt says it is missing) or relayed, and named by its own SHA-256.
# Layout: a magic line, a JSON header line {"from": unit box_pub, "sha256": of the clear
# file}, then AES-256-GCM chunks of 1 MiB (nonce: chunk index, last-chunk flag; associated
# data: the clear file's SHA-256), so a truncated or reordered file does not open.

SEALED_FILE_MAGIC = b"TTDN-SEALED-FILE 1\n"
FILE_INFO = b"ttdn sealed file v1:"
FILE_CHUNK = 1024 * 1024
_TAG = 16


def _file_key(own_box: X25519PrivateKey, other_box_pub: str, sha: str) -> bytes:
    shared = own_box.exchange(X25519PublicKey.from_public_bytes(unb64(other_box_pub, length=32)))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=FILE_INFO + sha.encode("ascii")).derive(shared)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def seal_file(own_box: X25519PrivateKey, recipient_box_pub: str, sha: str, source, target) -> None:
    """Write ``source`` (whose SHA-256 is ``sha``) sealed for ``recipient_box_pub`` to ``target``."""
    aead = AESGCM(_file_key(own_box, recipient_box_pub, sha))
    own_pub = b64(own_box.public_key().public_bytes(_RAW, _RAW_PUB))
    header = json.dumps({"from": own_pub, "sha256": sha}, sort_keys=True).encode("ascii") + b"\n"
    with open(source, "rb") as src, open(target, "wb") as dst:
        dst.write(SEALED_FILE_MAGIC + header)
        chunk, index = src.read(FILE_CHUNK), 0
        while True:
            following = src.read(FILE_CHUNK)
            dst.write(aead.encrypt(_nonce(index, not following), chunk, sha.encode("ascii")))
            if not following:
                break
            chunk, index = following, index + 1


def sealed_file_header(path) -> dict | None:
    """The header of a sealed file, or None if ``path`` is not one."""
    with open(path, "rb") as handle:
        if handle.read(len(SEALED_FILE_MAGIC)) != SEALED_FILE_MAGIC:
            return None
        line = handle.readline(512)
    try:
        header = json.loads(line)
    except ValueError:
        return None
    ok = isinstance(header, dict) and isinstance(header.get("from"), str) and isinstance(header.get("sha256"), str)
    return header if ok and len(header["sha256"]) == 64 else None


def open_sealed_file(own_box: X25519PrivateKey, source, target) -> str:
    """Write the clear content of the sealed file ``source`` to ``target``; return its
    SHA-256 (checked). Raises ``keys.cannot_open`` when it is not for this key or altered."""
    header = sealed_file_header(source)
    if header is None:
        raise TtdnError("keys.cannot_open")
    sha = header["sha256"]
    digest = hashlib.sha256()
    try:
        aead = AESGCM(_file_key(own_box, header["from"], sha))
        with open(source, "rb") as src, open(target, "wb") as dst:
            src.read(len(SEALED_FILE_MAGIC))
            src.readline(512)
            chunk, index = src.read(FILE_CHUNK + _TAG), 0
            while True:
                following = src.read(FILE_CHUNK + _TAG)
                plain = aead.decrypt(_nonce(index, not following), chunk, sha.encode("ascii"))
                digest.update(plain)
                dst.write(plain)
                if not following:
                    break
                chunk, index = following, index + 1
    except (InvalidTag, TtdnError, ValueError) as exc:
        raise TtdnError("keys.cannot_open") from exc
    if digest.hexdigest() != sha:
        raise TtdnError("keys.cannot_open")
    return sha
