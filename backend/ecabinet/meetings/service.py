"""Business rules of meetings: lifecycle, participants and attendance, the agenda,
positions before the session, the speakers' list, documents and the conclusion.
Votes are in `votes.py`. Plain async functions: no GraphQL, no HTTP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
    VOTING_ROLES,
    AgendaItemStatus,
    Attendance,
    ItemPositionKind,
    MeetingKind,
    MeetingStatus,
    ParticipantRole,
    SpeakerStatus,
    next_statuses,
)
from ecabinet.meetings.errors import meetings_error, participants_below_level
from ecabinet.meetings.events import emit_meeting_event
from ecabinet.meetings.models import (
    AgendaItem,
    Conclusion,
    Directive,
    InvitedUnit,
    ItemPosition,
    Meeting,
    Participant,
    SpeakerRequest,
    Vote,
)
from ecabinet.meetings.visibility import visible_meeting_ids
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform import audit, hooks
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.files import StoredFile, store_file
from ecabinet.platform.pagination import Page, PageRequest, paginate
from ecabinet.platform.search import contains_text
from ecabinet.platform.storage import LocalStorage

ROLES = tuple(ParticipantRole)  # the order participants are listed in
MAX_FILE = 50 * 1024 * 1024
CONCLUSION_ISSUED_HOOK = "meetings.conclusion_issued"
MEETING_CLOSED_HOOK = "meetings.meeting_closed"
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


async def agenda_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[AgendaItem]]:
    stmt = (
        visible(select(AgendaItem), AgendaItem, principal)
        .where(AgendaItem.meeting_id.in_(meeting_ids))
        .order_by(AgendaItem.position)
    )
    out: dict[uuid.UUID, list[AgendaItem]] = {m: [] for m in meeting_ids}
    for item in await session.scalars(stmt):
        out[item.meeting_id].append(item)
    return out


async def agenda_items_by_ids(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, AgendaItem]:
    stmt = visible(select(AgendaItem), AgendaItem, principal).where(AgendaItem.id.in_(ids))
    return {i.id: i for i in await session.scalars(stmt)}


async def speakers_by_item(
    *, session: AsyncSession, principal: Principal, item_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[SpeakerRequest]]:
    stmt = (
        visible(select(SpeakerRequest), SpeakerRequest, principal)
        .where(SpeakerRequest.agenda_item_id.in_(item_ids))
        .order_by(SpeakerRequest.requested_at, SpeakerRequest.id)
    )
    out: dict[uuid.UUID, list[SpeakerRequest]] = {i: [] for i in item_ids}
    for row in await session.scalars(stmt):
        out[row.agenda_item_id].append(row)
    return out


@dataclass
class PositionTally:
    no_objection: int = 0
    wish_to_speak: int = 0
    pending: int = 0
    wishing: list[uuid.UUID] = field(default_factory=list)


async def positions_by_item(
    *, session: AsyncSession, principal: Principal, item_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[PositionTally, dict[uuid.UUID, str]]]:
    """For each item: the tally over the meeting's voting members, and each one's position."""
    items = await agenda_items_by_ids(session=session, principal=principal, ids=item_ids)
    meeting_ids = {i.meeting_id for i in items.values()}
    voters: dict[uuid.UUID, set[uuid.UUID]] = {m: set() for m in meeting_ids}
    for mid, uid in await session.execute(
        select(Participant.meeting_id, Participant.user_id).where(
            Participant.meeting_id.in_(meeting_ids), Participant.role.in_(VOTING_ROLES)
        )
    ):
        voters[mid].add(uid)
    positions: dict[uuid.UUID, dict[uuid.UUID, str]] = {i: {} for i in items}
    for row in await session.scalars(
        select(ItemPosition).where(ItemPosition.agenda_item_id.in_(list(items)))
    ):
        positions[row.agenda_item_id][row.user_id] = row.position
    out = {}
    for item_id, item in items.items():
        members = voters.get(item.meeting_id, set())
        mine = {u: p for u, p in positions[item_id].items() if u in members}
        tally = PositionTally(
            no_objection=sum(1 for p in mine.values() if p == ItemPositionKind.NO_OBJECTION),
            wish_to_speak=sum(1 for p in mine.values() if p == ItemPositionKind.WISH_TO_SPEAK),
            wishing=[u for u, p in mine.items() if p == ItemPositionKind.WISH_TO_SPEAK],
        )
        tally.pending = len(members) - tally.no_objection - tally.wish_to_speak
        out[item_id] = (tally, mine)
    return out


async def documents_by_item(
    *, session: AsyncSession, principal: Principal, item_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[StoredFile]]:
    visible_items = select(AgendaItem.id).where(
        AgendaItem.id.in_(item_ids), AgendaItem.meeting_id.in_(visible_meeting_ids(principal))
    )
    stmt = (
        visible(select(StoredFile), StoredFile, principal)
        .where(StoredFile.owner_type == "AgendaItem", StoredFile.owner_id.in_(visible_items))
        .order_by(StoredFile.created_at, StoredFile.id)
    )
    out: dict[uuid.UUID, list[StoredFile]] = {i: [] for i in item_ids}
    for f in await session.scalars(stmt):
        out[f.owner_id].append(f)
    return out


async def conclusions_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[Conclusion, list[Directive]]]:
    rows = list(
        await session.scalars(
            visible(select(Conclusion), Conclusion, principal).where(
                Conclusion.meeting_id.in_(meeting_ids)
            )
        )
    )
    directives: dict[uuid.UUID, list[Directive]] = {c.id: [] for c in rows}
    if rows:
        for d in await session.scalars(
            select(Directive)
            .where(Directive.conclusion_id.in_(list(directives)))
            .order_by(Directive.position)
        ):
            directives[d.conclusion_id].append(d)
    return {c.meeting_id: (c, directives[c.id]) for c in rows}


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


def _minutes(value: int | None) -> int | None:
    """A planned duration: 1 to 600 minutes, or none."""
    if value is not None and not 1 <= value <= 600:
        raise meetings_error("INVALID_DURATION", field=["plannedMinutes"])
    return value


def clean_title(title: str, fieldname: str = "title") -> str:
    clean = " ".join((title or "").split())
    if not clean or len(clean) > 500:
        raise meetings_error("TITLE_REQUIRED", field=[fieldname])
    return clean


async def _check_users(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    if not ids:
        return
    found = set(
        await session.scalars(select(User.id).where(User.id.in_(ids), User.active.is_(True)))
    )
    if set(ids) - found:
        raise meetings_error("USER_NOT_FOUND", field=["participants"])


async def _check_participants(
    session: AsyncSession, ids: Sequence[uuid.UUID], level: int, fieldname: str
) -> None:
    """Each person exists, is active and is cleared for the meeting's `level` (a
    participant reads its title, agenda and conclusions). One answer,
    PARTICIPANT_NOT_CLEARED, whether a person does not exist or is not cleared: the
    refusal tells nobody another's clearance."""
    if not ids:
        return
    found = set(
        await session.scalars(
            select(User.id).where(
                User.id.in_(ids), User.active.is_(True), User.clearance >= int(level)
            )
        )
    )
    if set(ids) - found:
        raise meetings_error("PARTICIPANT_NOT_CLEARED", field=[fieldname])


def _require_grant(principal: Principal, meeting: Meeting, fieldname: str | None = None) -> None:
    """Widening a meeting's audience needs clearance for its level (`access`)."""
    if not access.can_grant_access(principal, meeting.confidentiality):
        raise meetings_error("NOT_CLEARED_FOR_LEVEL", field=[fieldname] if fieldname else None)


async def _check_units(session: AsyncSession, ids: Sequence[uuid.UUID], fieldname: str) -> None:
    if not ids:
        return
    found = set(await session.scalars(select(OrgUnit.id).where(OrgUnit.id.in_(ids))))
    if set(ids) - found:
        raise meetings_error("UNIT_NOT_FOUND", field=[fieldname])


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
    await _check_units(session, invited_unit_ids, "invitedUnitIds")
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
    audit.record(
        session,
        actor=principal,
        action="meeting.create",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
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
        await _check_units(session, invited_unit_ids, "invitedUnitIds")
        await session.execute(delete(InvitedUnit).where(InvitedUnit.meeting_id == meeting.id))
        for unit_id in dict.fromkeys(invited_unit_ids):
            session.add(InvitedUnit(meeting_id=meeting.id, unit_id=unit_id))
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="meeting.update",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
    )
    if meeting.confidentiality != audience[0]:  # its votes have its level
        await session.execute(
            update(Vote)
            .where(Vote.meeting_id == meeting.id)
            .values(confidentiality=meeting.confidentiality)
        )
    if meeting.confidentiality > audience[0]:  # its earlier audit events, too
        await audit.raise_level(session, level_of=meeting.id, level=meeting.confidentiality)
    await emit_meeting_event(session, meeting, "MEETING_UPDATED")
    if audience != (meeting.confidentiality, await _invited_units(session, meeting.id)):
        from ecabinet.meetings import votes  # the open votes' subscribers re-check access

        await votes.republish_meeting_votes(session, meeting)
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
        below = list(
            await session.scalars(
                select(User.full_name)
                .join(Participant, Participant.user_id == User.id)
                .where(Participant.meeting_id == meeting.id, User.clearance < new)
                .order_by(User.full_name)
            )
        )
        if below:
            raise participants_below_level(below)
    meeting.confidentiality = new
    if access.is_declassification(current, new):
        audit.record(
            session,
            actor=principal,
            action="meeting.declassify",
            entity_type="Meeting",
            entity_id=meeting.id,
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
    audit.record(
        session,
        actor=principal,
        action="meeting.status",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"from": before, "to": status},
    )
    await emit_meeting_event(session, meeting, "STATUS_CHANGED", status=status)
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
    audit.record(
        session,
        actor=principal,
        action="meeting.participant.add",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"userId": str(user_id), "role": role},
    )
    await emit_meeting_event(session, meeting, "PARTICIPANT_ADDED", userId=user_id, role=role)
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
    audit.record(
        session,
        actor=principal,
        action="meeting.participant.role",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"userId": str(user_id), "from": before, "to": role},
    )
    await emit_meeting_event(session, meeting, "PARTICIPANT_ROLE_CHANGED", userId=user_id)
    return meeting


async def remove_participant(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, user_id: uuid.UUID
) -> Meeting:
    meeting, found = await _participant_to_change(session, principal, meeting_id, user_id)
    await session.delete(found)
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="meeting.participant.remove",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"userId": str(user_id)},
    )
    await emit_meeting_event(session, meeting, "PARTICIPANT_REMOVED", userId=user_id)
    from ecabinet.meetings import votes  # the open votes' subscribers re-check access

    await votes.republish_meeting_votes(session, meeting)
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
    audit.record(
        session,
        actor=principal,
        action="meeting.attendance",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"userId": str(user_id), "attendance": attendance},
    )
    await emit_meeting_event(
        session, meeting, "ATTENDANCE_CHANGED", userId=user_id, attendance=attendance
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


# ---- agenda ---------------------------------------------------------------------------


async def get_agenda_item(
    session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> AgendaItem:
    item = (
        await session.scalars(
            visible(select(AgendaItem), AgendaItem, principal)
            .where(AgendaItem.id == item_id)
            .execution_options(populate_existing=True)
        )
    ).first()
    if item is None:
        raise meetings_error("AGENDA_ITEM_NOT_FOUND", field=["agendaItemId"])
    return item


async def add_agenda_item(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    title: str,
    description: str | None = None,
    presenter_user_id: uuid.UUID | None = None,
    presenter_unit_id: uuid.UUID | None = None,
    planned_minutes: int | None = None,
) -> AgendaItem:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    if presenter_user_id:
        await _check_users(session, [presenter_user_id])
    if presenter_unit_id:
        await _check_units(session, [presenter_unit_id], "presenterUnitId")
    last = await session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id)
    )
    item = AgendaItem(
        meeting_id=meeting.id,
        position=(last or 0) + 1,
        title=clean_title(title),
        description=(description or "").strip() or None,
        presenter_user_id=presenter_user_id,
        presenter_unit_id=presenter_unit_id,
        planned_minutes=_minutes(planned_minutes),
    )
    session.add(item)
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.add",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
        details={"meetingId": str(meeting.id), "title": item.title},
    )
    await emit_meeting_event(session, meeting, "AGENDA_CHANGED", agendaItemId=item.id)
    return item


async def update_agenda_item(
    *,
    session: AsyncSession,
    principal: Principal,
    item_id: uuid.UUID,
    title: str | None = None,
    description: str | None = None,
    presenter_user_id: uuid.UUID | None = None,
    presenter_unit_id: uuid.UUID | None = None,
    planned_minutes: int | None = None,
) -> AgendaItem:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    if title is not None:
        item.title = clean_title(title)
    if description is not None:
        item.description = description.strip() or None
    if presenter_user_id is not None:
        await _check_users(session, [presenter_user_id])
        item.presenter_user_id = presenter_user_id
    if presenter_unit_id is not None:
        await _check_units(session, [presenter_unit_id], "presenterUnitId")
        item.presenter_unit_id = presenter_unit_id
    if planned_minutes is not None:
        item.planned_minutes = _minutes(planned_minutes)
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.update",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
    )
    await emit_meeting_event(session, meeting, "AGENDA_CHANGED", agendaItemId=item.id)
    return item


async def remove_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> Meeting:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    if item.status != AgendaItemStatus.PENDING:
        raise meetings_error("ITEM_NOT_PENDING", field=["id"])
    await session.delete(item)
    await session.flush()
    await _renumber(session, meeting.id)
    audit.record(
        session,
        actor=principal,
        action="agenda.remove",
        entity_type="AgendaItem",
        entity_id=item_id,
        level=meeting.confidentiality,
        level_of=meeting.id,
    )
    await emit_meeting_event(session, meeting, "AGENDA_CHANGED", agendaItemId=item_id)
    return meeting


async def _renumber(
    session: AsyncSession, meeting_id: uuid.UUID, order: list[uuid.UUID] | None = None
) -> None:
    items = list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
    )
    if order is not None:
        rank = {i: n for n, i in enumerate(order)}
        items.sort(key=lambda i: rank.get(i.id, len(rank)))
    for n, item in enumerate(items, start=1):
        item.position = n
    await session.flush()


async def move_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID, position: int
) -> Meeting:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    ids = list(
        await session.scalars(
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(AgendaItem.position)
        )
    )
    ids.remove(item.id)
    ids.insert(max(0, min(position - 1, len(ids))), item.id)
    await _renumber(session, meeting.id, ids)
    audit.record(
        session,
        actor=principal,
        action="agenda.move",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
        details={"position": position},
    )
    await emit_meeting_event(session, meeting, "AGENDA_CHANGED", agendaItemId=item.id)
    return meeting


async def start_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> AgendaItem:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    if meeting.status != MeetingStatus.IN_PROGRESS:
        raise meetings_error("MEETING_NOT_IN_PROGRESS")
    if item.status != AgendaItemStatus.PENDING:
        raise meetings_error("ITEM_NOT_PENDING", field=["id"])
    now = utcnow()
    for current in await session.scalars(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.status == AgendaItemStatus.CURRENT
        )
    ):
        current.status, current.finished_at = AgendaItemStatus.DONE, now
        await emit_meeting_event(session, meeting, "ITEM_FINISHED", agendaItemId=current.id)
    item.status, item.started_at = AgendaItemStatus.CURRENT, now
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.start",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
    )
    await emit_meeting_event(session, meeting, "ITEM_STARTED", agendaItemId=item.id)
    return item


async def finish_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> AgendaItem:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    if item.status != AgendaItemStatus.CURRENT:
        raise meetings_error("ITEM_NOT_CURRENT", field=["id"])
    now = utcnow()
    item.status, item.finished_at = AgendaItemStatus.DONE, now
    await session.execute(
        update(SpeakerRequest)
        .where(
            SpeakerRequest.agenda_item_id == item.id,
            SpeakerRequest.status == SpeakerStatus.SPEAKING,
        )
        .values(status=SpeakerStatus.DONE, finished_at=now)
    )
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.finish",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
    )
    await emit_meeting_event(session, meeting, "ITEM_FINISHED", agendaItemId=item.id)
    return item


# ---- before the session: positions and adoption en bloc -------------------------------


async def set_item_position(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID, position: str
) -> AgendaItem:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    access.require_give_position(principal, await own_participation(session, principal, meeting.id))
    require_editable(meeting)
    if item.status != AgendaItemStatus.PENDING:
        raise meetings_error("ITEM_NOT_PENDING", field=["agendaItemId"])
    if principal.user_id is None:  # a member is a user (require_give_position)
        raise meetings_error("NOT_A_MEMBER")
    existing = await session.get(ItemPosition, (item.id, principal.user_id))
    if existing is None:
        session.add(
            ItemPosition(
                agenda_item_id=item.id,
                user_id=principal.user_id,
                position=position,
                updated_at=utcnow(),
            )
        )
    else:
        existing.position, existing.updated_at = position, utcnow()
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.position",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
        details={"position": position},
    )
    await emit_meeting_event(
        session, meeting, "POSITION_CHANGED", agendaItemId=item.id, userId=principal.user_id
    )
    return item


async def adopt_en_bloc(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    item_ids: Sequence[uuid.UUID],
) -> Meeting:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    items = list(
        await session.scalars(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.id.in_(item_ids)
            )
        )
    )
    if len(items) != len(set(item_ids)):
        raise meetings_error("AGENDA_ITEM_NOT_FOUND", field=["agendaItemIds"])
    if any(i.status != AgendaItemStatus.PENDING for i in items):
        raise meetings_error("ITEM_NOT_PENDING", field=["agendaItemIds"])
    tallies = await positions_by_item(session=session, principal=principal, item_ids=item_ids)
    opposed = [i.title for i in items if tallies[i.id][0].wish_to_speak]
    if opposed:
        raise meetings_error("ITEM_OPPOSED", field=["agendaItemIds"], titles="; ".join(opposed))
    now = utcnow()
    for item in items:
        item.status, item.finished_at, item.adopted_en_bloc = AgendaItemStatus.DONE, now, True
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.adopt_en_bloc",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"items": [str(i.id) for i in items]},
    )
    await emit_meeting_event(
        session, meeting, "ADOPTED_EN_BLOC", agendaItemIds=[str(i.id) for i in items]
    )
    return meeting


# ---- speakers ---------------------------------------------------------------------------


async def _speaker(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> SpeakerRequest:
    row = (
        await session.scalars(
            visible(select(SpeakerRequest), SpeakerRequest, principal).where(
                SpeakerRequest.id == request_id
            )
        )
    ).first()
    if row is None:
        raise meetings_error("SPEAKER_REQUEST_NOT_FOUND", field=["id"])
    return row


async def request_to_speak(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> SpeakerRequest:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    access.require_take_part(principal, await own_participation(session, principal, meeting.id))
    require_editable(meeting)
    if item.status == AgendaItemStatus.DONE:
        raise meetings_error("ITEM_NOT_PENDING", field=["agendaItemId"])
    waiting = await session.scalar(
        select(SpeakerRequest.id).where(
            SpeakerRequest.agenda_item_id == item.id,
            SpeakerRequest.user_id == principal.user_id,
            SpeakerRequest.status.in_((SpeakerStatus.WAITING, SpeakerStatus.SPEAKING)),
        )
    )
    if waiting:
        raise meetings_error("ALREADY_WAITING")
    if principal.user_id is None:  # a participant is a user (require_take_part)
        raise meetings_error("NOT_PARTICIPANT")
    row = SpeakerRequest(
        agenda_item_id=item.id,
        user_id=principal.user_id,
        status=SpeakerStatus.WAITING,
        requested_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="speaker.request",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
    )
    await emit_meeting_event(
        session,
        meeting,
        "SPEAKER_REQUESTED",
        agendaItemId=item.id,
        userId=principal.user_id,
        speakerRequestId=row.id,
    )
    return row


async def _speaker_change(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, *, target: str
) -> SpeakerRequest:
    row = await _speaker(session, principal, request_id)
    item = await get_agenda_item(session, principal, row.agenda_item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    mine = await own_participation(session, principal, meeting.id)
    if target == SpeakerStatus.WITHDRAWN:
        if not access.can_withdraw_speaker_request(principal, row.user_id, mine):
            access.require_manage_meeting(principal, mine)
    else:
        access.require_manage_meeting(principal, mine)
    now = utcnow()
    if (
        target in (SpeakerStatus.WITHDRAWN, SpeakerStatus.SPEAKING)
        and row.status != SpeakerStatus.WAITING
    ):
        raise meetings_error("SPEAKER_NOT_WAITING", field=["id"])
    if target == SpeakerStatus.DONE and row.status != SpeakerStatus.SPEAKING:
        raise meetings_error("SPEAKER_NOT_WAITING", field=["id"])
    if target == SpeakerStatus.SPEAKING:
        if item.status != AgendaItemStatus.CURRENT:
            raise meetings_error("ITEM_NOT_CURRENT", field=["id"])
        await session.execute(
            update(SpeakerRequest)
            .where(
                SpeakerRequest.agenda_item_id == item.id,
                SpeakerRequest.status == SpeakerStatus.SPEAKING,
            )
            .values(status=SpeakerStatus.DONE, finished_at=now)
        )
        row.started_at = now
    if target in (SpeakerStatus.DONE, SpeakerStatus.WITHDRAWN):
        row.finished_at = now
    row.status = target
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action=f"speaker.{target.lower()}",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=meeting.confidentiality,
        level_of=meeting.id,
        details={"userId": str(row.user_id)},
    )
    await emit_meeting_event(
        session,
        meeting,
        f"SPEAKER_{target}",
        agendaItemId=item.id,
        userId=row.user_id,
        speakerRequestId=row.id,
    )
    return row


async def withdraw_speaker_request(
    *, session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> SpeakerRequest:
    return await _speaker_change(session, principal, request_id, target=SpeakerStatus.WITHDRAWN)


async def start_speaker(
    *, session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> SpeakerRequest:
    return await _speaker_change(session, principal, request_id, target=SpeakerStatus.SPEAKING)


async def finish_speaker(
    *, session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> SpeakerRequest:
    return await _speaker_change(session, principal, request_id, target=SpeakerStatus.DONE)


# ---- documents --------------------------------------------------------------------------


async def attach_document(
    *,
    session: AsyncSession,
    principal: Principal,
    storage: LocalStorage,
    item_id: uuid.UUID,
    filename: str,
    content_type: str,
    chunks: AsyncIterator[bytes],
    confidentiality: int = Clearance.INTERNAL,
) -> StoredFile:
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    require_editable(meeting)
    level = check_level(principal, confidentiality)
    try:
        stored = await store_file(
            session,
            storage,
            chunks,
            max_size=MAX_FILE,
            filename=filename,
            default_name="document",
            content_type=content_type,
            confidentiality=level,
            owner_type="AgendaItem",
            owner_id=item.id,
            created_by_id=principal.user_id,
        )
    except ValueError as exc:
        raise meetings_error("FILE_TOO_LARGE", field=["file"], max=MAX_FILE // 2**20) from exc
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="agenda.document",
        entity_type="AgendaItem",
        entity_id=item.id,
        level=max(meeting.confidentiality, level),
        level_of=meeting.id,
        details={"file": stored.name, "size": stored.size, "confidentiality": level},
    )
    await emit_meeting_event(session, meeting, "DOCUMENT_ADDED", agendaItemId=item.id, level=level)
    return stored


async def can_download(session: AsyncSession, principal: Principal, file: StoredFile) -> bool:
    """Whether `principal` may fetch an agenda document (meeting visible, clearance)."""
    if file.owner_type != "AgendaItem" or int(principal.clearance) < file.confidentiality:
        return False
    return bool(
        await session.scalar(
            select(AgendaItem.id).where(
                AgendaItem.id == file.owner_id,
                AgendaItem.meeting_id.in_(visible_meeting_ids(principal)),
            )
        )
    )


# ---- conclusion -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewDirective:
    title: str
    lead_unit_id: uuid.UUID
    coordinating_unit_ids: Sequence[uuid.UUID] = ()
    due_date: date | None = None


async def save_conclusion(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    number: str | None,
    issued_on: date | None,
    text: str,
    directives: Sequence[NewDirective],
) -> Conclusion:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    conclusion = (
        await session.scalars(select(Conclusion).where(Conclusion.meeting_id == meeting.id))
    ).first()
    if conclusion is not None and conclusion.issued:
        raise meetings_error("CONCLUSION_ISSUED")
    for n, d in enumerate(directives):
        clean_title(d.title, f"directives.{n}.title")
        await _check_units(session, [d.lead_unit_id, *d.coordinating_unit_ids], f"directives.{n}")
    if conclusion is None:
        conclusion = Conclusion(meeting_id=meeting.id)
        session.add(conclusion)
    conclusion.number = (number or "").strip()[:60] or None
    conclusion.issued_on = issued_on
    conclusion.text = (text or "").strip()
    await session.flush()
    await session.execute(delete(Directive).where(Directive.conclusion_id == conclusion.id))
    for n, d in enumerate(directives, start=1):
        session.add(
            Directive(
                conclusion_id=conclusion.id,
                position=n,
                title=" ".join(d.title.split()),
                lead_unit_id=d.lead_unit_id,
                coordinating_unit_ids=[
                    str(u) for u in dict.fromkeys(d.coordinating_unit_ids) if u != d.lead_unit_id
                ],
                due_date=d.due_date,
            )
        )
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="conclusion.save",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"directives": len(directives)},
    )
    return conclusion


async def issue_conclusion(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> Conclusion:
    """Issue the notice: it becomes final and each directive becomes a task (through the
    hook the tasks domain registers)."""
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    conclusion = (
        await session.scalars(select(Conclusion).where(Conclusion.meeting_id == meeting.id))
    ).first()
    if (
        conclusion is None
        or not conclusion.number
        or not conclusion.issued_on
        or not conclusion.text
    ):
        raise meetings_error("CONCLUSION_EMPTY")
    if conclusion.issued:
        raise meetings_error("CONCLUSION_ISSUED")
    conclusion.issued = True
    directives = list(
        await session.scalars(
            select(Directive)
            .where(Directive.conclusion_id == conclusion.id)
            .order_by(Directive.position)
        )
    )
    await hooks.run(
        CONCLUSION_ISSUED_HOOK,
        session=session,
        principal=principal,
        meeting=meeting,
        conclusion=conclusion,
        directives=directives,
    )
    await session.flush()
    audit.record(
        session,
        actor=principal,
        action="conclusion.issue",
        entity_type="Meeting",
        entity_id=meeting.id,
        level=meeting.confidentiality,
        details={"number": conclusion.number, "directives": len(directives)},
    )
    await emit_meeting_event(session, meeting, "CONCLUSION_ISSUED")
    return conclusion
