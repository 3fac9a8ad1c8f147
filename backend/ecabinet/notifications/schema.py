"""Query, Mutation and Subscription fields of notifications (always the viewer's own)."""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.notifications import service
from ecabinet.notifications.types import (
    MarkNotificationsReadInput,
    MarkNotificationsReadPayload,
    Notification,
)
from ecabinet.platform.broker import is_resync
from ecabinet.platform.clock import utcnow
from ecabinet.platform.ids import decode_uuid
from ecabinet.platform.pagination import PageRequest


@strawberry.type
class Query:
    @strawberry.field(description="Your notifications, newest first.")
    async def notifications(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification] | None:
        page = await service.list_notifications(
            db=info.context.db,
            principal=info.context.principal,
            unread_only=unread_only,
            page=PageRequest(first=first, after=after),
        )
        return connection(page, Notification.from_model)

    @strawberry.field(description="How many of your notifications are unread.")
    async def unread_notification_count(self, info: strawberry.Info) -> int:
        async with info.context.db.session() as s:
            return await service.unread_count(session=s, principal=info.context.principal)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Mark your notifications read.")
    async def mark_notifications_read(
        self, info: strawberry.Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        p = info.context.principal

        async def run(s: AsyncSession) -> Any:
            ids = (
                [decode_uuid(i, "Notification") for i in input.ids]
                if input.ids is not None
                else None
            )
            count = await service.mark_read(session=s, principal=p, ids=ids)
            return count, await service.unread_count(session=s, principal=p)

        result, errors = await run_mutation(info, run)
        count, unread = result or (0, 0)
        return MarkNotificationsReadPayload(count=count, unread=unread, errors=errors)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Your new notifications, as they are created (those the live channel "
        "lost are read again from the database)."
    )
    async def notification_added(self, info: strawberry.Info) -> AsyncGenerator[Notification, None]:
        p = info.context.principal
        if p.user_id is None:
            return
        since, seen = utcnow(), deque[str](maxlen=500)
        async with info.context.broker.subscribe(service.user_channel(p.user_id)) as sub:
            async for msg in sub:
                if is_resync(msg):  # the broker lost messages: read what was created since
                    async with info.context.db.session() as s:
                        rows = await service.created_since(session=s, principal=p, since=since)
                    news = [Notification.from_model(m) for m in rows if str(m.id) not in seen]
                elif msg.get("userId") == str(p.user_id) and msg["id"] not in seen:
                    news = [Notification.from_snapshot(msg)]
                else:
                    continue
                for n in news:
                    seen.append(str(decode_uuid(n.id, "Notification")))
                    since = max(since, n.created_at)
                    yield n
