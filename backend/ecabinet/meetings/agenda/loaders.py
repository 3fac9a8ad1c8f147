"""DataLoaders of the agenda: one batch query per relation per tick."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.meetings.agenda import service as agenda


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
