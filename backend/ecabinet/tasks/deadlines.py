"""The deadline rules of task tracking, written once: each as a Python predicate (for one
task in memory) and the SQL expression of the same rule (for lists, filters and the
statistics), side by side; `tests/tasks/test_deadlines.py` holds them equal case by case.

The Government's working regulation has the Office track every task assigned to the units
and report those not done by their deadline; the units' on-time rate is computed from them.

- Overdue: a task is overdue on a day when it is still open (NOT_STARTED or IN_PROGRESS),
  has a deadline, and the deadline is before that day. The deadline day itself is not late;
  a completed or cancelled task is never overdue; a task without a deadline never is.
- On time: a completed task is on time when it has no deadline or was completed on or
  before it; late when completed after it; undecided (None) until completed.
- Reminders: 7 days before the deadline (from 7 days down to 2: DUE_7), 1 day before
  (1 day or the day itself: DUE_1) and once it has passed (OVERDUE), to the person
  responsible — or, without one, the heads of the lead unit. Each is sent once per deadline
  (a new deadline starts the schedule again).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.tasks.enums import OPEN_STATUSES, ReminderKind, TaskStatus

# days before a deadline at which each reminder starts being due, latest first
REMINDER_SCHEDULE: tuple[tuple[int, ReminderKind], ...] = (
    (1, ReminderKind.DUE_1),
    (7, ReminderKind.DUE_7),
)
FIRST_REMINDER_DAYS = max(days for days, _ in REMINDER_SCHEDULE)


# ---- overdue -------------------------------------------------------------------------------


def is_overdue(status: str, due_date: date | None, on: date) -> bool:
    return status in OPEN_STATUSES and due_date is not None and due_date < on


def overdue_sql(status: Any, due_date: Any, on: date) -> ColumnElement[bool]:
    """`is_overdue` over the columns `status` and `due_date`."""
    return and_(status.in_(OPEN_STATUSES), due_date.is_not(None), due_date < on)


def not_overdue_sql(status: Any, due_date: Any, on: date) -> ColumnElement[bool]:
    """`not is_overdue`, spelled out so that a NULL deadline counts as not overdue."""
    return or_(status.not_in(OPEN_STATUSES), due_date.is_(None), due_date >= on)


# ---- on time -------------------------------------------------------------------------------


def completed_on_time(status: str, completed_on: date | None, due_date: date | None) -> bool | None:
    if status != TaskStatus.COMPLETED or completed_on is None:
        return None
    return due_date is None or completed_on <= due_date


def completed_on_time_sql(status: Any, completed_on: Any, due_date: Any) -> ColumnElement[bool]:
    return and_(
        status == TaskStatus.COMPLETED,
        completed_on.is_not(None),
        or_(due_date.is_(None), completed_on <= due_date),
    )


def completed_late_sql(status: Any, completed_on: Any, due_date: Any) -> ColumnElement[bool]:
    return and_(
        status == TaskStatus.COMPLETED,
        completed_on.is_not(None),
        due_date.is_not(None),
        completed_on > due_date,
    )


# ---- reminders -----------------------------------------------------------------------------


def reminder_due(due_date: date, on: date) -> ReminderKind | None:
    """Which reminder of `due_date` is due on day `on` (None: none yet)."""
    days = (due_date - on).days
    if days < 0:
        return ReminderKind.OVERDUE
    for before, kind in REMINDER_SCHEDULE:
        if days <= before:
            return kind
    return None


def may_need_reminder_sql(status: Any, due_date: Any, on: date) -> ColumnElement[bool]:
    """The tasks for which `reminder_due` can give a reminder on day `on`: open, with a
    deadline no further than the first reminder."""
    return and_(
        status.in_(OPEN_STATUSES),
        due_date.is_not(None),
        due_date <= on + timedelta(days=FIRST_REMINDER_DAYS),
    )
