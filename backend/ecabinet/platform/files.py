"""Stored files (attachments) and the job lease used to elect one runner of a job."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Base, IdMixin, UTCDateTime, on_rollback
from ecabinet.platform.storage import LocalStorage


class StoredFile(IdMixin, Base):
    """A file kept by the storage backend. Who may download it is decided by its owner's
    domain (`owner_type`, `owner_id`) and its own confidentiality level."""

    __tablename__ = "stored_file"
    __table_args__ = (Index("ix_stored_file_owner", "owner_type", "owner_id"),)

    name: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(120), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(255), nullable=False)
    confidentiality: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    owner_type: Mapped[str] = mapped_column(String(40), nullable=False)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("app_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class JobLease(Base):
    """Leader election through the database: the holder of an unexpired lease runs the job."""

    __tablename__ = "job_lease"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


# Types a browser shows without running anything; any other (text/html, SVG, XML,
# JavaScript, …) is stored and served as application/octet-stream, so that an uploaded
# file can never become a page of this origin.
SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "text/plain",
        "text/csv",
    }
)


def safe_content_type(content_type: str | None) -> str:
    """The type a stored file is served with: its declared type if harmless, else
    application/octet-stream (parameters such as charset are dropped)."""
    base = (content_type or "").split(";", 1)[0].strip().lower()
    return base if base in SAFE_TYPES else "application/octet-stream"


def safe_name(filename: str | None, default: str) -> str:
    """A file name fit to store and to offer for download (no path, at most 255 chars)."""
    name = (filename or "").replace("/", "_").replace("\\", "_").strip()[:255]
    return name or default


async def store_file(
    session: AsyncSession,
    storage: LocalStorage,
    chunks: AsyncIterator[bytes],
    *,
    max_size: int,
    filename: str | None,
    default_name: str,
    content_type: str | None,
    confidentiality: int,
    owner_type: str,
    owner_id: uuid.UUID,
    created_by_id: uuid.UUID | None,
) -> StoredFile:
    """Store the content and add its row; should the transaction roll back, the content is
    deleted too (no file without its row). Raises ValueError past `max_size`."""
    key, size, sha = await storage.save(chunks, max_size=max_size)
    on_rollback(session, lambda: storage.delete(key))
    stored = StoredFile(
        name=safe_name(filename, default_name),
        content_type=safe_content_type(content_type),
        size=size,
        sha256=sha,
        storage_key=key,
        confidentiality=confidentiality,
        owner_type=owner_type,
        owner_id=owner_id,
        created_by_id=created_by_id,
        created_at=utcnow(),
    )
    session.add(stored)
    return stored
