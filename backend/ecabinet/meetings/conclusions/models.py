"""A meeting's conclusion notice and its directives."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, TimestampMixin


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
