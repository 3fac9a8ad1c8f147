"""GraphQL types of meetings and their participants (written by hand); the agenda's,
the conclusion's and the votes' are in their sub-packages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.meetings import access, models
from ecabinet.meetings.agenda.loaders import AgendaByMeetingLoader
from ecabinet.meetings.agenda.types import AgendaItem, agenda_item_view, meeting_managers
from ecabinet.meetings.conclusions.loaders import ConclusionByMeetingLoader
from ecabinet.meetings.conclusions.types import Conclusion, load_units
from ecabinet.meetings.enums import (
    AgendaItemStatus,
    Attendance,
    MeetingKind,
    MeetingsErrorCode,
    MeetingStatus,
    ParticipantRole,
    VoteOutcome,
)
from ecabinet.meetings.loaders import (
    InvitedUnitsByMeetingLoader,
    ParticipantsByMeetingLoader,
)
from ecabinet.meetings.votes.loaders import VoteIdsByMeetingLoader, VoteSnapshotByIdLoader
from ecabinet.meetings.votes.types import Vote
from ecabinet.org.types import Clearance, OrgUnit, User, load_user

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
strawberry.enum(
    MeetingsErrorCode,
    description="The codes of meetings and votes: in `UserError.code` (a String, for "
    "compatibility) for business rules, in a FORBIDDEN error's `extensions.reason` for "
    "refusals to act (NOT_SECRETARIAT, NOT_PARTICIPANT, NOT_A_MEMBER).",
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


@strawberry.type(description="A Cabinet, thematic, steering-committee or extraordinary meeting.")
class Meeting(Node):
    key: strawberry.Private[uuid.UUID]
    title: str = strawberry.field(
        description="What the meeting is about, as invitations and the agenda show it."
    )
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

    @strawberry.field(description="The person who chairs it; null while nobody is named chair.")
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
        return Conclusion.from_model(c, directives)

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
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting it happened in."
    )
    version: int = strawberry.field(description="The meeting's version after the change.")
    agenda_item_id: strawberry.ID | None = strawberry.field(description="Item concerned.")
    user_id: strawberry.ID | None = strawberry.field(description="Person concerned.")
    vote_id: strawberry.ID | None = strawberry.field(description="Vote concerned.")
    speaker_request_id: strawberry.ID | None = strawberry.field(
        description="Global ID of the request to speak it is about, if any."
    )
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
    user_id: strawberry.ID = strawberry.field(description="Global ID of the person invited.")
    role: ParticipantRole = strawberry.field(description="Their part.")


@strawberry.input(description="A new meeting.")
class CreateMeetingInput:
    title: str = strawberry.field(description="What the meeting is about.")
    starts_at: datetime = strawberry.field(description="Start (with offset).")
    ends_at: datetime | None = strawberry.field(default=None, description="Planned end.")
    location: str | None = strawberry.field(default=None, description="Room.")
    kind: MeetingKind = strawberry.field(
        default=MeetingKind.REGULAR,
        description="Regular, thematic, steering committee or extraordinary (default REGULAR).",
    )
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
    title: str | None = strawberry.field(default=None, description="What the meeting is about.")
    starts_at: datetime | None = strawberry.field(default=None, description="Start.")
    ends_at: datetime | None = strawberry.field(default=None, description="End.")
    location: str | None = strawberry.field(default=None, description="Room.")
    kind: MeetingKind | None = strawberry.field(
        default=None, description="Regular, thematic, steering committee or extraordinary."
    )
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
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting to add them to."
    )
    user_id: strawberry.ID = strawberry.field(description="Global ID of the person to add.")
    role: ParticipantRole = strawberry.field(description="Their part.")


@strawberry.input(description="Change a participant's part, keeping their attendance.")
class ChangeParticipantRoleInput:
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting they take part in."
    )
    user_id: strawberry.ID = strawberry.field(description="The participant.")
    role: ParticipantRole = strawberry.field(description="Their new part.")


@strawberry.input(description="Remove someone from a meeting.")
class RemoveParticipantInput:
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting to remove them from."
    )
    user_id: strawberry.ID = strawberry.field(description="Global ID of the person to remove.")


@strawberry.input(description="Record a participant's attendance (secretariat).")
class SetAttendanceInput:
    meeting_id: strawberry.ID = strawberry.field(description="Global ID of the meeting attended.")
    user_id: strawberry.ID = strawberry.field(description="The participant.")
    attendance: Attendance = strawberry.field(description="Their attendance.")


@strawberry.input(description="Your answer to an invitation.")
class RespondToInvitationInput:
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting you are invited to."
    )
    attendance: Attendance = strawberry.field(description="CONFIRMED or DECLINED.")


@strawberry.type(description="Result of a change to a meeting.")
class MeetingPayload:
    meeting: Meeting | None = strawberry.field(description="The meeting; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")
