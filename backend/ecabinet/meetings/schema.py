"""Query, Mutation and Subscription fields of meetings, composed with their aggregates'
(`agenda/schema.py`, `votes/schema.py`). Thin: decode IDs, call one service function, map
to types. Authorization: authz/policy.py and the services (meetings/access.py). The agenda
changes that answer with the whole meeting (remove, move, adopt en bloc) are here, beside
the meeting's payload."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import datetime
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.tools import merge_types

from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.meetings import service
from ecabinet.meetings.agenda import schema as agenda_schema
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.agenda.types import (
    AdoptEnBlocInput,
    MoveAgendaItemInput,
)
from ecabinet.meetings.conclusions import schema as conclusions_schema
from ecabinet.meetings.enums import MeetingKind, MeetingStatus
from ecabinet.meetings.events import meeting_channel
from ecabinet.meetings.loaders import MeetingByIdLoader
from ecabinet.meetings.types import (
    AddParticipantInput,
    ChangeParticipantRoleInput,
    CreateMeetingInput,
    Meeting,
    MeetingEvent,
    MeetingPayload,
    RemoveParticipantInput,
    RespondToInvitationInput,
    SetAttendanceInput,
    SetMeetingStatusInput,
    UpdateMeetingInput,
)
from ecabinet.meetings.visibility import event_cleared, sees_meeting_message
from ecabinet.meetings.votes import schema as votes_schema
from ecabinet.platform.broker import is_resync
from ecabinet.platform.errors import NotFound
from ecabinet.platform.ids import decode_many, decode_uuid
from ecabinet.platform.pagination import PageRequest


async def meeting_node(ctx: Any, key: uuid.UUID) -> Meeting | None:
    row = await ctx.loader(MeetingByIdLoader).load(key)
    return Meeting.from_model(row) if row else None


@strawberry.input(description="Which meetings to list.")
class MeetingFilter:
    status: list[MeetingStatus] | None = strawberry.field(default=None, description="Statuses.")
    kind: MeetingKind | None = strawberry.field(
        default=None, description="Only meetings of this kind."
    )
    starts_from: datetime | None = strawberry.field(default=None, description="From.")
    starts_before: datetime | None = strawberry.field(default=None, description="Before.")
    search: str | None = strawberry.field(default=None, description="Part of the title.")
    mine: bool = strawberry.field(default=False, description="Only where I take part.")
    upcoming: bool | None = strawberry.field(
        default=None,
        description="true: running, or not closed nor cancelled and not over (ended less than "
        "a day ago), soonest first; false: all the others (past), newest first. Every meeting "
        "is in exactly one of the two.",
    )


@strawberry.type
class MeetingQuery:
    @strawberry.field(description="Meetings you may see.")
    async def meetings(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: MeetingFilter | None = None,
    ) -> Connection[Meeting] | None:
        f = filter or MeetingFilter()
        page = await service.list_meetings(
            db=info.context.db,
            principal=info.context.principal,
            filter=service.MeetingFilter(
                status=[s.value for s in f.status] if f.status else None,
                kind=f.kind.value if f.kind else None,
                starts_from=f.starts_from,
                starts_before=f.starts_before,
                search=f.search,
                mine=f.mine,
                upcoming=f.upcoming,
            ),
            page=PageRequest(first=first, after=after, last=last, before=before),
        )
        return connection(page, Meeting.from_model)

    @strawberry.field(description="A meeting by ID; null if absent or not visible.")
    async def meeting(self, info: strawberry.Info, id: strawberry.ID) -> Meeting | None:
        return await meeting_node(info.context, decode_uuid(id, "Meeting"))


# ---- mutations ---------------------------------------------------------------------------

Action = Callable[[AsyncSession], Awaitable[Any]]


async def _meeting(info: strawberry.Info, action: Action) -> MeetingPayload:
    async def run(s: AsyncSession) -> Any:
        result = await action(s)
        return result

    obj, errors = await run_mutation(info, run)
    return MeetingPayload(meeting=Meeting.from_model(obj) if obj else None, errors=errors)


@strawberry.type
class MeetingMutation:
    @strawberry.mutation(description="Create a meeting (DRAFT).")
    async def create_meeting(
        self, info: strawberry.Info, input: CreateMeetingInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.create_meeting(
                session=s,
                principal=p,
                title=input.title,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                location=input.location,
                kind=input.kind.value,
                confidentiality=input.confidentiality,
                participants=[
                    service.NewParticipant(decode_uuid(x.user_id, "User"), x.role.value)
                    for x in input.participants
                ],
                invited_unit_ids=decode_many(input.invited_unit_ids, "OrgUnit"),
            ),
        )

    @strawberry.mutation(description="Change a meeting.")
    async def update_meeting(
        self, info: strawberry.Info, input: UpdateMeetingInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.update_meeting(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.id, "Meeting"),
                title=input.title,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                location=input.location,
                kind=input.kind.value if input.kind else None,
                confidentiality=input.confidentiality,
                invited_unit_ids=decode_many(input.invited_unit_ids, "OrgUnit")
                if input.invited_unit_ids is not None
                else None,
            ),
        )

    @strawberry.mutation(description="Schedule, start, close or cancel a meeting.")
    async def set_meeting_status(
        self, info: strawberry.Info, input: SetMeetingStatusInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.set_status(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.id, "Meeting"),
                status=input.status.value,
            ),
        )

    @strawberry.mutation(description="Invite someone to a meeting.")
    async def add_participant(
        self, info: strawberry.Info, input: AddParticipantInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.add_participant(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                user_id=decode_uuid(input.user_id, "User"),
                role=input.role.value,
            ),
        )

    @strawberry.mutation(
        description="Change a participant's part (chair, member, secretary, guest); their "
        "attendance and check-in stay."
    )
    async def change_participant_role(
        self, info: strawberry.Info, input: ChangeParticipantRoleInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.change_participant_role(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                user_id=decode_uuid(input.user_id, "User"),
                role=input.role.value,
            ),
        )

    @strawberry.mutation(description="Remove someone from a meeting (they stop seeing it live).")
    async def remove_participant(
        self, info: strawberry.Info, input: RemoveParticipantInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.remove_participant(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                user_id=decode_uuid(input.user_id, "User"),
            ),
        )

    @strawberry.mutation(description="Record a participant's attendance (secretariat).")
    async def set_attendance(
        self, info: strawberry.Info, input: SetAttendanceInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.set_attendance(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                user_id=decode_uuid(input.user_id, "User"),
                attendance=input.attendance.value,
            ),
        )

    @strawberry.mutation(description="Confirm or decline your invitation.")
    async def respond_to_invitation(
        self, info: strawberry.Info, input: RespondToInvitationInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.respond_to_invitation(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                attendance=input.attendance.value,
            ),
        )

    @strawberry.mutation(description="Check in to a meeting (you are present).")
    async def check_in(self, info: strawberry.Info, meeting_id: strawberry.ID) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: service.check_in(
                session=s, principal=p, meeting_id=decode_uuid(meeting_id, "Meeting")
            ),
        )

    @strawberry.mutation(description="Remove a pending agenda item.")
    async def remove_agenda_item(self, info: strawberry.Info, id: strawberry.ID) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: agenda.remove_agenda_item(
                session=s, principal=p, item_id=decode_uuid(id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Move an agenda item.")
    async def move_agenda_item(
        self, info: strawberry.Info, input: MoveAgendaItemInput
    ) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: agenda.move_agenda_item(
                session=s,
                principal=p,
                item_id=decode_uuid(input.id, "AgendaItem"),
                position=input.position,
            ),
        )

    @strawberry.mutation(description="Adopt unopposed items together.")
    async def adopt_en_bloc(self, info: strawberry.Info, input: AdoptEnBlocInput) -> MeetingPayload:
        p = info.context.principal
        return await _meeting(
            info,
            lambda s: agenda.adopt_en_bloc(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                item_ids=decode_many(input.agenda_item_ids, "AgendaItem"),
            ),
        )


# ---- subscriptions -----------------------------------------------------------------------


# One Vote object per published version, shared by this process's subscribers of that
# vote (a version names exactly one state; viewer-dependent fields take the viewer from
# `info`, never from the object). Entries vanish once no subscriber holds them.


@strawberry.type
class MeetingSubscription:
    @strawberry.subscription(
        description="What happens in a meeting: attendance, agenda, speakers, votes, status. "
        "Stops when you may no longer see the meeting."
    )
    async def meeting_events(
        self, info: strawberry.Info, meeting_id: strawberry.ID
    ) -> AsyncGenerator[MeetingEvent, None]:
        ctx = info.context
        key = decode_uuid(meeting_id, "Meeting")
        async with ctx.broker.subscribe(meeting_channel(key)) as sub:
            if await meeting_node(ctx, key) is None:
                raise NotFound()
            async for msg in sub:
                if is_resync(msg):
                    ctx.reset_loaders()
                    if await meeting_node(ctx, key) is None:
                        return
                    yield MeetingEvent.from_message(
                        {
                            "type": "RESYNC",
                            "at": datetime.now().astimezone().isoformat(),
                            "meetingId": str(key),
                        }
                    )
                    continue
                if not sees_meeting_message(ctx.principal, msg["access"]):
                    return
                if event_cleared(ctx.principal, msg):
                    yield MeetingEvent.from_message(msg)


# the domain's root fields: the meeting's own, and its aggregates' (agenda, votes, conclusion)
Query = merge_types("Query", (MeetingQuery, votes_schema.Query))
Mutation = merge_types(
    "Mutation",
    (MeetingMutation, agenda_schema.Mutation, votes_schema.Mutation, conclusions_schema.Mutation),
)
Subscription = merge_types("Subscription", (MeetingSubscription, votes_schema.Subscription))
