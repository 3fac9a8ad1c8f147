"""The schema, assembled from the domains' Query/Mutation/Subscription classes."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.tools import merge_types

from ecabinet.audit import schema as audit
from ecabinet.graphql.extensions import Schema, schema_extensions
from ecabinet.graphql.relay import Node, resolve_node
from ecabinet.meetings import schema as meetings
from ecabinet.notifications import schema as notifications
from ecabinet.org import schema as org
from ecabinet.tasks import schema as tasks

MAX_NODES_ARG = 100


@strawberry.type
class RelayQuery:
    @strawberry.field(description="Any object by its global ID; null if absent or not visible.")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info.context, id)

    @strawberry.field(
        description="Objects by global IDs (at most 100), in order; null where "
        "absent or not visible."
    )
    async def nodes(self, info: strawberry.Info, ids: list[strawberry.ID]) -> list[Node | None]:
        from ecabinet.platform.errors import BadUserInput
        from ecabinet.platform.i18n import Message

        if len(ids) > MAX_NODES_ARG:
            raise BadUserInput(Message("Tối đa 100 mã", "At most 100 IDs"))
        import asyncio

        return list(await asyncio.gather(*(resolve_node(info.context, i) for i in ids)))


Query = merge_types(
    "Query",
    (RelayQuery, org.Query, meetings.Query, tasks.Query, notifications.Query, audit.Query),
)
Mutation = merge_types(
    "Mutation", (org.Mutation, meetings.Mutation, tasks.Mutation, notifications.Mutation)
)
Subscription = merge_types(
    "Subscription", (org.Subscription, meetings.Subscription, notifications.Subscription)
)


def build_schema(
    *,
    max_tokens: int = 5000,
    max_depth: int = 12,
    max_aliases: int = 30,
    max_nodes: int = 20000,
) -> Schema:
    from ecabinet.audit.types import AuditEvent
    from ecabinet.meetings.types import AgendaItem, Meeting, Vote
    from ecabinet.org.types import OrgUnit, User
    from ecabinet.tasks.types import Task

    types: list[Any] = [User, OrgUnit, AuditEvent, Meeting, AgendaItem, Vote, Task]
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=types,
        extensions=schema_extensions(max_tokens, max_depth, max_aliases, max_nodes),
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
