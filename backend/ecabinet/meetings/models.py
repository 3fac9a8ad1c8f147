"""Meetings, their participants and agenda, and votes.

Secret ballots (docs/secret-ballots.md): while a SECRET vote is open it stores who has voted
(`vote_participation`, no time, no choice) and, apart, one sealed ballot per voter in a
ballot box (`vote_ballot_box`: no voter, no time, no order, the choice sealed with a key
that is not in the database); no counts. At the close the box is opened, the counts
(`vote_option_count`) stored — when they may be published — and the box emptied.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, TimestampMixin, UTCDateTime
from ecabinet.platform.search import trigram_index


class Meeting(IdMixin, TimestampMixin, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_starts_at", "starts_at"),
        Index("ix_meeting_status", "status"),
    )

    title: Mapped[str] = mapped_column(String(500), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default="REGULAR")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="DRAFT")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(255))
    confidentiality: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


# free-text search (platform.search.contains_text) on PostgreSQL
trigram_index("ix_meeting_title_trgm", Meeting.title)


class Participant(IdMixin, Base):
    __tablename__ = "meeting_participant"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id", name="uq_meeting_participant_meeting_user"),
        Index("ix_meeting_participant_user_id", "user_id"),
    )

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="RESTRICT"), nullable=False
    )
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    attendance: Mapped[str] = mapped_column(String(20), nullable=False, default="INVITED")
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InvitedUnit(Base):
    """A unit invited as a whole: its members may see the meeting (up to their clearance)."""

    __tablename__ = "meeting_invited_unit"
    __table_args__ = (Index("ix_meeting_invited_unit_unit_id", "unit_id"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="CASCADE"), primary_key=True
    )


class AgendaItem(IdMixin, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (Index("ix_agenda_item_meeting_id_position", "meeting_id", "position"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    presenter_user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    presenter_unit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="SET NULL")
    )
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="PENDING")
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adopted_en_bloc: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class ItemPosition(Base):
    """Before the session: a member's position on an agenda item."""

    __tablename__ = "agenda_item_position"

    agenda_item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[str] = mapped_column(String(20), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class SpeakerRequest(IdMixin, Base):
    __tablename__ = "speaker_request"
    __table_args__ = (Index("ix_speaker_request_agenda_item_id", "agenda_item_id"),)

    agenda_item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agenda_item.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
    )
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="WAITING")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Vote(IdMixin, TimestampMixin, Base):
    __tablename__ = "vote"
    __table_args__ = (
        Index("ix_vote_meeting_id", "meeting_id"),
        Index("ix_vote_state_deadline", "state", "deadline"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="CASCADE")
    )
    agenda_item_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    majority: Mapped[str] = mapped_column(String(12), nullable=False, default="ABSOLUTE")
    state: Mapped[str] = mapped_column(String(10), nullable=False, default="DRAFT")
    live_results: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confidentiality: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    cast_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(12))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )


class VoteOption(IdMixin, Base):
    __tablename__ = "vote_option"
    __table_args__ = (Index("ix_vote_option_vote_id", "vote_id"),)

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)


class Voter(Base):
    """Who may vote: the listed voters of a written ballot, or the meeting's CHAIR and
    MEMBERs frozen when the vote opens; `present` is recorded when it closes."""

    __tablename__ = "vote_voter"
    __table_args__ = (Index("ix_vote_voter_user_id", "user_id"),)

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    is_chair: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    present_at_close: Mapped[bool | None] = mapped_column(Boolean)


class OpenBallot(Base):
    """A named ballot of an OPEN vote. One per voter per vote, enforced by the key."""

    __tablename__ = "vote_ballot"

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    voter_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    option_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote_option.id", ondelete="CASCADE"), nullable=False
    )
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class Participation(Base):
    """That a voter has cast a SECRET ballot — nothing about which option, nor when."""

    __tablename__ = "vote_participation"

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    voter_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )


class BallotBox(Base):
    """A sealed SECRET ballot: which vote, and the choice sealed (`votes.seal_choice`:
    AES-GCM under a per-vote key derived from the ballot key, which is not in the database;
    a random nonce; the same length for every option). No voter, no time, and no order: the
    key is random and, on SQLite, the table has no rowid (a rowid would count insertions).
    Written in the transaction of the voter's `Participation`; opened, counted and deleted
    when the vote closes."""

    __tablename__ = "vote_ballot_box"
    __table_args__ = {"sqlite_with_rowid": False}

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    sealed: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class OptionCount(Base):
    """Count per option: an OPEN vote's running count; a SECRET vote's only once it is
    closed, and only when its counts may be published (`tally.counts_published`)."""

    __tablename__ = "vote_option_count"

    vote_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    option_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("vote_option.id", ondelete="CASCADE"), primary_key=True
    )
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Conclusion(IdMixin, TimestampMixin, Base):
    """The meeting's conclusion notice (thông báo kết luận)."""

    __tablename__ = "meeting_conclusion"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    number: Mapped[str | None] = mapped_column(String(60))
    issued_on: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    issued: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Directive(IdMixin, Base):
    """One assignment of the conclusion: becomes a task when the notice is issued."""

    __tablename__ = "meeting_directive"
    __table_args__ = (Index("ix_meeting_directive_conclusion_id", "conclusion_id"),)

    conclusion_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meeting_conclusion.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    lead_unit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False
    )
    coordinating_unit_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    due_date: Mapped[date | None] = mapped_column(Date)
    task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
