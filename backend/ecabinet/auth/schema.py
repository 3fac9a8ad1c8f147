"""Query and Mutation fields of the authorization server: partner systems, for ADMINs.
Thin: call one service function, map to types. Authorization is in authz/policy.py."""

from __future__ import annotations

import strawberry

from ecabinet.auth import service
from ecabinet.auth.types import PartnerClient, PartnerClientInput, PartnerClientPayload
from ecabinet.graphql.payloads import run_mutation


@strawberry.type
class Query:
    @strawberry.field(description="Partner systems, revoked ones included (ADMIN).")
    async def partner_clients(self, info: strawberry.Info) -> list[PartnerClient]:
        async with info.context.db.session() as session:
            rows = await service.list_clients(session=session)
        return [PartnerClient.from_model(r) for r in rows]


def _client_payload(result: tuple, secret: bool = False) -> PartnerClientPayload:  # type: ignore[type-arg]
    value, errors = result
    client = value.client if secret and value else value
    return PartnerClientPayload(
        partner_client=PartnerClient.from_model(client) if client else None,
        client_secret=value.secret if secret and value else None,
        errors=errors,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Revoke a partner system: its tokens stop working at their next request "
        "and its open WebSockets close at once (ADMIN; audited)."
    )
    async def revoke_partner_client(
        self, info: strawberry.Info, input: PartnerClientInput
    ) -> PartnerClientPayload:
        p = info.context.principal
        return _client_payload(
            await run_mutation(
                info,
                lambda s: service.revoke_client(session=s, actor=p, client_id=input.client_id),
            )
        )

    @strawberry.mutation(
        description="Give a partner system a new secret, returned this once; the old secret "
        "and every token issued with it stop working (ADMIN; audited)."
    )
    async def rotate_partner_client_secret(
        self, info: strawberry.Info, input: PartnerClientInput
    ) -> PartnerClientPayload:
        p = info.context.principal
        return _client_payload(
            await run_mutation(
                info,
                lambda s: service.rotate_client_secret(
                    session=s, actor=p, client_id=input.client_id
                ),
            ),
            secret=True,
        )
