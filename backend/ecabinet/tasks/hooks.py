"""How tasks react to meetings: an issued conclusion notice creates one task per
directive (meetings never import tasks; they run the hook)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Principal
from ecabinet.meetings import service as meetings
from ecabinet.meetings.enums import MeetingKind, ParticipantRole
from ecabinet.tasks import service
from ecabinet.tasks.enums import TaskAuthority, TaskSourceKind
from ecabinet.tasks.models import Task

# in whose name a meeting's conclusions assign tasks
AUTHORITY_BY_KIND = {
    MeetingKind.REGULAR: TaskAuthority.GOVERNMENT,
    MeetingKind.THEMATIC: TaskAuthority.GOVERNMENT,
    MeetingKind.EXTRAORDINARY: TaskAuthority.GOVERNMENT,
    MeetingKind.STEERING_COMMITTEE: TaskAuthority.MINISTER_CHAIRMAN,
}


async def tasks_from_conclusion(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting: Any,
    conclusion: Any,
    directives: list[Any],
) -> list[Task]:
    """One task per directive, assigned by the meeting's chair (else the issuer)."""
    people = await meetings.participants_by_meeting(
        session=session, principal=principal, meeting_ids=[meeting.id]
    )
    chair = next((p.user_id for p in people[meeting.id] if p.role == ParticipantRole.CHAIR), None)
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
                authority=AUTHORITY_BY_KIND.get(meeting.kind, TaskAuthority.GOVERNMENT),
                source_kind=TaskSourceKind.MEETING_CONCLUSION,
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
