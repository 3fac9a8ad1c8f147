"""Business rules of a meeting's agenda: its items and their order, the item under
discussion, members' positions before the session and adoption en bloc, the speakers'
list and the items' documents. Plain async functions: no GraphQL, no HTTP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Clearance, Principal
from ecabinet.authz.rows import visible
from ecabinet.meetings import access
from ecabinet.meetings.agenda.models import AgendaItem, ItemPosition, SpeakerRequest
from ecabinet.meetings.enums import (
    VOTING_ROLES,
    AgendaItemStatus,
    ItemPositionKind,
    MeetingStatus,
    SpeakerStatus,
)
from ecabinet.meetings.errors import meetings_error
from ecabinet.meetings.events import emit_meeting_event, record_change
from ecabinet.meetings.models import Meeting, Participant
from ecabinet.meetings.service import (
    check_level,
    check_units,
    check_users,
    clean_title,
    get_meeting,
    own_participation,
    require_editable,
    require_manage_meeting,
)
from ecabinet.meetings.visibility import visible_meeting_ids
from ecabinet.platform.clock import utcnow
from ecabinet.platform.files import StoredFile, store_file
from ecabinet.platform.storage import LocalStorage

MAX_FILE = 50 * 1024 * 1024


# ---- reads ----------------------------------------------------------------------------


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


# ---- checks ---------------------------------------------------------------------------


def _minutes(value: int | None) -> int | None:
    """A planned duration: 1 to 600 minutes, or none."""
    if value is not None and not 1 <= value <= 600:
        raise meetings_error("INVALID_DURATION", field=["plannedMinutes"])
    return value


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


async def _managed_item(
    session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> tuple[AgendaItem, Meeting]:
    """An agenda item the principal may see, its meeting locked for the change, and the
    principal allowed to run that meeting (meetings/access.py)."""
    item = await get_agenda_item(session, principal, item_id)
    meeting = await get_meeting(session, principal, item.meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    return item, meeting


async def _record_item_change(
    session: AsyncSession,
    principal: Principal,
    meeting: Meeting,
    item_id: uuid.UUID,
    action: str,
    **change: Any,
) -> None:
    """record_change for one agenda item: the audit event is about the item, and a live event
    (when `event` is given) names it as agendaItemId."""
    await record_change(
        session,
        principal,
        meeting,
        action,
        entity_type="AgendaItem",
        entity_id=item_id,
        agendaItemId=item_id,
        **change,
    )


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
        await check_users(session, [presenter_user_id])
    if presenter_unit_id:
        await check_units(session, [presenter_unit_id], "presenterUnitId")
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.add",
        details={"meetingId": str(meeting.id), "title": item.title},
        event="AGENDA_CHANGED",
    )
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
    item, meeting = await _managed_item(session, principal, item_id)
    require_editable(meeting)
    if title is not None:
        item.title = clean_title(title)
    if description is not None:
        item.description = description.strip() or None
    if presenter_user_id is not None:
        await check_users(session, [presenter_user_id])
        item.presenter_user_id = presenter_user_id
    if presenter_unit_id is not None:
        await check_units(session, [presenter_unit_id], "presenterUnitId")
        item.presenter_unit_id = presenter_unit_id
    if planned_minutes is not None:
        item.planned_minutes = _minutes(planned_minutes)
    await session.flush()
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.update",
        event="AGENDA_CHANGED",
    )
    return item


async def remove_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> Meeting:
    item, meeting = await _managed_item(session, principal, item_id)
    require_editable(meeting)
    if item.status != AgendaItemStatus.PENDING:
        raise meetings_error("ITEM_NOT_PENDING", field=["id"])
    await session.delete(item)
    await session.flush()
    await _renumber(session, meeting.id)
    await _record_item_change(
        session,
        principal,
        meeting,
        item_id,
        "agenda.remove",
        event="AGENDA_CHANGED",
    )
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
    item, meeting = await _managed_item(session, principal, item_id)
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.move",
        details={"position": position},
        event="AGENDA_CHANGED",
    )
    return meeting


async def start_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> AgendaItem:
    item, meeting = await _managed_item(session, principal, item_id)
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.start",
        event="ITEM_STARTED",
    )
    return item


async def finish_agenda_item(
    *, session: AsyncSession, principal: Principal, item_id: uuid.UUID
) -> AgendaItem:
    item, meeting = await _managed_item(session, principal, item_id)
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.finish",
        event="ITEM_FINISHED",
    )
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.position",
        details={"position": position},
        event="POSITION_CHANGED",
        userId=principal.user_id,
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
    await record_change(
        session,
        principal,
        meeting,
        "agenda.adopt_en_bloc",
        details={"items": [str(i.id) for i in items]},
        event="ADOPTED_EN_BLOC",
        agendaItemIds=[str(i.id) for i in items],
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "speaker.request",
        event="SPEAKER_REQUESTED",
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        f"speaker.{target.lower()}",
        details={"userId": str(row.user_id)},
        event=f"SPEAKER_{target}",
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
    item, meeting = await _managed_item(session, principal, item_id)
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
    await _record_item_change(
        session,
        principal,
        meeting,
        item.id,
        "agenda.document",
        level=max(meeting.confidentiality, level),
        details={"file": stored.name, "size": stored.size, "confidentiality": level},
    )
    # the event carries the document's own level: only those cleared for it are told
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
