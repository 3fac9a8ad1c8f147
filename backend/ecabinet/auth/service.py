"""Rules of the authorization server: clients, codes, refresh-token rotation, and turning
a verified token into a Principal. Plain async functions: no HTTP here."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
)
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.auth.enums import AuthErrorCode
from ecabinet.auth.errors import auth_error
from ecabinet.auth.events import (
    REVOKED_CHANNEL,
    SESSION_ENDED,
    client_session_channel,
    session_channel,
)
from ecabinet.auth.models import AuthorizationCode, OAuthClient, RefreshToken, RevokedSession
from ecabinet.auth.tokens import InvalidToken, VerifiedToken
from ecabinet.authz.principal import SCOPES, Clearance, Principal
from ecabinet.org import service as org_service
from ecabinet.platform import audit
from ecabinet.platform.clock import utcnow
from ecabinet.platform.events import emit

if TYPE_CHECKING:  # a type only: users are org's, read through org.service
    from ecabinet.org.models import User

SPA_CLIENT_ID = "ecabinet-spa"
CODE_TTL = timedelta(minutes=2)
VERIFIER_RE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
NAME_RE = re.compile(r"^.{2,100}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(36)


# ---- partner clients -----------------------------------------------------------------


@dataclass(frozen=True)
class NewClient:
    client: OAuthClient
    secret: str


def parse_scopes(scope: str | None, allowed: list[str] | tuple[str, ...]) -> list[str]:
    wanted = (scope or "").split()
    unknown = [
        s for s in wanted if s not in SCOPES and s not in ("openid", "profile", "offline_access")
    ]
    if unknown:
        raise InvalidScopeError(description=f"unknown scope(s): {' '.join(unknown)}")
    return [s for s in wanted if s in allowed or s in ("openid", "profile", "offline_access")]


async def create_client(
    *,
    session: AsyncSession,
    actor: Principal,
    name: str,
    scopes: list[str],
    clearance: Clearance = Clearance.INTERNAL,
) -> NewClient:
    name = name.strip()
    if not NAME_RE.match(name):
        raise ValueError("a client name is 2-100 characters")
    bad = [s for s in scopes if s not in SCOPES]
    if bad:
        raise ValueError(f"unknown scope(s): {' '.join(bad)}; known: {' '.join(SCOPES)}")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "client"
    secret = new_secret()
    client = OAuthClient(
        client_id=f"{slug}-{secrets.token_hex(4)}",
        name=name,
        secret_hash=token_hash(secret),
        is_public=False,
        scopes=sorted(set(scopes)),
        clearance=int(clearance),
    )
    session.add(client)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="client.create",
        entity_type="OAuthClient",
        entity_id=client.client_id,
        level=Clearance.INTERNAL,
        details={"scopes": client.scopes, "clearance": int(clearance)},
    )
    return NewClient(client, secret)


async def list_clients(*, session: AsyncSession) -> list[OAuthClient]:
    """The partner clients, revoked ones included (never the SPA's public client)."""
    stmt = select(OAuthClient).where(OAuthClient.is_public.is_(False))
    return list(await session.scalars(stmt.order_by(OAuthClient.created_at, OAuthClient.id)))


async def _partner(session: AsyncSession, client_id: str) -> OAuthClient:
    client = (
        await session.scalars(
            select(OAuthClient).where(
                OAuthClient.client_id == client_id.strip()[:100], OAuthClient.is_public.is_(False)
            )
        )
    ).first()
    if client is None:
        raise auth_error(AuthErrorCode.CLIENT_NOT_FOUND, field=["clientId"])
    return client


def _end_client_tokens(session: AsyncSession, client: OAuthClient) -> None:
    """Tokens issued until now stop working at their next request; open sockets close once
    this commits."""
    client.tokens_valid_after = utcnow()
    emit(session, client_session_channel(client.client_id), SESSION_ENDED)


async def revoke_client(*, session: AsyncSession, actor: Principal, client_id: str) -> OAuthClient:
    """Revoke a partner client: no new tokens, its issued tokens refused at their next
    request, its WebSockets closed at once (on every process, through the broker)."""
    client = await _partner(session, client_id)
    was_active = client.active
    client.active = False
    _end_client_tokens(session, client)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="client.revoke",
        entity_type="OAuthClient",
        entity_id=client.client_id,
        level=Clearance.INTERNAL,
        details={"wasActive": was_active},
    )
    return client


async def rotate_client_secret(
    *, session: AsyncSession, actor: Principal, client_id: str
) -> NewClient:
    """A new secret for a partner client (shown once); the old one and every token issued
    with it stop working."""
    client = await _partner(session, client_id)
    secret = new_secret()
    client.secret_hash = token_hash(secret)
    _end_client_tokens(session, client)
    await session.flush()
    audit.record(
        session,
        actor=actor,
        action="client.rotate_secret",
        entity_type="OAuthClient",
        entity_id=client.client_id,
        level=Clearance.INTERNAL,
    )
    return NewClient(client, secret)


async def authenticate_client(*, session: AsyncSession, client_id: str, secret: str) -> OAuthClient:
    client = (
        await session.scalars(select(OAuthClient).where(OAuthClient.client_id == client_id[:100]))
    ).first()
    expected = client.secret_hash if client and client.secret_hash else token_hash(new_secret())
    ok = hmac.compare_digest(expected, token_hash(secret))
    if not (ok and client and client.active and not client.is_public):
        raise InvalidClientError(description="client authentication failed")
    return client


# ---- authorization code + PKCE -------------------------------------------------------


async def create_code(
    *,
    session: AsyncSession,
    user: User,
    client_id: str,
    redirect_uri: str,
    scope: str,
    code_challenge: str,
    nonce: str | None,
) -> str:
    code = new_secret()
    session.add(
        AuthorizationCode(
            code_hash=token_hash(code),
            client_id=client_id,
            user_id=user.id,
            redirect_uri=redirect_uri,
            scope=scope,
            nonce=nonce,
            code_challenge=code_challenge,
            expires_at=utcnow() + CODE_TTL,
        )
    )
    await session.flush()
    return code


async def redeem_code(
    *,
    session: AsyncSession,
    code: str,
    client_id: str,
    redirect_uri: str,
    code_verifier: str,
) -> AuthorizationCode:
    """The code's grant, once: a second redemption, a wrong verifier, a wrong redirect or
    an expired code is `invalid_grant`."""
    if not code_verifier or not VERIFIER_RE.match(code_verifier):
        raise InvalidRequestError(description="code_verifier is missing or malformed")
    # mark used atomically, so two concurrent redemptions cannot both succeed; the family
    # of the refresh tokens it gives is noted, to be revoked if the code comes back
    result = await session.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.code_hash == token_hash(code), AuthorizationCode.used.is_(False))
        .values(used=True, family_id=uuid.uuid4())
    )
    grant = (
        await session.scalars(
            select(AuthorizationCode).where(AuthorizationCode.code_hash == token_hash(code))
        )
    ).first()
    already_used = result.rowcount != 1  # type: ignore[attr-defined]
    if already_used and grant is not None and grant.family_id is not None:
        raise CodeReplay(grant.family_id)
    if already_used or grant is None:
        raise InvalidGrantError(description="the code is invalid or was already used")
    if grant.client_id != client_id or grant.redirect_uri != redirect_uri:
        raise InvalidGrantError(description="the code was issued to another client or redirect")
    if grant.expires_at < utcnow():
        raise InvalidGrantError(description="the code expired")
    if not hmac.compare_digest(create_s256_code_challenge(code_verifier), grant.code_challenge):
        raise InvalidGrantError(description="PKCE verification failed")
    return grant


# ---- refresh tokens ------------------------------------------------------------------


async def issue_refresh_token(
    *,
    session: AsyncSession,
    user_id: uuid.UUID,
    client_id: str,
    scope: str,
    ttl: int,
    family_id: uuid.UUID | None = None,
) -> str:
    token = new_secret()
    now = utcnow()
    session.add(
        RefreshToken(
            token_hash=token_hash(token),
            family_id=family_id or uuid.uuid4(),
            user_id=user_id,
            client_id=client_id,
            scope=scope,
            issued_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
    )
    await session.flush()
    return token


class RefreshReplay(InvalidGrantError):
    """A rotated refresh token came back: the caller revokes its family in a transaction
    of its own (this one is rolled back by the error)."""

    def __init__(self, family_id: uuid.UUID, what: str = "refresh token") -> None:
        super().__init__(description=f"{what} already used; session revoked")
        self.family_id = family_id


class CodeReplay(RefreshReplay):
    """An authorization code came back: the tokens it gave are revoked (RFC 6749 4.1.2)."""

    def __init__(self, family_id: uuid.UUID) -> None:
        super().__init__(family_id, "authorization code")


async def use_refresh_token(*, session: AsyncSession, token: str, client_id: str) -> RefreshToken:
    """Revoke `token` and return it so that its successor can be issued. A token that was
    already rotated is a replay: the whole family is revoked (RFC 9700 §4.14.2)."""
    # Claimed first, atomically: whoever loses a race for the same token (the client and
    # a thief presenting it at the same moment) is a replay too, not a plain failure.
    now = utcnow()
    claimed = await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == token_hash(token),
            RefreshToken.client_id == client_id,
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at >= now,
        )
        .values(revoked_at=now)
    )
    row = (
        await session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash(token))
        )
    ).first()
    if row is None or row.client_id != client_id:
        raise InvalidGrantError(description="unknown refresh token")
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        return row
    if row.revoked_at is not None:
        raise RefreshReplay(row.family_id)
    raise InvalidGrantError(description="refresh token expired")


async def family_started(*, session: AsyncSession, family_id: uuid.UUID) -> datetime:
    """When the session of this refresh-token family began (its first token)."""
    started = await session.scalar(
        select(func.min(RefreshToken.issued_at)).where(RefreshToken.family_id == family_id)
    )
    if started is None:
        raise InvalidGrantError(description="unknown refresh token")
    return started if started.tzinfo else started.replace(tzinfo=UTC)


async def revoke_family(*, session: AsyncSession, family_id: uuid.UUID) -> None:
    """End one sign-in session: its refresh tokens, and its access tokens (the family is
    their `sid`) at their next request; its WebSockets close once this commits."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    now = utcnow()
    await session.execute(delete(RevokedSession).where(RevokedSession.expires_at < now))
    if await session.get(RevokedSession, family_id) is None:
        session.add(RevokedSession(sid=family_id, revoked_at=now, expires_at=now + REVOKED_KEPT))
        await session.flush()
    user_id = await session.scalar(
        select(RefreshToken.user_id).where(RefreshToken.family_id == family_id).limit(1)
    )
    emit(session, REVOKED_CHANNEL, {"sid": str(family_id)})
    if user_id is not None:
        emit(session, session_channel(user_id), {**SESSION_ENDED, "sid": str(family_id)})


# a revoked session is remembered while an access token of it may still be alive
REVOKED_KEPT = timedelta(days=1)


async def session_revoked(*, session: AsyncSession, sid: uuid.UUID) -> bool:
    return await session.get(RevokedSession, sid) is not None


async def end_user_sessions(*, session: AsyncSession, user_id: uuid.UUID) -> None:
    """Every sign-in of a user ends, in the same transaction: their refresh tokens are
    revoked and once this commits their open sockets close (SESSION_ENDED); org has cut
    their access tokens (`tokens_valid_after`). Called when the user is deactivated or
    given a new password (the `org.user_locked_out` hook, wired in `auth/wire.py`) — never
    when a stored hash is merely re-hashed at sign-in. Reactivating the account does not
    bring old sessions back."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    emit(session, session_channel(user_id), SESSION_ENDED)


async def revoke_refresh_token(*, session: AsyncSession, token: str) -> uuid.UUID | None:
    """Logout: the session of this refresh token ends (its id, None if unknown)."""
    row = (
        await session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash(token))
        )
    ).first()
    if row is None:
        return None
    await revoke_family(session=session, family_id=row.family_id)
    return row.family_id


# ---- principals ----------------------------------------------------------------------


async def principal_for_token(
    *, session: AsyncSession, verified: VerifiedToken, user_claim: str
) -> Principal:
    """The Principal a verified token stands for, from the current database state (a
    deactivated user or client loses access at once, whatever its token says)."""
    claims = verified.claims
    exp = int(claims["exp"]) if isinstance(claims.get("exp"), int | float) else None
    if verified.external:
        username = claims.get(user_claim)
        if not isinstance(username, str):
            raise InvalidToken("no user claim")
        user = await _user_by(session, username=username)
        return _user_principal(user, claims, exp, verified.external)
    sub = claims.get("sub")
    if not isinstance(sub, str):
        raise InvalidToken("no subject")
    if sub.startswith("client:"):
        client = (
            await session.scalars(select(OAuthClient).where(OAuthClient.client_id == sub[7:]))
        ).first()
        if client is None or not client.active:
            raise InvalidToken("client inactive")
        if _issued_before(claims, client.tokens_valid_after):
            raise InvalidToken("client token revoked")
        granted = set(str(claims.get("scope", "")).split()) & set(client.scopes)
        return Principal(
            kind="client",
            client_id=client.client_id,
            username=f"client:{client.client_id}",
            clearance=Clearance(client.clearance),
            scopes=frozenset(granted),
            token_exp=exp,
        )
    try:
        user_id = uuid.UUID(sub)
    except ValueError as exc:
        raise InvalidToken("bad subject") from exc
    user = await _user_by(session, user_id=user_id)
    if _issued_before(claims, user.tokens_valid_after):
        raise InvalidToken("user token revoked")
    # a user's token reaches no further than its scopes (issue 8 Low 16)
    scopes = frozenset(str(claims.get("scope", "")).split()) & frozenset(SCOPES)
    principal = _user_principal(user, claims, exp, verified.external, scopes=scopes)
    sid = claims.get("sid")
    if isinstance(sid, str):
        principal.extra["sid"] = sid
    return principal


def _issued_before(claims: dict, valid_after: datetime | None) -> bool:  # type: ignore[type-arg]
    """Whether a token was issued before `valid_after` (a revocation): within the same
    second it counts as issued after (`iat` has whole seconds)."""
    if valid_after is None:
        return False
    iat = claims.get("iat")
    if not isinstance(iat, int | float):
        return True
    return int(iat) < int(valid_after.timestamp())


async def principal_for_user_id(*, session: AsyncSession, subject: str) -> Principal | None:
    """The current Principal of a user id (signed links), None if unknown or inactive."""
    try:
        user = await _user_by(session, user_id=uuid.UUID(subject))
    except (ValueError, InvalidToken):
        return None
    return _user_principal(user, {}, None, False)


async def _user_by(
    session: AsyncSession, *, user_id: uuid.UUID | None = None, username: str | None = None
) -> User:
    user = await org_service.user_for_sign_in(session=session, user_id=user_id, username=username)
    if user is None:
        raise InvalidToken("user unknown or inactive")
    return user


def _user_principal(
    user: User,
    claims: dict,  # type: ignore[type-arg]
    exp: int | None,
    external: bool,
    *,
    scopes: frozenset[str] = frozenset(SCOPES),
) -> Principal:
    """A user's principal; `scopes` bound what it reaches (every scope by default: an
    external issuer's tokens, signed links handed out by the API)."""
    return user_principal(
        user,
        scopes=scopes,
        client_id=str(claims.get("azp") or claims.get("client_id") or "") or None,
        token_exp=exp,
    )


def user_principal(
    user: User,
    *,
    scopes: frozenset[str] = frozenset(SCOPES),
    client_id: str | None = None,
    token_exp: int | None = None,
) -> Principal:
    """The Principal of a user row loaded with its roles: the one place a user's roles,
    unit and clearance become a principal (tokens, signed links, the demo seed, tests)."""
    return Principal(
        kind="user",
        user_id=user.id,
        username=user.username,
        unit_id=user.unit_id,
        roles=frozenset(user.role_names),
        clearance=Clearance(user.clearance),
        scopes=scopes,
        client_id=client_id,
        token_exp=token_exp,
    )


async def principal_for_username(*, session: AsyncSession, username: str) -> Principal:
    """The current Principal of an active user by username (the demo seed, tests); raises
    InvalidToken if unknown or inactive."""
    return user_principal(await _user_by(session, username=username))
