"""Texts of notifications, by kind, in both languages; rendered when read, so each reader
gets their own language."""

from __future__ import annotations

from typing import Any

from ecabinet.platform.i18n import Message

MESSAGES: dict[str, Message] = {
    "TASK_DUE_7": Message(
        "Nhiệm vụ {code} đến hạn sau {days} ngày ({due}): {title}",
        "Task {code} is due in {days} days ({due}): {title}",
    ),
    "TASK_DUE_1": Message(
        "Nhiệm vụ {code} đến hạn ngày mai ({due}): {title}",
        "Task {code} is due tomorrow ({due}): {title}",
    ),
    "TASK_DUE_0": Message(
        "Nhiệm vụ {code} đến hạn hôm nay ({due}): {title}",
        "Task {code} is due today ({due}): {title}",
    ),
    "TASK_OVERDUE": Message(
        "Nhiệm vụ {code} đã quá hạn ({due}): {title}", "Task {code} is overdue ({due}): {title}"
    ),
    "TASK_ASSIGNED": Message("Nhiệm vụ mới {code}: {title}", "New task {code}: {title}"),
    "EXTENSION_REQUESTED": Message(
        "Đề nghị gia hạn nhiệm vụ {code} đến {due}: {title}",
        "Extension of task {code} to {due} requested: {title}",
    ),
    "EXTENSION_APPROVED": Message(
        "Đồng ý gia hạn nhiệm vụ {code} đến {due}", "Extension of task {code} to {due} approved"
    ),
    "EXTENSION_REFUSED": Message(
        "Không đồng ý gia hạn nhiệm vụ {code}", "Extension of task {code} refused"
    ),
}


# reminders stored before their number of days was recorded
DEFAULTS: dict[str, dict[str, Any]] = {"TASK_DUE_7": {"days": 7}, "TASK_DUE_1": {"days": 1}}


def render(kind: str, params: dict[str, Any], lang: str, fallback: str) -> str:
    if kind == "TASK_DUE_1" and params.get("days") == 0:  # the 1-day reminder on the day
        kind = "TASK_DUE_0"
    message = MESSAGES.get(kind) or MESSAGES.get(kind.removeprefix("TASK_"))
    if message is None or not params:
        return fallback
    return message.render(lang, **{**DEFAULTS.get(kind, {}), **params})
