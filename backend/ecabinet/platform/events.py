"""Events collected during a unit of work and published only after it commits
(`Database.unit_of_work` does both, in that order)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from ecabinet.platform.broker import Broker

_KEY = "ecabinet.pending_events"


def emit(session: AsyncSession | Session, channel: str, message: dict[str, Any]) -> None:
    """Queue `message` for `channel`; it is published if and when the session commits.
    (A flush listener passes the sync Session: both share `info`.)"""
    session.info.setdefault(_KEY, []).append((channel, message))


def take_pending(session: AsyncSession | Session) -> list[tuple[str, dict[str, Any]]]:
    return session.info.pop(_KEY, [])


async def publish(events: list[tuple[str, dict[str, Any]]], broker: Broker) -> None:
    for channel, message in events:
        await broker.publish(channel, message)


async def publish_pending(session: AsyncSession, broker: Broker) -> None:
    """Publish what is still queued on `session` (nothing once `Database.unit_of_work`
    has published it after its commit: prefer that)."""
    await publish(take_pending(session), broker)
