"""The closed vocabularies of task tracking, as StrEnums: stored as their values in the
existing String columns, used by models, services, access rules, the reminder job and the
policy, and wrapped by the GraphQL types (`strawberry.enum(TaskStatus)`) under the same
names and values."""

from __future__ import annotations

from enum import StrEnum


class TaskStatus(StrEnum):
    """NOT_STARTED → IN_PROGRESS → COMPLETED, or CANCELLED by the assigner."""

    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


# a task still to be done: progress is reported on it, its deadline can pass
OPEN_STATUSES: tuple[TaskStatus, ...] = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


class TaskPriority(StrEnum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


class TaskAuthority(StrEnum):
    """In whose name the task was assigned."""

    GOVERNMENT = "GOVERNMENT"
    PRIME_MINISTER = "PRIME_MINISTER"
    DEPUTY_PRIME_MINISTER = "DEPUTY_PRIME_MINISTER"
    MINISTER_CHAIRMAN = "MINISTER_CHAIRMAN"


class TaskSourceKind(StrEnum):
    MEETING_CONCLUSION = "MEETING_CONCLUSION"
    DOCUMENT = "DOCUMENT"
    DIRECT = "DIRECT"


class TaskUnitRole(StrEnum):
    """A unit's part in a task when listing a unit's tasks (GraphQL `UnitRole`)."""

    LEAD = "LEAD"
    COORDINATOR = "COORDINATOR"
    ANY = "ANY"


class TaskSort(StrEnum):
    DUE_DATE_ASC = "DUE_DATE_ASC"
    DUE_DATE_DESC = "DUE_DATE_DESC"
    UPDATED_DESC = "UPDATED_DESC"


class ExtensionStatus(StrEnum):
    """PENDING, then APPROVED or REFUSED by the assigner."""

    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"


class TaskEventKind(StrEnum):
    """One kind of change in a task's history (`TaskEvent.kind`, audited as
    `task.<kind in lower case>`)."""

    CREATED = "CREATED"
    UPDATED = "UPDATED"
    CANCELLED = "CANCELLED"
    PROGRESS = "PROGRESS"
    COMMENTED = "COMMENTED"
    EXTENSION_REQUESTED = "EXTENSION_REQUESTED"
    EXTENSION_APPROVED = "EXTENSION_APPROVED"
    EXTENSION_REFUSED = "EXTENSION_REFUSED"


class ReminderKind(StrEnum):
    """Which reminder of a deadline (`tasks.deadlines.reminder_due`); the notification's
    kind is `TASK_<kind>`."""

    DUE_7 = "DUE_7"
    DUE_1 = "DUE_1"
    OVERDUE = "OVERDUE"


class TasksErrorCode(StrEnum):
    """Every code task tracking answers with, in `UserError.code` (business rules) or in a
    FORBIDDEN error's `extensions.reason` (refusals to act: NOT_ASSIGNER, NOT_LEAD_UNIT,
    NOT_INVOLVED, NOT_CLEARED_FOR_LEVEL, DECLASSIFY_NEEDS_SECRETARIAT,
    OWN_EXTENSION_REQUEST, ASSIGNER_SETS_DEADLINE)."""

    TASK_NOT_FOUND = "TASK_NOT_FOUND"
    TITLE_REQUIRED = "TITLE_REQUIRED"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    USER_NOT_FOUND = "USER_NOT_FOUND"
    NOT_ASSIGNER = "NOT_ASSIGNER"
    NOT_LEAD_UNIT = "NOT_LEAD_UNIT"
    NOT_INVOLVED = "NOT_INVOLVED"
    TASK_CLOSED = "TASK_CLOSED"
    INVALID_PROGRESS = "INVALID_PROGRESS"
    PROGRESS_BACKWARDS = "PROGRESS_BACKWARDS"
    TEXT_REQUIRED = "TEXT_REQUIRED"
    DATE_NOT_LATER = "DATE_NOT_LATER"
    EXTENSION_PENDING = "EXTENSION_PENDING"
    EXTENSION_NOT_FOUND = "EXTENSION_NOT_FOUND"
    EXTENSION_DECIDED = "EXTENSION_DECIDED"
    NO_DEADLINE = "NO_DEADLINE"
    ABOVE_OWN_CLEARANCE = "ABOVE_OWN_CLEARANCE"
    RESPONSIBLE_NOT_CLEARED = "RESPONSIBLE_NOT_CLEARED"
    NOT_CLEARED_FOR_LEVEL = "NOT_CLEARED_FOR_LEVEL"
    DECLASSIFY_NEEDS_SECRETARIAT = "DECLASSIFY_NEEDS_SECRETARIAT"
    CLOSED_TASK_DEADLINE = "CLOSED_TASK_DEADLINE"
    OWN_EXTENSION_REQUEST = "OWN_EXTENSION_REQUEST"
    ASSIGNER_SETS_DEADLINE = "ASSIGNER_SETS_DEADLINE"
    TOO_MANY_FILES = "TOO_MANY_FILES"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    INVALID_PERIOD = "INVALID_PERIOD"
