"""Findings of the security review of the authorization server, each pinned by a test."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.auth.test_external_oidc import FakeIssuer
from tests.auth.test_pkce_flow import (
    auth_params,
    code_grant,
    hidden_fields,
    login,
    pkce_pair,
    sign_in,
)
from tests.conftest import PASSWORD, in_process_server


def _address() -> str:
    """A client address of its own (the test server trusts X-Forwarded-For from 127.0.0.1),
    so that the per-address login limit of one test does not spill into another."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


async def test_unknown_scope_is_refused_by_redirect(server):
    _, challenge = pkce_pair()
    params = auth_params(server, challenge, scope="openid root:all")
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["st-123"]


async def test_overlong_nonce_is_invalid_request_not_a_server_error(server):
    _, challenge = pkce_pair()
    params = auth_params(server, challenge, nonce="n" * 300)
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302
    assert "error=invalid_request" in response.headers["location"]


async def test_concurrent_failed_logins_cannot_exceed_the_username_limit(behind_proxy):
    """The limit is taken before the password is checked: parallel guesses for one
    username from one address get no more than LOGIN_MAX_FAILURES tries. (Limits are per
    username and address since issue 8 Low 11: other addresses are not held back.)"""
    username = f"race-{secrets.token_hex(3)}"
    address = _address()
    _, challenge = pkce_pair()
    async with httpx.AsyncClient(base_url=behind_proxy.url, timeout=60) as http:
        page = await http.get("/auth/authorize", params=auth_params(behind_proxy, challenge))
        form = hidden_fields(page.text)
        cookies = dict(http.cookies)

        async def attempt() -> int:
            async with httpx.AsyncClient(
                base_url=behind_proxy.url, timeout=60, cookies=cookies
            ) as one:
                response = await one.post(
                    "/auth/authorize",
                    data={**form, "username": username, "password": "wrong-password"},
                    headers={"X-Forwarded-For": address},
                )
                return response.status_code

        statuses = await asyncio.gather(*(attempt() for _ in range(15)))
    assert statuses.count(401) <= 5 and statuses.count(429) >= 10, statuses


async def test_post_logout_redirect_must_match_exactly(server):
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        elsewhere = await http.get(
            "/auth/logout", params={"post_logout_redirect_uri": f"{server.url}/files/x?y=1"}
        )
        home = await http.get("/auth/logout", params={"post_logout_redirect_uri": f"{server.url}/"})
    assert elsewhere.status_code == 200 and "location" not in elsewhere.headers
    assert home.status_code == 302 and home.headers["location"] == f"{server.url}/"


@pytest.fixture(scope="module")
def fake_issuer() -> Iterator[FakeIssuer]:
    fake = FakeIssuer()
    fake.start()
    yield fake
    fake.stop()


async def test_external_token_needs_our_audience_even_when_none_is_configured(
    test_env, fake_issuer
):
    fake = fake_issuer
    query = {"query": "{ viewer { username } }"}
    # the app in this process, trusting the issuer with OIDC_ISSUER alone (no OIDC_AUDIENCE)
    async with (
        in_process_server(test_env, OIDC_ISSUER=fake.url) as srv,
        srv.client(timeout=15) as http,
    ):

        async def viewer(token: str) -> httpx.Response:
            return await http.post(
                "/graphql", json=query, headers={"Authorization": f"Bearer {token}"}
            )

        other_app = await viewer(fake.token(aud="account", azp="another-app"))
        ours = await viewer(fake.token(aud=["account", "ecabinet"], azp="another-app"))
    assert other_app.status_code == 401
    assert ours.json()["data"] == {"viewer": {"username": "staff"}}


async def test_login_form_is_bound_to_the_browser_that_loaded_it(server):
    """Login CSRF: a form token fetched by another site is refused when the browser posting
    it does not hold the SameSite=Strict cookie that came with it."""
    _, challenge = pkce_pair()
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as attacker:
        page = await attacker.get("/auth/authorize", params=auth_params(server, challenge))
        cookie = page.headers["set-cookie"].lower()
        assert "samesite=strict" in cookie and "httponly" in cookie
        form = {**hidden_fields(page.text), "username": "staff", "password": PASSWORD}
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as victim:
        posted = await victim.post("/auth/authorize", data=form)
        other = await victim.post(
            "/auth/authorize", data=form, cookies={"ecabinet_login": secrets.token_urlsafe(32)}
        )
    for response in (posted, other):
        assert response.status_code == 400 and "location" not in response.headers


async def test_a_code_presented_twice_revokes_the_tokens_it_gave(server):
    verifier, response = await login(server)
    data = code_grant(server, response, verifier)
    async with httpx.AsyncClient(base_url=server.url) as http:
        first = await http.post("/auth/token", data=data)
        assert first.status_code == 200
        again = await http.post("/auth/token", data=data)
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        refresh = await http.post(
            "/auth/token",
            data={
                "grant_type": "refresh_token",
                "client_id": "ecabinet-spa",
                "refresh_token": first.json()["refresh_token"],
            },
        )
    assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"


async def test_losing_a_race_for_a_refresh_token_counts_as_replay(runtime, user_ids):
    """Two requests with the same refresh token at once: the one that finds it already
    claimed (here: claimed by another transaction just before this one's statement) must
    be a replay that revokes the family, not a plain failure."""
    from sqlalchemy import event, update

    from ecabinet.auth import service
    from ecabinet.auth.models import RefreshToken
    from ecabinet.platform.clock import utcnow

    async with runtime.db.unit_of_work() as s:
        token = await service.issue_refresh_token(
            session=s, user_id=user_ids["staff"], client_id="ecabinet-spa", scope="openid", ttl=600
        )
    winner = update(RefreshToken).where(RefreshToken.token_hash == service.token_hash(token))
    async with runtime.db.session() as s:
        done = False

        def other_request_first(state) -> None:  # type: ignore[no-untyped-def]
            nonlocal done
            if state.is_update and not done:
                done = True
                state.session.execute(winner.values(revoked_at=utcnow()))

        event.listen(s.sync_session, "do_orm_execute", other_request_first)
        with pytest.raises(service.RefreshReplay):
            await service.use_refresh_token(session=s, token=token, client_id="ecabinet-spa")
        await s.rollback()


async def _refresh(server, token: str) -> httpx.Response:
    async with server.client() as http:
        return await http.post(
            "/auth/token",
            data={
                "grant_type": "refresh_token",
                "client_id": "ecabinet-spa",
                "refresh_token": token,
            },
        )


async def test_new_password_or_deactivation_ends_the_users_sessions(
    server, gql, make_token, runtime, user_ids
):
    from ecabinet.org.models import User

    admin = make_token("admin")
    found = await gql('{ users(filter: {usernames: ["treaty"]}) { nodes { id } } }', token=admin)
    treaty = found["data"]["users"]["nodes"][0]["id"]

    before_reset = await sign_in(server, "treaty")
    body = await gql(
        "mutation($i: SetPasswordInput!) { setPassword(input: $i) { errors { code } } }",
        {"i": {"id": treaty, "password": PASSWORD}},
        token=admin,
    )
    assert body["data"]["setPassword"]["errors"] == []
    assert (await _refresh(server, before_reset["refresh_token"])).status_code == 400

    before_leave = await sign_in(server, "treaty")
    body = await gql(
        "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }",
        {"id": treaty},
        token=admin,
    )
    assert body["data"]["deactivateUser"]["errors"] == []
    async with runtime.db.unit_of_work() as s:  # back at work: old sessions stay ended
        (await s.get(User, user_ids["treaty"])).active = True
    assert (await _refresh(server, before_leave["refresh_token"])).status_code == 400
    assert (await _refresh(server, (await sign_in(server, "treaty"))["refresh_token"])).is_success


async def test_refreshed_id_token_keeps_the_time_of_the_sign_in(test_env):
    """OpenID Connect Core 12.2: auth_time of a refreshed ID token is the time of the
    original authentication, not of the refresh (a relying party deciding on max_age or
    step-up must not see a fresh sign-in that never happened). The clock is driven."""
    from datetime import timedelta

    from joserfc import jwt
    from joserfc.jwk import KeySet

    from ecabinet.platform import clock
    from tests.conftest import in_process_server

    async with in_process_server(test_env) as server:
        tokens = await sign_in(server)
        async with server.client() as http:
            keys = KeySet.import_key_set((await http.get("/auth/jwks.json")).json())
        signed_in = jwt.decode(tokens["id_token"], keys).claims["auth_time"]
        assert abs(signed_in - clock.utcnow().timestamp()) <= 5
        clock.advance(timedelta(hours=2))
        refreshed = await _refresh(server, tokens["refresh_token"])
        assert refreshed.status_code == 200, refreshed.text
        again = jwt.decode(refreshed.json()["id_token"], keys).claims
    assert abs(again["auth_time"] - signed_in) <= 1  # not two hours later


# ---- checked and found sound: pinned so that they stay so ------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


async def test_own_tokens_refuse_none_and_hmac_with_the_public_key(gql, runtime, user_ids):
    """Algorithm pinning: no `none`, and no HS256 keyed with the published RSA key."""
    claims = {
        "iss": runtime.issuer,
        "aud": "ecabinet",
        "exp": int(time.time()) + 600,
        "sub": str(user_ids["admin"]),
    }
    body = _b64(json.dumps(claims).encode())
    kid = runtime.tokens.key.kid
    none = _b64(json.dumps({"alg": "none", "typ": "at+jwt", "kid": kid}).encode())
    hs = _b64(json.dumps({"alg": "HS256", "typ": "at+jwt", "kid": kid}).encode())
    public = json.dumps(runtime.tokens.key.as_dict(private=False)).encode()
    mac = hmac.new(public, f"{hs}.{body}".encode(), hashlib.sha256).digest()
    for token in (f"{none}.{body}.", f"{hs}.{body}.{_b64(mac)}"):
        assert (await gql.post("{ viewer { id } }", token=token)).status_code == 401


async def test_id_token_is_not_an_access_token(gql, server):
    tokens = await sign_in(server)
    assert (await gql.post("{ viewer { id } }", token=tokens["id_token"])).status_code == 401


async def test_login_page_and_token_answers_are_not_cached_or_framed(server):
    _, challenge = pkce_pair()
    async with httpx.AsyncClient(base_url=server.url) as http:
        page = await http.get("/auth/authorize", params=auth_params(server, challenge))
        error = await http.post("/auth/token", data={"grant_type": "password"})
    assert "no-store" in page.headers["cache-control"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert 'autocomplete="current-password"' in page.text
    assert error.status_code in (400, 401) and "no-store" in error.headers["cache-control"]
    assert set(error.json()) <= {"error", "error_description"}


async def test_code_is_bound_to_its_redirect_uri(server):
    verifier, response = await login(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        refused = await http.post(
            "/auth/token",
            data=code_grant(
                server, response, verifier, redirect_uri=f"{server.url}/auth/callback/../x"
            ),
        )
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


async def test_plain_pkce_is_refused(server):
    verifier, _ = pkce_pair()
    params = auth_params(server, verifier, code_challenge_method="plain")
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302 and "error=invalid_request" in response.headers["location"]


async def test_wrong_password_and_unknown_user_look_alike(behind_proxy):
    _, known = await login(behind_proxy, "clerk", "wrong-password", address=_address())
    _, unknown = await login(
        behind_proxy, f"nobody-{secrets.token_hex(3)}", "wrong-password", address=_address()
    )
    alert = re.compile(r'<p class="error" role="alert">([^<]*)</p>')
    assert known.status_code == unknown.status_code == 401
    assert alert.findall(known.text) == alert.findall(unknown.text) != []
