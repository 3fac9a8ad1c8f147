"""Publish/subscribe for live updates: in-process, or Redis pub/sub across processes.

Design (see README, "Live updates"):
- One broker per process. Subscribers get a bounded queue each; publishing never blocks
  on a slow subscriber: when its queue is full, the queue is emptied and replaced by a
  single RESYNC marker, and the subscriber rebuilds its state from the database.
- Redis: one pub/sub connection per process, pattern-subscribed to `<prefix>:*`, so a new
  local subscriber never waits for a SUBSCRIBE round trip and never misses a message
  published after it registered. The reader reconnects by itself with back-off; after a
  reconnect every local subscriber receives RESYNC, because Redis pub/sub drops what is
  published while a connection is down.
- Publishing is done after the database commit. A publish that fails (Redis down) is
  logged, not raised: the change is committed and subscribers resynchronise on reconnect.
  A publish fails fast while Redis is down (no request waits on it), and is retried once
  on a new connection when a Redis restart closed the pooled one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger("ecabinet.broker")

RESYNC: dict[str, Any] = {"__resync__": True}
QUEUE_SIZE = 256


def is_resync(message: dict[str, Any]) -> bool:
    return message is RESYNC or message.get("__resync__") is True


class Subscription:
    """Messages of one channel for one subscriber, in publication order."""

    def __init__(self, channel: str, maxsize: int = QUEUE_SIZE) -> None:
        self.channel = channel
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize)
        self.overflows = 0

    def deliver(self, message: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflows += 1
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(RESYNC)

    async def get(self) -> dict[str, Any]:
        return await self.queue.get()

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[dict[str, Any]]:
        while True:
            yield await self.queue.get()


class Broker:
    """Base: local fan-out to subscribers; subclasses move messages between processes."""

    name = "base"

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}

    async def start(self) -> None:  # pragma: no cover - trivial
        return None

    async def close(self) -> None:  # pragma: no cover - trivial
        return None

    async def ping(self) -> None:
        return None

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        raise NotImplementedError

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        sub = Subscription(channel)
        self._subscribers.setdefault(channel, set()).add(sub)
        try:
            yield sub
        finally:
            subs = self._subscribers.get(channel)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[channel]

    def subscriber_count(self, channel: str | None = None) -> int:
        if channel is not None:
            return len(self._subscribers.get(channel, ()))
        return sum(len(s) for s in self._subscribers.values())

    def _dispatch(self, channel: str, message: dict[str, Any]) -> None:
        for sub in tuple(self._subscribers.get(channel, ())):
            sub.deliver(message)

    def _resync_all(self) -> None:
        for subs in tuple(self._subscribers.values()):
            for sub in tuple(subs):
                sub.deliver(RESYNC)


class InProcessBroker(Broker):
    """For a single process (the embedded default). Messages are JSON round-tripped so
    that what works here works through Redis too."""

    name = "memory"

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        self._dispatch(channel, json.loads(json.dumps(message, default=str)))


class RedisBroker(Broker):
    name = "redis"

    def __init__(self, url: str, prefix: str = "ecabinet") -> None:
        super().__init__()
        import redis.asyncio as aioredis

        self._aioredis = aioredis
        self.url = url
        self.prefix = prefix
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self._redis = aioredis.from_url(url, socket_connect_timeout=2, health_check_interval=10)
        # publishing fails fast (redis-py's default retries 10 times with back-off): a publish
        # after a commit never keeps a request waiting on a dead Redis; `publish` retries once
        self._publisher = aioredis.from_url(
            url, socket_connect_timeout=2, health_check_interval=10, retry=Retry(NoBackoff(), 0)
        )
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.reconnects = 0

    def _key(self, channel: str) -> str:
        return f"{self.prefix}:ch:{channel}"

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._reader(), name="redis-broker-reader")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        await self._redis.aclose()
        await self._publisher.aclose()

    async def ping(self) -> None:
        await asyncio.wait_for(self._redis.ping(), timeout=2)

    async def wait_connected(self, timeout: float = 10) -> None:
        await asyncio.wait_for(self.connected.wait(), timeout)

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        payload = json.dumps({"c": channel, "m": message}, default=str)
        for attempt in (1, 2):
            try:
                await self._publisher.publish(self._key(channel), payload)
                return
            except Exception as exc:
                if attempt == 2:  # subscribers resync after the reader reconnects
                    log.warning(
                        "broker publish failed", extra={"channel": channel, "error": str(exc)}
                    )
                # else: a pooled connection that a Redis restart closed; retry on a new one

    async def _reader(self) -> None:
        delay = 0.1
        first = True
        pattern = f"{self.prefix}:ch:*"
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(pattern)
                # connected only once Redis confirms the subscription: from then on no
                # message published on our channels can be missed
                while True:
                    confirm = await pubsub.get_message(timeout=5.0)
                    if confirm is None:
                        raise ConnectionError("no psubscribe confirmation")
                    if confirm.get("type") == "psubscribe":
                        break
                self.connected.set()
                if not first:
                    self.reconnects += 1
                    log.info("broker reconnected; subscribers resynchronise")
                    self._resync_all()
                first = False
                delay = 0.1
                while True:
                    msg = await pubsub.get_message(timeout=5.0)
                    if msg is None:
                        await pubsub.ping()
                        continue
                    if msg.get("type") != "pmessage":
                        continue
                    try:
                        body = json.loads(msg["data"])
                        self._dispatch(body["c"], body["m"])
                    except (ValueError, KeyError, TypeError):
                        log.warning("broker dropped a malformed message")
            except asyncio.CancelledError:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                raise
            except Exception as exc:
                self.connected.clear()
                log.warning("broker connection lost: %s; retrying in %.1fs", exc, delay)
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                await asyncio.sleep(delay * (1 + random.random() / 2))  # noqa: S311
                delay = min(delay * 2, 5.0)


def create_broker(redis_url: str | None, prefix: str) -> Broker:
    return RedisBroker(redis_url, prefix) if redis_url else InProcessBroker()
