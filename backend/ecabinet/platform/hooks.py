"""In-process hooks: how a domain reacts to another's event inside the same transaction
without importing it (tasks react to meetings; meetings never import tasks)."""

from __future__ import annotations

from typing import Any

from ecabinet.platform.wiring import ACTIVE, Hook

__all__ = ["Hook", "run"]


async def run(name: str, **kwargs: Any) -> list[Any]:
    """Call the hooks registered for `name` (by the domains' wire()), in order."""
    return [await fn(**kwargs) for fn in ACTIVE.hooks.get(name, ())]
