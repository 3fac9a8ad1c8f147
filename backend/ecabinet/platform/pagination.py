"""Offset pagination behind Relay connections: validated arguments, one page query,
and a count that runs only when `totalCount` is asked for."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.platform.errors import BadUserInput
from ecabinet.platform.i18n import Message

MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_OFFSET = 2**31 - 1  # far beyond any list; the databases' OFFSET overflows at 2**63
T = TypeVar("T")

BAD_FIRST = Message("first/last phải từ 0 đến {max}", "first/last must be between 0 and {max}")
BAD_CURSOR = Message("Con trỏ phân trang không hợp lệ", "Invalid pagination cursor")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        kind, _, value = raw.partition(":")
        offset = int(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadUserInput(BAD_CURSOR) from exc
    if kind != "o" or not 0 <= offset <= MAX_OFFSET:
        raise BadUserInput(BAD_CURSOR)
    return offset


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    def window(self) -> tuple[int, int | None, int]:
        """(start offset, end offset or None, limit) from Relay's four arguments."""
        for n in (self.first, self.last):
            if n is not None and not 0 <= n <= MAX_PAGE:
                raise BadUserInput(BAD_FIRST, max=MAX_PAGE)
        start = decode_cursor(self.after) + 1 if self.after else 0
        end = decode_cursor(self.before) if self.before else None
        if self.first is None and self.last is None:
            limit = DEFAULT_PAGE
        elif self.first is not None:
            limit = self.first
        else:
            limit = self.last  # type: ignore[assignment]
        if self.last is not None and self.first is None:
            if end is None:
                return start, None, -limit  # negative: the last `limit` rows
            start = max(start, end - limit)
        if end is not None:
            limit = min(limit, max(0, end - start))
        return start, end, limit


@dataclass
class Page(Generic[T]):
    items: Sequence[T]
    offset: int
    has_next: bool
    has_previous: bool
    count: Callable[[], Awaitable[int]]


async def paginate(
    session_factory: Callable[[], Any],
    stmt: Select[Any],
    request: PageRequest,
) -> Page[Any]:
    """Run one page of `stmt` (which must be ordered) in its own short session."""
    start, end, limit = request.window()
    count_stmt = select(func.count()).select_from(stmt.order_by(None).subquery())

    async def count() -> int:
        async with session_factory() as s:
            return int((await s.execute(count_stmt)).scalar_one())

    async with session_factory() as session:
        if limit < 0:  # last N without `before`: needs the total to find the start
            total = int((await session.execute(count_stmt)).scalar_one())
            start = max(start, total + limit)
            limit = -limit
        rows = await _fetch(session, stmt, start, limit + 1)
    has_next = len(rows) > limit
    items = rows[:limit]
    if end is not None:
        has_next = has_next or start + len(items) < end
    return Page(items=items, offset=start, has_next=has_next, has_previous=start > 0, count=count)


async def _fetch(session: AsyncSession, stmt: Select[Any], offset: int, limit: int) -> list[Any]:
    result = await session.execute(stmt.offset(offset).limit(limit))
    return list(result.scalars().unique().all())
