"""Cost budgets: every GraphQL operation — over HTTP or a WebSocket — spends points from
the budget of whoever asks, like GitHub's GraphQL API.

- An operation costs `1 + nodes // 100` points, `nodes` being the estimate of what its
  response can hold (`limits.Estimate`, with the request's own variables): `{ viewer { id } }`
  costs 1, a page of 100 tasks with their units a few dozen.
- The budget is a number of points per minute (a fixed window), one per user and one per
  partner client (all tokens of a client share it); it lives in Redis when `REDIS_URL` is
  set, so every process spends from the same budget, else in the process.
- Every request (HTTP) or operation (WebSocket) pays its first point on arrival, before
  its body is read or its document parsed, so that even requests that fail early are
  counted; the rest when its cost is known, just before it executes.
- An operation that would overspend is refused with `RATE_LIMITED` and pays only that
  first point; over HTTP the answer is 429 with `Retry-After`.
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


async def spend_rest(
    runtime: Any, principal: Principal, requested: int, paid: int
) -> tuple[Cost, bool]:
    """Spend what an operation costs beyond the `paid` points of its arrival."""
    cost, allowed = await spend(runtime, principal, max(0, requested - paid))
    return Cost(requested, cost.limit, cost.remaining, cost.reset_in), allowed


async def arrival(runtime: Any, principal: Principal) -> Cost | None:
    """The first point of a request or operation; the budget's state if it is refused."""
    cost, allowed = await spend(runtime, principal, ARRIVAL)
    return None if allowed else cost


ARRIVAL = 1  # points paid by every request or operation when it arrives
