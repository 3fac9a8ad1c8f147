"""Notifications to a person: stored, listed, marked read, pushed live after commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Principal
from ecabinet.authz.rows import visible
from ecabinet.notifications.enums import NotificationKind
from ecabinet.notifications.messages import render
from ecabinet.notifications.models import Notification
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.events import emit
from ecabinet.platform.pagination import Page, PageRequest, paginate


def user_channel(user_id: uuid.UUID | str) -> str:
    return f"notifications.user.{user_id}"


def snapshot(n: Notification) -> dict[str, Any]:
    return {
        "id": str(n.id),
        "userId": str(n.user_id),
        "kind": n.kind,
        "title": n.title,
        "body": n.body,
        "params": n.params,
        "subjectType": n.subject_type,
        "subjectId": str(n.subject_id) if n.subject_id else None,
        "createdAt": n.created_at.isoformat(),
        "readAt": None,
    }


async def notify(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    kind: NotificationKind,
    params: dict[str, Any],
    body: str | None = None,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
) -> Notification:
    """Store and push a notification; its text is rendered in each reader's language
    from `kind` and `params` (notifications.messages); `title` keeps the Vietnamese."""
    n = Notification(
        user_id=user_id,
        kind=kind,
        title=render(kind, params, "vi", kind)[:500],
        params=params,
        body=body,
        subject_type=subject_type,
        subject_id=subject_id,
        created_at=utcnow(),
    )
    session.add(n)
    await session.flush()
    emit(session, user_channel(user_id), snapshot(n))
    return n


async def list_notifications(
    *, db: Database, principal: Principal, unread_only: bool, page: PageRequest
) -> Page[Notification]:
    stmt = visible(select(Notification), Notification, principal)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return await paginate(
        db.session, stmt.order_by(Notification.created_at.desc(), Notification.id), page
    )


async def unread_count(*, session: AsyncSession, principal: Principal) -> int:
    stmt = visible(select(func.count()).select_from(Notification), Notification, principal)
    return int(await session.scalar(stmt.where(Notification.read_at.is_(None))) or 0)


async def mark_read(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID] | None
) -> int:
    """Mark the given (or all) of your notifications read; returns how many changed."""
    stmt = update(Notification).where(
        Notification.user_id == principal.user_id, Notification.read_at.is_(None)
    )
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    result = await session.execute(stmt.values(read_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def created_since(
    *, session: AsyncSession, principal: Principal, since: datetime, limit: int = 100
) -> list[Notification]:
    """Your notifications created at or after `since`, oldest first (what a live subscriber
    re-reads after the broker lost messages)."""
    stmt = (
        visible(select(Notification), Notification, principal)
        .where(Notification.created_at >= since)
        .order_by(Notification.created_at, Notification.id)
        .limit(limit)
    )
    return list(await session.scalars(stmt))
