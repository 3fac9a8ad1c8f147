"""Tasks assigned by the Government, the Prime Minister or the Office's leaders, with their
progress reports, comments, deadline extension requests and history."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.db import Base, IdMixin, TimestampMixin, UTCDateTime
from ecabinet.platform.search import trigram_index
from ecabinet.tasks.enums import (
    ExtensionStatus,
    TaskAuthority,
    TaskPriority,
    TaskSourceKind,
    TaskStatus,
)


class Task(IdMixin, TimestampMixin, Base):
    __tablename__ = "task"
    __table_args__ = (
        Index("ix_task_lead_unit_id_status", "lead_unit_id", "status"),
        Index("ix_task_status_due_date", "status", "due_date"),
        Index("ix_task_due_date", "due_date"),
        Index("ix_task_source_meeting_id", "source_meeting_id"),
        Index("ix_task_assigned_by_id", "assigned_by_id"),
        Index("ix_task_responsible_id", "responsible_id"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(
        String(30), nullable=False, default=TaskSourceKind.DIRECT
    )
    source_meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("meeting.id", ondelete="SET NULL")
    )
    source_directive_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("meeting_directive.id", ondelete="SET NULL")
    )
    source_reference: Mapped[str | None] = mapped_column(String(255))
    assigned_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    authority: Mapped[str] = mapped_column(
        String(30), nullable=False, default=TaskAuthority.MINISTER_CHAIRMAN
    )
    lead_unit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False
    )
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    due_date: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[str] = mapped_column(String(10), nullable=False, default=TaskPriority.NORMAL)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=TaskStatus.NOT_STARTED)
    progress: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    completed_on: Mapped[date | None] = mapped_column(Date)
    confidentiality: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


# free-text search (platform.search.contains_text) on PostgreSQL
trigram_index("ix_task_title_trgm", Task.title)
trigram_index("ix_task_code_trgm", Task.code)
trigram_index("ix_task_description_trgm", Task.description)


class TaskCoordinator(Base):
    __tablename__ = "task_coordinator"
    __table_args__ = (Index("ix_task_coordinator_unit_id", "unit_id"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="RESTRICT"), primary_key=True
    )


class TaskReport(IdMixin, Base):
    """A progress report by the lead unit."""

    __tablename__ = "task_report"
    __table_args__ = (Index("ix_task_report_task_id_created_at", "task_id", "created_at"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), nullable=False
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)
    progress: Mapped[int] = mapped_column(Integer, nullable=False)
    file_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class TaskComment(IdMixin, Base):
    """A comment, typically by a coordinating unit."""

    __tablename__ = "task_comment"
    __table_args__ = (Index("ix_task_comment_task_id_created_at", "task_id", "created_at"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), nullable=False
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    unit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class ExtensionRequest(IdMixin, Base):
    __tablename__ = "task_extension_request"
    __table_args__ = (Index("ix_task_extension_request_task_id", "task_id"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), nullable=False
    )
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    requested_due_date: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=ExtensionStatus.PENDING)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class TaskEvent(IdMixin, Base):
    """The task's full history, one row per change."""

    __tablename__ = "task_event"
    __table_args__ = (Index("ix_task_event_task_id_at", "task_id", "at"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), nullable=False
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    details: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)  # type: ignore[type-arg]


class ReminderSent(Base):
    """Reminders already sent, so that each is sent once whatever the number of runners."""

    __tablename__ = "task_reminder_sent"
    __table_args__ = (UniqueConstraint("task_id", "kind", "due_date", name="uq_task_reminder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("task.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
