"""What the auth package publishes after commit: a user's sessions ended (deactivated, new
password). Every open WebSocket of that user closes at once (graphql/view.py)."""

from __future__ import annotations

import uuid

SESSION_ENDED = {"type": "SESSION_ENDED"}


def session_channel(user_id: uuid.UUID | str) -> str:
    return f"session:{user_id}"
