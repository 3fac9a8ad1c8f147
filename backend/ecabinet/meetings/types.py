"""GraphQL types of meetings and votes (written by hand). A Vote is built from its
snapshot (meetings.votes.snapshots), the same dict that subscriptions receive."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.meetings import access, models
from ecabinet.meetings.agenda import models as agenda_models
from ecabinet.meetings.enums import (
    MANAGING_ROLES,
    AgendaItemStatus,
    Attendance,
    ItemPositionKind,
    MajorityRule,
    MeetingKind,
    MeetingsErrorCode,
    MeetingStatus,
    ParticipantRole,
    SpeakerStatus,
    VoteKind,
    VoteOutcome,
    VoteState,
)
from ecabinet.meetings.loaders import (
    AgendaByMeetingLoader,
    AgendaItemByIdLoader,
    ConclusionByMeetingLoader,
    DocumentsByItemLoader,
    InvitedUnitsByMeetingLoader,
    MeetingByIdLoader,
    NamedBallotsByVoteLoader,
    ParticipantsByMeetingLoader,
    PositionsByItemLoader,
    SpeakersByItemLoader,
    VoteIdsByMeetingLoader,
    VoteSnapshotByIdLoader,
)
from ecabinet.meetings.votes.snapshot import VoteSnapshot
from ecabinet.org.loaders import OrgUnitByIdLoader
from ecabinet.org.types import Clearance, OrgUnit, User, load_unit, load_user
from ecabinet.platform.files import StoredFile
from ecabinet.platform.signing import signed_url

if TYPE_CHECKING:
    pass


# the domain's enums (meetings.enums), exposed with the same names and values
strawberry.enum(MeetingKind, description="What kind of meeting.")
strawberry.enum(
    MeetingStatus,
    description="DRAFT → SCHEDULED → IN_PROGRESS → CLOSED, or CANCELLED "
    "(the transitions: Meeting.viewerNextStatuses).",
)
strawberry.enum(
    ParticipantRole, description="A participant's part in the meeting; CHAIR and MEMBER vote."
)
strawberry.enum(Attendance, description="Whether a participant comes and came.")
strawberry.enum(AgendaItemStatus, description="PENDING → CURRENT → DONE.")
strawberry.enum(
    ItemPositionKind, description="A member's position on an agenda item before the session."
)
strawberry.enum(SpeakerStatus, description="WAITING → SPEAKING → DONE, or WITHDRAWN.")
strawberry.enum(
    VoteKind, description="OPEN: named ballots; SECRET: no link between voter and choice."
)
strawberry.enum(VoteState, description="DRAFT → OPEN → CLOSED.")
strawberry.enum(
    MajorityRule,
    description="ABSOLUTE: more than half of all eligible (the chair's side wins a half); "
    "SIMPLE: more for than against among ballots cast; TWO_THIRDS: two thirds of all eligible.",
)
strawberry.enum(VoteOutcome, description="PENDING while open; then ADOPTED, REJECTED or NO_QUORUM.")
strawberry.enum(
    MeetingsErrorCode,
    description="The codes of meetings and votes: in `UserError.code` (a String, for "
    "compatibility) for business rules, in a FORBIDDEN error's `extensions.reason` for "
    "refusals to act (NOT_SECRETARIAT, NOT_PARTICIPANT, NOT_A_MEMBER).",
)


@strawberry.enum(description="Formats of a vote's results export.")
class ExportFormat(Enum):
    CSV = "CSV"
    HTML = "HTML"


async def load_units(info: strawberry.Info, keys: list[uuid.UUID]) -> list[OrgUnit]:
    """Units in one batch (awaiting them one by one would be one query per unit)."""
    rows = await info.context.loader(OrgUnitByIdLoader).load_many(keys)
    return [OrgUnit.from_model(r) for r in rows if r]


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def download_link(info: strawberry.Info, path: str) -> str:
    """A user's link is signed for them (a browser cannot send a bearer token with a plain
    link); a partner system authenticates its download with its bearer token, as every
    other request, so it gets the path (links are signed only for users)."""
    p = info.context.principal
    if p.user_id is None:
        return path
    return signed_url(info.context.runtime.settings.secret_key, path, str(p.user_id))


@strawberry.type(description="An uploaded file: an agenda document, a report attachment.")
class File(Node):
    key: strawberry.Private[uuid.UUID]
    name: str = strawberry.field(description="File name.")
    content_type: str = strawberry.field(description="MIME type.")
    size: int = strawberry.field(description="Size in bytes.")
    confidentiality: Clearance = strawberry.field(description="Who may open it (clearance).")
    created_at: datetime = strawberry.field(description="When it was uploaded.")

    @strawberry.field(
        description="A download link valid for five minutes, for you only (for a partner "
        "system: the path, fetched with its bearer token)."
    )
    def url(self, info: strawberry.Info) -> str:
        return download_link(info, f"/files/{self.id}")

    @classmethod
    def from_model(cls, m: StoredFile) -> File:
        return cls(
            id=gid("File", m.id),
            key=m.id,
            name=m.name,
            content_type=m.content_type,
            size=m.size,
            confidentiality=ClearanceLevel(m.confidentiality),
            created_at=m.created_at,
        )


@strawberry.type(description="A choice of a vote.")
class VoteOption(Node):
    label: str = strawberry.field(description="e.g. Tán thành.")


@strawberry.type(description="Ballots for one option.")
class OptionResult:
    option: VoteOption = strawberry.field(description="The option.")
    count: int = strawberry.field(description="Ballots cast for it.")


@strawberry.type(description="The count of a vote, by the rules of the working regulation.")
class VoteTally:
    eligible: int = strawberry.field(description="Voters entitled to vote.")
    cast: int = strawberry.field(description="Ballots cast so far.")
    quorum_reached: bool = strawberry.field(description="At least two thirds have voted.")
    results: list[OptionResult] | None = strawberry.field(
        description="Counts per option; null while an OPEN vote hides live results, for "
        "every SECRET vote until it is CLOSED, and for a CLOSED SECRET vote without quorum or "
        "with fewer than three ballots (its outcome is NO_QUORUM)."
    )
    outcome: VoteOutcome = strawberry.field(description="PENDING until closed.")


@strawberry.type(description="A named ballot of an OPEN vote (published once it is closed).")
class NamedBallot:
    voter_key: strawberry.Private[uuid.UUID]
    option: VoteOption = strawberry.field(description="The choice.")
    cast_at: datetime = strawberry.field(description="When it was cast.")

    @strawberry.field(description="Who voted.")
    async def voter(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.voter_key)


@strawberry.type(description="An eligible voter, whether they voted and were present at close.")
class EligibleVoter:
    user_key: strawberry.Private[uuid.UUID]
    has_voted: bool = strawberry.field(description="Has cast a ballot.")
    present_at_close: bool | None = strawberry.field(
        description="Present when the vote closed (null while open)."
    )

    @strawberry.field(description="The voter.")
    async def user(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.user_key)


@strawberry.type(description="A vote of a meeting, or a written opinion ballot with a deadline.")
class Vote(Node):
    snap: strawberry.Private[VoteSnapshot]
    title: str = strawberry.field(description="What is voted on.")
    kind: VoteKind = strawberry.field(description="OPEN or SECRET.")
    state: VoteState = strawberry.field(description="DRAFT, OPEN or CLOSED.")
    majority: MajorityRule = strawberry.field(description="The majority rule.")
    options: list[VoteOption] = strawberry.field(description="The choices, in order.")
    version: int = strawberry.field(description="Grows with every change.")
    live_results: bool = strawberry.field(description="Counts visible while open (OPEN only).")
    deadline: datetime | None = strawberry.field(description="Closes itself then (written).")
    opened_at: datetime | None = strawberry.field(description="When it opened.")
    closed_at: datetime | None = strawberry.field(description="When it closed.")

    @strawberry.field(description="The count.")
    def tally(self) -> VoteTally:
        # the same for every viewer: computed once per Vote (subscribers of one version
        # share one Vote, see schema.vote_updated)
        cached: VoteTally | None = self.__dict__.get("_tally")
        if cached is None:
            cached = self.__dict__["_tally"] = self._tally()
        return cached

    def _tally(self) -> VoteTally:
        s = self.snap
        results = None
        if s.results_visible and s.counts is not None:
            results = [
                OptionResult(option=o, count=c) for o, c in zip(self.options, s.counts, strict=True)
            ]
        return VoteTally(
            eligible=s.eligible,
            cast=s.cast,
            quorum_reached=s.quorum_reached,
            results=results,
            outcome=s.outcome,
        )

    @strawberry.field(description="Whether you have cast your ballot.")
    def viewer_has_voted(self, info: strawberry.Info) -> bool:
        return self.snap.has_voted(info.context.principal.user_id)

    @strawberry.field(description="Whether you may cast a ballot now.")
    def viewer_can_vote(self, info: strawberry.Info) -> bool:
        return access.can_cast_ballot(
            info.context.principal,
            state=self.snap.state,
            voters=self.snap.voters,
            voted=self.snap.voted,
        )

    @strawberry.field(description="The meeting, for a vote taken in one.")
    async def meeting(self, info: strawberry.Info) -> Meeting | None:
        key = self.snap.meeting_id
        row = await info.context.loader(MeetingByIdLoader).load(key) if key else None
        return Meeting.from_model(row) if row else None

    @strawberry.field(description="The agenda item voted on, if any.")
    async def agenda_item(self, info: strawberry.Info) -> AgendaItem | None:
        key = self.snap.agenda_item_id
        row = await info.context.loader(AgendaItemByIdLoader).load(key) if key else None
        return await agenda_item_view(info.context, row) if row else None

    @strawberry.field(
        description="Who may vote, who has voted and who was present at close "
        "(frozen when the vote opened)."
    )
    def voters(self) -> list[EligibleVoter]:
        present = set(self.snap.present)
        closed = self.snap.state == VoteState.CLOSED
        return [
            EligibleVoter(
                user_key=u,
                has_voted=self.snap.has_voted(u),
                present_at_close=(u in present) if closed else None,
            )
            for u in self.snap.voters
        ]

    @strawberry.field(description="The named ballots of an OPEN vote once CLOSED; else null.")
    async def ballots(self, info: strawberry.Info) -> list[NamedBallot] | None:
        if self.snap.kind != VoteKind.OPEN or self.snap.state != VoteState.CLOSED:
            return None
        options = {o.id: o for o in self.options}
        rows = await info.context.loader(NamedBallotsByVoteLoader).load(self.snap.id)
        if rows is None:
            return None
        return [
            NamedBallot(voter_key=v, option=options[gid("VoteOption", o)], cast_at=t)
            for v, o, t in rows
        ]

    @strawberry.field(
        description="Link to the results (CSV, or a printable sheet), valid five "
        "minutes (for a partner system: the path, fetched with its bearer token); null until "
        "the vote is closed."
    )
    def results_url(
        self,
        info: strawberry.Info,
        format: Annotated[
            ExportFormat, strawberry.argument(description="CSV or HTML")
        ] = ExportFormat.CSV,
    ) -> str | None:
        if self.snap.state != VoteState.CLOSED:
            return None
        ext = "csv" if format == ExportFormat.CSV else "html"
        return download_link(info, f"/exports/votes/{self.id}.{ext}")

    @classmethod
    def from_snapshot(cls, s: VoteSnapshot) -> Vote:
        return cls(
            id=gid("Vote", s.id),
            snap=s,
            title=s.title,
            kind=s.kind,
            state=s.state,
            majority=s.majority,
            options=[VoteOption(id=gid("VoteOption", o.id), label=o.label) for o in s.options],
            version=s.version,
            live_results=s.live_results,
            deadline=s.deadline,
            opened_at=s.opened_at,
            closed_at=s.closed_at,
        )


@strawberry.type(description="Someone taking part in a meeting.")
class Participant(Node):
    user_key: strawberry.Private[uuid.UUID]
    role: ParticipantRole = strawberry.field(description="CHAIR, MEMBER, SECRETARY or GUEST.")
    attendance: Attendance = strawberry.field(description="Invitation and presence.")
    checked_in_at: datetime | None = strawberry.field(description="When they checked in.")

    @strawberry.field(description="The person.")
    async def user(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.user_key)

    @classmethod
    def from_model(cls, m: models.Participant) -> Participant:
        return cls(
            id=gid("Participant", m.id),
            user_key=m.user_id,
            role=ParticipantRole(m.role),
            attendance=Attendance(m.attendance),
            checked_in_at=m.checked_in_at,
        )


@strawberry.type(description="Members' positions on an agenda item before the session.")
class PositionTally:
    no_objection: int = strawberry.field(description="Members with no objection.")
    wish_to_speak: int = strawberry.field(description="Members who wish to speak.")
    pending: int = strawberry.field(description="Members who have not said.")
    unopposed: bool = strawberry.field(
        description="Nobody wishes to speak: may be adopted en bloc."
    )


@strawberry.type(description="A request to speak on an agenda item.")
class SpeakerRequest(Node):
    user_key: strawberry.Private[uuid.UUID]
    status: SpeakerStatus = strawberry.field(description="Where the request stands.")
    requested_at: datetime = strawberry.field(description="When it was made.")
    started_at: datetime | None = strawberry.field(description="When they began.")
    finished_at: datetime | None = strawberry.field(description="When they finished.")

    @strawberry.field(description="Who asks to speak.")
    async def user(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.user_key)

    @classmethod
    def from_model(cls, m: agenda_models.SpeakerRequest) -> SpeakerRequest:
        return cls(
            id=gid("SpeakerRequest", m.id),
            user_key=m.user_id,
            status=SpeakerStatus(m.status),
            requested_at=m.requested_at,
            started_at=m.started_at,
            finished_at=m.finished_at,
        )


@strawberry.type(description="An item of a meeting's agenda.")
class AgendaItem(Node):
    key: strawberry.Private[uuid.UUID]
    meeting_key: strawberry.Private[uuid.UUID]
    presenter_key: strawberry.Private[uuid.UUID | None]
    presenter_unit_key: strawberry.Private[uuid.UUID | None]
    manager_keys: strawberry.Private[frozenset[uuid.UUID]] = frozenset()
    position: int = strawberry.field(description="1-based order.")
    title: str = strawberry.field(description="What is discussed.")
    description: str | None = strawberry.field(description="Details.")
    planned_minutes: int | None = strawberry.field(description="Planned duration.")
    status: AgendaItemStatus = strawberry.field(description="PENDING, CURRENT or DONE.")
    started_at: datetime | None = strawberry.field(description="When discussion began.")
    finished_at: datetime | None = strawberry.field(description="When it ended.")
    adopted_en_bloc: bool = strawberry.field(description="Adopted without discussion.")

    @strawberry.field(description="Who presents it.")
    async def presenter(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.presenter_key)

    @strawberry.field(description="The unit presenting it.")
    async def presenter_unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.presenter_unit_key)

    @strawberry.field(description="Documents of this item that you may open.")
    async def documents(self, info: strawberry.Info) -> list[File]:
        rows = await info.context.loader(DocumentsByItemLoader).load(self.key)
        return [File.from_model(f) for f in rows or []]

    @strawberry.field(description="The speakers' list, in order of request.")
    async def speakers(self, info: strawberry.Info) -> list[SpeakerRequest]:
        rows = await info.context.loader(SpeakersByItemLoader).load(self.key)
        return [SpeakerRequest.from_model(r) for r in rows or []]

    @strawberry.field(description="Members' positions (the meeting's secretariat and chair).")
    async def position_tally(self, info: strawberry.Info) -> PositionTally | None:
        found = await info.context.loader(PositionsByItemLoader).load(self.key)
        if found is None:
            return None
        t = found[0]
        return PositionTally(
            no_objection=t.no_objection,
            wish_to_speak=t.wish_to_speak,
            pending=t.pending,
            unopposed=t.wish_to_speak == 0,
        )

    @strawberry.field(description="Your own position on it, if you gave one.")
    async def viewer_position(self, info: strawberry.Info) -> ItemPositionKind | None:
        found = await info.context.loader(PositionsByItemLoader).load(self.key)
        mine = found[1].get(info.context.principal.user_id) if found else None
        return ItemPositionKind(mine) if mine else None

    @classmethod
    def from_model(
        cls, m: agenda_models.AgendaItem, managers: frozenset[uuid.UUID] = frozenset()
    ) -> AgendaItem:
        return cls(
            id=gid("AgendaItem", m.id),
            key=m.id,
            meeting_key=m.meeting_id,
            presenter_key=m.presenter_user_id,
            presenter_unit_key=m.presenter_unit_id,
            manager_keys=managers,
            position=m.position,
            title=m.title,
            description=m.description,
            planned_minutes=m.planned_minutes,
            status=AgendaItemStatus(m.status),
            started_at=m.started_at,
            finished_at=m.finished_at,
            adopted_en_bloc=m.adopted_en_bloc,
        )


@strawberry.type(description="An assignment of a conclusion notice; a task once issued.")
class Directive:
    lead_unit_key: strawberry.Private[uuid.UUID]
    coordinating_keys: strawberry.Private[list[uuid.UUID]]
    task_key: strawberry.Private[uuid.UUID | None]
    title: str = strawberry.field(description="What is to be done.")
    due_date: date | None = strawberry.field(description="Deadline.")

    @strawberry.field(description="The unit in charge (chủ trì).")
    async def lead_unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.lead_unit_key)

    @strawberry.field(description="Coordinating units (phối hợp).")
    async def coordinating_units(self, info: strawberry.Info) -> list[OrgUnit]:
        return await load_units(info, self.coordinating_keys)

    @strawberry.field(description="Global ID of the task created when the notice was issued.")
    def task_id(self) -> strawberry.ID | None:
        return gid("Task", self.task_key) if self.task_key else None


@strawberry.type(description="A meeting's conclusion notice (thông báo kết luận).")
class Conclusion:
    number: str | None = strawberry.field(description="Số hiệu, e.g. 123/TB-VPCP.")
    issued_on: date | None = strawberry.field(description="Date of the notice.")
    text: str = strawberry.field(description="The text.")
    issued: bool = strawberry.field(description="Issued (final; tasks created).")
    directives: list[Directive] = strawberry.field(description="Assignments, in order.")


@strawberry.type(description="A Cabinet, thematic, steering-committee or extraordinary meeting.")
class Meeting(Node):
    key: strawberry.Private[uuid.UUID]
    title: str = strawberry.field(description="Title.")
    kind: MeetingKind = strawberry.field(description="Kind of meeting.")
    status: MeetingStatus = strawberry.field(description="Lifecycle status.")
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime | None = strawberry.field(description="Planned end.")
    location: str | None = strawberry.field(description="Room.")
    confidentiality: Clearance = strawberry.field(description="Confidentiality level.")
    version: int = strawberry.field(description="Grows with every change.")

    @strawberry.field(description="Participants: chair, members, secretaries, guests.")
    async def participants(self, info: strawberry.Info) -> list[Participant]:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        return [Participant.from_model(p) for p in rows or []]

    @strawberry.field(description="The chair.")
    async def chair(self, info: strawberry.Info) -> User | None:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        chair = next((p for p in rows or [] if p.role == ParticipantRole.CHAIR), None)
        return await load_user(info, chair.user_id) if chair else None

    @strawberry.field(description="Your participation, if you take part.")
    async def viewer_participant(self, info: strawberry.Info) -> Participant | None:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        me = info.context.principal.user_id
        mine = next((p for p in rows or [] if p.user_id == me), None)
        return Participant.from_model(mine) if mine else None

    @strawberry.field(
        description="Whether you run this meeting: the secretariat, partner systems with "
        "meetings:write, its chair and secretaries (meetings/access.py can_manage_meeting)."
    )
    async def viewer_can_manage(self, info: strawberry.Info) -> bool:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        return access.can_manage_meeting(info.context.principal, rows or ())

    @strawberry.field(
        description="Where you may move this meeting now (setMeetingStatus): the lifecycle's "
        "next statuses when you run it, else none."
    )
    async def viewer_next_statuses(self, info: strawberry.Info) -> list[MeetingStatus]:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        return access.next_statuses_for(info.context.principal, self.status, rows or ())

    @strawberry.field(
        description="Whether you may let people in (participants, units, parts) or raise "
        "its level: you run it and are cleared for its level."
    )
    async def viewer_can_grant_access(self, info: strawberry.Info) -> bool:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        return access.can_let_people_in(
            info.context.principal, int(self.confidentiality), rows or ()
        )

    @strawberry.field(
        description="Whether you may lower its level: you run it, are of the secretariat "
        "and are cleared for its level (audited as meeting.declassify)."
    )
    async def viewer_can_declassify(self, info: strawberry.Info) -> bool:
        rows = await info.context.loader(ParticipantsByMeetingLoader).load(self.key)
        return access.can_declassify(info.context.principal, int(self.confidentiality), rows or ())

    @strawberry.field(description="Units invited as a whole.")
    async def invited_units(self, info: strawberry.Info) -> list[OrgUnit]:
        keys = await info.context.loader(InvitedUnitsByMeetingLoader).load(self.key) or []
        return await load_units(info, keys)

    @strawberry.field(description="The agenda, in order.")
    async def agenda(self, info: strawberry.Info) -> list[AgendaItem]:
        rows = await info.context.loader(AgendaByMeetingLoader).load(self.key)
        managers = await meeting_managers(info.context, self.key)
        return [AgendaItem.from_model(i, managers) for i in rows or []]

    @strawberry.field(description="The item under discussion, if any.")
    async def current_agenda_item(self, info: strawberry.Info) -> AgendaItem | None:
        rows = await info.context.loader(AgendaByMeetingLoader).load(self.key)
        current = next((i for i in rows or [] if i.status == AgendaItemStatus.CURRENT), None)
        if current is None:
            return None
        return await agenda_item_view(info.context, current)

    @strawberry.field(description="Votes of this meeting, oldest first.")
    async def votes(self, info: strawberry.Info) -> list[Vote]:
        ids = await info.context.loader(VoteIdsByMeetingLoader).load(self.key) or []
        snaps = await info.context.loader(VoteSnapshotByIdLoader).load_many(ids)
        return [Vote.from_snapshot(s) for s in snaps if s]

    @strawberry.field(description="The conclusion notice, once drafted.")
    async def conclusion(self, info: strawberry.Info) -> Conclusion | None:
        found = await info.context.loader(ConclusionByMeetingLoader).load(self.key)
        if not found:
            return None
        c, directives = found
        return Conclusion(
            number=c.number,
            issued_on=c.issued_on,
            text=c.text,
            issued=c.issued,
            directives=[
                Directive(
                    lead_unit_key=d.lead_unit_id,
                    coordinating_keys=[uuid.UUID(u) for u in d.coordinating_unit_ids],
                    task_key=d.task_id,
                    title=d.title,
                    due_date=d.due_date,
                )
                for d in directives
            ],
        )

    @classmethod
    def from_model(cls, m: models.Meeting) -> Meeting:
        return cls(
            id=gid("Meeting", m.id),
            key=m.id,
            title=m.title,
            kind=MeetingKind(m.kind),
            status=MeetingStatus(m.status),
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            location=m.location,
            confidentiality=ClearanceLevel(m.confidentiality),
            version=m.version,
        )


@strawberry.type(description="Something that happened in a meeting (live).")
class MeetingEvent:
    type: str = strawberry.field(
        description="e.g. ATTENDANCE_CHANGED, PARTICIPANT_ROLE_CHANGED, ITEM_STARTED, "
        "SPEAKER_REQUESTED, VOTE_OPENED, VOTE_CLOSED, STATUS_CHANGED."
    )
    at: datetime = strawberry.field(description="When.")
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    version: int = strawberry.field(description="The meeting's version after the change.")
    agenda_item_id: strawberry.ID | None = strawberry.field(description="Item concerned.")
    user_id: strawberry.ID | None = strawberry.field(description="Person concerned.")
    vote_id: strawberry.ID | None = strawberry.field(description="Vote concerned.")
    speaker_request_id: strawberry.ID | None = strawberry.field(description="Speaker request.")
    attendance: Attendance | None = strawberry.field(description="New attendance.")
    status: MeetingStatus | None = strawberry.field(description="New meeting status.")
    outcome: VoteOutcome | None = strawberry.field(description="Outcome of a closed vote.")

    @classmethod
    def from_message(cls, m: dict[str, Any]) -> MeetingEvent:
        def g(type_name: str, key: str) -> strawberry.ID | None:
            return gid(type_name, m[key]) if m.get(key) else None

        return cls(
            type=m["type"],
            at=datetime.fromisoformat(m["at"]),
            meeting_id=gid("Meeting", m["meetingId"]),
            version=m.get("version", 0),
            agenda_item_id=g("AgendaItem", "agendaItemId"),
            user_id=g("User", "userId"),
            vote_id=g("Vote", "voteId"),
            speaker_request_id=g("SpeakerRequest", "speakerRequestId"),
            attendance=Attendance(m["attendance"]) if m.get("attendance") else None,
            status=MeetingStatus(m["status"]) if m.get("status") else None,
            outcome=VoteOutcome(m["outcome"]) if m.get("outcome") else None,
        )


# ---- inputs and payloads ---------------------------------------------------------------


@strawberry.input(description="A participant of a new meeting.")
class ParticipantInput:
    user_id: strawberry.ID = strawberry.field(description="The user.")
    role: ParticipantRole = strawberry.field(description="Their part.")


@strawberry.input(description="A new meeting.")
class CreateMeetingInput:
    title: str = strawberry.field(description="Title.")
    starts_at: datetime = strawberry.field(description="Start (with offset).")
    ends_at: datetime | None = strawberry.field(default=None, description="Planned end.")
    location: str | None = strawberry.field(default=None, description="Room.")
    kind: MeetingKind = strawberry.field(default=MeetingKind.REGULAR, description="Kind.")
    confidentiality: Clearance = strawberry.field(
        default=ClearanceLevel.INTERNAL, description="Level (≤ your clearance)."
    )
    participants: list[ParticipantInput] = strawberry.field(
        default_factory=list, description="Participants with roles."
    )
    invited_unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Units invited as a whole."
    )


@strawberry.input(description="Changes to a meeting; omitted fields stay.")
class UpdateMeetingInput:
    id: strawberry.ID = strawberry.field(description="The meeting.")
    title: str | None = strawberry.field(default=None, description="Title.")
    starts_at: datetime | None = strawberry.field(default=None, description="Start.")
    ends_at: datetime | None = strawberry.field(default=None, description="End.")
    location: str | None = strawberry.field(default=None, description="Room.")
    kind: MeetingKind | None = strawberry.field(default=None, description="Kind.")
    confidentiality: Clearance | None = strawberry.field(default=None, description="Level.")
    invited_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Units invited as a whole (replaces the list)."
    )


@strawberry.input(description="A meeting's new status.")
class SetMeetingStatusInput:
    id: strawberry.ID = strawberry.field(description="The meeting.")
    status: MeetingStatus = strawberry.field(description="Target status.")


@strawberry.input(description="Add someone to a meeting.")
class AddParticipantInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    user_id: strawberry.ID = strawberry.field(description="The user.")
    role: ParticipantRole = strawberry.field(description="Their part.")


@strawberry.input(description="Change a participant's part, keeping their attendance.")
class ChangeParticipantRoleInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    user_id: strawberry.ID = strawberry.field(description="The participant.")
    role: ParticipantRole = strawberry.field(description="Their new part.")


@strawberry.input(description="Remove someone from a meeting.")
class RemoveParticipantInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    user_id: strawberry.ID = strawberry.field(description="The user.")


@strawberry.input(description="Record a participant's attendance (secretariat).")
class SetAttendanceInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    user_id: strawberry.ID = strawberry.field(description="The participant.")
    attendance: Attendance = strawberry.field(description="Their attendance.")


@strawberry.input(description="Your answer to an invitation.")
class RespondToInvitationInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    attendance: Attendance = strawberry.field(description="CONFIRMED or DECLINED.")


@strawberry.input(description="A new agenda item (added at the end).")
class AddAgendaItemInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    title: str = strawberry.field(description="Title.")
    description: str | None = strawberry.field(default=None, description="Details.")
    presenter_id: strawberry.ID | None = strawberry.field(default=None, description="Presenter.")
    presenter_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Presenting unit."
    )
    planned_minutes: int | None = strawberry.field(default=None, description="Duration.")


@strawberry.input(description="Changes to an agenda item.")
class UpdateAgendaItemInput:
    id: strawberry.ID = strawberry.field(description="The item.")
    title: str | None = strawberry.field(default=None, description="Title.")
    description: str | None = strawberry.field(default=None, description="Details.")
    presenter_id: strawberry.ID | None = strawberry.field(default=None, description="Presenter.")
    presenter_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Presenting unit."
    )
    planned_minutes: int | None = strawberry.field(default=None, description="Duration.")


@strawberry.input(description="Move an agenda item.")
class MoveAgendaItemInput:
    id: strawberry.ID = strawberry.field(description="The item.")
    position: int = strawberry.field(description="New 1-based position.")


@strawberry.input(description="Your position on an agenda item before the session.")
class SetItemPositionInput:
    agenda_item_id: strawberry.ID = strawberry.field(description="The item.")
    position: ItemPositionKind = strawberry.field(description="No objection, or wish to speak.")


@strawberry.input(description="Adopt unopposed items together.")
class AdoptEnBlocInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    agenda_item_ids: list[strawberry.ID] = strawberry.field(description="Items to adopt.")


@strawberry.input(description="An agenda document to upload (GraphQL multipart request).")
class AttachDocumentInput:
    agenda_item_id: strawberry.ID = strawberry.field(description="The item.")
    file: strawberry.file_uploads.Upload = strawberry.field(description="The file.")
    confidentiality: Clearance = strawberry.field(
        default=ClearanceLevel.INTERNAL, description="Who may open it."
    )


@strawberry.input(description="A new vote.")
class CreateVoteInput:
    title: str = strawberry.field(description="What is voted on.")
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="The meeting; none for a written ballot."
    )
    agenda_item_id: strawberry.ID | None = strawberry.field(default=None, description="Item.")
    kind: VoteKind = strawberry.field(default=VoteKind.OPEN, description="OPEN or SECRET.")
    majority: MajorityRule = strawberry.field(
        default=MajorityRule.ABSOLUTE, description="Majority rule."
    )
    options: list[str] | None = strawberry.field(
        default=None, description="Default: Tán thành / Không tán thành / Không ý kiến."
    )
    live_results: bool = strawberry.field(default=False, description="Show counts while open.")
    deadline: datetime | None = strawberry.field(
        default=None, description="Written ballot: closes itself then."
    )
    voter_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Written ballot: who votes."
    )
    confidentiality: Clearance | None = strawberry.field(
        default=None, description="Written ballot: level (meeting votes take the meeting's)."
    )


@strawberry.input(description="A ballot.")
class CastBallotInput:
    vote_id: strawberry.ID = strawberry.field(description="The vote.")
    option_id: strawberry.ID = strawberry.field(description="Your choice.")


@strawberry.input(description="A directive of a conclusion notice.")
class DirectiveInput:
    title: str = strawberry.field(description="What is to be done.")
    lead_unit_id: strawberry.ID = strawberry.field(description="Unit in charge.")
    coordinating_unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Coordinating units."
    )
    due_date: date | None = strawberry.field(default=None, description="Deadline.")


@strawberry.input(description="The conclusion notice (draft; replaces the previous draft).")
class SaveConclusionInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    number: str | None = strawberry.field(default=None, description="Số hiệu.")
    issued_on: date | None = strawberry.field(default=None, description="Date.")
    text: str = strawberry.field(default="", description="Text.")
    directives: list[DirectiveInput] = strawberry.field(
        default_factory=list, description="Assignments."
    )


@strawberry.type(description="Result of a change to a meeting.")
class MeetingPayload:
    meeting: Meeting | None = strawberry.field(description="The meeting; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of a change to an agenda item.")
class AgendaItemPayload:
    agenda_item: AgendaItem | None = strawberry.field(description="The item; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of a change to the speakers' list.")
class SpeakerRequestPayload:
    speaker_request: SpeakerRequest | None = strawberry.field(description="The request.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of a change to a vote.")
class VotePayload:
    vote: Vote | None = strawberry.field(description="The vote; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of casting a ballot.")
class CastBallotPayload:
    vote: Vote | None = strawberry.field(description="The vote after your ballot.")
    errors: list[UserError] = strawberry.field(
        description="ALREADY_VOTED, NOT_ELIGIBLE, VOTE_NOT_OPEN, INVALID_OPTION…"
    )


@strawberry.type(description="Result of a change to the conclusion notice.")
class ConclusionPayload:
    meeting: Meeting | None = strawberry.field(description="The meeting with its conclusion.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of an upload.")
class FilePayload:
    file: File | None = strawberry.field(description="The stored file.")
    errors: list[UserError] = strawberry.field(description="Why nothing was stored.")


async def meeting_managers(ctx: Any, meeting_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The meeting's chair and secretaries: the policy shows them what only the
    secretariat sees (e.g. the members' positions on an item)."""
    parts = await ctx.loader(ParticipantsByMeetingLoader).load(meeting_id)
    return frozenset(p.user_id for p in parts or [] if p.role in MANAGING_ROLES)


async def agenda_item_view(ctx: Any, row: agenda_models.AgendaItem) -> AgendaItem:
    """An agenda item as the API shows it, wherever it is reached from."""
    return AgendaItem.from_model(row, await meeting_managers(ctx, row.meeting_id))
