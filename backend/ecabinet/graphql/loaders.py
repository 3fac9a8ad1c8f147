"""Base class of the per-request DataLoaders (`<Thing>By<Key>Loader` in each domain)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

if TYPE_CHECKING:
    from ecabinet.graphql.context import Context

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loader(DataLoader[K, V | None], Generic[K, V]):
    """Batches keys of one tick into one query, in a session of its own (sibling fields
    resolve concurrently, and an AsyncSession must never be shared between tasks).
    Row filters of the policy apply inside `fetch`."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        super().__init__(load_fn=self._batch)

    async def _batch(self, keys: Sequence[K]) -> list[V | None]:
        async with self.ctx.db.session() as session:
            found = await self.fetch(session, list(dict.fromkeys(keys)))
        return [found.get(k) for k in keys]

    async def fetch(self, session: AsyncSession, keys: list[K]) -> dict[K, Any]:
        raise NotImplementedError
