"""Permission to act in meetings and votes, and who sees a meeting: pure, synchronous,
cheap rules over the principal and loaded objects. Services enforce them (`require_*`,
raising the one refusal shape, `platform.errors.Forbidden` with the old payload code as its
reason), `viewerCan*` fields expose them (`can_*`), `authz.policy` names them.

Who runs a meeting (`can_manage_meeting`): the office's secretariat (SECRETARY or ADMIN),
partner systems with meetings:write, and the meeting's own chair and secretaries. Running a
meeting does not clear anyone for it, so these level rules keep an under-cleared chair or
secretary from declassifying it or widening its audience:

- changing a meeting's level needs clearance for its current level and for the new one;
- lowering a level (declassifying) needs the secretariat besides — a user with the
  SECRETARY (or ADMIN) role, never a partner system — and is audited as
  `meeting.declassify`;
- granting anyone access (adding a participant, inviting a unit, changing a participant's
  part) needs clearance for the meeting's level;
- every participant is cleared for the meeting's level when added; one whose clearance is
  lowered later stops seeing it (`meetings.visibility`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.meetings.enums import (
    MANAGING_ROLES,
    VOTING_ROLES,
    MeetingsErrorCode,
    MeetingStatus,
    next_statuses,
)
from ecabinet.meetings.errors import MESSAGES
from ecabinet.platform.errors import Forbidden

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


# ---- permission to act ----------------------------------------------------------------

MEETINGS_WRITE = "meetings:write"


def refuse(reason: MeetingsErrorCode) -> Forbidden:
    """The one refusal shape: FORBIDDEN, `reason` the code, its message localised."""
    return Forbidden(reason.value, MESSAGES[reason])


class Participation(Protocol):
    """A participant row as the rules read it (a model or any object with these)."""

    @property
    def user_id(self) -> Any: ...

    @property
    def role(self) -> str: ...


def own_participation(
    principal: Principal, participants: Iterable[Participation]
) -> Participation | None:
    """The principal's own row among a meeting's participants."""
    if principal.user_id is None:
        return None
    return next((p for p in participants if p.user_id == principal.user_id), None)


def can_manage_meeting(principal: Principal, participants: Iterable[Participation]) -> bool:
    """Who runs a meeting (changes it, its participants, agenda, speakers, votes and
    conclusion): the office's secretariat, partner systems with meetings:write, and the
    meeting's own chair and secretaries (`participants`: the meeting's, or just the
    principal's own participation)."""
    if is_secretariat(principal):
        return True
    if principal.is_client:
        return principal.has_scope(MEETINGS_WRITE)
    me = own_participation(principal, participants)
    return me is not None and me.role in MANAGING_ROLES


def require_manage_meeting(principal: Principal, participants: Iterable[Participation]) -> None:
    if not can_manage_meeting(principal, participants):
        raise refuse(MeetingsErrorCode.NOT_SECRETARIAT)


def can_create_meeting(principal: Principal) -> bool:
    """A new meeting: the secretariat (with meetings:write) or a partner system with
    meetings:write."""
    if principal.is_client:
        return principal.has_scope(MEETINGS_WRITE)
    return principal.is_user and is_secretariat(principal) and principal.has_scope(MEETINGS_WRITE)


def can_create_written_ballot(principal: Principal) -> bool:
    """A written opinion ballot (a vote outside any meeting): the secretariat only."""
    return principal.is_user and is_secretariat(principal) and principal.has_scope(MEETINGS_WRITE)


def require_create_written_ballot(principal: Principal) -> None:
    if not can_create_written_ballot(principal):
        raise refuse(MeetingsErrorCode.NOT_SECRETARIAT)


def can_take_part(principal: Principal, participants: Iterable[Participation]) -> bool:
    """What a participant does themselves: answer the invitation, check in, ask to speak."""
    return own_participation(principal, participants) is not None


def require_take_part(principal: Principal, participants: Iterable[Participation]) -> None:
    if not can_take_part(principal, participants):
        raise refuse(MeetingsErrorCode.NOT_PARTICIPANT)


def can_give_position(principal: Principal, participants: Iterable[Participation]) -> bool:
    """A position on an agenda item before the session: the voting members (chair and
    members)."""
    me = own_participation(principal, participants)
    return me is not None and me.role in VOTING_ROLES


def require_give_position(principal: Principal, participants: Iterable[Participation]) -> None:
    if not can_give_position(principal, participants):
        raise refuse(MeetingsErrorCode.NOT_A_MEMBER)


def can_withdraw_speaker_request(
    principal: Principal, requester_id: Any, participants: Iterable[Participation]
) -> bool:
    """A request to speak is withdrawn by the one who asked, or by whoever runs the
    meeting; the floor is given and ended only by whoever runs it."""
    own = principal.user_id is not None and requester_id == principal.user_id
    return own or can_manage_meeting(principal, participants)


def next_statuses_for(
    principal: Principal, status: str, participants: Iterable[Participation]
) -> list[MeetingStatus]:
    """Where the principal may move a meeting now: the lifecycle's next statuses
    (`enums.STATUS_TRANSITIONS`) when they run it, else none."""
    if not can_manage_meeting(principal, participants):
        return []
    return list(next_statuses(status))


def can_declassify(principal: Principal, level: int, participants: Iterable[Participation]) -> bool:
    """Lowering the meeting's level by one step: whoever runs it, of the secretariat and
    cleared for its level."""
    return (
        level > Clearance.PUBLIC
        and can_manage_meeting(principal, participants)
        and can_change_level(principal, level, level - 1)
    )


def can_let_people_in(
    principal: Principal, level: int, participants: Iterable[Participation]
) -> bool:
    """Adding participants, inviting units, changing parts: whoever runs it, cleared for
    its level."""
    return can_manage_meeting(principal, participants) and can_grant_access(principal, level)
