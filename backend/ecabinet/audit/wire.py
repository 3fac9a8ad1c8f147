"""What audit plugs into the platform (called from `app.DOMAINS`): nothing yet — events
are recorded by `platform.audit` inside each unit of work and read through the schema."""

from __future__ import annotations

from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    del registry
