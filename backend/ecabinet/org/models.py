"""Organisation and people: the Government Office's units and its users."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecabinet.platform.db import Base, IdMixin, TimestampMixin, UTCDateTime
from ecabinet.platform.search import trigram_index


class OrgUnit(IdMixin, TimestampMixin, Base):
    __tablename__ = "org_unit"

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(80))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "app_user"
    __table_args__ = (Index("ix_app_user_full_name", "full_name"),)

    username: Mapped[str] = mapped_column(String(150), unique=True, nullable=False)
    full_name: Mapped[str] = mapped_column(String(255), nullable=False)
    email: Mapped[str | None] = mapped_column(String(255))
    position: Mapped[str | None] = mapped_column(String(255))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    clearance: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False, index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # access tokens issued before this instant are refused (a new password, a deactivation)
    tokens_valid_after: Mapped[datetime | None] = mapped_column(UTCDateTime)

    roles: Mapped[list[UserRole]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> list[str]:
        return [r.role for r in self.roles]


# free-text search (platform.search.contains_text) on PostgreSQL
trigram_index("ix_app_user_full_name_trgm", User.full_name)
trigram_index("ix_app_user_username_trgm", User.username)


class UserRole(Base):
    __tablename__ = "user_role"
    __table_args__ = (Index("ix_user_role_role", "role"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
