"""DataLoaders of the org domain (row filters apply through the service functions)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.org import service
from ecabinet.org.models import OrgUnit, User


class UserByIdLoader(Loader[uuid.UUID, User]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.users_by_ids(session=session, principal=self.ctx.principal, ids=keys)


class OrgUnitByIdLoader(Loader[uuid.UUID, OrgUnit]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.units_by_ids(session=session, principal=self.ctx.principal, ids=keys)
