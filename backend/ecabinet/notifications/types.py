"""GraphQL types of notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.notifications.messages import render
from ecabinet.notifications.models import Notification as NotificationModel


@strawberry.type(description="A message to you: a reminder, an assignment, an invitation.")
class Notification(Node):
    kind: str = strawberry.field(
        description="e.g. TASK_DUE_7, TASK_DUE_1, TASK_OVERDUE, TASK_ASSIGNED."
    )
    stored_title: strawberry.Private[str]
    params: strawberry.Private[dict[str, Any]]
    body: str | None = strawberry.field(description="More text.")
    subject_id: strawberry.ID | None = strawberry.field(
        description="Global ID of what it is about."
    )
    created_at: datetime = strawberry.field(description="When.")
    read_at: datetime | None = strawberry.field(description="When you read it.")

    @strawberry.field(description="The message, in the request's language.")
    def title(self, info: strawberry.Info) -> str:
        return render(self.kind, self.params, info.context.lang, self.stored_title)

    @classmethod
    def from_model(cls, m: NotificationModel) -> Notification:
        return cls(
            id=gid("Notification", m.id),
            kind=m.kind,
            stored_title=m.title,
            params=m.params or {},
            body=m.body,
            subject_id=gid(m.subject_type, m.subject_id)
            if m.subject_type and m.subject_id
            else None,
            created_at=m.created_at,
            read_at=m.read_at,
        )

    @classmethod
    def from_snapshot(cls, s: dict[str, Any]) -> Notification:
        return cls(
            id=gid("Notification", s["id"]),
            kind=s["kind"],
            stored_title=s["title"],
            params=s.get("params") or {},
            body=s["body"],
            subject_id=gid(s["subjectType"], s["subjectId"]) if s["subjectId"] else None,
            created_at=datetime.fromisoformat(s["createdAt"]),
            read_at=None,
        )


@strawberry.input(description="Which notifications to mark read.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="None: all.")


@strawberry.type(description="Result of marking notifications read.")
class MarkNotificationsReadPayload:
    count: int = strawberry.field(description="How many were marked.")
    unread: int = strawberry.field(description="How many remain unread.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")
