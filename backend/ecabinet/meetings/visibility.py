"""Who sees a meeting (and a vote): written once, rendered twice.

The rule. Nobody sees a meeting above their clearance. Within it, a meeting is seen by:
partner systems with meetings:read; the office's secretariat (SECRETARY, ADMIN); its
participants; members of a unit invited as a whole; and any user with meetings:read when
it is INTERNAL or lower. A user needs meetings:read in their token for any of it.

A participant is cleared for the meeting's level when added (`meetings.service`), but a
clearance may be lowered later: such a participant stops seeing the meeting, as the row
filter, the in-memory check and the live events all say.

`Reach` is what a principal may see, derived once from the principal (`reach`); the SQL
row filter (`meeting_rows`, used by `authz.policy` for every loader, connection, count,
search and `node`) and the in-memory check of live events (`sees`, against the `Audience`
each event carries, built by `meetings.events`) both read it, so the two cannot drift.

Votes follow the same rule (`meetings/votes/visibility.py`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.meetings.models import InvitedUnit, Meeting, Participant

READ_SCOPE = "meetings:read"
# a meeting at or below this level is seen by every user with meetings:read
OPEN_TO_STAFF = int(Clearance.INTERNAL)


@dataclass(frozen=True)
class Reach:
    """What a principal may see of meetings: levels up to `up_to`; every meeting
    (`everything`), or those at or below OPEN_TO_STAFF, those they take part in
    (`user_id`) and those their unit is invited to (`unit_id`)."""

    up_to: int
    everything: bool
    user_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None


def reach(p: Principal) -> Reach | None:
    """The principal's reach; None: no meeting at all."""
    if p.is_client:
        return Reach(int(p.clearance), everything=True) if p.has_scope(READ_SCOPE) else None
    if not p.is_user or p.user_id is None or not p.has_scope(READ_SCOPE):
        return None
    return Reach(
        int(p.clearance),
        everything=p.has_role(Role.SECRETARY, Role.ADMIN),
        user_id=p.user_id,
        unit_id=p.unit_id,
    )


@dataclass(frozen=True)
class Audience:
    """Who may see one meeting: its level, its participants, its invited units. Travels
    with each live event of the meeting (`to_message` / `from_message`)."""

    confidentiality: int
    participants: frozenset[uuid.UUID] = frozenset()
    units: frozenset[uuid.UUID] = frozenset()

    def to_message(self) -> dict[str, Any]:
        return {
            "confidentiality": self.confidentiality,
            "participants": sorted(str(u) for u in self.participants),
            "units": sorted(str(u) for u in self.units),
        }

    @classmethod
    def from_message(cls, m: Mapping[str, Any]) -> Audience:
        return cls(
            confidentiality=int(m.get("confidentiality", Clearance.TOP_SECRET)),
            participants=frozenset(uuid.UUID(u) for u in m.get("participants", ())),
            units=frozenset(uuid.UUID(u) for u in m.get("units", ())),
        )


def sees(p: Principal, audience: Audience) -> bool:
    """The rule, in memory (live events)."""
    r = reach(p)
    if r is None or audience.confidentiality > r.up_to:
        return False
    return (
        r.everything
        or audience.confidentiality <= OPEN_TO_STAFF
        or (r.user_id is not None and r.user_id in audience.participants)
        or (r.unit_id is not None and r.unit_id in audience.units)
    )


def meeting_rows(p: Principal) -> ColumnElement[bool]:
    """The rule, in SQL (the row filter of `Meeting`)."""
    r = reach(p)
    if r is None:
        return false()
    cleared = Meeting.confidentiality <= r.up_to
    if r.everything:
        return cleared
    mine = (
        Meeting.id.in_(select(Participant.meeting_id).where(Participant.user_id == r.user_id))
        if r.user_id is not None
        else false()
    )
    invited = (
        Meeting.id.in_(select(InvitedUnit.meeting_id).where(InvitedUnit.unit_id == r.unit_id))
        if r.unit_id is not None
        else false()
    )
    return and_(cleared, or_(Meeting.confidentiality <= OPEN_TO_STAFF, mine, invited))


def visible_meeting_ids(p: Principal) -> Select[Any]:
    return select(Meeting.id).where(meeting_rows(p))


def sees_meeting_message(p: Principal, access: Mapping[str, Any]) -> bool:
    """`sees` for the `access` a meeting's live event carries."""
    return sees(p, Audience.from_message(access))


def event_cleared(p: Principal, event: Mapping[str, Any]) -> bool:
    """An event about something with its own level (a document of an agenda item) reaches
    only those cleared for that level, as the thing itself would (`File` rows)."""
    level = event.get("level")
    return level is None or int(level) <= int(p.clearance)
