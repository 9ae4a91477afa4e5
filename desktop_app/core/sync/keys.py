"""The package keys and envelopes, where the sync code has always found them. They live in
``core/services/keys.py`` so that the workspace (below sync) can make and protect keys
when it finds a copied data folder."""

from desktop_app.core.services.keys import (  # noqa: F401 - re-exported
    KeyPair,
    PublicKeys,
    Sealer,
    b64,
    fingerprint,
    open_envelope,
    open_sealed_file,
    seal_file,
    sealed_file_header,
    unb64,
    verify,
)
