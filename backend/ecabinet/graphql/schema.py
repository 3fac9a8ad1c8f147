"""The schema root, assembled from the domains' Query/Mutation/Subscription classes, and
`Query.viewerCan`. A composition module (docs/architecture.md): it knows every domain; the
rest of graphql/ is plumbing that knows none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dateutil.parser
import strawberry
from strawberry.file_uploads import Upload
from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.tools import merge_types
from strawberry.types.scalar import ScalarDefinition

from ecabinet.audit import access as audit_access
from ecabinet.audit import schema as audit
from ecabinet.auth import schema as auth
from ecabinet.authz.principal import Principal
from ecabinet.graphql.extensions import Schema, schema_extensions
from ecabinet.graphql.relay import Node, resolve_node
from ecabinet.graphql.uploads import UPLOAD
from ecabinet.meetings import access as meetings_access
from ecabinet.meetings import schema as meetings
from ecabinet.notifications import schema as notifications
from ecabinet.org import access as org_access
from ecabinet.org import schema as org
from ecabinet.tasks import access as tasks_access
from ecabinet.tasks import schema as tasks

MAX_NODES_ARG = 100


def _aware_datetime(value: str) -> dt.datetime:
    """ISO 8601 with an offset (the contract); a value without an offset, or one that
    leaves the calendar once converted to UTC, is the client's error, not a crash."""
    try:
        parsed = dateutil.parser.isoparse(value)
        if parsed.tzinfo is None:
            raise ValueError("an offset is required, e.g. +07:00")
        parsed.astimezone(dt.UTC)  # must be representable in UTC, where it is stored
    except OverflowError as exc:
        raise ValueError("out of range") from exc
    return parsed


AWARE_DATETIME = ScalarDefinition(
    name="DateTime",
    description="Date with time (isoformat)",
    specified_by_url=None,
    serialize=lambda value: value.isoformat(),
    parse_value=wrap_parser(_aware_datetime, "DateTime"),
    parse_literal=None,
    origin=dt.datetime,
)


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


@strawberry.type(
    description="What the signed-in viewer may start, so that a client shows only the "
    "controls that will work instead of re-deriving the rules. Each answer comes from the "
    "domain's permission function (`<domain>/access.py`), the one the service enforces."
)
class ViewerCapabilities:
    _principal: strawberry.Private[Principal]

    @strawberry.field(
        description="May create a meeting (`createMeeting`): the secretariat, or a partner "
        "system with meetings:write (meetings.access.can_create_meeting)."
    )
    def create_meeting(self) -> bool:
        return meetings_access.can_create_meeting(self._principal)

    @strawberry.field(
        description="May create a written opinion ballot, a vote outside any meeting "
        "(`createVote` without a meeting): the secretariat "
        "(meetings.access.can_create_written_ballot)."
    )
    def create_written_ballot(self) -> bool:
        return meetings_access.can_create_written_ballot(self._principal)

    @strawberry.field(
        description="May assign a task (`createTask`): the Office's leaders and secretariat "
        "(tasks.access.can_create_task)."
    )
    def create_task(self) -> bool:
        return tasks_access.can_create_task(self._principal)

    @strawberry.field(
        description="May administer users, units and partner systems (`createUser`, "
        "`setPassword`, `createOrgUnit`, …): an ADMIN with users:write "
        "(org.access.can_administer_users)."
    )
    def administer_users(self) -> bool:
        return org_access.can_administer_users(self._principal)

    @strawberry.field(
        description="May read the audit trail (`auditEvents`): AUDITORs and ADMINs with "
        "audit:read, partner systems with audit:read (audit.access.can_read_audit)."
    )
    def read_audit(self) -> bool:
        return audit_access.can_read_audit(self._principal)


@strawberry.type
class ViewerQuery:
    @strawberry.field(
        description="What the viewer may start (create a meeting, a written ballot, a task; "
        "administer users; read the audit trail). Permission to act on one record is on "
        "the record (`Meeting.viewerCanManage`, `Task.viewerCanReport`, …)."
    )
    def viewer_can(self, info: strawberry.Info) -> ViewerCapabilities:
        return ViewerCapabilities(_principal=info.context.principal)


Query = merge_types(
    "Query",
    (
        RelayQuery,
        ViewerQuery,
        org.Query,
        auth.Query,
        meetings.Query,
        tasks.Query,
        notifications.Query,
        audit.Query,
    ),
)
Mutation = merge_types(
    "Mutation",
    (org.Mutation, auth.Mutation, meetings.Mutation, tasks.Mutation, notifications.Mutation),
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
    from ecabinet.auth.types import AuthErrorCode
    from ecabinet.meetings.types import AgendaItem, Meeting, MeetingsErrorCode, Vote
    from ecabinet.org.types import OrgErrorCode, OrgUnit, User
    from ecabinet.tasks.types import Task, TasksErrorCode

    types: list[Any] = [User, OrgUnit, AuditEvent, Meeting, AgendaItem, Vote, Task]
    types += [OrgErrorCode, TasksErrorCode]  # org's and tasks' error codes, named in the schema
    types.append(AuthErrorCode)  # partner systems' administration
    types.append(MeetingsErrorCode)  # error codes, named in the schema
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=types,
        scalar_overrides={dt.datetime: AWARE_DATETIME, Upload: UPLOAD},
        extensions=schema_extensions(max_tokens, max_depth, max_aliases, max_nodes),
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
