"""Permission to act on a meeting's level and on who may see it: pure, synchronous rules
over the principal and levels, enforced by `meetings.service` (issue 9 generalises the
domains' `access.py`).

Whoever runs a meeting (`authz.policy.runs_meeting`) is not thereby cleared for it: a
participant always sees the meetings they take part in, so a meeting's own secretary or
chair may hold a lower clearance than the meeting. These rules keep them from
declassifying it or widening its audience:

- changing a meeting's level needs clearance for its current level and for the new one;
- lowering a level (declassifying) needs the secretariat besides — a user with the
  SECRETARY (or ADMIN) role, never a partner system — and is audited as
  `meeting.declassify`;
- granting anyone access (adding a participant, inviting a unit, changing a participant's
  part) needs clearance for the meeting's level;
- every participant is cleared for the meeting's level.
"""

from __future__ import annotations

from ecabinet.authz.principal import Clearance, Principal, Role

# The office's secretariat (authz.policy.SECRETARIAT): the only ones who declassify.
SECRETARIAT_ROLES = (Role.SECRETARY, Role.ADMIN)


def is_secretariat(principal: Principal) -> bool:
    """The office's secretariat (a user's role), not a meeting's own secretary or chair."""
    return principal.has_role(*SECRETARIAT_ROLES)


def cleared_for(principal: Principal, level: int) -> bool:
    return int(principal.clearance) >= int(Clearance(level))


def level_change_refusal(principal: Principal, current: int, new: int) -> str | None:
    """Why `principal` may not move a record from level `current` to `new` (an error code),
    or None when they may. The one rule: cleared for the current level (else
    NOT_CLEARED_FOR_LEVEL) and for the new one (else ABOVE_OWN_CLEARANCE); lowering needs
    the secretariat (else DECLASSIFY_NEEDS_SECRETARIAT)."""
    if not cleared_for(principal, current):
        return "NOT_CLEARED_FOR_LEVEL"
    if not cleared_for(principal, new):
        return "ABOVE_OWN_CLEARANCE"
    if int(new) < int(current) and not is_secretariat(principal):
        return "DECLASSIFY_NEEDS_SECRETARIAT"
    return None


def can_change_level(principal: Principal, current: int, new: int) -> bool:
    return level_change_refusal(principal, current, new) is None


def can_grant_access(principal: Principal, level: int) -> bool:
    """Adding participants, inviting units or changing a participant's part: only someone
    cleared for the meeting's level widens its audience."""
    return cleared_for(principal, level)


def is_declassification(current: int, new: int) -> bool:
    return int(new) < int(current)
