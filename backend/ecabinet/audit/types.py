"""GraphQL types of the audit trail."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.graphql.relay import Node, gid
from ecabinet.org.types import Clearance
from ecabinet.platform.audit import AuditEvent as AuditEventModel


@strawberry.type(description="One recorded change: who, what, when, from which client.")
class AuditEvent(Node):
    at: datetime = strawberry.field(description="When it happened.")
    actor_username: str | None = strawberry.field(description="Who did it.")
    client_id: str | None = strawberry.field(description="Through which OAuth client.")
    action: str = strawberry.field(description="What was done, e.g. user.update.")
    entity_type: str = strawberry.field(description="Kind of record changed.")
    entity_id: str | None = strawberry.field(description="Internal key of the record.")
    details: JSON = strawberry.field(description="What changed.")
    level: Clearance = strawberry.field(
        description="The confidentiality of the record it is about: only readers cleared for "
        "it see the event (its details may name the record)."
    )
    ip: str | None = strawberry.field(description="Client address.")
    request_id: str | None = strawberry.field(description="Request id, to match the logs.")

    @classmethod
    def from_model(cls, m: AuditEventModel) -> AuditEvent:
        return cls(
            id=gid("AuditEvent", m.id),
            at=m.at,
            actor_username=m.actor_username,
            client_id=m.client_id,
            action=m.action,
            entity_type=m.entity_type,
            entity_id=m.entity_id,
            details=m.details,
            level=ClearanceLevel(m.level),
            ip=m.ip,
            request_id=m.request_id,
        )


@strawberry.input(description="Which audit events to list.")
class AuditEventFilter:
    entity_type: str | None = strawberry.field(default=None, description="e.g. User")
    entity_id: str | None = strawberry.field(default=None, description="Internal key.")
    actor_username: str | None = strawberry.field(default=None, description="Who acted.")
    action: str | None = strawberry.field(default=None, description="e.g. user.update")
    since: datetime | None = strawberry.field(default=None, description="From (inclusive).")
    until: datetime | None = strawberry.field(default=None, description="Until (exclusive).")
