"""Business rules of a meeting and its participants: lifecycle, who takes part and in
what part, attendance, the meeting's level and audience. The agenda, conclusions and
votes are sub-packages (`meetings/agenda`, `meetings/conclusions`, `meetings/votes`) that
build on this one; it imports none of them (they react to its hooks, wired in
`meetings/wire.py`). Plain async functions: no GraphQL, no HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Clearance, Principal
from ecabinet.authz.rows import visible
from ecabinet.meetings import access
from ecabinet.meetings.enums import (
    AWAITED,
    CHECK_IN_OPEN,
    FINISHED,
    INVITATION_ANSWERS,
    Attendance,
    MeetingKind,
    MeetingStatus,
    ParticipantRole,
    next_statuses,
)
from ecabinet.meetings.errors import meetings_error, participants_below_level
from ecabinet.meetings.events import emit_meeting_event, record_change
from ecabinet.meetings.models import InvitedUnit, Meeting, Participant
from ecabinet.org import service as org
from ecabinet.platform import audit, hooks
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.pagination import Page, PageRequest, paginate
from ecabinet.platform.search import contains_text

ROLES = tuple(ParticipantRole)  # the order participants are listed in
MEETING_CLOSED_HOOK = "meetings.meeting_closed"
# a meeting's level or audience changed (its votes follow: `votes.service`)
MEETING_AUDIENCE_CHANGED_HOOK = "meetings.meeting_audience_changed"
UPCOMING_GRACE = timedelta(days=1)


# ---- reads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    status: Sequence[str] | None = None
    kind: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    search: str | None = None
    mine: bool = False
    upcoming: bool | None = None


async def list_meetings(
    *, db: Database, principal: Principal, filter: MeetingFilter, page: PageRequest
) -> Page[Meeting]:
    stmt = visible(select(Meeting), Meeting, principal)
    if filter.status:
        stmt = stmt.where(Meeting.status.in_(list(filter.status)))
    if filter.kind:
        stmt = stmt.where(Meeting.kind == filter.kind)
    if filter.starts_from:
        stmt = stmt.where(Meeting.starts_at >= filter.starts_from)
    if filter.starts_before:
        stmt = stmt.where(Meeting.starts_at < filter.starts_before)
    if filter.search:
        stmt = stmt.where(contains_text(filter.search, Meeting.title))
    if filter.mine and principal.user_id:
        stmt = stmt.where(
            Meeting.id.in_(
                select(Participant.meeting_id).where(Participant.user_id == principal.user_id)
            )
        )
    if filter.upcoming is not None:
        upcoming = _upcoming(utcnow())
        if filter.upcoming:
            stmt = stmt.where(upcoming).order_by(Meeting.starts_at, Meeting.id)
        else:
            stmt = stmt.where(~upcoming).order_by(Meeting.starts_at.desc(), Meeting.id)
    else:
        stmt = stmt.order_by(Meeting.starts_at.desc(), Meeting.id)
    return await paginate(db.session, stmt, page)


def _upcoming(now: datetime) -> ColumnElement[bool]:
    """Upcoming and past split the meetings in two, with none in both: upcoming is what is
    running, or not yet closed nor cancelled and not over (its end, or else its start, less
    than a day ago — a meeting not yet closed at the end of its day is past)."""
    return or_(
        Meeting.status == MeetingStatus.IN_PROGRESS,
        and_(
            Meeting.status.in_((MeetingStatus.DRAFT, MeetingStatus.SCHEDULED)),
            func.coalesce(Meeting.ends_at, Meeting.starts_at) > now - UPCOMING_GRACE,
        ),
    )


async def meetings_by_ids(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Meeting]:
    stmt = visible(select(Meeting), Meeting, principal).where(Meeting.id.in_(ids))
    return {m.id: m for m in await session.scalars(stmt)}


async def participants_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Participant]]:
    stmt = visible(select(Participant), Participant, principal).where(
        Participant.meeting_id.in_(meeting_ids)
    )
    out: dict[uuid.UUID, list[Participant]] = {m: [] for m in meeting_ids}
    order: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
    for p in await session.scalars(stmt):
        out[p.meeting_id].append(p)
    for rows in out.values():
        rows.sort(key=lambda p: (order.get(p.role, 9), str(p.user_id)))
    return out


async def invited_units_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    stmt = visible(select(InvitedUnit), InvitedUnit, principal).where(
        InvitedUnit.meeting_id.in_(meeting_ids)
    )
    out: dict[uuid.UUID, list[uuid.UUID]] = {m: [] for m in meeting_ids}
    for row in await session.scalars(stmt):
        out[row.meeting_id].append(row.unit_id)
    return out


# ---- shared checks --------------------------------------------------------------------


async def get_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, *, lock: bool = False
) -> Meeting:
    """The meeting if the principal may see it (else MEETING_NOT_FOUND, never FORBIDDEN:
    a meeting you may not see does not exist for you). `lock` bumps its version first,
    which serialises concurrent changes of one meeting."""
    if lock:
        await session.execute(
            update(Meeting).where(Meeting.id == meeting_id).values(version=Meeting.version + 1)
        )
    meeting = (
        await session.scalars(
            visible(select(Meeting), Meeting, principal)
            .where(Meeting.id == meeting_id)
            .execution_options(populate_existing=True)
        )
    ).first()
    if meeting is None:
        raise meetings_error("MEETING_NOT_FOUND", field=["meetingId"])
    return meeting


async def participant_of(
    session: AsyncSession, meeting_id: uuid.UUID, user_id: uuid.UUID | None
) -> Participant | None:
    if user_id is None:
        return None
    return (
        await session.scalars(
            select(Participant).where(
                Participant.meeting_id == meeting_id, Participant.user_id == user_id
            )
        )
    ).first()


async def own_participation(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> list[Participant]:
    """The principal's own participation in a meeting, as the list `access` rules read
    (empty when they take no part)."""
    me = await participant_of(session, meeting_id, principal.user_id)
    return [me] if me else []


async def require_manage_meeting(
    session: AsyncSession, principal: Principal, meeting: Meeting
) -> None:
    """`access.can_manage_meeting` on this meeting; else FORBIDDEN (NOT_SECRETARIAT)."""
    if access.is_secretariat(principal) or principal.is_client:
        access.require_manage_meeting(principal, ())
    else:
        access.require_manage_meeting(
            principal, await own_participation(session, principal, meeting.id)
        )


def require_editable(meeting: Meeting) -> None:
    if meeting.status in FINISHED:
        raise meetings_error("MEETING_NOT_EDITABLE")


def clean_title(title: str, fieldname: str = "title") -> str:
    clean = " ".join((title or "").split())
    if not clean or len(clean) > 500:
        raise meetings_error("TITLE_REQUIRED", field=[fieldname])
    return clean


async def check_users(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    await org.require_active_users(
        session=session,
        ids=ids,
        error=lambda: meetings_error("USER_NOT_FOUND", field=["participants"]),
    )


async def _check_participants(
    session: AsyncSession, ids: Sequence[uuid.UUID], level: int, fieldname: str
) -> None:
    """Each person exists, is active and is cleared for the meeting's `level` (a
    participant reads its title, agenda and conclusions). One answer,
    PARTICIPANT_NOT_CLEARED, whether a person does not exist or is not cleared: the
    refusal tells nobody another's clearance."""
    await org.require_active_users(
        session=session,
        ids=ids,
        cleared_for=int(level),
        error=lambda: meetings_error("PARTICIPANT_NOT_CLEARED", field=[fieldname]),
    )


def _require_grant(principal: Principal, meeting: Meeting, fieldname: str | None = None) -> None:
    """Widening a meeting's audience needs clearance for its level (`access`)."""
    if not access.can_grant_access(principal, meeting.confidentiality):
        raise meetings_error("NOT_CLEARED_FOR_LEVEL", field=[fieldname] if fieldname else None)


async def check_units(session: AsyncSession, ids: Sequence[uuid.UUID], fieldname: str) -> None:
    await org.require_units(
        session=session,
        ids=ids,
        error=lambda: meetings_error("UNIT_NOT_FOUND", field=[fieldname]),
    )


def check_level(principal: Principal, level: int) -> int:
    """A level no higher than the principal's own clearance (a user's or a partner's):
    nobody makes a record they could not see themselves."""
    level = int(Clearance(level))
    if level > int(principal.clearance):
        raise meetings_error("ABOVE_OWN_CLEARANCE", field=["confidentiality"])
    return level


# ---- meetings -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewParticipant:
    user_id: uuid.UUID
    role: str


async def create_meeting(
    *,
    session: AsyncSession,
    principal: Principal,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    location: str | None = None,
    kind: str = MeetingKind.REGULAR,
    confidentiality: int = Clearance.INTERNAL,
    participants: Sequence[NewParticipant] = (),
    invited_unit_ids: Sequence[uuid.UUID] = (),
) -> Meeting:
    if ends_at is not None and ends_at <= starts_at:
        raise meetings_error("INVALID_TIME_RANGE", field=["endsAt"])
    users = [p.user_id for p in participants]
    if len(set(users)) != len(users):
        raise meetings_error("DUPLICATE_PARTICIPANT", field=["participants"])
    if sum(1 for p in participants if p.role == ParticipantRole.CHAIR) > 1:
        raise meetings_error("ONE_CHAIR", field=["participants"])
    level = check_level(principal, confidentiality)
    await _check_participants(session, users, level, "participants")
    await check_units(session, invited_unit_ids, "invitedUnitIds")
    meeting = Meeting(
        title=clean_title(title),
        kind=kind,
        status=MeetingStatus.DRAFT,
        starts_at=starts_at,
        ends_at=ends_at,
        location=(location or "").strip()[:255] or None,
        confidentiality=level,
        created_by_id=principal.user_id,
        version=1,
    )
    session.add(meeting)
    await session.flush()
    for p in participants:
        session.add(Participant(meeting_id=meeting.id, user_id=p.user_id, role=p.role))
    for unit_id in dict.fromkeys(invited_unit_ids):
        session.add(InvitedUnit(meeting_id=meeting.id, unit_id=unit_id))
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.create",
        details={"title": meeting.title, "participants": len(participants)},
    )
    return meeting


async def update_meeting(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    title: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str | None = None,
    kind: str | None = None,
    confidentiality: int | None = None,
    invited_unit_ids: Sequence[uuid.UUID] | None = None,
) -> Meeting:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    if title is not None:
        meeting.title = clean_title(title)
    if starts_at is not None:
        meeting.starts_at = starts_at
    if ends_at is not None:
        meeting.ends_at = ends_at
    if meeting.ends_at is not None and meeting.ends_at <= meeting.starts_at:
        raise meetings_error("INVALID_TIME_RANGE", field=["endsAt"])
    if location is not None:
        meeting.location = location.strip()[:255] or None
    if kind is not None:
        meeting.kind = kind
    audience = (meeting.confidentiality, await _invited_units(session, meeting.id))
    if confidentiality is not None and int(confidentiality) != meeting.confidentiality:
        await _change_level(session, principal, meeting, int(confidentiality))
    if invited_unit_ids is not None:
        if set(invited_unit_ids) - audience[1]:  # inviting a unit widens the audience
            _require_grant(principal, meeting, "invitedUnitIds")
        await check_units(session, invited_unit_ids, "invitedUnitIds")
        await session.execute(delete(InvitedUnit).where(InvitedUnit.meeting_id == meeting.id))
        for unit_id in dict.fromkeys(invited_unit_ids):
            session.add(InvitedUnit(meeting_id=meeting.id, unit_id=unit_id))
    await session.flush()
    await record_change(session, principal, meeting, "meeting.update")
    if meeting.confidentiality > audience[0]:  # its earlier audit events, too
        await audit.raise_level(session, level_of=meeting.id, level=meeting.confidentiality)
    await emit_meeting_event(session, meeting, "MEETING_UPDATED")
    if audience != (meeting.confidentiality, await _invited_units(session, meeting.id)):
        # its votes take its level, their subscribers re-check access
        await hooks.run(MEETING_AUDIENCE_CHANGED_HOOK, session=session, meeting=meeting)
    return meeting


async def _change_level(
    session: AsyncSession, principal: Principal, meeting: Meeting, new: int
) -> None:
    """Move the meeting to level `new` by the rule of `access.level_change_refusal`; a
    raise leaves no participant below the new level (they are named); a lowering is
    audited as `meeting.declassify` with both levels."""
    current, new = meeting.confidentiality, int(Clearance(new))
    refusal = access.level_change_refusal(principal, current, new)
    if refusal:
        raise meetings_error(refusal, field=["confidentiality"])
    if new > current:
        people = await session.scalars(
            select(Participant.user_id).where(Participant.meeting_id == meeting.id)
        )
        below = await org.names_below_clearance(session=session, ids=list(people), level=new)
        if below:
            raise participants_below_level(below)
    meeting.confidentiality = new
    if access.is_declassification(current, new):
        await record_change(
            session,
            principal,
            meeting,
            "meeting.declassify",
            level=current,
            details={"from": Clearance(current).name, "to": Clearance(new).name},
        )


async def _invited_units(session: AsyncSession, meeting_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        await session.scalars(
            select(InvitedUnit.unit_id).where(InvitedUnit.meeting_id == meeting_id)
        )
    )


async def set_status(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, status: str
) -> Meeting:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    if status not in next_statuses(meeting.status):
        raise meetings_error(
            "INVALID_STATUS_CHANGE", field=["status"], current=meeting.status, target=status
        )
    before, meeting.status = meeting.status, status
    if status == MeetingStatus.CLOSED:
        await session.execute(
            update(Participant)
            .where(Participant.meeting_id == meeting.id, Participant.attendance.in_(AWAITED))
            .values(attendance=Attendance.ABSENT)
        )
        await hooks.run(
            MEETING_CLOSED_HOOK, session=session, principal=principal, meeting_id=meeting.id
        )
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.status",
        details={"from": before, "to": status},
        event="STATUS_CHANGED",
        status=status,
    )
    return meeting


# ---- participants ---------------------------------------------------------------------


async def _no_chair_yet(session: AsyncSession, meeting_id: uuid.UUID) -> None:
    """A meeting has one chair: another one is refused."""
    if await session.scalar(
        select(Participant.id).where(
            Participant.meeting_id == meeting_id, Participant.role == ParticipantRole.CHAIR
        )
    ):
        raise meetings_error("ONE_CHAIR", field=["role"])


async def add_participant(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    user_id: uuid.UUID,
    role: str,
) -> Meeting:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    _require_grant(principal, meeting)
    await _check_participants(session, [user_id], meeting.confidentiality, "userId")
    if await participant_of(session, meeting.id, user_id):
        raise meetings_error("DUPLICATE_PARTICIPANT", field=["userId"])
    if role == ParticipantRole.CHAIR:
        await _no_chair_yet(session, meeting.id)
    session.add(Participant(meeting_id=meeting.id, user_id=user_id, role=role))
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.participant.add",
        details={"userId": str(user_id), "role": role},
        event="PARTICIPANT_ADDED",
        userId=user_id,
        role=role,
    )
    return meeting


async def _participant_to_change(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    by_secretariat: bool = True,
) -> tuple[Meeting, Participant]:
    """The meeting (locked, still editable) and the participant a change is about."""
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    if by_secretariat:
        await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    found = await participant_of(session, meeting.id, user_id)
    if found is None:
        raise meetings_error("NOT_PARTICIPANT", field=["userId"])
    return meeting, found


async def change_participant_role(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    user_id: uuid.UUID,
    role: str,
) -> Meeting:
    """A participant's part changes; their invitation answer, attendance and check-in stay
    (a removal and a new invitation would lose them)."""
    meeting, found = await _participant_to_change(session, principal, meeting_id, user_id)
    if found.role == role:
        return meeting
    _require_grant(principal, meeting)  # a new part is a new power over the meeting
    await _check_participants(session, [user_id], meeting.confidentiality, "userId")
    if role == ParticipantRole.CHAIR:
        await _no_chair_yet(session, meeting.id)
    before, found.role = found.role, role
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.participant.role",
        details={"userId": str(user_id), "from": before, "to": role},
        event="PARTICIPANT_ROLE_CHANGED",
        userId=user_id,
    )
    return meeting


async def remove_participant(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, user_id: uuid.UUID
) -> Meeting:
    meeting, found = await _participant_to_change(session, principal, meeting_id, user_id)
    await session.delete(found)
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.participant.remove",
        details={"userId": str(user_id)},
        event="PARTICIPANT_REMOVED",
        userId=user_id,
    )
    # the open votes' subscribers re-check access
    await hooks.run(MEETING_AUDIENCE_CHANGED_HOOK, session=session, meeting=meeting)
    return meeting


async def set_attendance(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    user_id: uuid.UUID,
    attendance: str,
    by_secretariat: bool = True,
) -> Meeting:
    meeting, found = await _participant_to_change(
        session, principal, meeting_id, user_id, by_secretariat=by_secretariat
    )
    found.attendance = attendance
    found.checked_in_at = utcnow() if attendance == Attendance.PRESENT else found.checked_in_at
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "meeting.attendance",
        details={"userId": str(user_id), "attendance": attendance},
        event="ATTENDANCE_CHANGED",
        userId=user_id,
        attendance=attendance,
    )
    return meeting


async def respond_to_invitation(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, attendance: str
) -> Meeting:
    """A participant confirms or declines; presence is recorded by checking in (or by the
    secretariat), never by answering the invitation."""
    if attendance not in INVITATION_ANSWERS:
        raise meetings_error("INVALID_RESPONSE", field=["attendance"])
    meeting = await get_meeting(session, principal, meeting_id)
    access.require_take_part(principal, await own_participation(session, principal, meeting.id))
    if principal.user_id is None:  # a participant is a user (require_take_part)
        raise meetings_error("NOT_PARTICIPANT")
    return await set_attendance(
        session=session,
        principal=principal,
        meeting_id=meeting_id,
        user_id=principal.user_id,
        attendance=attendance,
        by_secretariat=False,
    )


async def check_in(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> Meeting:
    meeting = await get_meeting(session, principal, meeting_id)
    access.require_take_part(principal, await own_participation(session, principal, meeting.id))
    if meeting.status not in CHECK_IN_OPEN:
        raise meetings_error("NOT_CHECK_IN_TIME")
    if principal.user_id is None:  # a participant is a user (require_take_part)
        raise meetings_error("NOT_PARTICIPANT")
    return await set_attendance(
        session=session,
        principal=principal,
        meeting_id=meeting_id,
        user_id=principal.user_id,
        attendance=Attendance.PRESENT,
        by_secretariat=False,
    )
