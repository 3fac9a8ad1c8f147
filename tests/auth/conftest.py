"""Sign-in tests run against the session's server behind a (pretend) reverse proxy
(`behind_proxy`, tests/conftest.py), which believes X-Forwarded-For, so that each can come
from an address of its own. Failed sign-ins count against their address
(auth/throttle.py): from the shared server's one address, the failures of many tests would
add up and throttle the sign-ins of later ones."""

from __future__ import annotations

import secrets


def new_address() -> str:
    """An address of its own (from a documentation-free private range)."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
