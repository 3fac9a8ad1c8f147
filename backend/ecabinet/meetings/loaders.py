"""DataLoaders of meetings and votes: one batch query per relation per tick."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.meetings import service
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.conclusions import service as conclusions
from ecabinet.meetings.votes import service as votes


class MeetingByIdLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.meetings_by_ids(
            session=session, principal=self.ctx.principal, ids=keys
        )


class ParticipantsByMeetingLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.participants_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )


class InvitedUnitsByMeetingLoader(Loader[uuid.UUID, list[uuid.UUID]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.invited_units_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )


class AgendaByMeetingLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await agenda.agenda_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )


class AgendaItemByIdLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await agenda.agenda_items_by_ids(
            session=session, principal=self.ctx.principal, ids=keys
        )


class SpeakersByItemLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await agenda.speakers_by_item(
            session=session, principal=self.ctx.principal, item_ids=keys
        )


class PositionsByItemLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await agenda.positions_by_item(
            session=session, principal=self.ctx.principal, item_ids=keys
        )


class DocumentsByItemLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await agenda.documents_by_item(
            session=session, principal=self.ctx.principal, item_ids=keys
        )


class ConclusionByMeetingLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await conclusions.conclusions_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )


class VoteSnapshotByIdLoader(Loader[uuid.UUID, dict[str, Any]]):
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
