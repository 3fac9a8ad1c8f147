"""What org plugs into the platform (called from `app.DOMAINS`)."""

from __future__ import annotations

from ecabinet.org import schema
from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    registry.node("User", schema.user_node)
    registry.node("OrgUnit", schema.unit_node)
