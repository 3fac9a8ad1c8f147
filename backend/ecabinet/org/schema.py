"""Query, Mutation and Subscription fields of the org domain. Thin: decode IDs, call one
service function or loader, map to types. Authorization is in authz/policy.py."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator
from typing import Any

import strawberry

from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.org import service
from ecabinet.org.events import user_channel
from ecabinet.org.loaders import OrgUnitByIdLoader, UserByIdLoader
from ecabinet.org.types import (
    CreateOrgUnitInput,
    CreateUserInput,
    OrgUnit,
    OrgUnitPayload,
    SetPasswordInput,
    UpdateOrgUnitInput,
    UpdateUserInput,
    User,
    UserFilter,
    UserPayload,
)
from ecabinet.platform.broker import is_resync
from ecabinet.platform.errors import NotFound
from ecabinet.platform.ids import decode_optional, decode_uuid
from ecabinet.platform.pagination import PageRequest


async def user_node(ctx: Any, key: uuid.UUID) -> User | None:
    """A user by key through its loader (the row filter applies): `Query.node`'s fetcher."""
    row = await ctx.loader(UserByIdLoader).load(key)
    return User.from_model(row) if row else None


async def unit_node(ctx: Any, key: uuid.UUID) -> OrgUnit | None:
    """A unit by key through its loader: `Query.node`'s fetcher."""
    row = await ctx.loader(OrgUnitByIdLoader).load(key)
    return OrgUnit.from_model(row) if row else None


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in user; null for a partner system's token.")
    async def viewer(self, info: strawberry.Info) -> User | None:
        p = info.context.principal
        return await user_node(info.context, p.user_id) if p.user_id else None

    @strawberry.field(description="Users, by name; deactivated ones only for people officers.")
    async def users(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: UserFilter | None = None,
    ) -> Connection[User] | None:
        f = filter or UserFilter()
        page = await service.list_users(
            db=info.context.db,
            principal=info.context.principal,
            filter=service.UserFilter(
                search=f.search,
                usernames=f.usernames,
                unit_id=decode_optional(f.unit_id, "OrgUnit"),
                role=f.role.value if f.role else None,
                include_inactive=f.include_inactive,
            ),
            page=PageRequest(first=first, after=after, last=last, before=before),
        )
        return connection(page, User.from_model)

    @strawberry.field(description="All active units of the organisation, in display order.")
    async def org_units(self, info: strawberry.Info) -> list[OrgUnit]:
        async with info.context.db.session() as session:
            rows = await service.list_units(session=session, principal=info.context.principal)
        return [OrgUnit.from_model(r) for r in rows]


def _user_payload(result: tuple) -> UserPayload:  # type: ignore[type-arg]
    user, errors = result
    return UserPayload(user=User.from_model(user) if user else None, errors=errors)


def _unit_payload(result: tuple) -> OrgUnitPayload:  # type: ignore[type-arg]
    unit, errors = result
    return OrgUnitPayload(org_unit=OrgUnit.from_model(unit) if unit else None, errors=errors)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a user (ADMIN).")
    async def create_user(self, info: strawberry.Info, input: CreateUserInput) -> UserPayload:
        p = info.context.principal
        return _user_payload(
            await run_mutation(
                info,
                lambda s: service.create_user(
                    session=s,
                    principal=p,
                    username=input.username,
                    full_name=input.full_name,
                    unit_id=decode_optional(input.unit_id, "OrgUnit"),
                    position=input.position,
                    email=input.email,
                    roles=[r.value for r in input.roles],
                    clearance=input.clearance,
                    password=input.password,
                ),
            )
        )

    @strawberry.mutation(description="Change a user's details, roles or clearance (ADMIN).")
    async def update_user(self, info: strawberry.Info, input: UpdateUserInput) -> UserPayload:
        p = info.context.principal
        return _user_payload(
            await run_mutation(
                info,
                lambda s: service.update_user(
                    session=s,
                    principal=p,
                    user_id=decode_uuid(input.id, "User"),
                    full_name=input.full_name,
                    unit_id=decode_optional(input.unit_id, "OrgUnit"),
                    position=input.position,
                    email=input.email,
                    roles=[r.value for r in input.roles] if input.roles is not None else None,
                    clearance=input.clearance,
                ),
            )
        )

    @strawberry.mutation(description="Deactivate a user: their sessions stop working (ADMIN).")
    async def deactivate_user(self, info: strawberry.Info, id: strawberry.ID) -> UserPayload:
        p = info.context.principal
        return _user_payload(
            await run_mutation(
                info,
                lambda s: service.deactivate_user(
                    session=s, principal=p, user_id=decode_uuid(id, "User")
                ),
            )
        )

    @strawberry.mutation(description="Set a user's password (ADMIN).")
    async def set_password(self, info: strawberry.Info, input: SetPasswordInput) -> UserPayload:
        p = info.context.principal
        return _user_payload(
            await run_mutation(
                info,
                lambda s: service.set_password(
                    session=s,
                    principal=p,
                    user_id=decode_uuid(input.id, "User"),
                    password=input.password,
                ),
            )
        )

    @strawberry.mutation(description="Create a unit (ADMIN).")
    async def create_org_unit(
        self, info: strawberry.Info, input: CreateOrgUnitInput
    ) -> OrgUnitPayload:
        p = info.context.principal
        return _unit_payload(
            await run_mutation(
                info,
                lambda s: service.create_unit(
                    session=s,
                    principal=p,
                    code=input.code,
                    name=input.name,
                    short_name=input.short_name,
                    parent_id=decode_optional(input.parent_id, "OrgUnit"),
                ),
            )
        )

    @strawberry.mutation(description="Change a unit (ADMIN).")
    async def update_org_unit(
        self, info: strawberry.Info, input: UpdateOrgUnitInput
    ) -> OrgUnitPayload:
        p = info.context.principal
        return _unit_payload(
            await run_mutation(
                info,
                lambda s: service.update_unit(
                    session=s,
                    principal=p,
                    unit_id=decode_uuid(input.id, "OrgUnit"),
                    name=input.name,
                    short_name=input.short_name,
                    parent_id=decode_optional(input.parent_id, "OrgUnit"),
                    sort_order=input.sort_order,
                ),
            )
        )

    @strawberry.mutation(description="Deactivate a unit without active members (ADMIN).")
    async def deactivate_org_unit(self, info: strawberry.Info, id: strawberry.ID) -> OrgUnitPayload:
        p = info.context.principal
        return _unit_payload(
            await run_mutation(
                info,
                lambda s: service.deactivate_unit(
                    session=s, principal=p, unit_id=decode_uuid(id, "OrgUnit")
                ),
            )
        )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="A user's record: first the current state, then after every change. "
        "Ends when the user is no longer visible to the subscriber."
    )
    async def user_updated(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> AsyncGenerator[User, None]:
        ctx = info.context
        key = decode_uuid(id, "User")
        async with ctx.broker.subscribe(user_channel(key)) as sub:
            # subscribed before reading: no change can fall between snapshot and stream
            current = await _fresh_user(ctx, key)
            if current is None:
                raise NotFound()
            yield current
            async for message in sub:
                if not is_resync(message) and message.get("id") != str(key):
                    continue
                current = await _fresh_user(ctx, key)
                if current is None:  # no longer visible to this subscriber
                    return
                yield current


async def _fresh_user(ctx: Any, key: uuid.UUID) -> User | None:
    ctx.reset_loaders()
    return await user_node(ctx, key)
