"""Permission to act on votes: pure, synchronous rules over the principal and the vote,
enforced by `votes.service`, exposed by `Vote.viewerCanVote`, named by `authz.policy`.
Who runs a meeting is `meetings.access.can_manage_meeting`; one ballot per voter is
`votes.tally.ballot_refusal`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ecabinet.authz.principal import Principal
from ecabinet.meetings.access import (
    Participation,
    can_manage_meeting,
    is_secretariat,
    refuse,
)
from ecabinet.meetings.enums import MeetingsErrorCode
from ecabinet.meetings.votes.tally import ballot_refusal


def can_administer_vote(
    principal: Principal,
    *,
    meeting_participants: Iterable[Participation] | None,
    created_by_id: Any,
) -> bool:
    """Opening and closing a vote: for a meeting's vote whoever runs the meeting
    (`meeting_participants` given); for a written ballot the secretariat or its creator."""
    if meeting_participants is not None:
        return can_manage_meeting(principal, meeting_participants)
    if is_secretariat(principal):
        return True
    return created_by_id is not None and created_by_id == principal.user_id


def require_administer_vote(
    principal: Principal,
    *,
    meeting_participants: Iterable[Participation] | None,
    created_by_id: Any,
) -> None:
    if not can_administer_vote(
        principal, meeting_participants=meeting_participants, created_by_id=created_by_id
    ):
        raise refuse(MeetingsErrorCode.NOT_SECRETARIAT)


def can_cast_ballot(
    principal: Principal, *, state: str, voters: Iterable[Any], voted: Iterable[Any]
) -> bool:
    """A ballot now: the vote is open, the principal is an eligible voter (frozen when it
    opened) and has not voted yet: `votes.tally.ballot_refusal`, the one rule."""
    me = principal.user_id
    return (
        ballot_refusal(
            state=state,
            eligible=me is not None and me in set(voters),
            already_voted=me is not None and me in set(voted),
        )
        is None
    )
