"""The one representation of a vote for reads and live updates: a frozen `VoteSnapshot`,
built by `votes.service.snapshots` in a fixed number of queries, read by the GraphQL type,
the exports and the subscription alike.

Through the broker it travels as a JSON message (`to_message`, camelCase keys: the same
message as before issue 9, so processes of two versions understand each other) and comes
back typed (`from_message`). Its `access` is what a subscriber's principal is checked
against for every message (`votes.visibility.sees_vote`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ecabinet.meetings.enums import MajorityRule, VoteKind, VoteOutcome, VoteState
from ecabinet.meetings.visibility import Audience


@dataclass(frozen=True)
class OptionSnapshot:
    id: uuid.UUID
    label: str


@dataclass(frozen=True)
class VoteSnapshot:
    """A vote at one version. `counts` is None whenever counts may not be shown to anyone
    (a SECRET vote before it closes, or closed without publishable counts)."""

    id: uuid.UUID
    version: int
    title: str
    kind: VoteKind
    state: VoteState
    majority: MajorityRule
    live_results: bool
    deadline: datetime | None
    opened_at: datetime | None
    closed_at: datetime | None
    meeting_id: uuid.UUID | None
    agenda_item_id: uuid.UUID | None
    confidentiality: int
    options: tuple[OptionSnapshot, ...]
    counts: tuple[int, ...] | None
    eligible: int
    cast: int
    voters: tuple[uuid.UUID, ...]  # sorted
    voted: tuple[uuid.UUID, ...]  # sorted
    present: tuple[uuid.UUID, ...]  # sorted; recorded at the close
    quorum_reached: bool
    outcome: VoteOutcome
    meeting_audience: Audience | None  # who sees the meeting, for a meeting's vote

    @property
    def results_visible(self) -> bool:
        """Counts are shown once the vote is closed; while it is open only for an OPEN vote
        with live results. A SECRET vote never shows counts before it closes, nor after it
        when they may not be published (its snapshot has none)."""
        if self.counts is None:
            return False
        if self.state == VoteState.CLOSED:
            return True
        return self.state == VoteState.OPEN and self.kind == VoteKind.OPEN and self.live_results

    def has_voted(self, user_id: uuid.UUID | None) -> bool:
        return user_id is not None and user_id in self.voted

    def to_message(self) -> dict[str, Any]:
        """The JSON message published on the vote's channel."""
        voters = [str(u) for u in self.voters]
        return {
            "id": str(self.id),
            "version": self.version,
            "title": self.title,
            "kind": self.kind.value,
            "state": self.state.value,
            "majority": self.majority.value,
            "liveResults": self.live_results,
            "deadline": _iso(self.deadline),
            "openedAt": _iso(self.opened_at),
            "closedAt": _iso(self.closed_at),
            "meetingId": str(self.meeting_id) if self.meeting_id else None,
            "agendaItemId": str(self.agenda_item_id) if self.agenda_item_id else None,
            "confidentiality": self.confidentiality,
            "options": [{"id": str(o.id), "label": o.label} for o in self.options],
            "counts": list(self.counts) if self.counts is not None else None,
            "eligible": self.eligible,
            "cast": self.cast,
            "voters": voters,
            "voted": [str(u) for u in self.voted],
            "present": [str(u) for u in self.present],
            "quorumReached": self.quorum_reached,
            "outcome": self.outcome.value,
            "access": {
                "meeting": self.meeting_audience.to_message() if self.meeting_audience else None,
                "confidentiality": self.confidentiality,
                "voters": voters,
            },
        }

    @classmethod
    def from_message(cls, m: Mapping[str, Any]) -> VoteSnapshot:
        access = m.get("access") or {}
        meeting = access.get("meeting")
        counts = m.get("counts")
        return cls(
            id=uuid.UUID(m["id"]),
            version=int(m["version"]),
            title=m["title"],
            kind=VoteKind(m["kind"]),
            state=VoteState(m["state"]),
            majority=MajorityRule(m["majority"]),
            live_results=bool(m["liveResults"]),
            deadline=_dt(m.get("deadline")),
            opened_at=_dt(m.get("openedAt")),
            closed_at=_dt(m.get("closedAt")),
            meeting_id=_uuid(m.get("meetingId")),
            agenda_item_id=_uuid(m.get("agendaItemId")),
            confidentiality=int(m["confidentiality"]),
            options=tuple(OptionSnapshot(uuid.UUID(o["id"]), o["label"]) for o in m["options"]),
            counts=tuple(counts) if counts is not None else None,
            eligible=int(m["eligible"]),
            cast=int(m["cast"]),
            voters=tuple(uuid.UUID(u) for u in m["voters"]),
            voted=tuple(uuid.UUID(u) for u in m["voted"]),
            present=tuple(uuid.UUID(u) for u in m.get("present") or ()),
            quorum_reached=bool(m["quorumReached"]),
            outcome=VoteOutcome(m["outcome"]),
            meeting_audience=Audience.from_message(meeting) if meeting is not None else None,
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None
