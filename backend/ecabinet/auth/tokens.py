"""Issuing and verifying access tokens: one validation path for the server's own tokens
and for an external OpenID Connect issuer's (e.g. Keycloak).

A signature check alone checks none of `iss`, `aud`, `exp`: they are checked explicitly.
The external issuer's JWKS is fetched asynchronously and cached; an unknown `kid` causes
one refetch (key rotation), rate-limited so forged kids cannot hammer the issuer.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, RSAKey

log = logging.getLogger("ecabinet.auth")

AUDIENCE = "ecabinet"
ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
LEEWAY = 30
REFRESH_INTERVAL = 30  # seconds between two JWKS refetches forced by unknown kids


class InvalidToken(Exception):
    """The token is malformed, forged, expired, or not meant for us (reason is logged)."""


@dataclass(frozen=True)
class VerifiedToken:
    claims: dict[str, Any]
    external: bool


def _peek_claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as exc:
        raise InvalidToken("malformed") from exc
    if not isinstance(data, dict):
        raise InvalidToken("malformed")
    return data


class ExternalIssuer:
    def __init__(self, issuer: str, audience: str | None, ttl: int) -> None:
        self.issuer = issuer.rstrip("/")
        # without a configured audience, our own: a signature of the realm alone would let
        # in tokens the realm issued to any of its other clients
        self.audience = audience or AUDIENCE
        self.ttl = ttl
        self._keys: KeySet | None = None
        self._fetched = 0.0
        self._forced: float = -REFRESH_INTERVAL  # last refetch forced by an unknown kid
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool = False) -> KeySet:
        """The issuer's keys, cached for `ttl` seconds. `refresh` (an unknown kid) refetches
        at once, but at most once every REFRESH_INTERVAL seconds, so that tokens with made-up
        kids cannot make us hammer the issuer."""
        async with self._lock:
            now = time.monotonic()
            if self._keys is None or now - self._fetched > self.ttl:
                return await self._fetch()
            if refresh and now - self._forced > REFRESH_INTERVAL:
                self._forced = now
                return await self._fetch()
            return self._keys

    async def _fetch(self) -> KeySet:
        async with httpx.AsyncClient(timeout=5) as client:
            meta = (await client.get(f"{self.issuer}/.well-known/openid-configuration")).json()
            jwks = (await client.get(meta["jwks_uri"])).json()
        self._keys = keys = KeySet.import_key_set(jwks)
        self._fetched = time.monotonic()
        return keys


class TokenService:
    def __init__(
        self,
        *,
        key: RSAKey,
        issuer: str,
        external: ExternalIssuer | None = None,
    ) -> None:
        self.key = key
        self.issuer = issuer
        self.external = external
        self._own_keys = KeySet([key])

    def issue(self, claims: dict[str, Any], ttl: int, *, typ: str = "at+jwt") -> str:
        now = int(time.time())
        body = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "iat": now,
            "nbf": now - 1,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
            **claims,
        }
        header = {"alg": "RS256", "kid": self.key.kid, "typ": typ}
        return jwt.encode(header, body, self.key)

    def issue_id_token(self, claims: dict[str, Any], client_id: str, ttl: int) -> str:
        return self.issue({**claims, "aud": client_id}, ttl, typ="JWT")

    async def verify(self, token: str) -> VerifiedToken:
        if not token or len(token) > 8192 or token.count(".") != 2:
            raise InvalidToken("malformed")
        iss = _peek_claims(token).get("iss")
        if iss == self.issuer:
            claims = self._decode(token, self._own_keys, iss=self.issuer, typ={"at+jwt"})
            if claims.get("aud") != AUDIENCE:
                raise InvalidToken("audience")
            return VerifiedToken(claims, external=False)
        if self.external and isinstance(iss, str) and iss.rstrip("/") == self.external.issuer:
            ext = self.external
            try:
                keys = await ext.keys()
                try:
                    claims = self._decode(token, keys, iss=iss, typ={"JWT", "at+jwt", None})
                except _UnknownKey:
                    claims = self._decode(
                        token, await ext.keys(refresh=True), iss=iss, typ={"JWT", "at+jwt", None}
                    )
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                log.warning("external issuer unreachable: %s", exc)
                raise InvalidToken("issuer unreachable") from exc
            if claims.get("typ") in ("ID", "Refresh", "Logout"):  # Keycloak's non-access tokens
                raise InvalidToken("not an access token")
            aud = claims.get("aud")
            auds = aud if isinstance(aud, list) else [aud]
            if ext.audience not in auds and claims.get("azp") != ext.audience:
                raise InvalidToken("audience")
            return VerifiedToken(claims, external=True)
        raise InvalidToken("unknown issuer")

    def _decode(
        self, token: str, keys: KeySet, *, iss: str, typ: set[str | None]
    ) -> dict[str, Any]:
        try:
            decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
        except (InvalidKeyIdError, ValueError) as exc:  # a kid not in the set
            raise _UnknownKey from exc
        except JoseError as exc:
            raise InvalidToken(f"signature: {exc}") from exc
        if decoded.header.get("typ") not in typ:
            raise InvalidToken("token type")
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY,
            iss={"essential": True, "value": iss},
            exp={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except JoseError as exc:
            raise InvalidToken(f"claims: {exc}") from exc
        return dict(decoded.claims)


class _UnknownKey(InvalidToken):
    pass
