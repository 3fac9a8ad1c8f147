"""Query and Mutation fields of task tracking. Thin: decode IDs, call one service function."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.files.routes import storage
from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.relay import Connection, connection
from ecabinet.graphql.uploads import read_chunks
from ecabinet.platform.ids import decode_optional, decode_uuid
from ecabinet.platform.pagination import PageRequest
from ecabinet.tasks import service
from ecabinet.tasks.loaders import TaskByIdLoader
from ecabinet.tasks.types import (
    CancelTaskInput,
    CommentOnTaskInput,
    CreateTaskInput,
    DecideExtensionInput,
    ReportProgressInput,
    RequestExtensionInput,
    Task,
    TaskFilter,
    TaskPayload,
    UnitTaskStatistics,
    UpdateTaskInput,
)


async def task_node(ctx: Any, key: uuid.UUID) -> Task | None:
    row = await ctx.loader(TaskByIdLoader).load(key)
    return Task.from_model(row) if row else None


def _attachment(upload: Any) -> service.NewAttachment:
    return service.NewAttachment(
        filename=upload.filename or "file",
        content_type=upload.content_type or "",
        chunks=read_chunks(upload),
    )


@strawberry.type
class Query:
    @strawberry.field(
        description="Tasks you may see: your unit's (as lead or coordinator), "
        "those you assigned or are responsible for; leaders see all."
    )
    async def tasks(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: TaskFilter | None = None,
    ) -> Connection[Task] | None:
        f = filter or TaskFilter()
        page = await service.list_tasks(
            db=info.context.db,
            principal=info.context.principal,
            filter=service.TaskFilter(
                unit_id=decode_optional(f.unit_id, "OrgUnit"),
                unit_role=f.unit_role.value,
                status=[s.value for s in f.status] if f.status else None,
                overdue=f.overdue,
                due_within_days=f.due_within_days,
                source_meeting_id=decode_optional(f.source_meeting_id, "Meeting"),
                assigned_by_id=decode_optional(f.assigned_by_id, "User"),
                responsible_id=decode_optional(f.responsible_id, "User"),
                search=f.search,
                sort=f.sort.value,
            ),
            page=PageRequest(first=first, after=after, last=last, before=before),
        )
        return connection(page, Task.from_model)

    @strawberry.field(description="A task by ID; null if absent or not visible.")
    async def task(self, info: strawberry.Info, id: strawberry.ID) -> Task | None:
        return await task_node(info.context, decode_uuid(id, "Task"))

    @strawberry.field(
        description="Per lead unit: assigned, completed on time / late, in "
        "progress, overdue and on-time rate, for tasks due in [from, to]."
    )
    async def task_statistics(
        self,
        info: strawberry.Info,
        from_: Annotated[
            date | None, strawberry.argument(name="from", description="First due date (incl.).")
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Last due date (incl.).")
        ] = None,
        unit_ids: Annotated[
            list[strawberry.ID] | None, strawberry.argument(description="Only these lead units.")
        ] = None,
    ) -> list[UnitTaskStatistics]:
        async with info.context.db.session() as s:
            rows = await service.statistics(
                session=s,
                principal=info.context.principal,
                due_from=from_,
                due_to=to,
                unit_ids=[decode_uuid(u, "OrgUnit") for u in unit_ids] if unit_ids else None,
            )
        return [
            UnitTaskStatistics(
                unit_key=r.unit_id,
                assigned=r.assigned,
                completed_on_time=r.completed_on_time,
                completed_late=r.completed_late,
                in_progress=r.in_progress,
                overdue=r.overdue,
                on_time_rate=r.on_time_rate,
            )
            for r in rows
        ]


Action = Callable[[AsyncSession], Awaitable[Any]]


async def _payload(info: strawberry.Info, action: Action) -> TaskPayload:
    obj, errors = await run_mutation(info, action)
    return TaskPayload(task=Task.from_model(obj) if obj else None, errors=errors)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Assign a task (SECRETARY, CABINET_MEMBER).")
    async def create_task(self, info: strawberry.Info, input: CreateTaskInput) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.create_task(
                session=s,
                principal=p,
                new=service.NewTask(
                    title=input.title,
                    lead_unit_id=decode_uuid(input.lead_unit_id, "OrgUnit"),
                    coordinating_unit_ids=[
                        decode_uuid(u, "OrgUnit") for u in input.coordinating_unit_ids
                    ],
                    description=input.description,
                    responsible_id=decode_optional(input.responsible_id, "User"),
                    due_date=input.due_date,
                    priority=input.priority.value,
                    authority=input.authority.value,
                    source_kind=input.source_kind.value,
                    source_reference=input.source_reference,
                    confidentiality=input.confidentiality,
                ),
            ),
        )

    @strawberry.mutation(
        description="Change a task (its assigner; its level also the secretariat). A "
        "completed or cancelled task keeps its deadline."
    )
    async def update_task(self, info: strawberry.Info, input: UpdateTaskInput) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.update_task(
                session=s,
                principal=p,
                task_id=decode_uuid(input.id, "Task"),
                title=input.title,
                description=input.description,
                due_date=input.due_date,
                priority=input.priority.value if input.priority else None,
                responsible_id=decode_optional(input.responsible_id, "User"),
                coordinating_unit_ids=[
                    decode_uuid(u, "OrgUnit") for u in input.coordinating_unit_ids
                ]
                if input.coordinating_unit_ids is not None
                else None,
                confidentiality=input.confidentiality,
            ),
        )

    @strawberry.mutation(description="Cancel a task (its assigner).")
    async def cancel_task(self, info: strawberry.Info, input: CancelTaskInput) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.cancel_task(
                session=s, principal=p, task_id=decode_uuid(input.id, "Task"), reason=input.reason
            ),
        )

    @strawberry.mutation(description="Report progress (the lead unit); 100% completes the task.")
    async def report_progress(
        self, info: strawberry.Info, input: ReportProgressInput
    ) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.report_progress(
                session=s,
                principal=p,
                task_id=decode_uuid(input.task_id, "Task"),
                text=input.text,
                progress=input.progress,
                attachments=[_attachment(u) for u in input.attachments],
                storage=storage(info.context.runtime),
            ),
        )

    @strawberry.mutation(description="Comment (lead or coordinating unit, assigner).")
    async def comment_on_task(
        self, info: strawberry.Info, input: CommentOnTaskInput
    ) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.comment(
                session=s, principal=p, task_id=decode_uuid(input.task_id, "Task"), text=input.text
            ),
        )

    @strawberry.mutation(description="Ask the assigner for a later deadline (the lead unit).")
    async def request_extension(
        self, info: strawberry.Info, input: RequestExtensionInput
    ) -> TaskPayload:
        p = info.context.principal

        async def run(s: AsyncSession) -> Any:
            row = await service.request_extension(
                session=s,
                principal=p,
                task_id=decode_uuid(input.task_id, "Task"),
                new_due_date=input.new_due_date,
                reason=input.reason,
            )
            return await service.get_task(session=s, principal=p, task_id=row.task_id)

        return await _payload(info, run)

    @strawberry.mutation(
        description="Approve or refuse an extension request (the assigner, never on their "
        "own request)."
    )
    async def decide_extension(
        self, info: strawberry.Info, input: DecideExtensionInput
    ) -> TaskPayload:
        p = info.context.principal
        return await _payload(
            info,
            lambda s: service.decide_extension(
                session=s,
                principal=p,
                request_id=decode_uuid(input.id, "ExtensionRequest"),
                approve=input.approve,
                note=input.note,
            ),
        )
