"""Permission to act on a task, written once in tasks/access.py: the rules themselves, the
policy naming them for every task mutation, and the viewerCan* fields telling a viewer the
same answers the services enforce."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from ecabinet.authz.policy import FIELDS
from ecabinet.authz.principal import SCOPES, Clearance, Principal, Role
from ecabinet.platform.errors import Forbidden
from ecabinet.tasks import access
from ecabinet.tasks.enums import ExtensionStatus, TaskStatus
from ecabinet.tasks.models import ExtensionRequest, Task

LEAD, COORD, OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
ASSIGNER, RESPONSIBLE = uuid.uuid4(), uuid.uuid4()


def person(*roles: str, unit: uuid.UUID | None = None, user: uuid.UUID | None = None):
    return Principal(
        kind="user",
        user_id=user or uuid.uuid4(),
        username="x",
        unit_id=unit,
        roles=frozenset(roles),
        clearance=Clearance.SECRET,
        scopes=frozenset(SCOPES),
    )


def task(status: TaskStatus = TaskStatus.IN_PROGRESS, due: date | None = date(2030, 1, 1)):
    return Task(
        lead_unit_id=LEAD,
        assigned_by_id=ASSIGNER,
        responsible_id=RESPONSIBLE,
        status=status,
        due_date=due,
        confidentiality=Clearance.INTERNAL,
    )


def test_only_leaders_and_the_secretariat_assign_tasks_not_the_admin_role():
    assert access.can_create_task(person(Role.CABINET_MEMBER))
    assert access.can_create_task(person(Role.SECRETARY))
    assert not access.can_create_task(person(Role.ADMIN))
    with pytest.raises(Forbidden) as err:
        access.require_create_task(person(Role.STAFF))
    assert err.value.reason == "NOT_ASSIGNER"


def test_only_the_lead_unit_and_the_responsible_person_report_progress():
    t = task()
    assert access.can_report_progress(person(unit=LEAD), t)
    assert access.can_report_progress(person(unit=OTHER, user=RESPONSIBLE), t)
    assert not access.can_report_progress(person(Role.ADMIN, unit=COORD), t)
    assert not access.can_report_progress(person(unit=LEAD), task(TaskStatus.COMPLETED))
    with pytest.raises(Forbidden) as err:
        access.require_report_progress(person(unit=COORD), t)
    assert err.value.reason == "NOT_LEAD_UNIT"


def test_only_the_tasks_own_assigner_changes_or_cancels_it():
    t = task()
    assert access.can_change_task(person(user=ASSIGNER), t)
    assert access.can_cancel_task(person(user=ASSIGNER), t)
    assert not access.can_cancel_task(person(user=ASSIGNER), task(TaskStatus.CANCELLED))
    assert not access.can_change_task(person(Role.ADMIN, Role.SECRETARY), t)
    with pytest.raises(Forbidden) as err:
        access.require_cancel_task(person(Role.ADMIN), t)
    assert err.value.reason == "NOT_ASSIGNER"


def test_the_assigner_sets_the_deadline_instead_of_asking_themselves():
    t = task()
    assert access.can_request_extension(person(unit=LEAD), t)
    assert not access.can_request_extension(person(unit=LEAD), task(due=None))
    with pytest.raises(Forbidden) as err:
        access.require_request_extension(person(unit=LEAD, user=ASSIGNER), t)
    assert err.value.reason == "ASSIGNER_SETS_DEADLINE"


def test_an_extension_is_decided_by_someone_other_than_who_asked():
    t = task()
    mine = ExtensionRequest(requested_by_id=ASSIGNER, status=ExtensionStatus.PENDING)
    theirs = ExtensionRequest(requested_by_id=RESPONSIBLE, status=ExtensionStatus.PENDING)
    decided = ExtensionRequest(requested_by_id=RESPONSIBLE, status=ExtensionStatus.APPROVED)
    assert access.can_decide_extension(person(user=ASSIGNER), t, theirs)
    assert not access.can_decide_extension(person(user=ASSIGNER), t, mine)
    assert not access.can_decide_extension(person(user=ASSIGNER), t, decided)
    with pytest.raises(Forbidden) as err:
        access.require_decide_extension(person(user=ASSIGNER), t, mine)
    assert err.value.reason == "OWN_EXTENSION_REQUEST"
    with pytest.raises(Forbidden) as err:
        access.require_decide_extension(person(user=RESPONSIBLE), t, theirs)
    assert err.value.reason == "NOT_ASSIGNER"


def test_the_lead_the_coordinators_and_the_assigner_comment_others_do_not():
    t = task()
    assert access.can_comment(person(unit=COORD), t, [COORD])
    assert access.can_comment(person(unit=LEAD), t, [COORD])
    assert access.can_comment(person(user=ASSIGNER), t, [COORD])
    with pytest.raises(Forbidden) as err:
        access.require_comment(person(Role.CABINET_MEMBER, unit=OTHER), t, [COORD])
    assert err.value.reason == "NOT_INVOLVED"


TASK_MUTATIONS = [
    "createTask",
    "updateTask",
    "cancelTask",
    "reportProgress",
    "commentOnTask",
    "requestExtension",
    "decideExtension",
]


def test_the_policy_names_the_permission_of_every_task_mutation():
    named = {m: FIELDS[f"Mutation.{m}"].description for m in TASK_MUTATIONS}
    for mutation, description in named.items():
        assert "ecabinet.tasks.access.can_" in description, mutation
    assert "can_report_progress" in named["reportProgress"]
    assert "can_decide_extension" in named["decideExtension"]


VIEWER = """query($id: ID!) { task(id: $id) { viewerCanReport viewerCanUpdate viewerCanCancel
  viewerCanRequestExtension viewerCanComment viewerIsAssigner } }"""


async def test_the_viewer_is_told_what_the_services_allow(gql, factory):
    lead, coordinating = await factory.unit(), await factory.unit()
    assigner = await factory.member()
    reporter = await factory.user(unit=lead)
    coordinator = await factory.user(unit=coordinating)
    made = await factory.task(by=assigner, lead=lead, coordinating=[coordinating])
    task_id = factory_gid(made.id)

    async def flags(who):
        body = await gql(VIEWER, {"id": task_id}, token=who.token)
        return body["data"]["task"]

    assert await flags(assigner) == {
        "viewerCanReport": False,
        "viewerCanUpdate": True,
        "viewerCanCancel": True,
        "viewerCanRequestExtension": False,
        "viewerCanComment": True,
        "viewerIsAssigner": True,
    }
    assert await flags(reporter) == {
        "viewerCanReport": True,
        "viewerCanUpdate": False,
        "viewerCanCancel": False,
        "viewerCanRequestExtension": True,
        "viewerCanComment": True,
        "viewerIsAssigner": False,
    }
    assert await flags(coordinator) == {
        "viewerCanReport": False,
        "viewerCanUpdate": False,
        "viewerCanCancel": False,
        "viewerCanRequestExtension": False,
        "viewerCanComment": True,
        "viewerIsAssigner": False,
    }
    # and what the coordinator is not told it may do, the service refuses
    refused = await gql(
        """mutation($i: ReportProgressInput!) { reportProgress(input: $i) { errors { code } } }""",
        {"i": {"taskId": task_id, "text": "x", "progress": 10}},
        token=coordinator.token,
    )
    assert [(e["extensions"]["code"], e["extensions"]["reason"]) for e in refused["errors"]] == [
        ("FORBIDDEN", "NOT_LEAD_UNIT")
    ]
    # an extension request: the assigner is told they may decide it, the requester not
    asked = await gql(
        """mutation($i: RequestExtensionInput!) { requestExtension(input: $i) {
          errors { code } } }""",
        {"i": {"taskId": task_id, "newDueDate": "2099-01-31", "reason": "Chờ số liệu"}},
        token=reporter.token,
    )
    assert asked["data"]["requestExtension"]["errors"] == []
    decide = "query($id: ID!) { task(id: $id) { extensionRequests { viewerCanDecide } } }"
    for who, may in ((assigner, True), (reporter, False)):
        body = await gql(decide, {"id": task_id}, token=who.token)
        assert body["data"]["task"]["extensionRequests"] == [{"viewerCanDecide": may}]


def factory_gid(key: uuid.UUID) -> str:
    from tests.factories import gid

    return gid("Task", key)
