"""Short-lived signed links (file downloads, exports): valid for one user, one path and a
few minutes; the download still re-checks that the user may see the object."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import urlencode

LINK_TTL = 300


def _mac(secret: str, path: str, user: str, exp: int) -> str:
    digest = hmac.new(secret.encode(), f"{path}|{user}|{exp}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def signed_url(secret: str, path: str, user: str, ttl: int = LINK_TTL) -> str:
    exp = int(time.time()) + ttl
    return f"{path}?{urlencode({'u': user, 'exp': exp, 'sig': _mac(secret, path, user, exp)})}"


def verify(secret: str, path: str, user: str, exp: str, sig: str) -> bool:
    try:
        expires = int(exp)
    except ValueError:
        return False
    if expires < time.time():
        return False
    return hmac.compare_digest(_mac(secret, path, user, expires), sig)
