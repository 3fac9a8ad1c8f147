"""What the auth package publishes after commit: a user's sessions ended (deactivated, new
password), one sign-in session ended (logout, a replayed code or refresh token: the
message names its `sid`), a partner client's tokens ended (revoked, new secret). Every
open WebSocket of that session, user or client closes at once (graphql/view.py), and
every process forgets what it cached about that session (auth/revocation.py)."""

from __future__ import annotations

import uuid

SESSION_ENDED = {"type": "SESSION_ENDED"}


def session_channel(user_id: uuid.UUID | str) -> str:
    return f"session:{user_id}"


def client_session_channel(client_id: str) -> str:
    """The channel of a partner client's sessions (`session:client:<client_id>`)."""
    return session_channel(f"client:{client_id}")


# every revoked sign-in session, for the per-process caches of auth/revocation.py
REVOKED_CHANNEL = "auth.revoked"
