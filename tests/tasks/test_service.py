"""Rules of task tracking on the service functions, with a controllable clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecabinet.auth.service import user_principal
from ecabinet.authz.principal import Clearance, Principal
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform import clock
from ecabinet.platform.errors import DomainError, Forbidden
from ecabinet.tasks import service
from tests.factories import run


@pytest.fixture(scope="module")
async def people(db):
    async with db.session() as s:
        units = {u.code: u.id for u in await s.scalars(select(OrgUnit))}
        from sqlalchemy.orm import selectinload

        users = {
            u.username: u for u in await s.scalars(select(User).options(selectinload(User.roles)))
        }

    def principal(name: str) -> Principal:
        return user_principal(users[name])

    return units, principal


@pytest.fixture(autouse=True)
def fresh_clock():
    clock.reset()
    yield
    clock.reset()


async def new_task(db, people, *, lead="TTTH", coords=("CKSTTHC",), days=10, by="chair"):
    units, p = people
    async with db.unit_of_work() as s:
        return await service.create_task(
            session=s,
            principal=p(by),
            new=service.NewTask(
                title="Rà soát quy trình",
                lead_unit_id=units[lead],
                coordinating_unit_ids=[units[c] for c in coords],
                due_date=clock.today() + timedelta(days=days),
            ),
        )


async def test_codes_are_sequential_per_year(db, people):
    a = await new_task(db, people)
    b = await new_task(db, people)
    year = clock.today().year
    assert a.code.startswith(f"NV-{year}-") and int(b.code[-4:]) == int(a.code[-4:]) + 1


async def test_staff_cannot_assign_tasks(db, people):
    with pytest.raises(Forbidden) as err:
        await new_task(db, people, by="staff")
    assert err.value.reason == "NOT_ASSIGNER"


async def test_only_the_lead_unit_reports_progress(db, people):
    _, p = people
    task = await new_task(db, people, lead="TTTH")
    with pytest.raises(Forbidden) as err:  # member1 is in CKSTTHC, a coordinator
        await run(
            db,
            service.report_progress,
            principal=p("member1"),
            task_id=task.id,
            text="x",
            progress=10,
        )
    assert err.value.reason == "NOT_LEAD_UNIT"
    done = await run(
        db,
        service.report_progress,
        principal=p("staff"),
        task_id=task.id,
        text="Đã xong",
        progress=100,
    )
    assert done.status == "COMPLETED" and done.completed_on == clock.today()
    assert service.completed_on_time(done) is True


async def test_progress_cannot_go_down(db, people):
    _, p = people
    task = await new_task(db, people)
    await run(
        db, service.report_progress, principal=p("staff"), task_id=task.id, text="a", progress=50
    )
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.report_progress,
            principal=p("staff"),
            task_id=task.id,
            text="b",
            progress=30,
        )
    assert err.value.code == "PROGRESS_BACKWARDS"


async def test_completion_after_the_deadline_is_late(db, people):
    _, p = people
    task = await new_task(db, people, days=1)
    clock.advance(timedelta(days=3))
    assert service.is_overdue(task)
    done = await run(
        db,
        service.report_progress,
        principal=p("staff"),
        task_id=task.id,
        text="Muộn",
        progress=100,
    )
    assert service.completed_on_time(done) is False and not service.is_overdue(done)


async def test_coordinators_comment_outsiders_do_not(db, people):
    _, p = people
    task = await new_task(db, people, lead="TTTH", coords=("CKSTTHC",))
    await run(db, service.comment, principal=p("member1"), task_id=task.id, text="Góp ý")
    with pytest.raises(Forbidden) as err:  # VHC neither leads nor coordinates
        await run(db, service.comment, principal=p("member4"), task_id=task.id, text="?")
    assert err.value.reason == "NOT_INVOLVED"


async def test_extension_is_approved_only_by_the_assigner(db, people):
    _, p = people
    task = await new_task(db, people, days=5)
    req = await run(
        db,
        service.request_extension,
        principal=p("staff"),
        task_id=task.id,
        new_due_date=task.due_date + timedelta(days=30),
        reason="Cần thêm thời gian",
    )
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.request_extension,
            principal=p("staff"),
            task_id=task.id,
            new_due_date=task.due_date + timedelta(days=40),
            reason="Lần hai",
        )
    assert err.value.code == "EXTENSION_PENDING"
    with pytest.raises(Forbidden) as err:
        await run(
            db,
            service.decide_extension,
            principal=p("member1"),
            request_id=req.id,
            approve=True,
            note=None,
        )
    assert err.value.reason == "NOT_ASSIGNER"
    after = await run(
        db,
        service.decide_extension,
        principal=p("chair"),
        request_id=req.id,
        approve=True,
        note="Đồng ý",
    )
    assert after.due_date == req.requested_due_date


async def test_history_records_every_change(db, people):
    _, p = people
    task = await new_task(db, people)
    await run(
        db, service.report_progress, principal=p("staff"), task_id=task.id, text="a", progress=20
    )
    await run(db, service.comment, principal=p("member1"), task_id=task.id, text="b")
    async with db.session() as s:
        history = (
            await service.history_by_task(session=s, principal=p("chair"), task_ids=[task.id])
        )[task.id]
    assert [h.kind for h in history] == ["CREATED", "PROGRESS", "COMMENTED"]


async def test_visibility_follows_units(db, people):
    _, p = people
    task = await new_task(db, people, lead="CQT", coords=("VHC",))
    async with db.session() as s:
        for who, sees in [
            ("staff", False),
            ("member6", True),
            ("member4", True),
            ("chair", True),
            ("hr", False),
        ]:
            found = await service.tasks_by_ids(session=s, principal=p(who), ids=[task.id])
            assert (task.id in found) is sees, who


async def test_statistics_count_on_time_late_and_overdue(db, people):
    units, p = people
    lead = "VQHQT"
    base = clock.today()
    made = [await new_task(db, people, lead=lead, coords=(), days=d) for d in (1, 2, 3, 30)]
    await run(
        db,
        service.report_progress,
        principal=p("treaty"),
        task_id=made[0].id,
        text="xong",
        progress=100,
    )
    clock.advance(timedelta(days=5))  # made[1], made[2] are now overdue
    await run(
        db,
        service.report_progress,
        principal=p("treaty"),
        task_id=made[1].id,
        text="muộn",
        progress=100,
    )
    async with db.session() as s:
        rows = await service.statistics(
            session=s,
            principal=p("chair"),
            due_from=base,
            due_to=base + timedelta(days=60),
            unit_ids=[units[lead]],
        )
    (row,) = rows
    assert (
        row.assigned,
        row.completed_on_time,
        row.completed_late,
        row.overdue,
        row.in_progress,
    ) == (4, 1, 1, 1, 1)
    assert row.on_time_rate == pytest.approx(1 / 3, abs=1e-3)


async def test_due_within_filter_and_sort(db, people):
    units, p = people
    await new_task(db, people, lead="CTTDTCP", coords=(), days=3)
    await new_task(db, people, lead="CTTDTCP", coords=(), days=40)
    async with db.session() as s:
        stmt = service.filtered(
            p("chair"),
            service.TaskFilter(unit_id=units["CTTDTCP"], unit_role="LEAD", due_within_days=7),
        )
        rows = list(await s.scalars(stmt))
    assert rows and all(r.due_date <= clock.today() + timedelta(days=7) for r in rows)
    assert [r.due_date for r in rows] == sorted(r.due_date for r in rows)


async def test_cancelled_task_takes_no_reports(db, people):
    _, p = people
    task = await new_task(db, people)
    await run(db, service.cancel_task, principal=p("chair"), task_id=task.id, reason="Không cần")
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.report_progress,
            principal=p("staff"),
            task_id=task.id,
            text="x",
            progress=10,
        )
    assert err.value.code == "TASK_CLOSED"


async def notified(db, username: str, task_id) -> list[str]:
    from ecabinet.notifications.models import Notification

    async with db.session() as s:
        uid = await s.scalar(select(User.id).where(User.username == username))
        return list(
            await s.scalars(
                select(Notification.kind).where(
                    Notification.user_id == uid, Notification.subject_id == task_id
                )
            )
        )


async def test_notifications_reach_only_people_cleared_for_the_task(db, people):
    units, p = people
    made = {}
    for level in (Clearance.SECRET, Clearance.TOP_SECRET):  # member6 (CQT's head) is SECRET
        async with db.unit_of_work() as s:
            made[level] = await service.create_task(
                session=s,
                principal=p("chair"),
                new=service.NewTask(
                    title=f"Nhiệm vụ mật {level.name}",
                    lead_unit_id=units["CQT"],
                    due_date=clock.today() + timedelta(days=30),
                    confidentiality=level,
                ),
            )
    assert await notified(db, "member6", made[Clearance.SECRET].id) == ["TASK_ASSIGNED"]
    assert await notified(db, "member6", made[Clearance.TOP_SECRET].id) == []


async def test_the_responsible_person_must_be_cleared_for_the_task(db, people):
    units, p = people
    async with db.session() as s:
        staff = await s.scalar(select(User.id).where(User.username == "staff"))  # INTERNAL
    with pytest.raises(DomainError) as err:
        async with db.unit_of_work() as s:
            await service.create_task(
                session=s,
                principal=p("chair"),
                new=service.NewTask(
                    title="Nhiệm vụ mật",
                    lead_unit_id=units["TTTH"],
                    responsible_id=staff,
                    confidentiality=Clearance.SECRET,
                ),
            )
    assert (err.value.code, err.value.field) == ("RESPONSIBLE_NOT_CLEARED", ["responsibleId"])


async def test_an_unknown_responsible_person_is_refused_on_update(db, people):
    import uuid

    _, p = people
    task = await new_task(db, people)
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.update_task,
            principal=p("chair"),
            task_id=task.id,
            responsible_id=uuid.uuid4(),
        )
    # the same answer as for a person not cleared for the task (no clearance oracle)
    assert err.value.code == "RESPONSIBLE_NOT_CLEARED"


async def test_a_completed_task_keeps_the_deadline_it_was_judged_by(db, people):
    _, p = people
    task = await new_task(db, people, days=1)
    req = await run(
        db,
        service.request_extension,
        principal=p("staff"),
        task_id=task.id,
        new_due_date=task.due_date + timedelta(days=30),
        reason="Chờ số liệu",
    )
    clock.advance(timedelta(days=3))
    await run(
        db, service.report_progress, principal=p("staff"), task_id=task.id, text="x", progress=100
    )
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.decide_extension,
            principal=p("chair"),
            request_id=req.id,
            approve=True,
            note=None,
        )
    assert err.value.code == "TASK_CLOSED"
    refused = await run(
        db,
        service.decide_extension,
        principal=p("chair"),
        request_id=req.id,
        approve=False,
        note="Đã hoàn thành",
    )
    assert refused.due_date == task.due_date and service.completed_on_time(refused) is False


async def test_refusal_keeps_the_deadline_and_tells_the_requester(db, people):
    _, p = people
    task = await new_task(db, people, days=5)
    req = await run(
        db,
        service.request_extension,
        principal=p("staff"),
        task_id=task.id,
        new_due_date=task.due_date + timedelta(days=30),
        reason="Cần thêm thời gian",
    )
    after = await run(
        db,
        service.decide_extension,
        principal=p("chair"),
        request_id=req.id,
        approve=False,
        note="Không đồng ý",
    )
    assert after.due_date == task.due_date
    assert "EXTENSION_REFUSED" in await notified(db, "staff", task.id)


async def test_statistics_count_only_tasks_the_viewer_may_see(db, people):
    units, p = people
    lead = "CTTDTCP"
    day = clock.today() + timedelta(days=400)  # a period of its own
    await new_task(db, people, lead=lead, coords=(), days=400)
    await new_task(db, people, lead=lead, coords=("TTTH",), days=400)

    async def assigned(who: str) -> int:
        async with db.session() as s:
            rows = await service.statistics(
                session=s, principal=p(who), due_from=day, due_to=day, unit_ids=[units[lead]]
            )
        return sum(r.assigned for r in rows)

    assert await assigned("chair") == 2
    assert await assigned("staff") == 1  # TTTH coordinates one of them only
    assert await assigned("hr") == 0


async def test_filters_by_role_source_assigner_and_text(db, people):
    units, p = people
    lead_task = await new_task(db, people, lead="VHC", coords=("VQHQT",), by="secretary")
    other = await new_task(db, people, lead="VQHQT", coords=(), by="chair")
    async with db.unit_of_work() as s:
        await service.update_task(
            session=s,
            principal=p("chair"),
            task_id=other.id,
            description="Phối hợp Bộ Ngoại giao về điều ước",
        )

    async def codes(**kw) -> set[str]:
        async with db.session() as s:
            rows = await s.scalars(service.filtered(p("chair"), service.TaskFilter(**kw)))
            return {r.code for r in rows}

    vqhqt = units["VQHQT"]
    assert lead_task.code in await codes(unit_id=vqhqt, unit_role="COORDINATOR")
    assert lead_task.code not in await codes(unit_id=vqhqt, unit_role="LEAD")
    assert other.code in await codes(unit_id=vqhqt, unit_role="LEAD")
    secretary = (await run(db, service.tasks_by_ids, principal=p("chair"), ids=[lead_task.id]))[
        lead_task.id
    ].assigned_by_id
    assert lead_task.code in await codes(assigned_by_id=secretary)
    assert other.code not in await codes(assigned_by_id=secretary)
    assert await codes(search="BỘ NGOẠI GIAO") == {other.code}  # description, any case
    assert await codes(search="%") == set()  # a percent sign is text, not a wildcard
    assert other.code in await codes(status=["NOT_STARTED"])
    assert other.code not in await codes(status=["COMPLETED"])


async def _chunks(content: bytes):
    yield content


async def test_files_of_a_refused_report_are_not_kept(db, people, tmp_path, monkeypatch):
    """The second attachment is too large: the report is refused, and the first one's
    content, already stored, is deleted with the rolled back transaction."""
    from ecabinet.platform.storage import LocalStorage

    _, p = people
    task = await new_task(db, people)
    storage = LocalStorage(tmp_path)
    monkeypatch.setattr(service, "MAX_ATTACHMENT_SIZE", 1000)
    attachments = [
        service.NewAttachment("a.pdf", "application/pdf", _chunks(b"%PDF " + b"a" * 100)),
        service.NewAttachment("b.pdf", "application/pdf", _chunks(b"%PDF " + b"b" * 5000)),
    ]
    with pytest.raises(DomainError) as err:
        await run(
            db,
            service.report_progress,
            principal=p("staff"),
            task_id=task.id,
            text="Báo cáo",
            progress=30,
            attachments=attachments,
            storage=storage,
        )
    assert err.value.code == "FILE_TOO_LARGE"
    assert [f for f in tmp_path.rglob("*") if f.is_file()] == []


async def test_files_of_an_accepted_report_are_kept(db, people, tmp_path):
    from ecabinet.platform.storage import LocalStorage

    _, p = people
    task = await new_task(db, people)
    storage = LocalStorage(tmp_path)
    await run(
        db,
        service.report_progress,
        principal=p("staff"),
        task_id=task.id,
        text="Báo cáo",
        progress=30,
        attachments=[service.NewAttachment("a.pdf", "application/pdf", _chunks(b"%PDF a"))],
        storage=storage,
    )
    assert [f.read_bytes() for f in tmp_path.rglob("*") if f.is_file()] == [b"%PDF a"]
