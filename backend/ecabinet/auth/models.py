"""The authorization server's records: clients, authorization codes, refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, TimestampMixin, UTCDateTime


class OAuthClient(IdMixin, TimestampMixin, Base):
    """A registered OAuth client: the SPA (public, PKCE) or a partner system."""

    __tablename__ = "oauth_client"

    client_id: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    secret_hash: Mapped[str | None] = mapped_column(String(255))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    clearance: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # tokens issued before this instant are refused (a revocation, a new secret)
    tokens_valid_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # trusted-documents mode (graphql/trusted.py): None = off; else the only documents the
    # client may run, sha256 (hex of the UTF-8 text) → document
    trusted_documents: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    # may it introspect the schema; None: as GRAPHQL_INTROSPECTION says (graphql/limits.py)
    introspection: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class AuthorizationCode(IdMixin, Base):
    __tablename__ = "oauth_authorization_code"

    code_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    client_id: Mapped[str] = mapped_column(String(100), nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), index=True, nullable=False
    )
    redirect_uri: Mapped[str] = mapped_column(String(1000), nullable=False)
    scope: Mapped[str] = mapped_column(String(1000), default="", nullable=False)
    nonce: Mapped[str | None] = mapped_column(String(255))
    code_challenge: Mapped[str] = mapped_column(String(128), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # the refresh-token family issued for this code: revoked if the code comes back
    family_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class RefreshToken(IdMixin, Base):
    """Refresh tokens rotate: each use issues a new one in the same family and revokes the
    old. Presenting a revoked one revokes the whole family (a stolen token is useless)."""

    __tablename__ = "oauth_refresh_token"
    __table_args__ = (Index("ix_oauth_refresh_token_family_id", "family_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    family_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), index=True, nullable=False
    )
    client_id: Mapped[str] = mapped_column(String(100), nullable=False)
    scope: Mapped[str] = mapped_column(String(1000), default="", nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RevokedSession(Base):
    """A sign-in session (the `sid` of its access tokens: its refresh-token family) that
    ended early (logout, a replayed code or refresh token): its access tokens are refused
    until they expire. Kept until `expires_at`, when no token of it can be alive."""

    __tablename__ = "oauth_revoked_session"

    sid: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
