"""Query, Mutation and Subscription fields of votes. Thin: decode IDs, call one service
function, map to types; the snapshot is the one representation (`snapshot.VoteSnapshot`)."""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.meetings.enums import VoteState
from ecabinet.meetings.events import vote_channel
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
Action = Callable[[AsyncSession], Awaitable[Any]]


async def vote_node(ctx: Any, key: uuid.UUID) -> Vote | None:
    snap = await ctx.loader(VoteSnapshotByIdLoader).load(key)
    return Vote.from_snapshot(snap) if snap else None


@strawberry.input(description="Which votes to list.")
class VoteFilter:
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the votes of this meeting."
    )
    state: VoteState | None = strawberry.field(
        default=None, description="Only votes in this state."
    )
    written_only: bool = strawberry.field(default=False, description="Only written ballots.")


async def _vote(info: strawberry.Info, action: Action, cls: type = VotePayload) -> Any:
    p = info.context.principal

    async def run(s: AsyncSession) -> Any:
        vote = await action(s)
        return (await votes.snapshots(s, p, [vote.id])).get(vote.id)

    snap, errors = await run_mutation(info, run)
    return cls(vote=Vote.from_snapshot(snap) if snap else None, errors=errors)


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
class Query:
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


@strawberry.type
class Mutation:
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
