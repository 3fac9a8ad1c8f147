"""DataLoaders of votes: one batch query per relation per tick."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.meetings.votes import service as votes
from ecabinet.meetings.votes.snapshot import VoteSnapshot


class VoteSnapshotByIdLoader(Loader[uuid.UUID, VoteSnapshot]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await votes.snapshots(session, self.ctx.principal, keys)


class VoteIdsByMeetingLoader(Loader[uuid.UUID, list[uuid.UUID]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await votes.vote_ids_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )


class NamedBallotsByVoteLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await votes.named_ballots_by_vote(
            session=session, principal=self.ctx.principal, vote_ids=keys
        )
