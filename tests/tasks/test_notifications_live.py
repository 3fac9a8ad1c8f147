"""The live notification channel: what the broker loses is read again from the database."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from sqlalchemy import select

from ecabinet.authz.principal import SCOPES, Principal
from ecabinet.notifications import service
from ecabinet.notifications.schema import Subscription
from ecabinet.org.models import User
from ecabinet.platform.broker import InProcessBroker


async def test_notifications_lost_by_the_broker_arrive_after_a_resync(db):
    async with db.session() as s:
        uid = await s.scalar(select(User.id).where(User.username == "assets"))
    principal = Principal(kind="user", user_id=uid, username="assets", scopes=frozenset(SCOPES))
    broker = InProcessBroker()
    info = SimpleNamespace(context=SimpleNamespace(principal=principal, broker=broker, db=db))
    live = Subscription().notification_added(info)  # type: ignore[arg-type]
    first = asyncio.ensure_future(live.__anext__())
    for _ in range(500):  # until the generator has subscribed
        if broker.subscriber_count():
            break
        await asyncio.sleep(0.01)
    async with db.unit_of_work() as s:  # stored, but its message never reaches the broker
        missed = await service.notify(
            s, user_id=uid, kind="TASK_ASSIGNED", params={"code": "NV-X", "title": "Mất tin"}
        )
    broker._resync_all()  # what the Redis reader does after a reconnect
    got = await asyncio.wait_for(first, 5)
    assert got.kind == "TASK_ASSIGNED" and got.stored_title == missed.title
    await live.aclose()
