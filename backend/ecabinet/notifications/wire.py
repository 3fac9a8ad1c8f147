"""What notifications plug into the platform (called from `app.DOMAINS`): nothing yet —
notifications are written by the other domains' services and read through the schema."""

from __future__ import annotations

from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    del registry
