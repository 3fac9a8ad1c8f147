"""GraphQL types of task tracking (written by hand)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.files.types import File
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.meetings.loaders import MeetingByIdLoader
from ecabinet.meetings.types import Meeting
from ecabinet.org.loaders import OrgUnitByIdLoader
from ecabinet.org.types import Clearance, OrgUnit, User, load_unit, load_user
from ecabinet.platform.clock import today
from ecabinet.tasks import access, deadlines, enums, models
from ecabinet.tasks.loaders import (
    AttachmentsByReportLoader,
    CommentsByTaskLoader,
    CoordinatorsByTaskLoader,
    ExtensionsByTaskLoader,
    HistoryByTaskLoader,
    ReportsByTaskLoader,
)

# the domain's enums (tasks/enums.py), wrapped under their schema names
TaskStatus = strawberry.enum(
    enums.TaskStatus, description="NOT_STARTED → IN_PROGRESS → COMPLETED, or CANCELLED."
)
TaskPriority = strawberry.enum(
    enums.TaskPriority, description="How urgent the task is, LOW to URGENT."
)
TaskAuthority = strawberry.enum(
    enums.TaskAuthority, description="In whose name the task was assigned."
)
TaskSourceKind = strawberry.enum(enums.TaskSourceKind, description="Where the task comes from.")
UnitRole = strawberry.enum(
    enums.TaskUnitRole,
    name="UnitRole",
    description="A unit's part in a task: lead (chủ trì), coordinator (phối hợp) or either.",
)
TaskSort = strawberry.enum(enums.TaskSort, description="Order of a task list.")
ExtensionStatus = strawberry.enum(
    enums.ExtensionStatus, description="PENDING, then APPROVED or REFUSED by the assigner."
)
TasksErrorCode = strawberry.enum(
    enums.TasksErrorCode,
    description="The codes of task tracking: in `UserError.code` (a String, for "
    "compatibility) for business rules, in a FORBIDDEN error's `extensions.reason` for "
    "refusals (NOT_ASSIGNER, NOT_LEAD_UNIT, NOT_INVOLVED, NOT_CLEARED_FOR_LEVEL, "
    "DECLASSIFY_NEEDS_SECRETARIAT, OWN_EXTENSION_REQUEST, ASSIGNER_SETS_DEADLINE).",
)

# history details that name a record, shown as the record's global ID (stored raw)
_HISTORY_IDS = {"lead": "OrgUnit", "responsible": "User"}


def _history_details(details: dict[str, Any]) -> dict[str, Any]:
    out = dict(details)
    for key, type_name in _HISTORY_IDS.items():
        value = out.get(key)
        if isinstance(value, str):
            try:
                out[key] = gid(type_name, uuid.UUID(value))
            except ValueError:  # stored before issue 9: already a global ID
                pass
    return out


@strawberry.type(description="A progress report by the lead unit.")
class TaskReport(Node):
    key: strawberry.Private[uuid.UUID]
    author_key: strawberry.Private[uuid.UUID | None]
    text: str = strawberry.field(description="What was done.")
    progress: int = strawberry.field(description="Progress after this report, in percent.")
    created_at: datetime = strawberry.field(description="When.")

    @strawberry.field(description="Who reported.")
    async def author(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.author_key)

    @strawberry.field(
        description="Files sent with the report (as confidential as the task); "
        "download through `File.url`."
    )
    async def attachments(self, info: strawberry.Info) -> list[File]:
        rows = await info.context.loader(AttachmentsByReportLoader).load(self.key) or []
        return [File.from_model(f) for f in rows]


@strawberry.type(description="A comment on a task (typically by a coordinating unit).")
class TaskComment(Node):
    author_key: strawberry.Private[uuid.UUID | None]
    unit_key: strawberry.Private[uuid.UUID | None]
    text: str = strawberry.field(description="The comment.")
    created_at: datetime = strawberry.field(description="When.")

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.author_key)

    @strawberry.field(description="Their unit.")
    async def unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.unit_key)


@strawberry.type(description="A request to move a task's deadline.")
class ExtensionRequest(Node):
    m: strawberry.Private[models.ExtensionRequest]
    task_m: strawberry.Private[models.Task]
    requester_key: strawberry.Private[uuid.UUID | None]
    decider_key: strawberry.Private[uuid.UUID | None]
    requested_due_date: date = strawberry.field(description="The deadline asked for.")
    reason: str = strawberry.field(description="Why.")
    status: ExtensionStatus = strawberry.field(description="Decision.")
    decision_note: str | None = strawberry.field(description="The assigner's note.")
    created_at: datetime = strawberry.field(description="When asked.")
    decided_at: datetime | None = strawberry.field(description="When decided.")

    @strawberry.field(description="Who asked.")
    async def requested_by(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.requester_key)

    @strawberry.field(description="Who decided.")
    async def decided_by(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.decider_key)

    @strawberry.field(
        description="Whether you may approve or refuse it now: the task's assigner, never on "
        "their own request, while it is pending (tasks/access.py can_decide_extension)."
    )
    def viewer_can_decide(self, info: strawberry.Info) -> bool:
        return access.can_decide_extension(info.context.principal, self.task_m, self.m)


@strawberry.type(description="One change in a task's history.")
class TaskHistoryEntry:
    actor_key: strawberry.Private[uuid.UUID | None]
    at: datetime = strawberry.field(description="When.")
    kind: str = strawberry.field(description="CREATED, PROGRESS, EXTENSION_APPROVED, …")
    details: JSON = strawberry.field(description="What changed.")

    @strawberry.field(description="Who.")
    async def actor(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.actor_key)


@strawberry.type(
    description="A task assigned by the Government, the Prime Minister or the "
    "Office's leaders: lead unit (chủ trì), coordinating units (phối hợp), deadline."
)
class Task(Node):
    m: strawberry.Private[models.Task]
    code: str = strawberry.field(description="e.g. NV-2019-0003.")
    title: str = strawberry.field(description="What is to be done.")
    description: str | None = strawberry.field(description="Details.")
    due_date: date | None = strawberry.field(description="Deadline.")
    status: TaskStatus = strawberry.field(
        description="Where the task stands: NOT_STARTED, IN_PROGRESS, COMPLETED or CANCELLED."
    )
    priority: TaskPriority = strawberry.field(
        description="How urgent the assigner says it is (lists sort by it)."
    )
    progress: int = strawberry.field(description="Progress in percent.")
    completed_on: date | None = strawberry.field(description="Date of completion.")
    authority: TaskAuthority = strawberry.field(description="Who assigned it.")
    source_kind: TaskSourceKind = strawberry.field(description="Where it comes from.")
    source_reference: str | None = strawberry.field(description="e.g. the notice number.")
    confidentiality: Clearance = strawberry.field(description="Confidentiality level.")
    version: int = strawberry.field(description="Grows with every change.")
    created_at: datetime = strawberry.field(description="When assigned.")
    updated_at: datetime = strawberry.field(description="Last change.")

    @strawberry.field(description="Past its deadline and not completed or cancelled.")
    def is_overdue(self) -> bool:
        return deadlines.is_overdue(self.m.status, self.m.due_date, today())

    @strawberry.field(description="Completed by its deadline; null until completed.")
    def completed_on_time(self) -> bool | None:
        return deadlines.completed_on_time(self.m.status, self.m.completed_on, self.m.due_date)

    @strawberry.field(description="The unit in charge (chủ trì).")
    async def lead_unit(self, info: strawberry.Info) -> OrgUnit:
        unit = await load_unit(info, self.m.lead_unit_id)
        if unit is None:  # a foreign key: only a broken database gets here
            raise LookupError(f"task {self.m.id}: lead unit {self.m.lead_unit_id} not found")
        return unit

    @strawberry.field(description="Coordinating units (phối hợp).")
    async def coordinating_units(self, info: strawberry.Info) -> list[OrgUnit]:
        keys = await info.context.loader(CoordinatorsByTaskLoader).load(self.m.id) or []
        rows = await info.context.loader(OrgUnitByIdLoader).load_many(keys)
        return sorted((OrgUnit.from_model(r) for r in rows if r), key=lambda u: u.code)

    @strawberry.field(description="The person responsible.")
    async def responsible(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.m.responsible_id)

    @strawberry.field(description="Who assigned it.")
    async def assigned_by(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.m.assigned_by_id)

    @strawberry.field(description="The meeting whose conclusion assigned it, if any.")
    async def source_meeting(self, info: strawberry.Info) -> Meeting | None:
        key = self.m.source_meeting_id
        row = await info.context.loader(MeetingByIdLoader).load(key) if key else None
        return Meeting.from_model(row) if row else None

    @strawberry.field(description="Progress reports, newest first.")
    async def reports(self, info: strawberry.Info) -> list[TaskReport]:
        rows = await info.context.loader(ReportsByTaskLoader).load(self.m.id) or []
        return [
            TaskReport(
                id=gid("TaskReport", r.id),
                key=r.id,
                author_key=r.author_id,
                text=r.text,
                progress=r.progress,
                created_at=r.created_at,
            )
            for r in rows
        ]

    @strawberry.field(description="Comments, oldest first.")
    async def comments(self, info: strawberry.Info) -> list[TaskComment]:
        rows = await info.context.loader(CommentsByTaskLoader).load(self.m.id) or []
        return [
            TaskComment(
                id=gid("TaskComment", r.id),
                author_key=r.author_id,
                unit_key=r.unit_id,
                text=r.text,
                created_at=r.created_at,
            )
            for r in rows
        ]

    @strawberry.field(description="Deadline extension requests, newest first.")
    async def extension_requests(self, info: strawberry.Info) -> list[ExtensionRequest]:
        rows = await info.context.loader(ExtensionsByTaskLoader).load(self.m.id) or []
        return [
            ExtensionRequest(
                id=gid("ExtensionRequest", r.id),
                m=r,
                task_m=self.m,
                requester_key=r.requested_by_id,
                decider_key=r.decided_by_id,
                requested_due_date=r.requested_due_date,
                reason=r.reason,
                status=ExtensionStatus(r.status),
                decision_note=r.decision_note,
                created_at=r.created_at,
                decided_at=r.decided_at,
            )
            for r in rows
        ]

    @strawberry.field(description="Full history, oldest first.")
    async def history(self, info: strawberry.Info) -> list[TaskHistoryEntry]:
        rows = await info.context.loader(HistoryByTaskLoader).load(self.m.id) or []
        return [
            TaskHistoryEntry(
                actor_key=r.actor_id, at=r.at, kind=r.kind, details=_history_details(r.details)
            )
            for r in rows
        ]

    @strawberry.field(
        description="Whether you may report progress (your unit leads it, or you are "
        "responsible for it, and it is open)."
    )
    def viewer_can_report(self, info: strawberry.Info) -> bool:
        return access.can_report_progress(info.context.principal, self.m)

    @strawberry.field(
        description="Whether you may change it (title, deadline, people: its assigner; "
        "tasks/access.py can_change_task)."
    )
    def viewer_can_update(self, info: strawberry.Info) -> bool:
        return access.can_change_task(info.context.principal, self.m)

    @strawberry.field(description="Whether you may cancel it (its assigner, while it is open).")
    def viewer_can_cancel(self, info: strawberry.Info) -> bool:
        return access.can_cancel_task(info.context.principal, self.m)

    @strawberry.field(
        description="Whether you may ask for a later deadline (the lead unit or the "
        "responsible person, not its assigner, while it is open and has a deadline)."
    )
    def viewer_can_request_extension(self, info: strawberry.Info) -> bool:
        return access.can_request_extension(info.context.principal, self.m)

    @strawberry.field(
        description="Whether you may comment (the lead and coordinating units, the "
        "responsible person, the assigner)."
    )
    async def viewer_can_comment(self, info: strawberry.Info) -> bool:
        coords = await info.context.loader(CoordinatorsByTaskLoader).load(self.m.id) or []
        return access.can_comment(info.context.principal, self.m, coords)

    @strawberry.field(
        description="Whether you assigned it (edit, cancel, decide others' extension "
        "requests); no role makes you everyone's assigner."
    )
    def viewer_is_assigner(self, info: strawberry.Info) -> bool:
        return access.is_assigner(info.context.principal, self.m)

    @classmethod
    def from_model(cls, m: models.Task) -> Task:
        return cls(
            id=gid("Task", m.id),
            m=m,
            code=m.code,
            title=m.title,
            description=m.description,
            due_date=m.due_date,
            status=TaskStatus(m.status),
            priority=TaskPriority(m.priority),
            progress=m.progress,
            completed_on=m.completed_on,
            authority=TaskAuthority(m.authority),
            source_kind=TaskSourceKind(m.source_kind),
            source_reference=m.source_reference,
            confidentiality=ClearanceLevel(m.confidentiality),
            version=m.version,
            created_at=m.created_at,
            updated_at=m.updated_at,
        )


@strawberry.type(description="Figures of one lead unit for a period (the monthly report).")
class UnitTaskStatistics:
    unit_key: strawberry.Private[uuid.UUID]
    assigned: int = strawberry.field(description="Tasks due in the period (not cancelled).")
    completed_on_time: int = strawberry.field(description="Completed by the deadline.")
    completed_late: int = strawberry.field(description="Completed after the deadline.")
    in_progress: int = strawberry.field(description="Open and not yet due.")
    overdue: int = strawberry.field(description="Open and past the deadline.")
    on_time_rate: float | None = strawberry.field(
        description="Completed on time ÷ (completed + overdue); null when none is decided."
    )

    @strawberry.field(description="The lead unit.")
    async def unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.unit_key)


@strawberry.input(description="Which tasks to list.")
class TaskFilter:
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="A unit's tasks.")
    unit_role: UnitRole = strawberry.field(
        default=UnitRole.ANY, description="As lead, coordinator or either."
    )
    status: list[TaskStatus] | None = strawberry.field(default=None, description="Statuses.")
    overdue: bool | None = strawberry.field(default=None, description="Only (not) overdue.")
    due_within_days: int | None = strawberry.field(
        default=None, description="Open tasks due within N days from today."
    )
    source_meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="From a meeting's conclusion."
    )
    assigned_by_id: strawberry.ID | None = strawberry.field(default=None, description="Assigner.")
    responsible_id: strawberry.ID | None = strawberry.field(default=None, description="Person.")
    search: str | None = strawberry.field(
        default=None, description="Part of the code, title or description."
    )
    sort: TaskSort = strawberry.field(default=TaskSort.DUE_DATE_ASC, description="Order.")


@strawberry.input(description="A new task.")
class CreateTaskInput:
    title: str = strawberry.field(description="What is to be done.")
    lead_unit_id: strawberry.ID = strawberry.field(description="Unit in charge.")
    coordinating_unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Units that help the lead unit (phối hợp)."
    )
    description: str | None = strawberry.field(default=None, description="Details.")
    responsible_id: strawberry.ID | None = strawberry.field(default=None, description="Person.")
    due_date: date | None = strawberry.field(default=None, description="Deadline.")
    priority: TaskPriority = strawberry.field(
        default=TaskPriority.NORMAL, description="How urgent it is (default NORMAL)."
    )
    authority: TaskAuthority = strawberry.field(
        default=TaskAuthority.MINISTER_CHAIRMAN, description="Who assigns it."
    )
    source_reference: str | None = strawberry.field(default=None, description="Document no.")
    source_kind: TaskSourceKind = strawberry.field(
        default=TaskSourceKind.DIRECT, description="Source."
    )
    confidentiality: Clearance = strawberry.field(
        default=ClearanceLevel.INTERNAL, description="Level."
    )


@strawberry.input(description="Changes to a task (assigner); omitted fields stay.")
class UpdateTaskInput:
    id: strawberry.ID = strawberry.field(description="Global ID of the task to change.")
    title: str | None = strawberry.field(default=None, description="What is to be done.")
    description: str | None = strawberry.field(default=None, description="Details.")
    due_date: date | None = strawberry.field(default=None, description="Deadline.")
    priority: TaskPriority | None = strawberry.field(default=None, description="How urgent it is.")
    responsible_id: strawberry.ID | None = strawberry.field(default=None, description="Person.")
    coordinating_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Coordinating units (replaces)."
    )
    confidentiality: Clearance | None = strawberry.field(
        default=None,
        description="New level: you must be cleared for the current and the new level; "
        "raised by the assigner or the secretariat (not above the responsible person's "
        "clearance), lowered only by the secretariat (audited as task.declassify).",
    )


@strawberry.input(description="Cancel a task.")
class CancelTaskInput:
    id: strawberry.ID = strawberry.field(description="The task.")
    reason: str = strawberry.field(description="Why.")


@strawberry.input(description="A progress report.")
class ReportProgressInput:
    task_id: strawberry.ID = strawberry.field(description="Global ID of the task reported on.")
    text: str = strawberry.field(description="What was done.")
    progress: int = strawberry.field(description="New progress, 0–100 (100 completes it).")
    attachments: list[strawberry.file_uploads.Upload] = strawberry.field(
        default_factory=list,
        description="Files (GraphQL multipart request), at most 10 of 50 MB each.",
    )


@strawberry.input(description="A comment.")
class CommentOnTaskInput:
    task_id: strawberry.ID = strawberry.field(description="Global ID of the task commented on.")
    text: str = strawberry.field(description="The comment.")


@strawberry.input(description="Ask for a later deadline.")
class RequestExtensionInput:
    task_id: strawberry.ID = strawberry.field(
        description="Global ID of the task whose deadline should move."
    )
    new_due_date: date = strawberry.field(description="The deadline asked for.")
    reason: str = strawberry.field(description="Why.")


@strawberry.input(description="Approve or refuse an extension request (assigner).")
class DecideExtensionInput:
    id: strawberry.ID = strawberry.field(description="The request.")
    approve: bool = strawberry.field(description="true approves, false refuses.")
    note: str | None = strawberry.field(
        default=None, description="What the assigner tells the requester about the decision."
    )


@strawberry.type(description="Result of a change to a task.")
class TaskPayload:
    task: Task | None = strawberry.field(description="The task; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")
