"""DataLoaders of conclusions: one batch query per relation per tick."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.meetings.conclusions import service as conclusions


class ConclusionByMeetingLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await conclusions.conclusions_by_meeting(
            session=session, principal=self.ctx.principal, meeting_ids=keys
        )
