"""Reminders 7 days and 1 day before a deadline and when overdue: sent once, whatever the
number of runners; the job lease elects one runner."""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from ecabinet.authz.principal import system_principal
from ecabinet.notifications.models import Notification
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform import clock, jobs
from ecabinet.tasks import reminders, service


@pytest.fixture(autouse=True)
def fresh_clock():
    clock.reset()
    yield
    clock.reset()


async def task_for(db, responsible: str, days: int):
    async with db.unit_of_work() as s:
        unit = await s.scalar(select(OrgUnit.id).where(OrgUnit.code == "CQT"))
        user = await s.scalar(select(User.id).where(User.username == responsible))
        task = await service.create_task(
            session=s,
            principal=system_principal(),
            check_role=False,
            new=service.NewTask(
                title=f"Nhắc hạn {secrets.token_hex(3)}",
                lead_unit_id=unit,
                responsible_id=user,
                due_date=clock.today() + timedelta(days=days),
            ),
        )
    return task, user


async def kinds_for(db, user_id, task_id) -> list[str]:
    async with db.session() as s:
        return list(
            await s.scalars(
                select(Notification.kind)
                .where(Notification.user_id == user_id, Notification.subject_id == task_id)
                .where(Notification.kind != "TASK_ASSIGNED")
                .order_by(Notification.created_at)
            )
        )


@pytest.mark.parametrize(
    ("days", "kind"),
    [(10, None), (7, "DUE_7"), (2, "DUE_7"), (1, "DUE_1"), (0, "DUE_1"), (-1, "OVERDUE")],
)
def test_reminder_kind(days, kind):
    on = clock.today()
    assert reminders.reminder_kind(on + timedelta(days=days), on) == kind


async def test_week_day_and_overdue_reminders_are_each_sent_once(db, runtime):
    task, user = await task_for(db, "assets", days=9)
    await reminders.send_reminders(db, runtime.broker)
    assert await kinds_for(db, user, task.id) == []
    clock.advance(timedelta(days=2))  # 7 days left
    await reminders.send_reminders(db, runtime.broker)
    await reminders.send_reminders(db, runtime.broker)
    assert await kinds_for(db, user, task.id) == ["TASK_DUE_7"]
    clock.advance(timedelta(days=6))  # 1 day left
    await reminders.send_reminders(db, runtime.broker)
    clock.advance(timedelta(days=2))  # overdue
    await reminders.send_reminders(db, runtime.broker)
    await reminders.send_reminders(db, runtime.broker)
    assert await kinds_for(db, user, task.id) == ["TASK_DUE_7", "TASK_DUE_1", "TASK_OVERDUE"]


async def test_concurrent_runners_send_one_reminder(db, runtime):
    task, user = await task_for(db, "assets", days=1)
    await asyncio.gather(*(reminders.send_reminders(db, runtime.broker) for _ in range(4)))
    assert await kinds_for(db, user, task.id) == ["TASK_DUE_1"]


async def test_one_process_holds_the_job_lease(db):
    name = f"test-lease-{secrets.token_hex(3)}"
    assert await jobs.acquire_lease(db, name, 30, holder="a") is True
    assert await jobs.acquire_lease(db, name, 30, holder="b") is False
    assert await jobs.acquire_lease(db, name, 30, holder="a") is True  # renewal
    clock.advance(timedelta(seconds=31))
    assert await jobs.acquire_lease(db, name, 30, holder="b") is True  # taken over


async def titles_for(db, user_id, task_id) -> list[str]:
    async with db.session() as s:
        return list(
            await s.scalars(
                select(Notification.title).where(
                    Notification.user_id == user_id,
                    Notification.subject_id == task_id,
                    Notification.kind.like("TASK_DUE_%"),
                )
            )
        )


async def test_the_week_reminder_says_how_many_days_are_left(db, runtime):
    task, user = await task_for(db, "assets", days=3)
    await reminders.send_reminders(db, runtime.broker)
    (title,) = await titles_for(db, user, task.id)
    assert f"Nhiệm vụ {task.code} đến hạn sau 3 ngày" in title


async def test_a_task_due_today_is_not_said_to_be_due_tomorrow(db, runtime):
    task, user = await task_for(db, "assets", days=0)
    await reminders.send_reminders(db, runtime.broker)
    (title,) = await titles_for(db, user, task.id)
    assert f"Nhiệm vụ {task.code} đến hạn hôm nay" in title


async def test_a_reminded_overdue_task_is_not_read_again(db, runtime):
    task, user = await task_for(db, "assets", days=-3)
    assert await reminders.send_reminders(db, runtime.broker) >= 1
    statements: list[str] = []

    def seen(*a, **k):
        statements.append(a[2])

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert await reminders.send_reminders(db, runtime.broker) == 0
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert not any(s.lstrip().upper().startswith("INSERT") for s in statements)
    assert await kinds_for(db, user, task.id) == ["TASK_OVERDUE"]


async def test_without_a_responsible_person_the_lead_units_active_cleared_heads_are_reminded(
    db, runtime, factory
):
    from ecabinet.authz.principal import Clearance, Role

    lead = await factory.unit()
    head = await factory.user(unit=lead, roles=[Role.UNIT_HEAD], clearance=Clearance.SECRET)
    low_head = await factory.user(unit=lead, roles=[Role.UNIT_HEAD], clearance=Clearance.INTERNAL)
    officer = await factory.user(unit=lead, clearance=Clearance.SECRET)
    other_head = await factory.user(unit=True, roles=[Role.UNIT_HEAD], clearance=Clearance.SECRET)
    assigner = await factory.member(clearance=Clearance.SECRET)
    task = await factory.task(
        by=assigner, lead=lead, days=1, confidentiality=Clearance.CONFIDENTIAL
    )
    assert await reminders.send_reminders(db, runtime.broker) >= 1
    reminded = {
        who.username: await kinds_for(db, who.id, task.id)
        for who in (head, low_head, officer, other_head)
    }
    assert reminded == {
        head.username: ["TASK_DUE_1"],
        low_head.username: [],  # not cleared for the task: a notification names it
        officer.username: [],
        other_head.username: [],
    }
