"""Relay plumbing: the Node interface, global IDs, connections with totalCount."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import strawberry

from ecabinet.platform.ids import InvalidId, from_global_id, to_global_id
from ecabinet.platform.pagination import Page, encode_cursor
from ecabinet.platform.wiring import ACTIVE, NodeFetcher

T = TypeVar("T")


@strawberry.interface(description="An object with a globally unique, opaque ID.")
class Node:
    id: strawberry.ID = strawberry.field(description="The opaque global ID of the object.")


def gid(type_name: str, key: uuid.UUID | str) -> strawberry.ID:
    return strawberry.ID(to_global_id(type_name, key))


@strawberry.type(description="Where a page of a connection sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item.")


@strawberry.type(description="An item of a connection, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque cursor for `after`/`before`.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, Relay style.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page with cursors.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The items of this page.")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]

    @strawberry.field(description="Number of items in the whole list (that you may see).")
    async def total_count(self) -> int:
        return await self._count()


def connection(page: Page[Any], to_type: Callable[[Any], T]) -> Connection[T]:
    edges = [
        Edge(cursor=encode_cursor(page.offset + i), node=to_type(item))
        for i, item in enumerate(page.items)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=page.count,
    )


# ---- node registry: type name → how to load one (through the type's loader) ----------

# the process's node types: what the domains' wire() registered (platform/wiring.py)
NODE_FETCHERS: dict[str, NodeFetcher] = ACTIVE.nodes


async def resolve_node(ctx: Any, global_id: str) -> Any:
    """The object behind a global ID, or None if it does not exist or may not be seen."""
    try:
        type_name, key = from_global_id(global_id)
        fetch = NODE_FETCHERS.get(type_name)
        if fetch is None:
            return None
        return await fetch(ctx, uuid.UUID(key))
    except (InvalidId, ValueError):
        return None
