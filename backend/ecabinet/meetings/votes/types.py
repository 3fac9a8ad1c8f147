"""GraphQL types of votes. A Vote is built from its snapshot (`votes.snapshot.VoteSnapshot`),
the same one that subscriptions receive."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from ecabinet.files.types import download_link
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid, resolve_node
from ecabinet.meetings.agenda.loaders import AgendaItemByIdLoader
from ecabinet.meetings.agenda.types import AgendaItem, agenda_item_view
from ecabinet.meetings.enums import MajorityRule, VoteKind, VoteOutcome, VoteState
from ecabinet.meetings.votes import access, tally
from ecabinet.meetings.votes.loaders import NamedBallotsByVoteLoader
from ecabinet.meetings.votes.snapshot import VoteSnapshot
from ecabinet.org.types import Clearance, User, load_user

if TYPE_CHECKING:  # a vote's meeting is resolved through the node registry (no cycle)
    from ecabinet.meetings.types import Meeting

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


@strawberry.enum(description="Formats of a vote's results export.")
class ExportFormat(Enum):
    CSV = "CSV"
    HTML = "HTML"


@strawberry.type(description="A choice of a vote.")
class VoteOption(Node):
    label: str = strawberry.field(description="e.g. Tán thành.")


@strawberry.type(description="Ballots for one option.")
class OptionResult:
    option: VoteOption = strawberry.field(description="The option these counts are for.")
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
    quorum_needed: int = strawberry.field(
        description="Ballots that make the quorum: two thirds of the eligible voters, rounded "
        "up (votes/tally.py quorum_needed), so clients need not work it out."
    )
    adoption_needed: int | None = strawberry.field(
        description="Ballots for the first option that adopt the proposal whatever the others "
        "do: more than half of all eligible voters (ABSOLUTE) or two thirds of them (TWO_THIRDS); "
        "null for SIMPLE, which compares the ballots for and against (votes/tally.py "
        "adoption_needed)."
    )


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
            quorum_needed=tally.quorum_needed(s.eligible),
            adoption_needed=tally.adoption_needed(majority=self.majority, eligible=s.eligible),
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
    async def meeting(
        self, info: strawberry.Info
    ) -> Annotated[Meeting, strawberry.lazy("ecabinet.meetings.types")] | None:
        key = self.snap.meeting_id
        found = await resolve_node(info.context, gid("Meeting", key)) if key else None
        return found  # type: ignore[no-any-return]

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
    vote_id: strawberry.ID = strawberry.field(
        description="Global ID of the open vote the ballot is for."
    )
    option_id: strawberry.ID = strawberry.field(description="Your choice.")


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
