"""DataLoaders of meetings and their participants: one batch query per relation per tick
(the agenda's, the conclusion's and the votes' are in their sub-packages)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.meetings import service


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
