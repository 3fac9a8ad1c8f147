"""Query, Mutation and Subscription fields of meetings and votes. Thin: decode IDs, call
one service function, map to types. Authorization: authz/policy.py and the services."""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import datetime
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.files.routes import storage
from ecabinet.files.types import File
from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.graphql.uploads import read_chunks
from ecabinet.meetings import service
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.agenda.loaders import AgendaItemByIdLoader
from ecabinet.meetings.agenda.types import (
    AddAgendaItemInput,
    AdoptEnBlocInput,
    AgendaItem,
    AgendaItemPayload,
    AttachDocumentInput,
    FilePayload,
    MoveAgendaItemInput,
    SetItemPositionInput,
    SpeakerRequest,
    SpeakerRequestPayload,
    UpdateAgendaItemInput,
    agenda_item_view,
)
from ecabinet.meetings.conclusions import service as conclusions
from ecabinet.meetings.conclusions.types import SaveConclusionInput
from ecabinet.meetings.enums import MeetingKind, MeetingStatus, VoteState
from ecabinet.meetings.events import meeting_channel, vote_channel
from ecabinet.meetings.loaders import MeetingByIdLoader
from ecabinet.meetings.types import (
    AddParticipantInput,
    ChangeParticipantRoleInput,
    ConclusionPayload,
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
from ecabinet.meetings.votes import service as votes
from ecabinet.meetings.votes.loaders import VoteSnapshotByIdLoader
from ecabinet.meetings.votes.snapshot import VoteSnapshot
from ecabinet.meetings.votes.types import (
    CastBallotInput,
    CastBallotPayload,
    CreateVoteInput,
    Vote,
    VotePayload,
)
from ecabinet.meetings.votes.visibility import sees_vote_message
from ecabinet.platform.broker import is_resync
from ecabinet.platform.errors import NotFound
from ecabinet.platform.ids import decode_many, decode_optional, decode_uuid
from ecabinet.platform.pagination import PageRequest

REORDER_WAIT = 0.25  # seconds to wait for a missing version before reading the database


async def meeting_node(ctx: Any, key: uuid.UUID) -> Meeting | None:
    row = await ctx.loader(MeetingByIdLoader).load(key)
    return Meeting.from_model(row) if row else None


async def vote_node(ctx: Any, key: uuid.UUID) -> Vote | None:
    snap = await ctx.loader(VoteSnapshotByIdLoader).load(key)
    return Vote.from_snapshot(snap) if snap else None


async def agenda_item_node(ctx: Any, key: uuid.UUID) -> AgendaItem | None:
    row = await ctx.loader(AgendaItemByIdLoader).load(key)
    return await agenda_item_view(ctx, row) if row else None


@strawberry.input(description="Which meetings to list.")
class MeetingFilter:
    status: list[MeetingStatus] | None = strawberry.field(default=None, description="Statuses.")
    kind: MeetingKind | None = strawberry.field(default=None, description="Kind.")
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


@strawberry.input(description="Which votes to list.")
class VoteFilter:
    meeting_id: strawberry.ID | None = strawberry.field(default=None, description="Of a meeting.")
    state: VoteState | None = strawberry.field(default=None, description="State.")
    written_only: bool = strawberry.field(default=False, description="Only written ballots.")


@strawberry.type
class Query:
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

    @strawberry.field(description="Votes you may see (e.g. the written ballots).")
    async def votes(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: VoteFilter | None = None,
    ) -> Connection[Vote] | None:
        f = filter or VoteFilter()
        page = await votes.list_votes(
            db=info.context.db,
            principal=info.context.principal,
            meeting_id=decode_optional(f.meeting_id, "Meeting"),
            state=f.state.value if f.state else None,
            written_only=f.written_only,
            page=PageRequest(first=first, after=after, last=last, before=before),
        )
        snaps = await info.context.loader(VoteSnapshotByIdLoader).load_many(
            [v.id for v in page.items]
        )
        page.items = [s for s in snaps if s]
        return connection(page, Vote.from_snapshot)

    @strawberry.field(description="A vote by ID; null if absent or not visible.")
    async def vote(self, info: strawberry.Info, id: strawberry.ID) -> Vote | None:
        return await vote_node(info.context, decode_uuid(id, "Vote"))


# ---- mutations ---------------------------------------------------------------------------

Action = Callable[[AsyncSession], Awaitable[Any]]


async def _meeting(info: strawberry.Info, action: Action) -> MeetingPayload:
    async def run(s: AsyncSession) -> Any:
        result = await action(s)
        return result

    obj, errors = await run_mutation(info, run)
    return MeetingPayload(meeting=Meeting.from_model(obj) if obj else None, errors=errors)


async def _item(info: strawberry.Info, action: Action) -> AgendaItemPayload:
    obj, errors = await run_mutation(info, action)
    item = await agenda_item_view(info.context, obj) if obj else None
    return AgendaItemPayload(agenda_item=item, errors=errors)


async def _speaker(info: strawberry.Info, action: Action) -> SpeakerRequestPayload:
    obj, errors = await run_mutation(info, action)
    return SpeakerRequestPayload(
        speaker_request=SpeakerRequest.from_model(obj) if obj else None, errors=errors
    )


async def _vote(info: strawberry.Info, action: Action, cls: type = VotePayload) -> Any:
    p = info.context.principal

    async def run(s: AsyncSession) -> Any:
        vote = await action(s)
        return (await votes.snapshots(s, p, [vote.id])).get(vote.id)

    snap, errors = await run_mutation(info, run)
    return cls(vote=Vote.from_snapshot(snap) if snap else None, errors=errors)


@strawberry.type
class Mutation:
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

    @strawberry.mutation(description="Add an item at the end of the agenda.")
    async def add_agenda_item(
        self, info: strawberry.Info, input: AddAgendaItemInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.add_agenda_item(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                title=input.title,
                description=input.description,
                presenter_user_id=decode_optional(input.presenter_id, "User"),
                presenter_unit_id=decode_optional(input.presenter_unit_id, "OrgUnit"),
                planned_minutes=input.planned_minutes,
            ),
        )

    @strawberry.mutation(description="Change an agenda item.")
    async def update_agenda_item(
        self, info: strawberry.Info, input: UpdateAgendaItemInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.update_agenda_item(
                session=s,
                principal=p,
                item_id=decode_uuid(input.id, "AgendaItem"),
                title=input.title,
                description=input.description,
                presenter_user_id=decode_optional(input.presenter_id, "User"),
                presenter_unit_id=decode_optional(input.presenter_unit_id, "OrgUnit"),
                planned_minutes=input.planned_minutes,
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

    @strawberry.mutation(description="Start discussing an item (the current one finishes).")
    async def start_agenda_item(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.start_agenda_item(
                session=s, principal=p, item_id=decode_uuid(id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Finish the current item.")
    async def finish_agenda_item(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.finish_agenda_item(
                session=s, principal=p, item_id=decode_uuid(id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Before the session: no objection, or wish to speak.")
    async def set_item_position(
        self, info: strawberry.Info, input: SetItemPositionInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.set_item_position(
                session=s,
                principal=p,
                item_id=decode_uuid(input.agenda_item_id, "AgendaItem"),
                position=input.position.value,
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

    @strawberry.mutation(description="Ask to speak on an item.")
    async def request_to_speak(
        self, info: strawberry.Info, agenda_item_id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.request_to_speak(
                session=s, principal=p, item_id=decode_uuid(agenda_item_id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Withdraw a request to speak.")
    async def withdraw_speaker_request(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.withdraw_speaker_request(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="Give the floor (the current speaker finishes).")
    async def start_speaker(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.start_speaker(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="End a speech.")
    async def finish_speaker(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.finish_speaker(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="Upload a document to an agenda item (multipart request).")
    async def attach_document(
        self, info: strawberry.Info, input: AttachDocumentInput
    ) -> FilePayload:
        p = info.context.principal
        upload = input.file
        obj, errors = await run_mutation(
            info,
            lambda s: agenda.attach_document(
                session=s,
                principal=p,
                storage=storage(info.context.runtime),
                item_id=decode_uuid(input.agenda_item_id, "AgendaItem"),
                filename=upload.filename or "document",
                content_type=upload.content_type or "",
                chunks=read_chunks(upload),
                confidentiality=input.confidentiality,
            ),
        )
        return FilePayload(file=File.from_model(obj) if obj else None, errors=errors)

    @strawberry.mutation(
        description="Create a vote (DRAFT): in a meeting, or a written ballot "
        "with voters and a deadline."
    )
    async def create_vote(self, info: strawberry.Info, input: CreateVoteInput) -> VotePayload:
        p = info.context.principal
        return await _vote(
            info,
            lambda s: votes.create_vote(
                session=s,
                principal=p,
                title=input.title,
                kind=input.kind.value,
                majority=input.majority.value,
                options=input.options,
                live_results=input.live_results,
                meeting_id=decode_optional(input.meeting_id, "Meeting"),
                agenda_item_id=decode_optional(input.agenda_item_id, "AgendaItem"),
                deadline=input.deadline,
                voter_ids=decode_many(input.voter_ids, "User"),
                confidentiality=input.confidentiality,
            ),
        )

    @strawberry.mutation(description="Open a vote: who may vote is frozen now.")
    async def open_vote(self, info: strawberry.Info, id: strawberry.ID) -> VotePayload:
        p = info.context.principal
        return await _vote(
            info, lambda s: votes.open_vote(session=s, principal=p, vote_id=decode_uuid(id, "Vote"))
        )

    @strawberry.mutation(description="Cast your ballot: once per vote.")
    async def cast_ballot(self, info: strawberry.Info, input: CastBallotInput) -> CastBallotPayload:
        p = info.context.principal
        return await _vote(
            info,
            lambda s: votes.cast_ballot(
                session=s,
                principal=p,
                vote_id=decode_uuid(input.vote_id, "Vote"),
                option_id=decode_uuid(input.option_id, "VoteOption"),
            ),
            CastBallotPayload,
        )

    @strawberry.mutation(description="Close a vote and decide its outcome.")
    async def close_vote(self, info: strawberry.Info, id: strawberry.ID) -> VotePayload:
        p = info.context.principal
        return await _vote(
            info,
            lambda s: votes.close_vote(session=s, principal=p, vote_id=decode_uuid(id, "Vote")),
        )

    @strawberry.mutation(description="Save the draft conclusion notice and its directives.")
    async def save_conclusion(
        self, info: strawberry.Info, input: SaveConclusionInput
    ) -> ConclusionPayload:
        p = info.context.principal
        mid = decode_uuid(input.meeting_id, "Meeting")

        async def run(s: AsyncSession) -> Any:
            await conclusions.save_conclusion(
                session=s,
                principal=p,
                meeting_id=mid,
                number=input.number,
                issued_on=input.issued_on,
                text=input.text,
                directives=[
                    conclusions.NewDirective(
                        title=d.title,
                        lead_unit_id=decode_uuid(d.lead_unit_id, "OrgUnit"),
                        coordinating_unit_ids=decode_many(d.coordinating_unit_ids, "OrgUnit"),
                        due_date=d.due_date,
                    )
                    for d in input.directives
                ],
            )
            return await service.get_meeting(s, p, mid)

        obj, errors = await run_mutation(info, run)
        return ConclusionPayload(meeting=Meeting.from_model(obj) if obj else None, errors=errors)

    @strawberry.mutation(description="Issue the conclusion notice: each directive becomes a task.")
    async def issue_conclusion(
        self, info: strawberry.Info, meeting_id: strawberry.ID
    ) -> ConclusionPayload:
        p = info.context.principal
        mid = decode_uuid(meeting_id, "Meeting")

        async def run(s: AsyncSession) -> Any:
            await conclusions.issue_conclusion(session=s, principal=p, meeting_id=mid)
            return await service.get_meeting(s, p, mid)

        obj, errors = await run_mutation(info, run)
        return ConclusionPayload(meeting=Meeting.from_model(obj) if obj else None, errors=errors)


# ---- subscriptions -----------------------------------------------------------------------


# One Vote object per published version, shared by this process's subscribers of that
# vote (a version names exactly one state; viewer-dependent fields take the viewer from
# `info`, never from the object). Entries vanish once no subscriber holds them.
_SHARED_VOTES: weakref.WeakValueDictionary[tuple[uuid.UUID, int], Vote] = (
    weakref.WeakValueDictionary()
)


def _shared_vote(snap: VoteSnapshot) -> Vote:
    key = (snap.id, snap.version)
    vote = _SHARED_VOTES.get(key)
    if vote is None:
        vote = _SHARED_VOTES[key] = Vote.from_snapshot(snap)
    return vote


async def _fresh_vote(ctx: Any, key: uuid.UUID) -> VoteSnapshot | None:
    async with ctx.db.session() as s:
        return (await votes.snapshots(s, ctx.principal, [key])).get(key)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="A vote: first its current state, then every change in version order "
        "(a gap is waited for briefly, then filled from the database). Stops when you may "
        "no longer see it."
    )
    async def vote_updated(
        self, info: strawberry.Info, vote_id: strawberry.ID
    ) -> AsyncGenerator[Vote, None]:
        ctx = info.context
        key = decode_uuid(vote_id, "Vote")
        async with ctx.broker.subscribe(vote_channel(key)) as sub:
            snap = await _fresh_vote(ctx, key)
            if snap is None:
                raise NotFound()
            yield Vote.from_snapshot(snap)
            last = snap.version
            pending: dict[int, dict[str, Any]] = {}
            while True:
                try:
                    msg = await asyncio.wait_for(sub.get(), REORDER_WAIT if pending else None)
                except TimeoutError:
                    msg = None  # a version never came: read the database
                if msg is None or is_resync(msg):
                    pending.clear()
                    fresh = await _fresh_vote(ctx, key)
                    if fresh is None:
                        return
                    if fresh.version > last:
                        last = fresh.version
                        yield Vote.from_snapshot(fresh)
                    continue
                if msg["version"] > last:
                    pending[msg["version"]] = msg
                while last + 1 in pending:
                    nxt = pending.pop(last + 1)
                    last += 1
                    if not sees_vote_message(ctx.principal, nxt["access"]):
                        return
                    yield _shared_vote(VoteSnapshot.from_message(nxt))

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
