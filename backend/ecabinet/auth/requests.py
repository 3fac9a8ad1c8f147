"""Who is behind an `Authorization: Bearer …` value (HTTP header or WebSocket payload)."""

from __future__ import annotations

import logging

from ecabinet.auth.service import principal_for_token
from ecabinet.auth.tokens import InvalidToken
from ecabinet.authz.principal import ANONYMOUS, Principal
from ecabinet.platform.errors import Unauthenticated
from ecabinet.runtime import Runtime

log = logging.getLogger("ecabinet.auth")


async def principal_from_authorization(runtime: Runtime, value: object) -> Principal:
    """ANONYMOUS without a value; Unauthenticated for a bad one (the reason is logged,
    never told to the client)."""
    if value is None or value == "":
        return ANONYMOUS
    if not isinstance(value, str):
        raise Unauthenticated()
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated()
    try:
        verified = await runtime.tokens.verify(token.strip())
        async with runtime.db.session() as session:
            principal = await principal_for_token(
                session=session, verified=verified, user_claim=runtime.settings.oidc_user_claim
            )
        # a session ended early (logout, a replayed code or refresh token): refused
        sid = principal.extra.get("sid")
        if isinstance(sid, str) and await runtime.revocations.is_revoked(sid):
            raise InvalidToken("session revoked")
        return principal
    except InvalidToken as exc:
        log.info("token refused: %s", exc)
        raise Unauthenticated() from exc
