"""Issue 8 Low 11: nobody can lock another person out. Failed sign-ins slow down the
(username, address) pair they come from with growing delays; the chair, attacked from
elsewhere, still signs in."""

from __future__ import annotations

import math
import secrets

import httpx

from ecabinet.auth.throttle import LoginThrottle
from ecabinet.platform.ratelimit import RateLimiter
from tests.auth.test_pkce_flow import auth_params, hidden_fields, pkce_pair
from tests.conftest import PASSWORD


class ClockedLimiter(RateLimiter):
    """The in-memory fixed-window limiter on a clock the test drives."""

    def __init__(self) -> None:
        self.now = 0.0
        self.counts: dict[str, tuple[int, float]] = {}

    def _live(self, key: str) -> tuple[int, float] | None:
        entry = self.counts.get(key)
        return entry if entry and entry[1] > self.now else None

    async def incr(self, key: str, window: int) -> int:
        count, ends = self._live(key) or (0, self.now + window)
        self.counts[key] = (count + 1, ends)
        return count + 1

    async def count(self, key: str) -> int:
        return (self._live(key) or (0, 0.0))[0]

    async def retry_after(self, key: str) -> int:
        entry = self._live(key)
        return max(1, math.ceil(entry[1] - self.now)) if entry else 0

    async def reset(self, key: str) -> None:
        self.counts.pop(key, None)


async def test_delays_grow_per_username_and_address_and_never_lock_other_addresses():
    limiter = ClockedLimiter()
    throttle = LoginThrottle(limiter, free=5, max_delay=300)
    waits, tries = [], 0
    while tries < 15:  # the attacker tries again as soon as allowed
        wait = await throttle.attempt("chair", "203.0.113.9")
        if wait:
            waits.append(wait)
            limiter.now += wait
            continue
        tries += 1
        await throttle.failed("203.0.113.9")
    # five free tries, then one try per waiting period, each period twice the last
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300], waits
    # the chair, from their own address, is not held back at all
    assert await throttle.attempt("chair", "198.51.100.7") == 0
    await throttle.succeeded("chair", "198.51.100.7")


async def test_a_right_password_forgives_the_pair_and_the_address_ceiling_stays():
    limiter = ClockedLimiter()
    throttle = LoginThrottle(limiter, free=3, max_delay=60)
    for _ in range(3):
        assert await throttle.attempt("staff", "192.0.2.1") == 0
        await throttle.failed("192.0.2.1")
    assert await throttle.attempt("staff", "192.0.2.1") > 0
    limiter.now += 1
    assert await throttle.attempt("staff", "192.0.2.1") == 0
    await throttle.succeeded("staff", "192.0.2.1")
    assert await throttle.attempt("staff", "192.0.2.1") == 0  # forgiven: no delay left
    # one address guessing many usernames meets the ceiling (free × 4 failures)
    answers = []
    for n in range(13):
        answers.append(await throttle.attempt(f"user{n}", "192.0.2.99"))
        await throttle.failed("192.0.2.99")
    assert answers == [0] * 12 + [60]


async def _post_login(server, username: str, password: str, address: str) -> httpx.Response:
    _, challenge = pkce_pair()
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        page = await http.get("/auth/authorize", params=auth_params(server, challenge))
        form = {**hidden_fields(page.text), "username": username, "password": password}
        return await http.post("/auth/authorize", data=form, headers={"X-Forwarded-For": address})


def _address() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


async def test_the_chair_attacked_from_another_address_still_signs_in(behind_proxy):
    server = behind_proxy
    attacker = _address()
    answers = [await _post_login(server, "chair", "wrong", attacker) for _ in range(8)]
    statuses = [r.status_code for r in answers]
    # five free tries, then the attacker's address waits (1 s, 2 s, … : how many of the
    # next tries land in a wait depends on this machine's speed; the growth is pinned above)
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:], statuses
    assert all(int(r.headers["retry-after"]) >= 1 for r in answers if r.status_code == 429)
    chair = await _post_login(server, "chair", PASSWORD, _address())
    assert chair.status_code == 302 and "code=" in chair.headers["location"]
