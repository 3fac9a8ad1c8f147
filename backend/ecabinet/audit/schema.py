"""The auditors' view of the audit trail."""

from __future__ import annotations

import strawberry

from ecabinet.audit import service
from ecabinet.audit.types import AuditEvent, AuditEventFilter
from ecabinet.graphql.relay import Connection, connection
from ecabinet.platform.pagination import PageRequest


@strawberry.type
class Query:
    @strawberry.field(
        description="The audit trail, newest first (AUDITOR, ADMIN, audit:read): only events "
        "about records up to the viewer's clearance, and for a partner only those of the "
        "records its scopes cover (meetings:read: meetings, agenda items, votes; tasks:read: "
        "tasks; hr:read: units). totalCount counts the same events."
    )
    async def audit_events(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: AuditEventFilter | None = None,
    ) -> Connection[AuditEvent] | None:
        f = filter or AuditEventFilter()
        page = await service.list_events(
            db=info.context.db,
            principal=info.context.principal,
            filter=service.AuditFilter(
                entity_type=f.entity_type,
                entity_id=f.entity_id,
                actor_username=f.actor_username,
                action=f.action,
                since=f.since,
                until=f.until,
            ),
            page=PageRequest(first=first, after=after, last=last, before=before),
        )
        return connection(page, AuditEvent.from_model)
