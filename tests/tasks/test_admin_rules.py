"""Who may rewrite a unit's performance record (issue 8, Medium 10), who changes a task's
level (High 2), and the responsible person's clearance check that must not be an oracle
(Medium 4 / Low 14): the technical ADMIN role has no business power over tasks, a closed
task keeps the deadline it was judged by, and the requester and the decider of an
extension differ."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ecabinet.auth.service import user_principal
from ecabinet.authz.principal import Clearance, Principal
from ecabinet.graphql.relay import gid
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform import clock
from ecabinet.platform.errors import Forbidden
from ecabinet.tasks import service
from ecabinet.tasks.models import ExtensionRequest
from tests.factories import audit_events, refused, run


@pytest.fixture(scope="module")
async def people(db):
    async with db.session() as s:
        units = {u.code: u.id for u in await s.scalars(select(OrgUnit))}
        users = {
            u.username: u for u in await s.scalars(select(User).options(selectinload(User.roles)))
        }

    def principal(name: str) -> Principal:
        return user_principal(users[name])

    return units, principal, {n: u.id for n, u in users.items()}


@pytest.fixture(autouse=True)
def fresh_clock():
    clock.reset()
    yield
    clock.reset()


async def forbidden(db, fn, **kw) -> Forbidden:
    """A refusal to act: the one refusal shape, its code in `reason`."""
    with pytest.raises(Forbidden) as err:
        await run(db, fn, **kw)
    return err.value


async def new_task(db, people, *, lead="VTH", days=10, by="chair", level=Clearance.INTERNAL, **kw):
    units, p, _ = people
    return await run(
        db,
        service.create_task,
        principal=p(by),
        new=service.NewTask(
            title="Báo cáo tổng hợp",
            lead_unit_id=units[lead],
            due_date=clock.today() + timedelta(days=days),
            confidentiality=level,
            **kw,
        ),
    )


async def fetch(db, task_id):
    async with db.session() as s:
        return await s.get(service.Task, task_id)


# ---- the ADMIN role has no business powers over tasks ----------------------------------------


async def test_admin_cannot_move_a_late_completion_on_time(db, people):
    _, p, _ = people
    task = await new_task(db, people, days=1)  # VTH leads; member3 is its head
    clock.advance(timedelta(days=3))
    await run(
        db, service.report_progress, principal=p("member3"), task_id=task.id, text="x", progress=100
    )
    err = await forbidden(
        db,
        service.update_task,
        principal=p("admin"),
        task_id=task.id,
        due_date=task.due_date + timedelta(days=30),
    )
    assert err.reason == "NOT_ASSIGNER"
    done = await fetch(db, task.id)
    assert done.due_date == task.due_date and service.completed_on_time(done) is False


async def test_admin_cannot_complete_cancel_assign_or_decide(db, people):
    units, p, _ = people
    task = await new_task(db, people, level=Clearance.SECRET)  # admin is cleared SECRET
    err = await forbidden(
        db, service.report_progress, principal=p("admin"), task_id=task.id, text="x", progress=100
    )
    assert err.reason == "NOT_LEAD_UNIT"
    err = await forbidden(
        db, service.cancel_task, principal=p("admin"), task_id=task.id, reason="-"
    )
    assert err.reason == "NOT_ASSIGNER"
    err = await forbidden(
        db,
        service.create_task,
        principal=p("admin"),
        new=service.NewTask(title="Giao việc", lead_unit_id=units["VTH"]),
    )
    assert err.reason == "NOT_ASSIGNER"
    req = await run(
        db,
        service.request_extension,
        principal=p("member3"),
        task_id=task.id,
        new_due_date=task.due_date + timedelta(days=5),
        reason="Chờ số liệu",
    )
    err = await forbidden(
        db,
        service.decide_extension,
        principal=p("admin"),
        request_id=req.id,
        approve=True,
        note=None,
    )
    assert err.reason == "NOT_ASSIGNER"
    untouched = await fetch(db, task.id)
    assert (untouched.status, untouched.progress, untouched.due_date) == (
        "NOT_STARTED",
        0,
        task.due_date,
    )


# ---- a closed task keeps its deadline ---------------------------------------------------------


async def test_a_closed_tasks_deadline_does_not_move_even_for_its_assigner(db, people):
    _, p, _ = people
    late = await new_task(db, people, days=1)
    clock.advance(timedelta(days=3))
    await run(
        db, service.report_progress, principal=p("member3"), task_id=late.id, text="x", progress=100
    )
    err = await refused(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=late.id,
        due_date=late.due_date + timedelta(days=30),
    )
    assert (err.code, err.field) == ("CLOSED_TASK_DEADLINE", ["dueDate"])
    assert "judged" in err.text("en")
    assert service.completed_on_time(await fetch(db, late.id)) is False

    cancelled = await new_task(db, people)
    await run(db, service.cancel_task, principal=p("chair"), task_id=cancelled.id, reason="-")
    err = await refused(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=cancelled.id,
        due_date=cancelled.due_date + timedelta(days=1),
    )
    assert err.code == "CLOSED_TASK_DEADLINE"
    # an open task's deadline is still the assigner's to set
    open_ = await new_task(db, people)
    moved = await run(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=open_.id,
        due_date=open_.due_date + timedelta(days=7),
    )
    assert moved.due_date == open_.due_date + timedelta(days=7)


# ---- the requester and the decider of an extension differ -------------------------------------


async def test_an_assigner_does_not_decide_their_own_extension(db, people):
    _, p, ids = people
    # member3 heads VTH and assigns VTH a task: they lead it and they assigned it
    task = await new_task(db, people, by="member3")
    err = await forbidden(
        db,
        service.request_extension,
        principal=p("member3"),
        task_id=task.id,
        new_due_date=task.due_date + timedelta(days=30),
        reason="Tự gia hạn",
    )
    assert err.reason == "ASSIGNER_SETS_DEADLINE"
    # a request made before this rule is not theirs to decide either
    async with db.unit_of_work() as s:
        row = ExtensionRequest(
            task_id=task.id,
            requested_by_id=ids["member3"],
            requested_due_date=task.due_date + timedelta(days=30),
            reason="Tự gia hạn",
            status="PENDING",
            created_at=clock.utcnow(),
        )
        s.add(row)
    err = await forbidden(
        db,
        service.decide_extension,
        principal=p("member3"),
        request_id=row.id,
        approve=True,
        note=None,
    )
    assert err.reason == "OWN_EXTENSION_REQUEST"
    assert (await fetch(db, task.id)).due_date == task.due_date


# ---- a task's level ---------------------------------------------------------------------------


async def test_a_tasks_level_is_raised_by_its_assigner_and_lowered_by_the_secretariat(db, people):
    _, p, ids = people
    task = await new_task(db, people, responsible_id=ids["member3"])  # SECRET-cleared
    err = await refused(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=task.id,
        confidentiality=Clearance.TOP_SECRET,
    )
    assert (err.code, err.field) == ("RESPONSIBLE_NOT_CLEARED", ["responsibleId"])
    raised = await run(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=task.id,
        confidentiality=Clearance.SECRET,
    )
    assert raised.confidentiality == Clearance.SECRET
    # the assigner is cleared TOP_SECRET, but lowering a level is the secretariat's act
    err = await forbidden(
        db,
        service.update_task,
        principal=p("chair"),
        task_id=task.id,
        confidentiality=Clearance.INTERNAL,
    )
    assert err.reason == "DECLASSIFY_NEEDS_SECRETARIAT"  # a refusal: no field
    # the secretariat (secretary works in VTH, which leads it) lowers it, and only that
    err = await forbidden(
        db,
        service.update_task,
        principal=p("secretary"),
        task_id=task.id,
        confidentiality=Clearance.INTERNAL,
        title="Đổi tên",
    )
    assert err.reason == "NOT_ASSIGNER"
    lowered = await run(
        db,
        service.update_task,
        principal=p("secretary"),
        task_id=task.id,
        confidentiality=Clearance.INTERNAL,
    )
    assert lowered.confidentiality == Clearance.INTERNAL
    events = await audit_events(db, task.id, "task.declassify")
    assert [(e.actor_username, e.details) for e in events] == [
        ("secretary", {"from": "SECRET", "to": "INTERNAL"})
    ]


# ---- no clearance oracle ----------------------------------------------------------------------


async def test_an_uncleared_responsible_person_is_refused_exactly_like_an_unknown_one(db, people):
    units, p, ids = people
    answers = []
    for who in (ids["staff"], uuid.uuid4()):  # staff: INTERNAL
        err = await refused(
            db,
            service.create_task,
            principal=p("chair"),
            new=service.NewTask(
                title="Nhiệm vụ mật",
                lead_unit_id=units["TTTH"],
                responsible_id=who,
                confidentiality=Clearance.SECRET,
            ),
        )
        answers.append((err.code, err.field, err.text("vi"), err.text("en")))
    assert answers[0] == answers[1]
    assert answers[0][:2] == ("RESPONSIBLE_NOT_CLEARED", ["responsibleId"])


# ---- over GraphQL -----------------------------------------------------------------------------


def refusals(body):
    """(extensions.code, extensions.reason) of each top-level error."""
    return [(e["extensions"]["code"], e["extensions"].get("reason")) for e in body["errors"]]


CREATE = """mutation($i: CreateTaskInput!) { createTask(input: $i) {
  task { id dueDate } errors { code message field } } }"""
UPDATE = """mutation($i: UpdateTaskInput!) { updateTask(input: $i) {
  task { dueDate completedOnTime } errors { code message field } } }"""
REPORT = """mutation($i: ReportProgressInput!) { reportProgress(input: $i) {
  task { status completedOnTime viewerCanReport } errors { code } } }"""


async def test_admin_over_graphql_neither_rewrites_a_deadline_nor_completes_a_task(
    gql, tokens, people
):
    units, _, ids = people
    chair, admin = tokens("chair"), tokens("admin")
    made = await gql(
        CREATE,
        {
            "i": {
                "title": "Báo cáo đã muộn",
                "leadUnitId": gid("OrgUnit", units["VTH"]),
                "dueDate": "2020-01-31",
                "confidentiality": "SECRET",
            }
        },
        token=chair,
    )
    assert made.get("data"), made
    task = made["data"]["createTask"]["task"]
    by_admin = await gql(
        REPORT, {"i": {"taskId": task["id"], "text": "x", "progress": 100}}, token=admin
    )
    assert refusals(by_admin) == [("FORBIDDEN", "NOT_LEAD_UNIT")]
    assert not (by_admin.get("data") or {}).get("reportProgress")
    done = await gql(
        REPORT, {"i": {"taskId": task["id"], "text": "x", "progress": 100}}, token=tokens("member3")
    )
    assert done["data"]["reportProgress"]["task"]["completedOnTime"] is False
    moved = await gql(UPDATE, {"i": {"id": task["id"], "dueDate": "2099-12-31"}}, token=admin)
    assert refusals(moved) == [("FORBIDDEN", "NOT_ASSIGNER")]
    moved = await gql(
        UPDATE, {"i": {"id": task["id"], "dueDate": "2099-12-31"}}, token=chair, lang="en"
    )
    assert moved["data"]["updateTask"]["task"] is None
    assert [(e["code"], e["field"]) for e in moved["data"]["updateTask"]["errors"]] == [
        ("CLOSED_TASK_DEADLINE", ["dueDate"])
    ]
    seen = await gql(
        "query($id: ID!) { task(id: $id) { dueDate completedOnTime viewerIsAssigner } }",
        {"id": task["id"]},
        token=admin,
    )
    assert seen["data"]["task"] == {
        "dueDate": "2020-01-31",
        "completedOnTime": False,
        "viewerIsAssigner": False,
    }
    # the responsible person's check answers the same for "not cleared" and "not found"
    answers = [
        (
            await gql(
                CREATE,
                {
                    "i": {
                        "title": "Nhiệm vụ mật",
                        "leadUnitId": gid("OrgUnit", units["TTTH"]),
                        "responsibleId": gid("User", who),
                        "confidentiality": "SECRET",
                    }
                },
                token=chair,
            )
        )["data"]["createTask"]
        for who in (ids["staff"], uuid.uuid4())
    ]
    assert answers[0] == answers[1]
    assert [e["code"] for e in answers[0]["errors"]] == ["RESPONSIBLE_NOT_CLEARED"]
