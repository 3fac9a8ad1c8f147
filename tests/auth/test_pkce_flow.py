"""The SPA's sign-in as a real OAuth client would do it: Authorization Code + PKCE,
refresh-token rotation, logout."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.conftest import PASSWORD, error_codes


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def auth_params(server, challenge: str, **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": "ecabinet-spa",
        "redirect_uri": f"{server.url}/auth/callback",
        "scope": "openid profile",
        "state": "st-123",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


async def login(
    server,
    username: str = "staff",
    password: str = PASSWORD,
    *,
    address: str | None = None,
    **extra: str,
):
    """Sign in through the login page; `address`: the client's (X-Forwarded-For, believed
    by the `behind_proxy` server only)."""
    verifier, challenge = pkce_pair()
    headers = {"X-Forwarded-For": address} if address else {}
    async with server.client(follow_redirects=False) as http:
        page = await http.get("/auth/authorize", params=auth_params(server, challenge, **extra))
        assert page.status_code == 200
        form = hidden_fields(page.text)
        response = await http.post(
            "/auth/authorize",
            data={**form, "username": username, "password": password},
            headers=headers,
        )
    return verifier, response


def code_grant(server, response, verifier: str, **over: str) -> dict[str, str]:
    """The token request that redeems the code `response` (the login page's redirect)
    carries, for the SPA's client and callback; `over` changes a field."""
    return {
        "grant_type": "authorization_code",
        "code": parse_qs(urlsplit(response.headers["location"]).query)["code"][0],
        "redirect_uri": f"{server.url}/auth/callback",
        "client_id": "ecabinet-spa",
        "code_verifier": verifier,
        **over,
    }


async def sign_in(server, username: str = "staff", **extra: str) -> dict:
    """Sign in and redeem the code: the tokens (`extra`: authorization parameters, e.g.
    `scope`)."""
    verifier, response = await login(server, username, **extra)
    assert response.status_code == 302, response.text
    async with server.client() as http:
        tokens = await http.post(
            "/auth/token",
            data=code_grant(server, response, verifier),
        )
    assert tokens.status_code == 200, tokens.text
    return tokens.json()


async def test_login_page_is_bilingual_form_with_username_and_password(server):
    _, challenge = pkce_pair()
    async with httpx.AsyncClient(base_url=server.url) as http:
        page = await http.get("/auth/authorize", params=auth_params(server, challenge))
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert "Đăng nhập" in page.text and "Password" in page.text


@pytest.mark.smoke
async def test_pkce_sign_in_gives_tokens_that_open_the_api(server, gql):
    tokens = await sign_in(server)
    assert tokens["token_type"] == "Bearer" and tokens["refresh_token"] and tokens["id_token"]
    body = await gql("{ viewer { username unit { name } } }", token=tokens["access_token"])
    assert body["data"]["viewer"] == {"username": "staff", "unit": {"name": "Trung tâm Tin học"}}


async def test_redirect_carries_state_back(server):
    _, response = await login(server)
    assert parse_qs(urlsplit(response.headers["location"]).query)["state"] == ["st-123"]


async def test_wrong_password_shows_an_error_on_the_login_page(server):
    _, response = await login(server, username="member6", password="wrong-password")
    assert response.status_code == 401
    assert 'role="alert"' in response.text and "không đúng" in response.text


async def test_code_cannot_be_redeemed_twice(server):
    verifier, response = await login(server)
    data = code_grant(server, response, verifier)
    async with httpx.AsyncClient(base_url=server.url) as http:
        first = await http.post("/auth/token", data=data)
        second = await http.post("/auth/token", data=data)
    assert first.status_code == 200
    assert second.status_code == 400 and second.json()["error"] == "invalid_grant"


async def test_wrong_code_verifier_is_refused(server):
    _, response = await login(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        refused = await http.post(
            "/auth/token",
            data=code_grant(server, response, secrets.token_urlsafe(48)),
        )
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


async def test_unregistered_redirect_uri_is_never_redirected_to(server):
    _, challenge = pkce_pair()
    params = auth_params(server, challenge, redirect_uri="https://evil.example/auth/callback")
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        page = await http.get("/auth/authorize", params=params)
    assert page.status_code == 400 and "location" not in page.headers


async def test_missing_pkce_is_sent_back_as_invalid_request(server):
    params = auth_params(server, "x")
    del params["code_challenge"]
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302
    assert "error=invalid_request" in response.headers["location"]


@pytest.mark.smoke
async def test_refresh_rotates_and_a_rotated_token_is_refused(server, gql):
    tokens = await sign_in(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        data = {"grant_type": "refresh_token", "client_id": "ecabinet-spa"}
        rotated = await http.post(
            "/auth/token", data={**data, "refresh_token": tokens["refresh_token"]}
        )
        assert rotated.status_code == 200
        new = rotated.json()
        assert new["refresh_token"] != tokens["refresh_token"]
        replay = await http.post(
            "/auth/token", data={**data, "refresh_token": tokens["refresh_token"]}
        )
        assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
        # the replay revoked the whole session: the newest refresh token is dead too
        after = await http.post("/auth/token", data={**data, "refresh_token": new["refresh_token"]})
        assert after.status_code == 400
    # and its access tokens with it (issue 8 Low 16; they used to work until they expired)
    ended = await gql.post("{ viewer { username } }", token=new["access_token"])
    assert ended.status_code == 401 and ended.json()["errors"][0]["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )


async def test_logout_revokes_the_refresh_token(server):
    tokens = await sign_in(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        out = await http.post(
            "/auth/logout",
            data={"refresh_token": tokens["refresh_token"], "client_id": "ecabinet-spa"},
        )
        assert out.status_code == 200
        refused = await http.post(
            "/auth/token",
            data={
                "grant_type": "refresh_token",
                "client_id": "ecabinet-spa",
                "refresh_token": tokens["refresh_token"],
            },
        )
    assert refused.status_code == 400


async def test_discovery_and_jwks_describe_the_server(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        meta = (await http.get("/.well-known/openid-configuration")).json()
        keys = (await http.get("/auth/jwks.json")).json()
    assert meta["issuer"] == server.url
    assert meta["token_endpoint"] == f"{server.url}/auth/token"
    assert "S256" in meta["code_challenge_methods_supported"]
    assert keys["keys"] and "d" not in keys["keys"][0]  # public part only


async def test_access_token_verifies_with_published_jwks(server):
    from joserfc import jwt
    from joserfc.jwk import KeySet

    tokens = await sign_in(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        keys = KeySet.import_key_set((await http.get("/auth/jwks.json")).json())
    decoded = jwt.decode(tokens["access_token"], keys)
    assert decoded.claims["iss"] == server.url and decoded.claims["aud"] == "ecabinet"


@pytest.mark.parametrize("header", ["Bearer not-a-jwt", "Bearer a.b.c", "Basic Zm9vOmJhcg=="])
async def test_bad_tokens_are_unauthenticated(gql, header):
    response = await gql.http.post(
        "/graphql", json={"query": "{ viewer { id } }"}, headers={"Authorization": header}
    )
    assert response.status_code == 401
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]


async def test_a_sign_in_ends_after_the_session_maximum_however_often_it_is_refreshed(test_env):
    """ECABINET_SESSION_MAX_AGE: refreshing keeps a session going up to that age, not beyond;
    then the user signs in again. (The clock is driven: no waiting.)"""
    from datetime import timedelta

    from ecabinet.platform import clock
    from tests.conftest import in_process_server

    hour = timedelta(hours=1)
    async with in_process_server(test_env, ECABINET_SESSION_MAX_AGE="36000") as srv:
        tokens = await sign_in(srv)
        data = {"grant_type": "refresh_token", "client_id": "ecabinet-spa"}
        async with srv.client() as http:
            token = tokens["refresh_token"]
            for _ in range(9):  # refreshed every hour of a nine-hour day: still signed in
                clock.advance(hour)
                refreshed = await http.post("/auth/token", data={**data, "refresh_token": token})
                assert refreshed.status_code == 200, refreshed.text
                token = refreshed.json()["refresh_token"]
            clock.advance(hour + timedelta(seconds=1))  # ten hours and a second after sign-in
            ended = await http.post("/auth/token", data={**data, "refresh_token": token})
        assert ended.status_code == 400 and ended.json()["error"] == "invalid_grant"
