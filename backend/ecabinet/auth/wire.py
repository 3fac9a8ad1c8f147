"""What the authorization server plugs into the platform (called from `app.DOMAINS`):
its routes (`/auth/*`, `/.well-known/*`), and ending every sign-in of a user who is
deactivated or given a new password."""

from __future__ import annotations

from ecabinet.auth import routes, service
from ecabinet.org.service import USER_LOCKED_OUT_HOOK
from ecabinet.platform.wiring import Registry


def wire(registry: Registry) -> None:
    registry.hook(USER_LOCKED_OUT_HOOK, service.end_user_sessions)
    registry.route(*routes.routes)
