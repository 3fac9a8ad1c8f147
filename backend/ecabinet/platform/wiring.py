"""Explicit wiring: what each domain plugs into the platform, registered in one call.

Each domain has one `wire(registry)` in its `wire.py` that registers its periodic jobs,
its hooks (reactions to another domain's events, inside the same transaction), its Relay
node types, the owner checks of its stored files and its HTTP routes. `app.py` calls the
`wire()` of every domain from one list (`DOMAINS`) and installs the result as the
process's registry, which the job runner, `hooks.run`, `Query.node` and `GET /files/{id}`
consult. Nothing registers by the side effect of an import: deleting an unrelated import
cannot silently turn off a rule, and `tests/platform/test_wiring.py` pins every job and
hook by name.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecabinet.platform.broker import Broker
    from ecabinet.platform.db import Database

JobFn = Callable[["Database", "Broker"], Awaitable[Any]]
Hook = Callable[..., Awaitable[Any]]
NodeFetcher = Callable[[Any, uuid.UUID], Awaitable[Any]]
FileCheck = Callable[..., Awaitable[bool]]  # (session, principal, stored file) -> may fetch


@dataclass(frozen=True)
class Job:
    """A periodic job: idempotent and run by every process, or `single_runner` (one
    process at a time holds its lease, see `platform/jobs.py`)."""

    name: str
    interval: float
    fn: JobFn
    single_runner: bool = False


@dataclass
class Registry:
    """Jobs, hooks, node types, file owners and routes of the domains."""

    jobs: dict[str, Job] = field(default_factory=dict)
    hooks: dict[str, list[Hook]] = field(default_factory=dict)
    nodes: dict[str, NodeFetcher] = field(default_factory=dict)
    file_owners: dict[str, FileCheck] = field(default_factory=dict)
    routes: list[Any] = field(default_factory=list)  # starlette BaseRoute

    def job(self, name: str, interval: float, fn: JobFn, *, single_runner: bool = False) -> None:
        """Run `fn(db, broker)` every `interval` seconds."""
        self.jobs[name] = Job(name, interval, fn, single_runner)

    def hook(self, name: str, fn: Hook) -> None:
        """Call `fn(**kwargs)` whenever a service runs `hooks.run(name, **kwargs)`."""
        if fn not in self.hooks.setdefault(name, []):
            self.hooks[name].append(fn)

    def node(self, type_name: str, fetch: NodeFetcher) -> None:
        """How `Query.node` loads a `type_name` (through the type's loader, so that its
        row filter applies)."""
        self.nodes[type_name] = fetch

    def file_owner(self, owner_type: str, check: FileCheck) -> None:
        """Who may download a stored file owned by an `owner_type` record."""
        self.file_owners[owner_type] = check

    def route(self, *routes: Any) -> None:
        """HTTP routes of the domain (exports, downloads)."""
        for route in routes:
            if route not in self.routes:
                self.routes.append(route)

    def install(self) -> None:
        """Make these registrations the process's (idempotent: an app built twice in one
        process registers the same things once)."""
        if self is ACTIVE:
            return
        ACTIVE.jobs.update(self.jobs)
        for name, fns in self.hooks.items():
            for fn in fns:
                ACTIVE.hook(name, fn)
        ACTIVE.nodes.update(self.nodes)
        ACTIVE.file_owners.update(self.file_owners)
        ACTIVE.route(*self.routes)


Wire = Callable[[Registry], None]


def wire_all(domains: Iterable[Wire], registry: Registry | None = None) -> Registry:
    """Call every domain's `wire()` on one registry."""
    registry = registry if registry is not None else Registry()
    for wire in domains:
        wire(registry)
    return registry


ACTIVE = Registry()
"""The process's registry, installed by `app.create_app` (and the CLI)."""
