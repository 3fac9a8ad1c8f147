"""A task's history is recorded by one call (tasks.service.record_change): the history row,
the audit event and the live event; its stored details are in domain terms (raw UUIDs, ISO
dates), and the API shows the ids of the lead unit and the responsible person as global
IDs, as before."""

from __future__ import annotations

from sqlalchemy import select

from ecabinet.platform.audit import AuditEvent
from ecabinet.tasks.models import TaskEvent
from tests.factories import gid

HISTORY = """query($id: ID!) { task(id: $id) { history { kind details } } }"""


async def test_history_stores_raw_ids_and_the_api_shows_global_ids(gql, factory, db):
    lead = await factory.unit()
    assigner = await factory.member()
    responsible = await factory.user(unit=lead)
    task = await factory.task(by=assigner, lead=lead, responsible_id=responsible.id)
    async with db.session() as s:
        (created,) = await s.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task.id, TaskEvent.kind == "CREATED")
        )
        (audited,) = await s.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_id == str(task.id), AuditEvent.action == "task.created"
            )
        )
    assert created.details == {
        "code": task.code,
        "lead": str(lead.id),
        "due": task.due_date.isoformat(),
    }
    assert audited.details["lead"] == str(lead.id)
    body = await gql(HISTORY, {"id": gid("Task", task.id)}, token=assigner.token)
    (entry,) = body["data"]["task"]["history"]
    assert entry == {
        "kind": "CREATED",
        "details": {
            "code": task.code,
            "lead": gid("OrgUnit", lead.id),
            "due": task.due_date.isoformat(),
        },
    }
