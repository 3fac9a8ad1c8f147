"""Reminders: 7 days and 1 day before a deadline, and when it has passed, to the person
responsible (or, without one, the heads of the lead unit). One runner at a time (a job
lease in the database), and each reminder is recorded once (a unique key), so several
processes never send the same reminder twice — even if two ran at once."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from ecabinet.authz.principal import Role
from ecabinet.org.models import User, UserRole
from ecabinet.platform.broker import Broker
from ecabinet.platform.clock import today, utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.events import publish_pending
from ecabinet.tasks.models import ReminderSent, Task
from ecabinet.tasks.service import OPEN_STATUSES, notify_about

log = logging.getLogger("ecabinet.tasks")


def reminder_kind(due: date, on: date) -> str | None:
    days = (due - on).days
    if days < 0:
        return "OVERDUE"
    if days <= 1:
        return "DUE_1"
    if days <= 7:
        return "DUE_7"
    return None


async def send_reminders(db: Database, broker: Broker) -> int:
    on = today()
    async with db.session() as s:
        due = list(
            await s.scalars(
                select(Task).where(
                    Task.status.in_(OPEN_STATUSES),
                    Task.due_date.is_not(None),
                    Task.due_date <= date.fromordinal(on.toordinal() + 7),
                    ~exists().where(  # the last reminder of this deadline is sent: done
                        ReminderSent.task_id == Task.id,
                        ReminderSent.kind == "OVERDUE",
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
        heads: dict[uuid.UUID | None, list[uuid.UUID]] = {}
        for uid, unit in await s.execute(
            select(User.id, User.unit_id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.UNIT_HEAD, User.active.is_(True))
        ):
            heads.setdefault(unit, []).append(uid)
    sent = 0
    for task in due:
        kind = reminder_kind(task.due_date, on)  # type: ignore[arg-type]
        if kind is None or (task.id, kind, task.due_date) in sent_before:
            continue
        recipients = (
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
                    f"TASK_{kind}",
                    recipients,
                    days=(task.due_date - on).days,  # type: ignore[operator]
                )
            await publish_pending(session, broker)
            sent += 1
        except IntegrityError:
            continue  # already sent (by this or another process)
    if sent:
        log.info("sent %d task reminder(s)", sent)
    return sent

