"""The kinds of notification, as a StrEnum: stored as their values in `notification.kind`,
each with its text in `notifications.messages` (rendered in the reader's language)."""

from __future__ import annotations

from enum import StrEnum


class NotificationKind(StrEnum):
    TASK_ASSIGNED = "TASK_ASSIGNED"
    # task reminders: "TASK_" + tasks.enums.ReminderKind
    TASK_DUE_7 = "TASK_DUE_7"
    TASK_DUE_1 = "TASK_DUE_1"
    TASK_OVERDUE = "TASK_OVERDUE"
    EXTENSION_REQUESTED = "EXTENSION_REQUESTED"
    EXTENSION_APPROVED = "EXTENSION_APPROVED"
    EXTENSION_REFUSED = "EXTENSION_REFUSED"
