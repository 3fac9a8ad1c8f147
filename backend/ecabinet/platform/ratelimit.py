"""Fixed-window counters for rate limits: in memory, or in Redis when configured
(so that every process behind the load balancer shares them). While Redis does not answer,
each process counts in memory (limits hold per process) instead of failing the request:
Redis carries limits and live events, the database is the truth."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

log = logging.getLogger("ecabinet.ratelimit")
T = TypeVar("T")
REDIS_RETRY_AFTER = 5.0  # seconds in memory after a Redis failure before trying it again


class RateLimiter:
    async def incr(self, key: str, window: int) -> int:
        """Count one more event in `key`'s current window; returns the count."""
        raise NotImplementedError

    async def add(self, key: str, amount: int, window: int) -> tuple[int, int]:
        """Add `amount` (may be negative) to `key`'s current window; returns the new total
        and the seconds left in the window (cost budgets)."""
        raise NotImplementedError

    async def count(self, key: str) -> int:
        raise NotImplementedError

    async def retry_after(self, key: str) -> int:
        raise NotImplementedError

    async def reset(self, key: str) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        return None


class MemoryRateLimiter(RateLimiter):
    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, float]] = {}

    def _live(self, key: str) -> tuple[int, float] | None:
        entry = self._counts.get(key)
        if entry and entry[1] <= time.monotonic():
            del self._counts[key]
            return None
        return entry

    async def incr(self, key: str, window: int) -> int:
        entry = self._live(key)
        if entry is None:
            if len(self._counts) > 100_000:  # bound memory under a flood of distinct keys
                now = time.monotonic()
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            entry = (0, time.monotonic() + window)
        entry = (entry[0] + 1, entry[1])
        self._counts[key] = entry
        return entry[0]

    async def add(self, key: str, amount: int, window: int) -> tuple[int, int]:
        await self.incr(key, window)
        count, ends = self._counts[key]
        self._counts[key] = (count - 1 + amount, ends)
        return count - 1 + amount, max(1, math.ceil(ends - time.monotonic()))

    async def count(self, key: str) -> int:
        entry = self._live(key)
        return entry[0] if entry else 0

    async def retry_after(self, key: str) -> int:
        entry = self._live(key)
        return max(1, math.ceil(entry[1] - time.monotonic())) if entry else 0

    async def reset(self, key: str) -> None:
        self._counts.pop(key, None)


class RedisRateLimiter(RateLimiter):
    def __init__(self, url: str, prefix: str) -> None:
        import redis.asyncio as aioredis

        self._redis: Any = aioredis.from_url(url, socket_connect_timeout=2)
        self.prefix = prefix
        self._errors = (aioredis.RedisError, OSError)
        self._local = MemoryRateLimiter()  # while Redis is down
        self._down_until = 0.0

    def _k(self, key: str) -> str:
        return f"{self.prefix}:rl:{key}"

    async def _either(
        self, remote: Callable[[], Awaitable[T]], local: Callable[[], Awaitable[T]]
    ) -> T:
        if time.monotonic() >= self._down_until:
            try:
                return await remote()
            except self._errors as exc:
                log.warning("Redis unavailable, rate limits counted per process: %s", exc)
                self._down_until = time.monotonic() + REDIS_RETRY_AFTER
        return await local()

    async def incr(self, key: str, window: int) -> int:
        async def remote() -> int:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(self._k(key))
                pipe.expire(self._k(key), window, nx=True)
                count, _ = await pipe.execute()
            return int(count)

        return await self._either(remote, lambda: self._local.incr(key, window))

    async def add(self, key: str, amount: int, window: int) -> tuple[int, int]:
        async def remote() -> tuple[int, int]:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incrby(self._k(key), amount)
                pipe.expire(self._k(key), window, nx=True)
                pipe.ttl(self._k(key))
                count, _, ttl = await pipe.execute()
            return int(count), max(1, int(ttl)) if ttl and ttl > 0 else window

        return await self._either(remote, lambda: self._local.add(key, amount, window))

    async def count(self, key: str) -> int:
        async def remote() -> int:
            return int(await self._redis.get(self._k(key)) or 0)

        return await self._either(remote, lambda: self._local.count(key))

    async def retry_after(self, key: str) -> int:
        async def remote() -> int:
            ttl = await self._redis.ttl(self._k(key))
            return max(1, int(ttl)) if ttl and ttl > 0 else 0

        return await self._either(remote, lambda: self._local.retry_after(key))

    async def reset(self, key: str) -> None:
        async def remote() -> None:
            await self._redis.delete(self._k(key))

        await self._local.reset(key)
        await self._either(remote, lambda: self._local.reset(key))

    async def close(self) -> None:
        await self._redis.aclose()


def create_rate_limiter(redis_url: str | None, prefix: str) -> RateLimiter:
    return RedisRateLimiter(redis_url, prefix) if redis_url else MemoryRateLimiter()
