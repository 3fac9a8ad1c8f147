"""What tasks plug into the platform (called from `app.DOMAINS`): the deadline reminders
(checked every minute by one process at a time; what is due is `tasks.deadlines`), one
task per directive of an issued conclusion notice, the node type, and who may download a
report's attachments."""

from __future__ import annotations

from ecabinet.meetings.conclusions.service import CONCLUSION_ISSUED_HOOK
from ecabinet.platform.wiring import Registry
from ecabinet.tasks import hooks, reminders, schema, service


def wire(registry: Registry) -> None:
    registry.job("tasks.reminders", 60.0, reminders.send_reminders, single_runner=True)
    registry.hook(CONCLUSION_ISSUED_HOOK, hooks.tasks_from_conclusion)
    registry.node("Task", schema.task_node)
    registry.file_owner("TaskReport", service.can_download)
