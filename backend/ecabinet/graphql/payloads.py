"""Mutation payloads: the changed object plus `errors: [UserError!]!`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message
from ecabinet.platform.ids import InvalidId

T = TypeVar("T")

INVALID_ID = Message("Mã định danh không hợp lệ", "Invalid ID")


@strawberry.type(description="A business-rule failure of a mutation, in the request's language.")
class UserError:
    code: str = strawberry.field(description="Stable machine-readable code, e.g. ALREADY_VOTED.")
    message: str = strawberry.field(description="Human-readable text (vi or en).")
    field: list[str] | None = strawberry.field(
        default=None, description="Path of the input field at fault, if any."
    )


async def run_mutation(
    info: strawberry.Info, action: Callable[[AsyncSession], Awaitable[T]]
) -> tuple[T | None, list[UserError]]:
    """Run `action` as one unit of work. Domain errors become UserErrors and roll back;
    anything else propagates to the error extension (INTERNAL_SERVER_ERROR)."""
    ctx: Any = info.context
    try:
        async with ctx.unit_of_work() as session:
            result = await action(session)
        return result, []
    except DomainError as exc:
        return None, [UserError(code=exc.code, message=exc.text(ctx.lang), field=exc.field)]
    except InvalidId:
        return None, [UserError(code="INVALID_ID", message=INVALID_ID.render(ctx.lang))]
