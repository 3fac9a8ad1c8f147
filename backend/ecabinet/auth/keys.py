"""The server's signing key: generated on first run in development (kept in the data
directory, mode 0600), configured explicitly in production."""

from __future__ import annotations

import json
import os
from pathlib import Path

from joserfc.jwk import KeySet, RSAKey


def generate_key() -> RSAKey:
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, private=True)
    return RSAKey.import_key({**key.as_dict(private=True), "kid": key.thumbprint()})


def key_to_json(key: RSAKey) -> str:
    return json.dumps(key.as_dict(private=True), indent=2)


def load_key(path: Path, *, create: bool) -> RSAKey:
    """The private key at `path` (JWK JSON or PEM); created there if allowed and missing."""
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"signing key file {path} does not exist")
        path.parent.mkdir(parents=True, exist_ok=True)
        key = generate_key()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key_to_json(key))
        return key
    raw = path.read_text()
    if raw.lstrip().startswith("{"):
        data = json.loads(raw)
        key = RSAKey.import_key(data)
    else:
        key = RSAKey.import_key(raw.encode(), parameters={"use": "sig", "alg": "RS256"})
    if not key.kid:
        key = RSAKey.import_key({**key.as_dict(private=True), "kid": key.thumbprint()})
    return key


def public_jwks(key: RSAKey) -> dict[str, object]:
    return KeySet([key]).as_dict(private=False)
