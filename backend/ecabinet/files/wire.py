"""What files plug into the platform (called from `app.DOMAINS`): `GET /files/{id}`
(who may download is decided by the owner domains' `registry.file_owner` checks)."""

from __future__ import annotations

from ecabinet.files import routes
from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    registry.route(*routes.routes)
