"""DataLoaders of task tracking: one batch query per relation per tick."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.loaders import Loader
from ecabinet.tasks import service


class TaskByIdLoader(Loader[uuid.UUID, Any]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.tasks_by_ids(session=session, principal=self.ctx.principal, ids=keys)


class CoordinatorsByTaskLoader(Loader[uuid.UUID, list[uuid.UUID]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.coordinators_by_task(
            session=session, principal=self.ctx.principal, task_ids=keys
        )


class ReportsByTaskLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.reports_by_task(
            session=session, principal=self.ctx.principal, task_ids=keys
        )


class CommentsByTaskLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.comments_by_task(
            session=session, principal=self.ctx.principal, task_ids=keys
        )


class ExtensionsByTaskLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.extensions_by_task(
            session=session, principal=self.ctx.principal, task_ids=keys
        )


class HistoryByTaskLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.history_by_task(
            session=session, principal=self.ctx.principal, task_ids=keys
        )


class AttachmentsByReportLoader(Loader[uuid.UUID, list[Any]]):
    async def fetch(self, session: AsyncSession, keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return await service.attachments_by_report(
            session=session, principal=self.ctx.principal, report_ids=keys
        )
