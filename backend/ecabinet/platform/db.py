"""Database engine, sessions and the declarative base shared by every domain."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, event, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, Uuid

from ecabinet.platform.broker import Broker
from ecabinet.platform.clock import utcnow
from ecabinet.platform.events import publish, take_pending

log = logging.getLogger("ecabinet.db")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


class Database:
    """One engine per process; sessions are short-lived and never shared between tasks."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        kwargs: dict[str, Any] = {"echo": echo, "pool_pre_ping": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=20)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self.broker: Broker | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A read session: closed at exit, nothing committed."""
        async with self.sessionmaker() as session:
            yield session

    def publish_to(self, broker: Broker) -> None:
        """Where the events of committed units of work go (the runtime's broker)."""
        self.broker = broker

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """THE unit of work of mutations, jobs, HTTP routes and the CLI: one transaction,
        committed when the block succeeds, then the events it emitted
        (`platform.events.emit`) are published; rolled back otherwise (the events are
        dropped, and what was registered with `on_rollback` undoes work outside the
        database). The runtime binds every Database it builds to its broker; a bare one (a
        migration, a test's own database) has nobody listening and says so in the log."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                await _undo(session)
                take_pending(session)
                raise
            finally:
                session.info.pop(_ON_ROLLBACK, None)
            pending = take_pending(session)
        if pending and self.broker is None:
            log.warning("%d event(s) not published: this Database has no broker", len(pending))
        elif pending and self.broker is not None:
            await publish(pending, self.broker)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


_ON_ROLLBACK = "ecabinet.on_rollback"


def on_rollback(session: AsyncSession, undo: Callable[[], Awaitable[None]]) -> None:
    """Undo work done outside the database (a stored file) if this transaction rolls back."""
    session.info.setdefault(_ON_ROLLBACK, []).append(undo)


async def _undo(session: AsyncSession) -> None:
    for undo in reversed(session.info.pop(_ON_ROLLBACK, [])):
        try:
            await undo()
        except Exception:  # the rollback's own error is the one to report
            log.exception("could not undo work of a rolled back transaction")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
    # SQLite's lower() folds ASCII only: "PHIÊN" would not find "phiên". Use Python's.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value
