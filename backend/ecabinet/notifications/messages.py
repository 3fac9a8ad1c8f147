"""Texts of notifications, by kind, in both languages; rendered when read, so each reader
gets their own language."""

from __future__ import annotations

from typing import Any

from ecabinet.notifications.enums import NotificationKind
from ecabinet.platform.i18n import Message

# the 1-day reminder sent on the deadline day itself reads "due today" (not a stored kind)
DUE_TODAY = "TASK_DUE_0"

MESSAGES: dict[str, Message] = {
    NotificationKind.TASK_DUE_7: Message(
        "Nhiệm vụ {code} đến hạn sau {days} ngày ({due}): {title}",
        "Task {code} is due in {days} days ({due}): {title}",
    ),
    NotificationKind.TASK_DUE_1: Message(
        "Nhiệm vụ {code} đến hạn ngày mai ({due}): {title}",
        "Task {code} is due tomorrow ({due}): {title}",
    ),
    DUE_TODAY: Message(
        "Nhiệm vụ {code} đến hạn hôm nay ({due}): {title}",
        "Task {code} is due today ({due}): {title}",
    ),
    NotificationKind.TASK_OVERDUE: Message(
        "Nhiệm vụ {code} đã quá hạn ({due}): {title}", "Task {code} is overdue ({due}): {title}"
    ),
    NotificationKind.TASK_ASSIGNED: Message(
        "Nhiệm vụ mới {code}: {title}", "New task {code}: {title}"
    ),
    NotificationKind.EXTENSION_REQUESTED: Message(
        "Đề nghị gia hạn nhiệm vụ {code} đến {due}: {title}",
        "Extension of task {code} to {due} requested: {title}",
    ),
    NotificationKind.EXTENSION_APPROVED: Message(
        "Đồng ý gia hạn nhiệm vụ {code} đến {due}", "Extension of task {code} to {due} approved"
    ),
    NotificationKind.EXTENSION_REFUSED: Message(
        "Không đồng ý gia hạn nhiệm vụ {code}", "Extension of task {code} refused"
    ),
}


# reminders stored before their number of days was recorded
DEFAULTS: dict[str, dict[str, Any]] = {
    NotificationKind.TASK_DUE_7: {"days": 7},
    NotificationKind.TASK_DUE_1: {"days": 1},
}


def render(kind: str, params: dict[str, Any], lang: str, fallback: str) -> str:
    if kind == NotificationKind.TASK_DUE_1 and params.get("days") == 0:
        kind = DUE_TODAY
    message = MESSAGES.get(kind) or MESSAGES.get(kind.removeprefix("TASK_"))
    if message is None or not params:
        return fallback
    return message.render(lang, **{**DEFAULTS.get(kind, {}), **params})
