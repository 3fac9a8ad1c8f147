"""Values sealed with a key that is not in the database (the ballot key).

A sealed value is AES-256-GCM with a random 96-bit nonce under a key derived (HKDF-SHA256)
from the process's ballot key and a *context* (e.g. the vote's id): the context is also the
associated data, so a sealed value cannot be moved from one context to another. Whoever holds
the database — its files, its write-ahead log, a backup, a replica — holds only
`nonce ‖ ciphertext ‖ tag`, which says nothing without the key; two seals of the same value
are unrelated.

The key: `ECABINET_BALLOT_KEY` (production: required, high-entropy, see `key_problem`), or in
development a key generated once into `DATA_DIR/ballot-key` (mode 0600; several processes
starting at once agree on one). `configure()` is called by `build_runtime` at every start;
`current()` is what services seal with.
"""

from __future__ import annotations

import base64
import math
import os
import secrets
from collections import Counter
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
MIN_KEY_CHARS = 32
MIN_KEY_BITS = 128
_INFO = b"ecabinet sealed value v1|"


class SealError(Exception):
    """A sealed value that this key cannot open (another key, or altered)."""


def key_problem(value: str | None) -> str | None:
    """Why `value` is not fit to be a production ballot key; None when it is. At least 32
    characters and an estimated 128 bits of entropy (characters × their Shannon entropy),
    so `openssl rand -base64 32` passes and a repeated word or a short password does not."""
    if not value:
        return "ECABINET_BALLOT_KEY is not set"
    if len(value) < MIN_KEY_CHARS:
        return f"ECABINET_BALLOT_KEY is shorter than {MIN_KEY_CHARS} characters"
    counts = Counter(value)
    per_char = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    if per_char * len(value) < MIN_KEY_BITS:
        return "ECABINET_BALLOT_KEY is not random enough (use: openssl rand -base64 32)"
    return None


def new_key_text() -> str:
    """A new ballot key: 32 random bytes, base64url (43 characters)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def load_key(value: str | None, path: Path, *, create: bool) -> bytes:
    """The ballot key's bytes: `value` (the setting) if given, else the file at `path`,
    created there (0600) when allowed and missing. Concurrent first starts agree: the new
    key is written to a private temporary file and linked into place only if no other
    process did so first; then the file in place is read."""
    if value:
        return value.encode()
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"ballot key file {path} does not exist")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(new_key_text() + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process was first: use its key
        finally:
            tmp.unlink(missing_ok=True)
    text = path.read_text().strip()
    if not text:
        raise ValueError(f"ballot key file {path} is empty")
    return text.encode()


class Sealer:
    """Seals and opens values under one key, per context."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a sealing key needs at least 16 bytes")
        self._key = key
        self._aeads: dict[bytes, AESGCM] = {}

    def _aead(self, context: bytes) -> AESGCM:
        aead = self._aeads.get(context)
        if aead is None:
            derived = HKDF(
                algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO + context
            ).derive(self._key)
            aead = self._aeads[context] = AESGCM(derived)
            if len(self._aeads) > 1024:  # a small cache: contexts are votes being counted
                self._aeads.pop(next(iter(self._aeads)))
        return aead

    def seal(self, context: bytes, plaintext: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead(context).encrypt(nonce, plaintext, context)

    def open(self, context: bytes, sealed: bytes) -> bytes:
        nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        try:
            return self._aead(context).decrypt(nonce, body, context)
        except (InvalidTag, ValueError) as exc:
            raise SealError("cannot open a sealed value with this key") from exc


_current: Sealer | None = None


def configure(key: bytes) -> Sealer:
    """Make `key` this process's ballot key (at start; tests may swap it)."""
    global _current
    _current = Sealer(key)
    return _current


def current() -> Sealer:
    if _current is None:
        raise RuntimeError("the ballot key is not configured (build_runtime does it)")
    return _current
