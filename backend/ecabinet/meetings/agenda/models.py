"""A meeting's agenda items, members' positions on them and the speakers' list."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, UTCDateTime


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
