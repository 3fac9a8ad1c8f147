"""Login throttling (per username, per address) and refusal of bad access tokens."""

from __future__ import annotations

import time

from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.auth.conftest import new_address
from tests.auth.test_pkce_flow import login
from tests.conftest import error_codes


async def test_repeated_failed_logins_for_a_username_get_429(behind_proxy):
    """From one address, after the free tries: 429 with Retry-After (a wait that doubles with
    each failure, tests/auth/test_login_throttle.py; no longer a lock of the username)."""
    address = new_address()
    responses = []
    while len(responses) < 10 and (not responses or responses[-1].status_code != 429):
        responses.append((await login(behind_proxy, "member5", "bad-password", address=address))[1])
    statuses = [r.status_code for r in responses]
    # every try past the free ones doubles the wait: a 429 comes however slow this machine is
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429, statuses
    assert int(responses[-1].headers["retry-after"]) > 0


async def test_expired_token_is_unauthenticated(gql, make_token):
    token = make_token("staff", ttl=-120)
    assert error_codes((await gql.post("{ viewer { id } }", token=token)).json()) == [
        "UNAUTHENTICATED"
    ]


async def test_token_signed_by_another_key_is_unauthenticated(gql, runtime, user_ids):
    key = RSAKey.generate_key(2048, private=True)
    claims = {
        "iss": runtime.issuer,
        "aud": "ecabinet",
        "exp": int(time.time()) + 600,
        "sub": str(user_ids["admin"]),
    }
    forged = jwt.encode(
        {"alg": "RS256", "kid": runtime.tokens.key.kid, "typ": "at+jwt"}, claims, key
    )
    response = await gql.post("{ viewer { id } }", token=forged)
    assert response.status_code == 401


async def test_token_for_another_audience_is_unauthenticated(gql, make_token):
    response = await gql.post("{ viewer { id } }", token=make_token("staff", aud="other-api"))
    assert response.status_code == 401


async def test_deactivated_user_loses_access_at_once(gql, make_token, runtime, user_ids):
    from ecabinet.authz.principal import system_principal
    from ecabinet.org import service

    token = make_token("assets")
    assert (await gql("{ viewer { username } }", token=token))["data"]["viewer"]
    async with runtime.db.unit_of_work() as s:
        await service.deactivate_user(
            session=s, principal=system_principal(), user_id=user_ids["assets"]
        )
    try:
        assert (await gql.post("{ viewer { username } }", token=token)).status_code == 401
    finally:
        async with runtime.db.unit_of_work() as s:
            from ecabinet.org.models import User

            (await s.get(User, user_ids["assets"])).active = True


async def test_a_password_typed_as_the_username_never_reaches_the_log(test_env):
    """Failed logins are logged with the username of an existing user, or a digest of what
    was typed: people type their password into the username field."""
    from tests.conftest import ServerProcess, free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    srv = ServerProcess(test_env, port, {"LOG_LEVEL": "INFO", "ECABINET_PUBLIC_URL": url})
    try:
        await login(srv, "Mật-khẩu-Bí-mật-2019!", "whatever")
        await login(srv, "member3", "bad-password")
    finally:
        srv.stop()
    log = srv.log.read_text(encoding="utf-8")
    failed = [line for line in log.splitlines() if "login failed" in line]
    assert len(failed) == 2, log[-2000:]
    assert "Bí-mật" not in log and "B\\u00ed-m\\u1eadt" not in log
    assert "unknown:" in failed[0] and "member3" in failed[1]
