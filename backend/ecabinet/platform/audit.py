"""The audit trail: who did what, when, from which client. Written in the same
transaction as the change it records, so one never exists without the other.

Every event carries a `level`: the confidentiality of the record it is about (its
details may name that record, e.g. a meeting's title), and readers see only events at or
below their clearance (`authz.policy`). `level_of` is the record whose level that is — the
event's own entity, or the meeting of an agenda item or a meeting's vote — so that when a
record's level is raised, `raise_level` lifts all of its earlier events in the same
transaction and none stays readable at the old level. Lowering a level leaves earlier
events where they were (what was secret then stays secret in the trail)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Index, Integer, String, Uuid, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Base, IdMixin, UTCDateTime


class Actor(Protocol):
    """What the audit trail needs to know of whoever acts (a Principal satisfies it)."""

    @property
    def user_id(self) -> uuid.UUID | None: ...
    @property
    def username(self) -> str | None: ...
    @property
    def client_id(self) -> str | None: ...
    @property
    def ip(self) -> str | None: ...
    @property
    def request_id(self) -> str | None: ...


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity_type", "entity_id"),
        Index("ix_audit_event_at", "at"),
        Index("ix_audit_event_actor_id", "actor_id"),
        Index("ix_audit_event_level", "level"),
        Index("ix_audit_event_level_of", "level_of"),
    )

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_username: Mapped[str | None] = mapped_column(String(150))
    client_id: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(100), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(60), nullable=False)
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
    # the confidentiality (authz Clearance value) of the record the event is about
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    # the record whose level `level` is (the entity itself, or e.g. an agenda item's meeting)
    level_of: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(32))


def record(
    session: AsyncSession,
    *,
    actor: Actor | None,
    action: str,
    entity_type: str,
    entity_id: object | None = None,
    level: int,
    level_of: object | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Adds one event. `level` is required — the confidentiality of the record the event is
    about (for an event naming two, the higher) — so that no call can forget it; `level_of`
    is the record carrying that level when it is not the entity itself (an agenda item's
    or a meeting vote's meeting), which `raise_level` follows."""
    of = level_of if level_of is not None else entity_id
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.user_id if actor else None,
        actor_username=actor.username if actor else None,
        client_id=actor.client_id if actor else None,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        details=details or {},
        level=int(level),
        level_of=str(of) if of is not None else None,
        ip=actor.ip if actor else None,
        request_id=actor.request_id if actor else None,
    )
    session.add(event)
    return event


async def raise_level(session: AsyncSession, *, level_of: object, level: int) -> None:
    """The record `level_of` now has `level`: its earlier events below it are lifted to
    it, in the caller's transaction (events already higher, e.g. of a more secret
    document of the record, stay where they are)."""
    await session.execute(
        update(AuditEvent)
        .where(AuditEvent.level_of == str(level_of), AuditEvent.level < int(level))
        .values(level=int(level))
        .execution_options(synchronize_session=False)
    )
