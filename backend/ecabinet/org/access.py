"""Permission to act on people, units and partner systems: pure, synchronous rules over
the principal, enforced through `authz/policy.py` (which names them) and told to the
viewer by `Query.viewerCan`."""

from __future__ import annotations

from ecabinet.authz.principal import Principal, Role
from ecabinet.org.enums import OrgErrorCode
from ecabinet.org.errors import MESSAGES
from ecabinet.org.models import User
from ecabinet.platform.errors import Forbidden

USERS_WRITE = "users:write"


def can_administer_users(principal: Principal) -> bool:
    """Users, units and partner systems are administered by an ADMIN whose token carries
    users:write (an administrator's token for `openid profile` administers nothing)."""
    return principal.is_user and principal.has_role(Role.ADMIN) and principal.has_scope(USERS_WRITE)


# ---- four eyes on clearance (issue 8 Low 13) ---------------------------------------------
# The field's rule (an ADMIN with users:write) is the policy's; these are the object-level
# refusals the service raises as FORBIDDEN with their reason.


def can_administer_user(principal: Principal, user: User) -> bool:
    """A person cleared above the administrator is administered by one cleared for them
    (a new password or new roles for them would hand their clearance over)."""
    return int(user.clearance) <= int(principal.clearance)


def require_administer_user(principal: Principal, user: User) -> None:
    if not can_administer_user(principal, user):
        raise refuse(OrgErrorCode.CLEARANCE_ABOVE_OWN)


def can_change_clearance(principal: Principal, user: User) -> bool:
    """One's own clearance is changed by another administrator, never by oneself."""
    return principal.user_id is None or principal.user_id != user.id


def require_change_clearance(principal: Principal, user: User) -> None:
    if not can_change_clearance(principal, user):
        raise refuse(OrgErrorCode.CANNOT_CHANGE_OWN_CLEARANCE)


def refuse(reason: OrgErrorCode) -> Forbidden:
    """The one refusal shape, with org's code as its reason and its own message."""
    return Forbidden(reason.value, MESSAGES[reason])
