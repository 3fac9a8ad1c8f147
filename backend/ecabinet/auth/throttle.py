"""Sign-in throttling: growing delays per (username, address), a ceiling per address.

Nobody can lock another person out: failures count against the pair of the username and
the address they come from, never against the username alone, so the chair attacked
from elsewhere still signs in from their own machine. Per pair, the first `free` tries
are immediate; from then on one try is allowed per waiting period, which doubles with
every further failure (1 s, 2 s, 4 s … up to `max_delay`). A try is counted before its
password is checked (and forgiven when it is right), so parallel guesses cannot slip
through together. Besides, an address with `free × 4` failures in `max_delay` seconds,
whatever the usernames, waits until that window ends.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ecabinet.platform.ratelimit import RateLimiter

FAILURE_MEMORY = 24 * 3600  # how long failures of a pair are remembered
ADDRESS_FACTOR = 4


def _pair(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.lower()}\x00{address}".encode()).hexdigest()[:32]
    return f"login:pair:{digest}"


@dataclass(frozen=True)
class LoginThrottle:
    limiter: RateLimiter
    free: int = 5
    max_delay: int = 300

    def delay(self, failures: int) -> int:
        """The wait after the `failures`-th try of a pair (0 while tries are free)."""
        if failures < self.free:
            return 0
        return int(min(self.max_delay, 2 ** min(failures - self.free, 30)))

    async def attempt(self, username: str, address: str) -> int:
        """Take one try for (username, address): 0 if it may go ahead (it is counted as
        failed until `succeeded`), else the seconds to wait before the next one."""
        ip_key = f"login:ip:{address}"
        if await self.limiter.count(ip_key) >= self.free * ADDRESS_FACTOR:
            return await self.limiter.retry_after(ip_key)
        pair = _pair(username, address)
        wait_key = f"{pair}:wait"
        if await self.limiter.count(wait_key):
            return await self.limiter.retry_after(wait_key)
        failures = await self.limiter.incr(pair, FAILURE_MEMORY)
        delay = self.delay(failures)
        # beyond the free tries, exactly one try per waiting period: whoever takes the
        # period goes ahead, a parallel try is refused
        if delay and await self.limiter.incr(wait_key, delay) > 1:
            return await self.limiter.retry_after(wait_key)
        return 0

    async def failed(self, address: str) -> None:
        """A try went ahead and the password was wrong: counts against the address."""
        await self.limiter.incr(f"login:ip:{address}", self.max_delay)

    async def succeeded(self, username: str, address: str) -> None:
        pair = _pair(username, address)
        await self.limiter.reset(pair)
        await self.limiter.reset(f"{pair}:wait")
