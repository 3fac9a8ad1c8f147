"""Votes: of a meeting, or written ballots with a deadline.

Secret ballots (docs/secret-ballots.md): while a SECRET vote is open it stores who has voted
(`vote_participation`, no time, no choice) and, apart, one sealed ballot per voter in a
ballot box (`vote_ballot_box`: no voter, no time, no order, the choice sealed with a key
that is not in the database); no counts. At the close the box is opened, the counts
(`vote_option_count`) stored — when they may be published — and the box emptied.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, TimestampMixin, UTCDateTime


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
