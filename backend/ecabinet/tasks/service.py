"""Business rules of task tracking: assignment, progress reports, comments, deadline
extensions, history, filters, statistics, and reminders. Plain async functions."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Clearance, Principal
from ecabinet.authz.rows import visible
from ecabinet.notifications import service as notifications
from ecabinet.notifications.enums import NotificationKind
from ecabinet.org import service as org
from ecabinet.platform import audit
from ecabinet.platform.clock import today, utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.events import emit
from ecabinet.platform.files import StoredFile, store_file
from ecabinet.platform.pagination import Page, PageRequest, paginate
from ecabinet.platform.search import contains_text
from ecabinet.platform.storage import LocalStorage
from ecabinet.tasks import access, deadlines
from ecabinet.tasks.enums import (
    OPEN_STATUSES,
    ExtensionStatus,
    TaskAuthority,
    TaskEventKind,
    TaskPriority,
    TasksErrorCode,
    TaskSort,
    TaskSourceKind,
    TaskStatus,
    TaskUnitRole,
)
from ecabinet.tasks.errors import tasks_error
from ecabinet.tasks.models import (
    ExtensionRequest,
    Task,
    TaskComment,
    TaskCoordinator,
    TaskEvent,
    TaskReport,
)


def task_channel(task_id: uuid.UUID) -> str:
    return f"tasks.task.{task_id}"


def is_overdue(task: Task, on: date | None = None) -> bool:
    """The rule `tasks.deadlines.is_overdue` applied to `task` (today by default)."""
    return deadlines.is_overdue(task.status, task.due_date, on or today())


def completed_on_time(task: Task) -> bool | None:
    """The rule `tasks.deadlines.completed_on_time` applied to `task`."""
    return deadlines.completed_on_time(task.status, task.completed_on, task.due_date)


# ---- reads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    unit_id: uuid.UUID | None = None
    unit_role: TaskUnitRole = TaskUnitRole.ANY
    status: Sequence[TaskStatus] | None = None
    overdue: bool | None = None
    due_within_days: int | None = None
    source_meeting_id: uuid.UUID | None = None
    assigned_by_id: uuid.UUID | None = None
    responsible_id: uuid.UUID | None = None
    search: str | None = None
    sort: TaskSort = TaskSort.DUE_DATE_ASC


def filtered(principal: Principal, f: TaskFilter):  # type: ignore[no-untyped-def]
    stmt = visible(select(Task), Task, principal)
    if f.unit_id:
        lead = Task.lead_unit_id == f.unit_id
        coord = Task.id.in_(
            select(TaskCoordinator.task_id).where(TaskCoordinator.unit_id == f.unit_id)
        )
        stmt = stmt.where(
            lead
            if f.unit_role == TaskUnitRole.LEAD
            else coord
            if f.unit_role == TaskUnitRole.COORDINATOR
            else or_(lead, coord)
        )
    if f.status:
        stmt = stmt.where(Task.status.in_(list(f.status)))
    now = today()
    if f.overdue is True:
        stmt = stmt.where(deadlines.overdue_sql(Task.status, Task.due_date, now))
    elif f.overdue is False:
        stmt = stmt.where(deadlines.not_overdue_sql(Task.status, Task.due_date, now))
    if f.due_within_days is not None:
        stmt = stmt.where(
            Task.status.in_(OPEN_STATUSES),
            Task.due_date >= now,
            Task.due_date <= now + timedelta(days=min(max(0, f.due_within_days), 36_500)),
        )
    if f.source_meeting_id:
        stmt = stmt.where(Task.source_meeting_id == f.source_meeting_id)
    if f.assigned_by_id:
        stmt = stmt.where(Task.assigned_by_id == f.assigned_by_id)
    if f.responsible_id:
        stmt = stmt.where(Task.responsible_id == f.responsible_id)
    if f.search:
        stmt = stmt.where(contains_text(f.search, Task.title, Task.code, Task.description))
    if f.sort == TaskSort.DUE_DATE_DESC:
        stmt = stmt.order_by(Task.due_date.desc().nulls_last(), Task.code)
    elif f.sort == TaskSort.UPDATED_DESC:
        stmt = stmt.order_by(Task.updated_at.desc(), Task.code)
    else:
        stmt = stmt.order_by(Task.due_date.asc().nulls_last(), Task.code)
    return stmt


async def list_tasks(
    *, db: Database, principal: Principal, filter: TaskFilter, page: PageRequest
) -> Page[Task]:
    return await paginate(db.session, filtered(principal, filter), page)


async def tasks_by_ids(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Task]:
    stmt = visible(select(Task), Task, principal).where(Task.id.in_(ids))
    return {t.id: t for t in await session.scalars(stmt)}


async def coordinators_by_task(
    *, session: AsyncSession, principal: Principal, task_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    stmt = visible(select(TaskCoordinator), TaskCoordinator, principal).where(
        TaskCoordinator.task_id.in_(task_ids)
    )
    out: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t in task_ids}
    for row in await session.scalars(stmt):
        out[row.task_id].append(row.unit_id)
    return out


async def _children(
    session: AsyncSession,
    principal: Principal,
    model: Any,
    task_ids: Sequence[uuid.UUID],
    order: Any,
) -> dict[uuid.UUID, list[Any]]:
    stmt = (
        visible(select(model), model, principal).where(model.task_id.in_(task_ids)).order_by(order)
    )
    out: dict[uuid.UUID, list[Any]] = {t: [] for t in task_ids}
    for row in await session.scalars(stmt):
        out[row.task_id].append(row)
    return out


async def reports_by_task(
    *, session: AsyncSession, principal: Principal, task_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[TaskReport]]:
    return await _children(session, principal, TaskReport, task_ids, TaskReport.created_at.desc())


async def comments_by_task(
    *, session: AsyncSession, principal: Principal, task_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[TaskComment]]:
    return await _children(session, principal, TaskComment, task_ids, TaskComment.created_at)


async def extensions_by_task(
    *, session: AsyncSession, principal: Principal, task_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ExtensionRequest]]:
    return await _children(
        session, principal, ExtensionRequest, task_ids, ExtensionRequest.created_at.desc()
    )


async def history_by_task(
    *, session: AsyncSession, principal: Principal, task_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[TaskEvent]]:
    return await _children(session, principal, TaskEvent, task_ids, TaskEvent.at)


# ---- statistics ------------------------------------------------------------------------


@dataclass
class UnitStatistics:
    unit_id: uuid.UUID
    assigned: int = 0
    completed_on_time: int = 0
    completed_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    cancelled: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Completed on time ÷ tasks whose outcome is known (completed, or overdue)."""
        decided = self.completed_on_time + self.completed_late + self.overdue
        return round(self.completed_on_time / decided, 4) if decided else None


async def statistics(
    *,
    session: AsyncSession,
    principal: Principal,
    due_from: date | None = None,
    due_to: date | None = None,
    unit_ids: Sequence[uuid.UUID] | None = None,
) -> list[UnitStatistics]:
    """Per lead unit, tasks with a deadline in [due_from, due_to] (either end open): one
    grouped query over the tasks the principal may see."""
    if due_from and due_to and due_from > due_to:
        raise tasks_error(TasksErrorCode.INVALID_PERIOD, field=["to"])
    now = today()
    base = visible(select(Task), Task, principal)
    if due_from:
        base = base.where(Task.due_date >= due_from)
    if due_to:
        base = base.where(Task.due_date <= due_to)
    if unit_ids:
        base = base.where(Task.lead_unit_id.in_(list(unit_ids)))
    t = base.subquery()
    open_ = t.c.status.in_(OPEN_STATUSES)
    late = deadlines.overdue_sql(t.c.status, t.c.due_date, now)

    def n(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    stmt = select(
        t.c.lead_unit_id,
        n(t.c.status != TaskStatus.CANCELLED),
        n(deadlines.completed_on_time_sql(t.c.status, t.c.completed_on, t.c.due_date)),
        n(deadlines.completed_late_sql(t.c.status, t.c.completed_on, t.c.due_date)),
        n(and_(open_, deadlines.not_overdue_sql(t.c.status, t.c.due_date, now))),
        n(late),
        n(t.c.status == TaskStatus.CANCELLED),
    ).group_by(t.c.lead_unit_id)
    rows = [
        UnitStatistics(uid, *(int(x or 0) for x in rest))
        for uid, *rest in await session.execute(stmt)
    ]
    order = await org.unit_display_order(session=session)
    return sorted(rows, key=lambda r: order.get(r.unit_id, (999, "")))


# ---- changes ---------------------------------------------------------------------------


async def _task(
    session: AsyncSession, principal: Principal, task_id: uuid.UUID, *, lock: bool = True
) -> Task:
    if lock:  # serialise changes of one task (version grows with every change)
        from sqlalchemy import update

        await session.execute(
            update(Task).where(Task.id == task_id).values(version=Task.version + 1)
        )
    task = (
        await session.scalars(
            visible(select(Task), Task, principal)
            .where(Task.id == task_id)
            .execution_options(populate_existing=True)
        )
    ).first()
    if task is None:
        raise tasks_error(TasksErrorCode.TASK_NOT_FOUND, field=["taskId"])
    return task


async def get_task(
    *, session: AsyncSession, principal: Principal, task_id: uuid.UUID, lock: bool = False
) -> Task:
    """The task, if `principal` may see it (TASK_NOT_FOUND otherwise); `lock` serialises
    it with other changes in this unit of work."""
    return await _task(session, principal, task_id, lock=lock)


# a stored history detail is plain JSON in domain terms: raw UUIDs and ISO dates, never
# an API's global IDs (the GraphQL type presents them)
HistoryValue = str | int | bool | None


def _detail(value: object) -> HistoryValue:
    if isinstance(value, uuid.UUID | date):
        return str(value) if isinstance(value, uuid.UUID) else value.isoformat()
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


async def people_in_charge(session: AsyncSession, task: Task) -> list[uuid.UUID]:
    """The responsible person, or else the heads of the lead unit."""
    if task.responsible_id:
        return [task.responsible_id]
    heads = await org.unit_heads(session=session, unit_ids=[task.lead_unit_id])
    return heads.get(task.lead_unit_id, [])


async def notify_about(
    session: AsyncSession,
    task: Task,
    kind: NotificationKind,
    recipients: Sequence[uuid.UUID | None],
    **params: Any,
) -> None:
    """Notify each recipient once; only active people cleared for the task's level get it
    (a notification carries the task's code and title)."""
    wanted = list(dict.fromkeys(r for r in recipients if r))
    if not wanted:
        return
    cleared = await org.active_user_ids(
        session=session, ids=wanted, cleared_for=task.confidentiality
    )
    for uid in (u for u in wanted if u in cleared):
        await notifications.notify(
            session,
            user_id=uid,
            kind=kind,
            subject_type="Task",
            subject_id=task.id,
            params={
                "code": task.code,
                "title": task.title,
                "due": task.due_date.strftime("%d/%m/%Y") if task.due_date else "",
                **params,
            },
        )


def record_change(
    session: AsyncSession,
    principal: Principal,
    task: Task,
    kind: TaskEventKind,
    **details: HistoryValue | uuid.UUID | date,
) -> None:
    """THE one call that records a change of a task: a history row (details in domain
    terms: raw UUIDs, ISO dates), the audit event `task.<kind>` at the task's level, and
    the live event on the task's channel (published after commit)."""
    stored = {k: _detail(v) for k, v in details.items()}
    session.add(
        TaskEvent(
            task_id=task.id, at=utcnow(), actor_id=principal.user_id, kind=kind, details=stored
        )
    )
    audit.record(
        session,
        actor=principal,
        action=f"task.{kind.lower()}",
        entity_type="Task",
        entity_id=task.id,
        level=task.confidentiality,
        details={k: str(v) for k, v in details.items()},
    )
    emit(
        session,
        task_channel(task.id),
        {"id": str(task.id), "version": task.version, "kind": str(kind)},
    )


async def _check_units(session: AsyncSession, ids: Sequence[uuid.UUID], fieldname: str) -> None:
    await org.require_units(
        session=session,
        ids=ids,
        error=lambda: tasks_error(TasksErrorCode.UNIT_NOT_FOUND, field=[fieldname]),
    )


async def _check_responsible(session: AsyncSession, user_id: uuid.UUID, level: int) -> None:
    """The responsible person exists, is active and is cleared for the task's level. One
    answer, RESPONSIBLE_NOT_CLEARED, whether they do not exist or are not cleared: the
    refusal tells nobody another's clearance."""
    await org.require_active_users(
        session=session,
        ids=[user_id],
        cleared_for=int(level),
        error=lambda: tasks_error(TasksErrorCode.RESPONSIBLE_NOT_CLEARED, field=["responsibleId"]),
    )


async def _next_code(session: AsyncSession, year: int) -> str:
    prefix = f"NV-{year}-"
    count = await session.scalar(select(func.count()).where(Task.code.like(f"{prefix}%")))
    return f"{prefix}{(count or 0) + 1:04d}"


@dataclass(frozen=True)
class NewTask:
    title: str
    lead_unit_id: uuid.UUID
    coordinating_unit_ids: Sequence[uuid.UUID] = ()
    description: str | None = None
    responsible_id: uuid.UUID | None = None
    due_date: date | None = None
    priority: TaskPriority = TaskPriority.NORMAL
    authority: TaskAuthority = TaskAuthority.MINISTER_CHAIRMAN
    source_kind: TaskSourceKind = TaskSourceKind.DIRECT
    source_meeting_id: uuid.UUID | None = None
    source_directive_id: uuid.UUID | None = None
    source_reference: str | None = None
    confidentiality: int = Clearance.INTERNAL
    assigned_by_id: uuid.UUID | None = None
    extra: dict[str, Any] = field(default_factory=dict)


async def create_task(
    *, session: AsyncSession, principal: Principal, new: NewTask, check_role: bool = True
) -> Task:
    """Assign a task (`access.can_create_task`; `check_role=False` for the system's own
    assignments, e.g. from an issued conclusion)."""
    if check_role:
        access.require_create_task(principal)
    title = " ".join((new.title or "").split())
    if not title:
        raise tasks_error(TasksErrorCode.TITLE_REQUIRED, field=["title"])
    coords = [u for u in dict.fromkeys(new.coordinating_unit_ids) if u != new.lead_unit_id]
    await _check_units(session, [new.lead_unit_id], "leadUnitId")
    await _check_units(session, coords, "coordinatingUnitIds")
    level = int(Clearance(new.confidentiality))
    if principal.is_user and level > int(principal.clearance):
        raise tasks_error(TasksErrorCode.ABOVE_OWN_CLEARANCE, field=["confidentiality"])
    if new.responsible_id:
        await _check_responsible(session, new.responsible_id, level)
    year = (new.due_date or today()).year
    for _ in range(5):
        try:
            async with session.begin_nested():
                task = Task(
                    code=await _next_code(session, year),
                    title=title,
                    description=(new.description or "").strip() or None,
                    source_kind=new.source_kind,
                    source_meeting_id=new.source_meeting_id,
                    source_directive_id=new.source_directive_id,
                    source_reference=(new.source_reference or "").strip()[:255] or None,
                    assigned_by_id=new.assigned_by_id or principal.user_id,
                    authority=new.authority,
                    lead_unit_id=new.lead_unit_id,
                    responsible_id=new.responsible_id,
                    due_date=new.due_date,
                    priority=new.priority,
                    status=TaskStatus.NOT_STARTED,
                    progress=0,
                    confidentiality=level,
                    version=1,
                )
                session.add(task)
                await session.flush()
            break
        except IntegrityError:  # two creators took the same number: take the next
            continue
    for unit_id in coords:
        session.add(TaskCoordinator(task_id=task.id, unit_id=unit_id))
    await session.flush()
    record_change(
        session,
        principal,
        task,
        TaskEventKind.CREATED,
        code=task.code,
        lead=task.lead_unit_id,
        due=task.due_date,
    )
    await notify_about(
        session, task, NotificationKind.TASK_ASSIGNED, await people_in_charge(session, task)
    )
    return task


async def update_task(
    *,
    session: AsyncSession,
    principal: Principal,
    task_id: uuid.UUID,
    title: str | None = None,
    description: str | None = None,
    due_date: date | None = None,
    priority: TaskPriority | None = None,
    responsible_id: uuid.UUID | None = None,
    coordinating_unit_ids: Sequence[uuid.UUID] | None = None,
    confidentiality: int | None = None,
) -> Task:
    """Changes by the task's assigner (`access.can_change_task`); its level by
    `access.can_change_level` (the secretariat may change the level of a task it did not
    assign, and nothing else)."""
    task = await _task(session, principal, task_id)
    before_level = task.confidentiality
    new_level = None if confidentiality is None else int(Clearance(confidentiality))
    if new_level == before_level:
        new_level = None
    others = (title, description, due_date, priority, responsible_id, coordinating_unit_ids)
    if new_level is None or any(v is not None for v in others):
        access.require_change_task(principal, task)
    changes: dict[str, Any] = {}
    if new_level is not None:
        access.require_change_level(principal, task, new_level)
        if new_level > before_level and task.responsible_id and responsible_id is None:
            await _check_responsible(session, task.responsible_id, new_level)
        task.confidentiality = new_level
        changes["confidentiality"] = f"{Clearance(before_level).name} → {Clearance(new_level).name}"
    if title is not None:
        clean = " ".join(title.split())
        if not clean:
            raise tasks_error(TasksErrorCode.TITLE_REQUIRED, field=["title"])
        task.title = changes["title"] = clean
    if description is not None:
        task.description = description.strip() or None
        changes["description"] = True
    if due_date is not None and due_date != task.due_date:
        if task.status not in OPEN_STATUSES:  # it was judged by it (on time / late)
            raise tasks_error(TasksErrorCode.CLOSED_TASK_DEADLINE, field=["dueDate"])
        changes["dueFrom"], changes["dueTo"] = task.due_date, due_date
        task.due_date = due_date
    if priority is not None:
        task.priority = changes["priority"] = priority
    if responsible_id is not None:
        await _check_responsible(session, responsible_id, task.confidentiality)
        task.responsible_id = changes["responsible"] = responsible_id
    if coordinating_unit_ids is not None:
        coords = [u for u in dict.fromkeys(coordinating_unit_ids) if u != task.lead_unit_id]
        await _check_units(session, coords, "coordinatingUnitIds")
        for row in await session.scalars(
            select(TaskCoordinator).where(TaskCoordinator.task_id == task.id)
        ):
            await session.delete(row)
        await session.flush()
        for unit_id in coords:
            session.add(TaskCoordinator(task_id=task.id, unit_id=unit_id))
        changes["coordinators"] = len(coords)
    task.updated_at = utcnow()
    await session.flush()
    record_change(session, principal, task, TaskEventKind.UPDATED, **changes)
    if task.confidentiality < before_level:
        audit.record(
            session,
            actor=principal,
            action="task.declassify",
            entity_type="Task",
            entity_id=task.id,
            level=before_level,
            details={
                "from": Clearance(before_level).name,
                "to": Clearance(task.confidentiality).name,
            },
        )
    elif task.confidentiality > before_level:  # its earlier audit events go up with it
        await audit.raise_level(session, level_of=task.id, level=task.confidentiality)
    return task


async def cancel_task(
    *, session: AsyncSession, principal: Principal, task_id: uuid.UUID, reason: str
) -> Task:
    task = await _task(session, principal, task_id)
    access.require_cancel_task(principal, task)
    if task.status not in OPEN_STATUSES:
        raise tasks_error(TasksErrorCode.TASK_CLOSED)
    task.status = TaskStatus.CANCELLED
    await session.flush()
    record_change(session, principal, task, TaskEventKind.CANCELLED, reason=reason.strip()[:1000])
    return task


MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True)
class NewAttachment:
    """A file sent with a progress report, streamed into storage."""

    filename: str
    content_type: str
    chunks: AsyncIterator[bytes]


async def report_progress(
    *,
    session: AsyncSession,
    principal: Principal,
    task_id: uuid.UUID,
    text: str,
    progress: int,
    attachments: Sequence[NewAttachment] = (),
    storage: LocalStorage | None = None,
) -> Task:
    """A progress report by the lead unit, with its attachments (each as confidential as
    the task); 100 % completes the task. Only the lead unit reports
    (`access.can_report_progress`)."""
    task = await _task(session, principal, task_id)
    access.require_report_progress(principal, task)
    if task.status not in OPEN_STATUSES:
        raise tasks_error(TasksErrorCode.TASK_CLOSED)
    if not 0 <= progress <= 100:
        raise tasks_error(TasksErrorCode.INVALID_PROGRESS, field=["progress"])
    if progress < task.progress:
        raise tasks_error(
            TasksErrorCode.PROGRESS_BACKWARDS, field=["progress"], current=task.progress
        )
    if not text.strip():
        raise tasks_error(TasksErrorCode.TEXT_REQUIRED, field=["text"])
    if len(attachments) > MAX_ATTACHMENTS:
        raise tasks_error(TasksErrorCode.TOO_MANY_FILES, field=["attachments"], max=MAX_ATTACHMENTS)
    if attachments and storage is None:
        raise ValueError("attachments need a storage")
    report = TaskReport(
        task_id=task.id,
        author_id=principal.user_id,
        text=text.strip(),
        progress=progress,
        file_ids=[],
        created_at=utcnow(),
    )
    session.add(report)
    await session.flush()
    files = [await _store(session, principal, storage, task, report, a) for a in attachments]  # type: ignore[arg-type]
    report.file_ids = [str(f.id) for f in files]
    task.progress = progress
    if progress == 100:
        task.status, task.completed_on = TaskStatus.COMPLETED, today()
    elif progress > 0:
        task.status = TaskStatus.IN_PROGRESS
    task.updated_at = utcnow()
    await session.flush()
    record_change(
        session,
        principal,
        task,
        TaskEventKind.PROGRESS,
        progress=progress,
        status=task.status,
        **({"files": len(files)} if files else {}),
    )
    return task


async def _store(
    session: AsyncSession,
    principal: Principal,
    storage: LocalStorage,
    task: Task,
    report: TaskReport,
    new: NewAttachment,
) -> StoredFile:
    try:
        stored = await store_file(
            session,
            storage,
            new.chunks,
            max_size=MAX_ATTACHMENT_SIZE,
            filename=new.filename,
            default_name="file",
            content_type=new.content_type,
            confidentiality=task.confidentiality,
            owner_type="TaskReport",
            owner_id=report.id,
            created_by_id=principal.user_id,
        )
    except ValueError as exc:
        raise tasks_error(
            TasksErrorCode.FILE_TOO_LARGE, field=["attachments"], max=MAX_ATTACHMENT_SIZE // 2**20
        ) from exc
    await session.flush()
    return stored


async def attachments_by_report(
    *, session: AsyncSession, principal: Principal, report_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[StoredFile]]:
    """The attachments of visible reports, up to the principal's clearance (one query)."""
    stmt = (
        visible(select(StoredFile), StoredFile, principal)
        .where(
            StoredFile.owner_type == "TaskReport",
            StoredFile.owner_id.in_(list(report_ids)),
            StoredFile.owner_id.in_(visible(select(TaskReport.id), TaskReport, principal)),
        )
        .order_by(StoredFile.created_at, StoredFile.id)
    )
    out: dict[uuid.UUID, list[StoredFile]] = {r: [] for r in report_ids}
    for f in await session.scalars(stmt):
        out[f.owner_id].append(f)
    return out


async def can_download(session: AsyncSession, principal: Principal, file: StoredFile) -> bool:
    """Whether `principal` may fetch a report attachment: the task is visible to them and
    the file is within their clearance."""
    if file.owner_type != "TaskReport" or int(principal.clearance) < file.confidentiality:
        return False
    return bool(
        await session.scalar(
            visible(select(TaskReport.id), TaskReport, principal).where(
                TaskReport.id == file.owner_id
            )
        )
    )


async def comment(
    *, session: AsyncSession, principal: Principal, task_id: uuid.UUID, text: str
) -> Task:
    task = await _task(session, principal, task_id)
    coords = set(
        await session.scalars(
            select(TaskCoordinator.unit_id).where(TaskCoordinator.task_id == task.id)
        )
    )
    access.require_comment(principal, task, coords)
    if not text.strip():
        raise tasks_error(TasksErrorCode.TEXT_REQUIRED, field=["text"])
    session.add(
        TaskComment(
            task_id=task.id,
            author_id=principal.user_id,
            unit_id=principal.unit_id,
            text=text.strip(),
            created_at=utcnow(),
        )
    )
    await session.flush()
    record_change(session, principal, task, TaskEventKind.COMMENTED)
    return task


async def request_extension(
    *,
    session: AsyncSession,
    principal: Principal,
    task_id: uuid.UUID,
    new_due_date: date,
    reason: str,
) -> ExtensionRequest:
    task = await _task(session, principal, task_id)
    access.require_request_extension(principal, task)
    if task.status not in OPEN_STATUSES:
        raise tasks_error(TasksErrorCode.TASK_CLOSED)
    if task.due_date is None:
        raise tasks_error(TasksErrorCode.NO_DEADLINE)
    if new_due_date <= task.due_date:
        raise tasks_error(TasksErrorCode.DATE_NOT_LATER, field=["newDueDate"])
    if not reason.strip():
        raise tasks_error(TasksErrorCode.TEXT_REQUIRED, field=["reason"])
    if await session.scalar(
        select(ExtensionRequest.id).where(
            ExtensionRequest.task_id == task.id,
            ExtensionRequest.status == ExtensionStatus.PENDING,
        )
    ):
        raise tasks_error(TasksErrorCode.EXTENSION_PENDING)
    row = ExtensionRequest(
        task_id=task.id,
        requested_by_id=principal.user_id,
        requested_due_date=new_due_date,
        reason=reason.strip(),
        status=ExtensionStatus.PENDING,
        created_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    record_change(session, principal, task, TaskEventKind.EXTENSION_REQUESTED, to=new_due_date)
    await notify_about(
        session,
        task,
        NotificationKind.EXTENSION_REQUESTED,
        [task.assigned_by_id],
        due=new_due_date.strftime("%d/%m/%Y"),
    )
    return row


async def decide_extension(
    *,
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    approve: bool,
    note: str | None,
) -> Task:
    row = (
        await session.scalars(
            visible(select(ExtensionRequest), ExtensionRequest, principal).where(
                ExtensionRequest.id == request_id
            )
        )
    ).first()
    if row is None:
        raise tasks_error(TasksErrorCode.EXTENSION_NOT_FOUND, field=["id"])
    task = await _task(session, principal, row.task_id)
    access.require_decide_extension(principal, task, row)
    if row.status != ExtensionStatus.PENDING:
        raise tasks_error(TasksErrorCode.EXTENSION_DECIDED)
    if approve and task.status not in OPEN_STATUSES:
        # a completed task keeps the deadline it was judged by (on time / late)
        raise tasks_error(TasksErrorCode.TASK_CLOSED)
    row.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    row.decided_by_id, row.decided_at = principal.user_id, utcnow()
    row.decision_note = (note or "").strip() or None
    if approve:
        before, task.due_date = task.due_date, row.requested_due_date
    await session.flush()
    record_change(
        session,
        principal,
        task,
        TaskEventKind.EXTENSION_APPROVED if approve else TaskEventKind.EXTENSION_REFUSED,
        **({"from": before, "to": task.due_date} if approve else {}),
    )
    await notify_about(
        session,
        task,
        NotificationKind.EXTENSION_APPROVED if approve else NotificationKind.EXTENSION_REFUSED,
        [row.requested_by_id, *await people_in_charge(session, task)],
    )
    return task
