"""Who sees a vote, written once on top of who sees a meeting (`meetings.visibility`): a
meeting's vote is seen by whoever sees the meeting; a written ballot (no meeting) by its
listed voters and the secretariat, each up to their clearance, and by partner systems with
meetings:read up to theirs. `vote_rows` is the SQL row filter (`authz.policy`), `sees_vote`
the in-memory check of live vote updates; both read the same `Reach`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.authz.principal import Clearance, Principal
from ecabinet.meetings.visibility import Audience, reach, sees, visible_meeting_ids
from ecabinet.meetings.votes.models import Vote, Voter


def vote_rows(p: Principal) -> ColumnElement[bool]:
    """Votes: a meeting's with the meeting; a written ballot's by `sees_vote`'s rule."""
    r = reach(p)
    if r is None:
        return false()
    in_meeting = Vote.meeting_id.in_(visible_meeting_ids(p))
    cleared = Vote.confidentiality <= r.up_to
    if r.everything:
        written: ColumnElement[bool] = cleared
    else:
        listed = Vote.id.in_(select(Voter.vote_id).where(Voter.user_id == r.user_id))
        written = and_(cleared, listed)
    return or_(in_meeting, and_(Vote.meeting_id.is_(None), written))


def sees_vote(
    p: Principal, *, meeting: Audience | None, confidentiality: int, voters: Iterable[str]
) -> bool:
    """The rule of `vote_rows`, in memory (live vote updates)."""
    if meeting is not None:
        return sees(p, meeting)
    r = reach(p)
    if r is None or confidentiality > r.up_to:
        return False
    return r.everything or (r.user_id is not None and str(r.user_id) in set(voters))


def sees_vote_message(p: Principal, access: Mapping[str, Any]) -> bool:
    """`sees_vote` for the `access` a vote's live snapshot carries."""
    m = access.get("meeting")
    return sees_vote(
        p,
        meeting=Audience.from_message(m) if m is not None else None,
        confidentiality=int(access.get("confidentiality", Clearance.TOP_SECRET)),
        voters=access.get("voters", ()),
    )
