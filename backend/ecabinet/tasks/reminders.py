"""The reminder job: sends the reminders that `tasks.deadlines` schedules (7 days and 1 day
before a deadline, and when it has passed) to the person responsible (or, without one, the
heads of the lead unit). One runner at a time (a job lease in the database, registered by
`tasks.wire`), and each reminder is recorded once (a unique key), so several processes
never send the same reminder twice — even if two ran at once."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from ecabinet.notifications.enums import NotificationKind
from ecabinet.org import service as org
from ecabinet.platform.broker import Broker
from ecabinet.platform.clock import today, utcnow
from ecabinet.platform.db import Database
from ecabinet.tasks.deadlines import may_need_reminder_sql, reminder_due
from ecabinet.tasks.enums import ReminderKind
from ecabinet.tasks.models import ReminderSent, Task
from ecabinet.tasks.service import notify_about

log = logging.getLogger("ecabinet.tasks")


def reminder_kind(due: date, on: date) -> ReminderKind | None:
    """Which reminder is due (the rule: `tasks.deadlines.reminder_due`)."""
    return reminder_due(due, on)


async def send_reminders(db: Database, broker: Broker) -> int:
    on = today()
    async with db.session() as s:
        due = list(
            await s.scalars(
                select(Task).where(
                    may_need_reminder_sql(Task.status, Task.due_date, on),
                    ~exists().where(  # the last reminder of this deadline is sent: done
                        ReminderSent.task_id == Task.id,
                        ReminderSent.kind == ReminderKind.OVERDUE,
                        ReminderSent.due_date == Task.due_date,
                    ),
                )
            )
        )
        # reminders already sent for these deadlines are skipped, not retried every minute
        sent_before = {
            (t, k, d)
            for t, k, d in await s.execute(
                select(ReminderSent.task_id, ReminderSent.kind, ReminderSent.due_date).where(
                    ReminderSent.task_id.in_([t.id for t in due])
                )
            )
        }
        heads = await org.unit_heads(
            session=s, unit_ids={t.lead_unit_id for t in due if not t.responsible_id}
        )
    sent = 0
    for task in due:
        kind = reminder_due(task.due_date, on)  # type: ignore[arg-type]
        if kind is None or (task.id, kind, task.due_date) in sent_before:
            continue
        recipients: list[uuid.UUID] = (
            [task.responsible_id] if task.responsible_id else heads.get(task.lead_unit_id, [])
        )
        try:
            async with db.unit_of_work() as session:
                session.add(
                    ReminderSent(
                        task_id=task.id, kind=kind, due_date=task.due_date, sent_at=utcnow()
                    )
                )
                await session.flush()
                await notify_about(
                    session,
                    task,
                    NotificationKind(f"TASK_{kind}"),
                    recipients,
                    days=(task.due_date - on).days,  # type: ignore[operator]
                )  # the unit of work publishes the notifications after its commit
            sent += 1
        except IntegrityError:
            continue  # already sent (by this or another process)
    if sent:
        log.info("sent %d task reminder(s)", sent)
    return sent
