"""In-process hooks: how a domain reacts to another's event inside the same transaction
without importing it (tasks react to meetings; meetings never import tasks)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

Hook = Callable[..., Awaitable[Any]]
_HOOKS: dict[str, list[Hook]] = {}


def register(name: str, fn: Hook) -> Hook:
    if fn not in _HOOKS.setdefault(name, []):
        _HOOKS[name].append(fn)
    return fn


async def run(name: str, **kwargs: Any) -> list[Any]:
    return [await fn(**kwargs) for fn in _HOOKS.get(name, ())]
