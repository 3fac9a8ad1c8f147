"""Tokens of an external OpenID Connect issuer (Keycloak): a fake issuer serves its
discovery document and JWKS over HTTP, a server process is configured to trust it
(OIDC_ISSUER, OIDC_AUDIENCE), and tokens shaped like Keycloak's are sent to /graphql."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.conftest import ServerProcess, error_codes, free_port

CLIENT = "ecabinet-spa"
VIEWER = "{ viewer { username } }"


def new_key() -> RSAKey:
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, private=True)
    return RSAKey.import_key(
        key.as_dict(private=True),
        parameters={"use": "sig", "alg": "RS256", "kid": key.thumbprint()},
    )


class FakeIssuer:
    """A Keycloak realm's public face: discovery document and JWKS. `rotate()` makes a new
    key the signing key and publishes it beside the old one, as Keycloak does."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/realms/ecabinet"
        self.keys = [new_key()]
        self.jwks_requests = 0
        app = Starlette(
            routes=[
                Route("/realms/ecabinet/.well-known/openid-configuration", self.discovery),
                Route("/realms/ecabinet/protocol/openid-connect/certs", self.jwks),
            ]
        )
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def active(self) -> RSAKey:
        return self.keys[-1]

    async def discovery(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.url,
                "jwks_uri": f"{self.url}/protocol/openid-connect/certs",
                "authorization_endpoint": f"{self.url}/protocol/openid-connect/auth",
                "token_endpoint": f"{self.url}/protocol/openid-connect/token",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def jwks(self, request: Request) -> JSONResponse:
        self.jwks_requests += 1
        return JSONResponse({"keys": [k.as_dict(private=False) for k in self.keys]})

    def rotate(self) -> RSAKey:
        self.keys.append(new_key())
        return self.active

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("fake issuer did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def token(self, *, key: RSAKey | None = None, kid: str | None = None, **claims: Any) -> str:
        """An access token as Keycloak issues it for the SPA client; a claim given as None
        is left out."""
        key = key or self.active
        now = int(time.time())
        body: dict[str, Any] = {
            "exp": now + 300,
            "iat": now,
            "jti": str(uuid.uuid4()),
            "iss": self.url,
            "aud": "account",
            "sub": str(uuid.uuid4()),
            "typ": "Bearer",
            "azp": CLIENT,
            "scope": "openid profile email",
            "preferred_username": "staff",
            "realm_access": {"roles": ["default-roles-ecabinet"]},
        }
        body.update(claims)
        body = {k: v for k, v in body.items() if v is not None}
        header = {"alg": "RS256", "typ": "JWT", "kid": kid or key.kid}
        return jwt.encode(header, body, key)


@pytest.fixture(scope="module")
def issuer() -> Iterator[FakeIssuer]:
    fake = FakeIssuer()
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def oidc_server(test_env: Any, issuer: FakeIssuer) -> Iterator[ServerProcess]:
    srv = ServerProcess(test_env, free_port(), {"OIDC_ISSUER": issuer.url, "OIDC_AUDIENCE": CLIENT})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
async def http(oidc_server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=oidc_server.url, timeout=15) as client:
        yield client


async def viewer(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token}"}
    )


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    assert "data" not in response.json() or response.json()["data"] is None


async def test_keycloak_token_signs_in_the_named_user(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    response = await viewer(http, issuer.token())
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"viewer": {"username": "staff"}}
    # another user, and the issuer URL written with a trailing slash
    response = await viewer(http, issuer.token(preferred_username="member1", iss=issuer.url + "/"))
    assert response.json()["data"] == {"viewer": {"username": "member1"}}


async def test_token_meant_for_our_client_by_audience_is_accepted(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    token = issuer.token(aud=["account", CLIENT], azp="another-app")
    response = await viewer(http, token)
    assert response.json()["data"] == {"viewer": {"username": "staff"}}


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"azp": "another-app"}, id="azp of another client"),
        pytest.param({"azp": None, "aud": "account"}, id="no azp, aud account"),
        pytest.param({"azp": "another-app", "aud": ["account", "other"]}, id="aud list"),
    ],
)
async def test_token_for_another_client_is_refused(
    http: httpx.AsyncClient, issuer: FakeIssuer, claims: dict[str, Any]
) -> None:
    assert_refused(await viewer(http, issuer.token(**claims)))


async def test_expired_token_is_refused(http: httpx.AsyncClient, issuer: FakeIssuer) -> None:
    now = int(time.time())
    assert_refused(await viewer(http, issuer.token(iat=now - 900, exp=now - 300)))
    assert_refused(await viewer(http, issuer.token(exp=None)))  # no expiry at all


async def test_token_of_another_issuer_is_refused(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    assert_refused(await viewer(http, issuer.token(iss=issuer.base + "/realms/other")))


async def test_forged_signature_with_a_known_kid_is_refused(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    forger = new_key()
    assert_refused(await viewer(http, issuer.token(key=forger, kid=issuer.active.kid)))


async def test_unsigned_token_is_refused(http: httpx.AsyncClient, issuer: FakeIssuer) -> None:
    good = issuer.token()
    header, payload, _ = good.split(".")
    none_header = base64.urlsafe_b64encode(
        json.dumps({"alg": "none", "typ": "JWT", "kid": issuer.active.kid}).encode()
    ).rstrip(b"=")
    assert_refused(await viewer(http, f"{none_header.decode()}.{payload}."))
    assert_refused(await viewer(http, f"{header}.{payload}."))


async def test_unknown_user_is_refused(http: httpx.AsyncClient, issuer: FakeIssuer) -> None:
    token = issuer.token(preferred_username=f"nobody-{secrets.token_hex(4)}")
    assert_refused(await viewer(http, token))
    assert_refused(await viewer(http, issuer.token(preferred_username=None)))


async def test_key_rotation_new_kid_is_fetched_and_accepted(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    # the server knows the current key (it verified tokens with it above, or does now)
    response = await viewer(http, issuer.token())
    assert response.json()["data"] == {"viewer": {"username": "staff"}}
    fetched = issuer.jwks_requests

    issuer.rotate()
    response = await viewer(http, issuer.token(preferred_username="member2"))
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"viewer": {"username": "member2"}}
    assert issuer.jwks_requests == fetched + 1, "the unknown kid must cause one JWKS refetch"


async def test_forged_kids_do_not_hammer_the_issuer(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    fetched = issuer.jwks_requests
    forger = new_key()
    for _ in range(5):
        token = issuer.token(key=forger, kid=secrets.token_urlsafe(8))
        assert_refused(await viewer(http, token))
    assert issuer.jwks_requests <= fetched + 1
    # and real tokens still work
    response = await viewer(http, issuer.token(key=issuer.keys[0]))
    assert response.json()["data"] == {"viewer": {"username": "staff"}}


async def test_keycloak_id_token_is_not_an_access_token(
    http: httpx.AsyncClient, issuer: FakeIssuer
) -> None:
    assert_refused(await viewer(http, issuer.token(typ="ID", aud="ecabinet-spa")))
