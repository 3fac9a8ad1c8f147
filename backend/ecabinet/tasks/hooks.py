"""How tasks react to meetings: an issued conclusion notice creates one task per
directive (meetings never import tasks; they run the hook)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Principal
from ecabinet.tasks import service
from ecabinet.tasks.models import Task

AUTHORITY_BY_KIND = {
    "REGULAR": "GOVERNMENT",
    "THEMATIC": "GOVERNMENT",
    "EXTRAORDINARY": "GOVERNMENT",
    "STEERING_COMMITTEE": "MINISTER_CHAIRMAN",
}


async def tasks_from_conclusion(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting: Any,
    conclusion: Any,
    directives: list[Any],
) -> list[Task]:
    from ecabinet.meetings.models import Participant

    chair = await session.scalar(
        select(Participant.user_id).where(
            Participant.meeting_id == meeting.id, Participant.role == "CHAIR"
        )
    )
    created = []
    for d in directives:
        task = await service.create_task(
            session=session,
            principal=principal,
            check_role=False,
            new=service.NewTask(
                title=d.title,
                lead_unit_id=d.lead_unit_id,
                coordinating_unit_ids=[uuid.UUID(u) for u in d.coordinating_unit_ids],
                due_date=d.due_date,
                authority=AUTHORITY_BY_KIND.get(meeting.kind, "GOVERNMENT"),
                source_kind="MEETING_CONCLUSION",
                source_meeting_id=meeting.id,
                source_directive_id=d.id,
                source_reference=conclusion.number,
                confidentiality=meeting.confidentiality,
                assigned_by_id=chair or principal.user_id,
            ),
        )
        d.task_id = task.id
        created.append(task)
    return created

