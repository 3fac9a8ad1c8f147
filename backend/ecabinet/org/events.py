"""What the org domain publishes after commit. Subscribers re-check the policy for
each message, so a snapshot here may carry fields that some subscribers cannot see."""

from __future__ import annotations

import uuid
from typing import Any

from ecabinet.org.models import User


def user_channel(user_id: uuid.UUID) -> str:
    return f"org.user.{user_id}"


def user_snapshot(user: User, version: int) -> dict[str, Any]:
    return {"type": "user.updated", "id": str(user.id), "version": version}
