"""GraphQL types of the authorization server: partner systems (OAuth clients that sign in
with client credentials), administered by ADMINs."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ecabinet.auth import enums
from ecabinet.auth.models import OAuthClient
from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.graphql.payloads import UserError
from ecabinet.org.types import Clearance

AuthErrorCode = strawberry.enum(
    enums.AuthErrorCode,
    description="The codes the administration of partner systems answers with, in "
    "`UserError.code` (a String, for compatibility): CLIENT_NOT_FOUND for a client_id "
    "nobody registered.",
)


@strawberry.type(description="A partner system that signs in with client credentials (ADMIN).")
class PartnerClient:
    client_id: str = strawberry.field(description="Its client_id, e.g. bo-tu-phap-1a2b3c4d.")
    name: str = strawberry.field(description="The name administrators know the system by.")
    scopes: list[str] = strawberry.field(description="Scopes it may ask for.")
    clearance: Clearance = strawberry.field(description="Highest level of what it reads.")
    active: bool = strawberry.field(description="False once revoked: its tokens are refused.")
    created_at: datetime = strawberry.field(description="When it was registered.")

    @classmethod
    def from_model(cls, m: OAuthClient) -> PartnerClient:
        return cls(
            client_id=m.client_id,
            name=m.name,
            scopes=list(m.scopes),
            clearance=ClearanceLevel(m.clearance),
            active=m.active,
            created_at=m.created_at,
        )


@strawberry.input(description="A partner client, by its client_id.")
class PartnerClientInput:
    client_id: str = strawberry.field(description="The client_id it signs in with.")


@strawberry.type(description="Result of a change to a partner client.")
class PartnerClientPayload:
    partner_client: PartnerClient | None = strawberry.field(
        description="The client as changed; null on errors."
    )
    client_secret: str | None = strawberry.field(
        default=None,
        description="The new secret, shown this once (rotatePartnerClientSecret only).",
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")
