"""The deadline rules of tasks (tasks/deadlines.py), each written once: the Python predicate
and its SQL twin answer the same for every case, and the list filter, the statistics, the
`isOverdue` field and the reminder job all follow them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from sqlalchemy import Date, String, literal, select

from ecabinet.tasks import deadlines
from ecabinet.tasks.enums import ReminderKind, TaskStatus

ON = date(2026, 3, 10)
DAY = timedelta(days=1)


# ---- overdue ---------------------------------------------------------------------------------


def test_an_open_task_is_overdue_the_day_after_its_deadline():
    assert deadlines.is_overdue(TaskStatus.NOT_STARTED, ON - DAY, ON)
    assert deadlines.is_overdue(TaskStatus.IN_PROGRESS, ON - 30 * DAY, ON)


def test_the_deadline_day_itself_is_not_late():
    assert not deadlines.is_overdue(TaskStatus.IN_PROGRESS, ON, ON)


def test_a_completed_or_cancelled_task_is_never_overdue():
    assert not deadlines.is_overdue(TaskStatus.COMPLETED, ON - 30 * DAY, ON)
    assert not deadlines.is_overdue(TaskStatus.CANCELLED, ON - 30 * DAY, ON)


def test_a_task_without_a_deadline_is_never_overdue():
    assert not deadlines.is_overdue(TaskStatus.NOT_STARTED, None, ON)


# ---- on time ---------------------------------------------------------------------------------


def test_completed_on_or_before_the_deadline_is_on_time_after_it_late():
    assert deadlines.completed_on_time(TaskStatus.COMPLETED, ON, ON) is True
    assert deadlines.completed_on_time(TaskStatus.COMPLETED, ON - DAY, ON) is True
    assert deadlines.completed_on_time(TaskStatus.COMPLETED, ON + DAY, ON) is False


def test_a_completed_task_without_a_deadline_is_on_time():
    assert deadlines.completed_on_time(TaskStatus.COMPLETED, ON, None) is True


def test_on_time_is_undecided_until_completed():
    assert deadlines.completed_on_time(TaskStatus.IN_PROGRESS, None, ON) is None
    assert deadlines.completed_on_time(TaskStatus.CANCELLED, None, ON) is None


# ---- reminders -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "kind"),
    [
        (8, None),
        (7, ReminderKind.DUE_7),
        (2, ReminderKind.DUE_7),
        (1, ReminderKind.DUE_1),
        (0, ReminderKind.DUE_1),
        (-1, ReminderKind.OVERDUE),
        (-40, ReminderKind.OVERDUE),
    ],
)
def test_a_week_before_a_day_before_and_once_past_the_deadline(days_left, kind):
    assert deadlines.reminder_due(ON + days_left * DAY, ON) == kind


# ---- the SQL says what Python says ----------------------------------------------------------

STATUSES = list(TaskStatus)
DUES = [None, ON - 10 * DAY, ON - DAY, ON, ON + DAY, ON + 7 * DAY, ON + 8 * DAY]
COMPLETED = [None, ON - DAY, ON, ON + DAY]


async def _sql_value(db, expression) -> bool:
    async with db.session() as s:
        return bool(await s.scalar(select(expression)))


@pytest.mark.services
async def test_the_sql_overdue_rule_agrees_with_python_in_every_case(db):
    cases = list(itertools.product(STATUSES, DUES))
    checked = 0
    for status, due in cases:
        status_col, due_col = literal(str(status), String), literal(due, Date)
        expected = deadlines.is_overdue(status, due, ON)
        assert await _sql_value(db, deadlines.overdue_sql(status_col, due_col, ON)) is expected
        assert await _sql_value(db, deadlines.not_overdue_sql(status_col, due_col, ON)) is (
            not expected
        ), (status, due)
        checked += 1
    assert checked == len(STATUSES) * len(DUES) == 28


@pytest.mark.services
async def test_the_sql_on_time_and_late_rules_agree_with_python_in_every_case(db):
    cases = list(itertools.product(STATUSES, COMPLETED, DUES))
    for status, done, due in cases:
        args = (literal(str(status), String), literal(done, Date), literal(due, Date))
        expected = deadlines.completed_on_time(status, done, due)
        assert await _sql_value(db, deadlines.completed_on_time_sql(*args)) is (expected is True)
        assert await _sql_value(db, deadlines.completed_late_sql(*args)) is (expected is False)
    assert len(cases) == 112


async def test_the_reminder_job_reads_exactly_the_tasks_that_may_get_a_reminder(db):
    for status, due in itertools.product(STATUSES, DUES):
        may = deadlines.may_need_reminder_sql(literal(str(status), String), literal(due, Date), ON)
        expected = (
            status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
            and due is not None
            and deadlines.reminder_due(due, ON) is not None
        )
        assert await _sql_value(db, may) is expected, (status, due)
