"""The GraphQL context: one per HTTP request, and one per operation on a WebSocket
(the socket's context is only a template: `for_operation` makes a fresh one, so
DataLoader caches and sessions never outlive an operation)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import ANONYMOUS, Principal
from ecabinet.platform.logs import new_request_id

if TYPE_CHECKING:  # a type only: the runtime is built by the composition
    from ecabinet.runtime import Runtime

L = TypeVar("L")


class Context:
    def __init__(
        self,
        runtime: Runtime,
        *,
        principal: Principal = ANONYMOUS,
        lang: str = "vi",
        request: Any = None,
        request_id: str | None = None,
        response: Any = None,
        cost_paid: int = 0,
    ) -> None:
        self.runtime = runtime
        self.db = runtime.db
        self.broker = runtime.broker
        self.principal = principal
        self.lang = lang
        self.request = request
        self.response = response  # over HTTP: status and headers of the answer (cost)
        self.cost_paid = cost_paid  # points of the cost budget paid on arrival
        self.request_id = request_id or new_request_id()
        self.connection_params: dict[str, Any] | None = None
        self._loaders: dict[type, Any] = {}

    def loader(self, cls: type[L]) -> L:
        """The request's instance of a DataLoader class (created on first use)."""
        instance = self._loaders.get(cls)
        if instance is None:
            instance = self._loaders[cls] = cls(self)  # type: ignore[call-arg]
        return instance  # type: ignore[no-any-return]

    def reset_loaders(self) -> None:
        """Forget cached rows (a subscription does so before each event)."""
        self._loaders.clear()

    def for_operation(self) -> Context:
        ctx = Context(self.runtime, principal=self.principal, lang=self.lang, request=self.request)
        ctx.connection_params = self.connection_params
        return ctx

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """The unit of work (`Database.unit_of_work`: commit, then publish its events)."""
        async with self.db.unit_of_work() as session:
            yield session
