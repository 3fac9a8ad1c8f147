"""Cost budgets: every GraphQL operation — over HTTP or a WebSocket — spends points from
the budget of whoever asks, like GitHub's GraphQL API.

- An operation costs `1 + nodes // 100` points, `nodes` being the estimate of what its
  response can hold (`limits.Estimate`, with the request's own variables): `{ viewer { id } }`
  costs 1, a page of 100 tasks with their units a few dozen.
- The budget is a number of points per minute (a fixed window), one per user and one per
  partner client (all tokens of a client share it); it lives in Redis when `REDIS_URL` is
  set, so every process spends from the same budget, else in the process.
- An operation that would overspend is refused with `RATE_LIMITED` before it runs and
  costs nothing; over HTTP the answer is 429 with `Retry-After`, and a request of an
  exhausted principal is answered before its body is read.
- Every answer carries `extensions.cost {requested, limit, remaining, resetAt}` (and the
  HTTP headers `X-RateLimit-Limit/Remaining/Reset`).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ecabinet.authz.principal import Principal

WINDOW = 60  # seconds


def points(nodes: int) -> int:
    """What an operation whose response may hold `nodes` nodes costs."""
    return 1 + max(0, nodes) // 100


def budget_key(principal: Principal) -> str | None:
    """Whose budget an operation spends: the partner client's (whatever token it uses),
    else the user's; None for nobody (refused earlier anyway)."""
    if principal.is_client and principal.client_id:
        return f"cost:client:{principal.client_id}"
    if principal.user_id is not None:
        return f"cost:user:{principal.user_id}"
    if principal.username:
        return f"cost:user:{principal.username}"
    return None


def budget_of(principal: Principal, settings: Any) -> int:
    limit = settings.client_cost_budget if principal.is_client else settings.cost_budget
    return int(limit)


@dataclass(frozen=True)
class Cost:
    requested: int
    limit: int
    remaining: int
    reset_in: int  # seconds

    @property
    def reset_at(self) -> str:
        moment = datetime.fromtimestamp(math.ceil(time.time()) + self.reset_in, UTC)
        return moment.isoformat().replace("+00:00", "Z")

    def as_extension(self) -> dict[str, Any]:
        return {
            "requested": self.requested,
            "limit": self.limit,
            "remaining": self.remaining,
            "resetAt": self.reset_at,
        }

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(math.ceil(time.time()) + self.reset_in),
        }


async def spend(runtime: Any, principal: Principal, requested: int) -> tuple[Cost, bool]:
    """Spend `requested` points; (the state of the budget, whether it was allowed). An
    operation that does not fit is not charged."""
    key = budget_key(principal)
    limit = budget_of(principal, runtime.settings)
    if key is None:
        return Cost(requested, limit, limit, WINDOW), True
    used, reset_in = await runtime.limiter.add(key, requested, WINDOW)
    if used > limit:
        used, reset_in = await runtime.limiter.add(key, -requested, WINDOW)
        return Cost(requested, limit, max(0, limit - used), reset_in), False
    return Cost(requested, limit, limit - used, reset_in), True


async def exhausted(runtime: Any, principal: Principal) -> int | None:
    """Seconds until the budget refills if nothing is left of it, else None."""
    key = budget_key(principal)
    if key is None:
        return None
    if await runtime.limiter.count(key) < budget_of(principal, runtime.settings):
        return None
    return max(1, await runtime.limiter.retry_after(key))
