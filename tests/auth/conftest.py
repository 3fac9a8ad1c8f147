"""A server behind a (pretend) reverse proxy on 127.0.0.1: it believes X-Forwarded-For,
so that sign-in tests can each come from an address of their own. Failed sign-ins count
against their address (auth/throttle.py): from the shared server's one address, the
failures of many tests would add up and throttle the sign-ins of later ones."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from tests.conftest import ServerProcess, TestEnv, free_port


@pytest.fixture(scope="session")
def behind_proxy(test_env: TestEnv) -> Iterator[ServerProcess]:
    port = free_port()
    srv = ServerProcess(
        test_env,
        port,
        {
            "ECABINET_TRUSTED_PROXIES": "127.0.0.1",
            "ECABINET_PUBLIC_URL": f"http://127.0.0.1:{port}",
        },
    )
    yield srv
    srv.stop()


def new_address() -> str:
    """An address of its own (from a documentation-free private range)."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
