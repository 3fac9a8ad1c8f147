"""What meetings and votes publish after commit: small precomputed snapshots, so that a
subscriber's selection runs on the message without touching the database. Each carries
`access`, which the subscriber's principal is checked against for every message."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.meetings.models import InvitedUnit, Meeting, Participant
from ecabinet.meetings.visibility import Audience
from ecabinet.platform import audit
from ecabinet.platform.audit import Actor
from ecabinet.platform.clock import utcnow
from ecabinet.platform.events import emit


def meeting_channel(meeting_id: uuid.UUID | str) -> str:
    return f"meetings.meeting.{meeting_id}"


def vote_channel(vote_id: uuid.UUID | str) -> str:
    return f"meetings.vote.{vote_id}"


async def meeting_audiences(
    session: AsyncSession, meetings: Sequence[Meeting]
) -> dict[uuid.UUID, Audience]:
    """Who may see each meeting (the `Audience` that `meetings.visibility.sees` checks), in
    two queries whatever the number of meetings."""
    people: dict[uuid.UUID, set[uuid.UUID]] = {m.id: set() for m in meetings}
    units: dict[uuid.UUID, set[uuid.UUID]] = {m.id: set() for m in meetings}
    if not people:
        return {}
    for mid, uid in await session.execute(
        select(Participant.meeting_id, Participant.user_id).where(
            Participant.meeting_id.in_(list(people))
        )
    ):
        people[mid].add(uid)
    for mid, unit in await session.execute(
        select(InvitedUnit.meeting_id, InvitedUnit.unit_id).where(
            InvitedUnit.meeting_id.in_(list(people))
        )
    ):
        units[mid].add(unit)
    return {
        m.id: Audience(m.confidentiality, frozenset(people[m.id]), frozenset(units[m.id]))
        for m in meetings
    }


async def meeting_accesses(
    session: AsyncSession, meetings: Sequence[Meeting]
) -> dict[uuid.UUID, dict[str, Any]]:
    """`meeting_audiences` as the message each live event of a meeting carries."""
    return {k: a.to_message() for k, a in (await meeting_audiences(session, meetings)).items()}


async def meeting_access(session: AsyncSession, meeting: Meeting) -> dict[str, Any]:
    return (await meeting_accesses(session, [meeting]))[meeting.id]


async def emit_meeting_event(
    session: AsyncSession,
    meeting: Meeting,
    event_type: str,
    **fields: Any,
) -> None:
    body = {
        "type": event_type,
        "at": utcnow().isoformat(),
        "meetingId": str(meeting.id),
        "version": meeting.version,
        "access": await meeting_access(session, meeting),
        **{k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in fields.items()},
    }
    emit(session, meeting_channel(meeting.id), body)


async def record_change(
    session: AsyncSession,
    principal: Actor,
    meeting: Meeting,
    action: str,
    *,
    event: str | None = None,
    entity_type: str = "Meeting",
    entity_id: object | None = None,
    level: int | None = None,
    details: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """One change in a meeting, recorded by one call: the audit event `action` about the
    meeting (or one of its records, `entity_type`/`entity_id`, which takes the meeting's
    level), at the meeting's level unless `level` says higher; and, with `event`, the live
    event to the meeting's subscribers (after commit), carrying `fields`. Details hold raw
    UUIDs, never global IDs."""
    audit.record(
        session,
        actor=principal,
        action=action,
        entity_type=entity_type,
        entity_id=meeting.id if entity_id is None else entity_id,
        level=meeting.confidentiality if level is None else level,
        level_of=None if entity_type == "Meeting" else meeting.id,
        details=details,
    )
    if event is not None:
        await emit_meeting_event(session, meeting, event, **fields)
