"""Permission to act on people, units and partner systems: pure, synchronous rules over
the principal, enforced through `authz/policy.py` (which names them) and told to the
viewer by `Query.viewerCan`."""

from __future__ import annotations

from ecabinet.authz.principal import Principal, Role

USERS_WRITE = "users:write"


def can_administer_users(principal: Principal) -> bool:
    """Users, units and partner systems are administered by an ADMIN whose token carries
    users:write (an administrator's token for `openid profile` administers nothing)."""
    return principal.is_user and principal.has_role(Role.ADMIN) and principal.has_scope(USERS_WRITE)
