"""Reading the audit trail (writing is platform.audit.record, inside each change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ecabinet.authz.principal import Principal
from ecabinet.authz.rows import visible
from ecabinet.platform.audit import AuditEvent
from ecabinet.platform.db import Database
from ecabinet.platform.pagination import Page, PageRequest, paginate


@dataclass(frozen=True)
class AuditFilter:
    entity_type: str | None = None
    entity_id: str | None = None
    actor_username: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def list_events(
    *, db: Database, principal: Principal, filter: AuditFilter, page: PageRequest
) -> Page[AuditEvent]:
    stmt = visible(select(AuditEvent), AuditEvent, principal)
    if filter.entity_type:
        stmt = stmt.where(AuditEvent.entity_type == filter.entity_type)
    if filter.entity_id:
        stmt = stmt.where(AuditEvent.entity_id == filter.entity_id)
    if filter.actor_username:
        stmt = stmt.where(AuditEvent.actor_username == filter.actor_username)
    if filter.action:
        stmt = stmt.where(AuditEvent.action == filter.action)
    if filter.since:
        stmt = stmt.where(AuditEvent.at >= filter.since)
    if filter.until:
        stmt = stmt.where(AuditEvent.at < filter.until)
    return await paginate(db.session, stmt.order_by(AuditEvent.at.desc(), AuditEvent.id), page)
