"""Meetings, their participants and the units invited as a whole. The agenda, the
conclusion and the votes have their own models (`meetings/agenda/models.py`,
`meetings/conclusions/models.py`, `meetings/votes/models.py`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
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
