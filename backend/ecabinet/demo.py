"""The demo replay of shared/seed: the 17/9/2019 meeting of the Government Office's
e-Government Steering Committee, its vote, its conclusion notice, the tasks it assigned
(with progress in various states), and an upcoming meeting with live work — so that a
newcomer sees meeting → conclusion → tasks → progress on the first start. Idempotent."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.app import wire_domains
from ecabinet.auth.service import principal_for_username
from ecabinet.authz.principal import Principal, system_principal
from ecabinet.meetings import service as meetings
from ecabinet.meetings.agenda import service as agenda_service
from ecabinet.meetings.conclusions import service as conclusions
from ecabinet.meetings.models import Meeting
from ecabinet.meetings.votes import service as votes
from ecabinet.org.demo import seed_org
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform.clock import OFFICE_TZ, today, utcnow
from ecabinet.tasks import service as tasks
from ecabinet.tasks.models import ExtensionRequest, Task, TaskEvent, TaskReport

MEETING_TITLE = "Họp Ban Chỉ đạo xây dựng Chính phủ điện tử của Văn phòng Chính phủ"
NOTICE_TEXT = (
    "Thông báo kết luận của Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng, Trưởng Ban Chỉ đạo tại "
    "cuộc họp Ban Chỉ đạo xây dựng Chính phủ điện tử của Văn phòng Chính phủ ngày 17/9/2019: "
    "tập trung triển khai, hoàn thành các nhiệm vụ trọng tâm từ nay đến hết năm 2019; Cục "
    "Kiểm soát thủ tục hành chính chủ trì, phối hợp với các Vụ, Cục, đơn vị liên quan làm việc "
    "với Tập đoàn Viettel xây dựng Kế hoạch phối hợp triển khai, hoàn thiện Hệ thống e-Cabinet."
)
D = date
# title, lead, coordinators, due, (state, progress, completed_on)
DIRECTIVES: list[tuple[str, str, list[str], date, tuple[str, int, date | None]]] = [
    (
        "Kiện toàn Ban Chỉ đạo xây dựng Chính phủ điện tử và Ban Quản lý dự án công nghệ thông tin "
        "của Văn phòng Chính phủ",
        "VTCCB",
        ["CKSTTHC"],
        D(2019, 9, 25),
        ("done", 100, D(2019, 9, 24)),
    ),
    (
        "Tham mưu, trình Bộ trưởng, Chủ nhiệm thành lập Tổ chuyên gia tư vấn của Ban Chỉ đạo",
        "CKSTTHC",
        ["VTCCB"],
        D(2019, 10, 1),
        ("done", 100, D(2019, 9, 30)),
    ),
    (
        "Xây dựng Hệ thống e-Cabinet và nâng cấp phần mềm theo dõi tình hình thực hiện nhiệm vụ do "
        "Chính phủ, Thủ tướng Chính phủ giao",
        "CKSTTHC",
        ["VTH"],
        D(2019, 12, 31),
        ("done", 100, D(2019, 12, 27)),
    ),
    (
        "Nâng cấp phần mềm quản lý văn bản và hồ sơ công việc của Văn phòng Chính phủ",
        "CKSTTHC",
        ["VHC"],
        D(2019, 12, 31),
        ("done", 100, D(2020, 1, 15)),
    ),
    (
        "Xây dựng kiến trúc tổng thể Chính phủ điện tử tại Văn phòng Chính phủ phù hợp với Khung "
        "kiến trúc Chính phủ điện tử Việt Nam phiên bản 2.0",
        "CKSTTHC",
        [],
        D(2019, 12, 31),
        ("open", 60, None),
    ),
    (
        "Xây dựng phần mềm Quản lý nhân sự của Văn phòng Chính phủ (số hóa hồ sơ cán bộ, công "
        "chức, viên chức và người lao động)",
        "VTCCB",
        ["CKSTTHC"],
        D(2019, 12, 31),
        ("open", 80, None),
    ),
    (
        "Xây dựng phần mềm theo dõi việc ký kết văn kiện với nước ngoài",
        "VQHQT",
        ["CKSTTHC"],
        D(2019, 12, 31),
        ("done", 100, D(2019, 12, 20)),
    ),
    ("Xây dựng Hệ thống phần mềm quản trị", "CQT", ["CKSTTHC"], D(2019, 12, 31), ("new", 0, None)),
    (
        "Nâng cấp Hệ thống máy tính ảo zero client, hệ thống sao lưu, backup dữ liệu; nâng cấp Hệ "
        "thống thư điện tử công vụ Chính phủ",
        "CTTDTCP",
        ["CKSTTHC"],
        D(2019, 12, 31),
        ("done", 100, D(2020, 2, 10)),
    ),
    (
        "Xây dựng Hệ thống Cổng thông tin nội bộ của Văn phòng Chính phủ",
        "TTTH",
        ["CKSTTHC"],
        D(2019, 12, 31),
        ("open", 40, None),
    ),
    (
        "Bảo đảm an toàn thông tin, an ninh mạng cho các hệ thống Chính phủ điện tử, ứng dụng công "
        "nghệ thông tin do Văn phòng Chính phủ triển khai",
        "TTTH",
        [],
        D(2019, 12, 31),
        ("done", 100, D(2019, 12, 30)),
    ),
]


async def _principal(session: AsyncSession, username: str) -> Principal:
    return await principal_for_username(session=session, username=username)


def _at(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=OFFICE_TZ)


async def seed_replay(*, session: AsyncSession) -> bool:
    """The 2019 replay; False if it is already there."""
    if await session.scalar(select(Meeting.id).where(Meeting.title == MEETING_TITLE)):
        return False
    sec = await _principal(session, "secretary")
    units = {u.code: u.id for u in await session.scalars(select(OrgUnit))}
    users = {u.username: u.id for u in await session.scalars(select(User))}
    people = [
        meetings.NewParticipant(users["chair"], "CHAIR"),
        meetings.NewParticipant(users["secretary"], "SECRETARY"),
    ] + [meetings.NewParticipant(users[f"member{i}"], "MEMBER") for i in range(1, 7)]
    m = await meetings.create_meeting(
        session=session,
        principal=sec,
        title=MEETING_TITLE,
        kind="STEERING_COMMITTEE",
        starts_at=_at(D(2019, 9, 17), 8, 30),
        ends_at=_at(D(2019, 9, 17), 11, 30),
        location="Phòng họp A, trụ sở Văn phòng Chính phủ",
        participants=people,
        invited_unit_ids=[units["CTTDTCP"], units["TTTH"]],
    )
    items = [
        ("Báo cáo tình hình triển khai Chính phủ điện tử tại Văn phòng Chính phủ", "CKSTTHC"),
        ("Kế hoạch phối hợp với Tập đoàn Viettel hoàn thiện Hệ thống e-Cabinet", "CKSTTHC"),
        ("Phân công nhiệm vụ đến hết năm 2019", "VTH"),
    ]
    agenda = [
        await agenda_service.add_agenda_item(
            session=session,
            principal=sec,
            meeting_id=m.id,
            title=t,
            presenter_unit_id=units[u],
            planned_minutes=40,
        )
        for t, u in items
    ]
    for status in ("SCHEDULED", "IN_PROGRESS"):
        await meetings.set_status(session=session, principal=sec, meeting_id=m.id, status=status)
    for name in ["chair", *[f"member{i}" for i in range(1, 7)]]:
        await meetings.check_in(
            session=session, principal=await _principal(session, name), meeting_id=m.id
        )
    for item in agenda:
        await agenda_service.start_agenda_item(session=session, principal=sec, item_id=item.id)
        await agenda_service.finish_agenda_item(session=session, principal=sec, item_id=item.id)
    vote = await votes.create_vote(
        session=session,
        principal=sec,
        meeting_id=m.id,
        agenda_item_id=agenda[1].id,
        title="Thông qua Kế hoạch phối hợp với Tập đoàn Viettel hoàn thiện Hệ thống e-Cabinet",
    )
    await votes.open_vote(session=session, principal=sec, vote_id=vote.id)
    options = (await votes.snapshots(session, None, [vote.id]))[vote.id].options
    for name, choice in [
        ("chair", 0),
        ("member1", 0),
        ("member2", 0),
        ("member3", 0),
        ("member4", 0),
        ("member5", 2),
        ("member6", 0),
    ]:
        await votes.cast_ballot(
            session=session,
            principal=await _principal(session, name),
            vote_id=vote.id,
            option_id=options[choice].id,
        )
    await votes.close_vote(session=session, principal=sec, vote_id=vote.id)
    await meetings.set_status(session=session, principal=sec, meeting_id=m.id, status="CLOSED")
    await conclusions.save_conclusion(
        session=session,
        principal=sec,
        meeting_id=m.id,
        number="343/TB-VPCP",
        issued_on=D(2019, 9, 20),
        text=NOTICE_TEXT,
        directives=[
            conclusions.NewDirective(
                title=t,
                lead_unit_id=units[lead],
                coordinating_unit_ids=[units[c] for c in coords],
                due_date=due,
            )
            for t, lead, coords, due, _ in DIRECTIVES
        ],
    )
    await conclusions.issue_conclusion(session=session, principal=sec, meeting_id=m.id)
    # the meeting really happened in 2019: its record keeps 2019 times
    await session.execute(
        update(Meeting)
        .where(Meeting.id == m.id)
        .values(created_at=_at(D(2019, 9, 10), 9), updated_at=_at(D(2019, 9, 20), 9))
    )
    await _replay_progress(session, m.id)
    return True


async def _replay_progress(session: AsyncSession, meeting_id: uuid.UUID) -> None:
    """Reports, statuses and history as they happened in 2019–2020 (by the lead unit's head)."""
    rows = list(
        await session.scalars(
            select(Task).where(Task.source_meeting_id == meeting_id).order_by(Task.code)
        )
    )
    heads = {
        u.unit_id: u.id
        for u in await session.scalars(select(User).where(User.username.like("member%")))
    }
    issued = _at(D(2019, 9, 20), 9)
    for task, (_, lead, _, due, (state, progress, done)) in zip(rows, DIRECTIVES, strict=True):
        task.created_at = issued
        await session.execute(
            update(TaskEvent).where(TaskEvent.task_id == task.id).values(at=issued)
        )
        if state == "new":
            continue
        reporter = heads.get(task.lead_unit_id)
        when = _at(done or due - timedelta(days=20), 16)
        status = "COMPLETED" if state == "done" else "IN_PROGRESS"
        text = (
            "Đã hoàn thành, báo cáo Lãnh đạo Văn phòng."
            if state == "done"
            else f"Đang triển khai, đạt khoảng {progress}% khối lượng công việc."
        )
        session.add(
            TaskReport(
                task_id=task.id, author_id=reporter, text=text, progress=progress, created_at=when
            )
        )
        session.add(
            TaskEvent(
                task_id=task.id,
                at=when,
                actor_id=reporter,
                kind="PROGRESS",
                details={"progress": progress, "status": status},
            )
        )
        task.progress, task.status, task.completed_on = progress, status, done
        task.updated_at = when
        if lead == "VTCCB" and state == "open":
            asked = _at(D(2019, 12, 20), 10)
            session.add(
                ExtensionRequest(
                    task_id=task.id,
                    requested_by_id=reporter,
                    requested_due_date=D(2020, 6, 30),
                    status="PENDING",
                    created_at=asked,
                    reason="Cần thêm thời gian số hóa hồ sơ cán bộ của các đơn vị.",
                )
            )
            session.add(
                TaskEvent(
                    task_id=task.id,
                    at=asked,
                    actor_id=reporter,
                    kind="EXTENSION_REQUESTED",
                    details={"to": "2020-06-30"},
                )
            )
    await session.flush()


async def seed_current(*, session: AsyncSession) -> bool:
    """An upcoming meeting and live tasks, dated relative to today."""
    title = "Phiên họp Ban Chỉ đạo: sơ kết vận hành e-Cabinet"
    if await session.scalar(select(Meeting.id).where(Meeting.title == title)):
        return False
    sec = await _principal(session, "secretary")
    chair = await _principal(session, "chair")
    units = {u.code: u.id for u in await session.scalars(select(OrgUnit))}
    users = {u.username: u.id for u in await session.scalars(select(User))}
    day = today() + timedelta(days=3)
    m = await meetings.create_meeting(
        session=session,
        principal=sec,
        title=title,
        kind="STEERING_COMMITTEE",
        starts_at=_at(day, 8, 30),
        ends_at=_at(day, 11, 0),
        location="Phòng họp A",
        participants=[
            meetings.NewParticipant(users["chair"], "CHAIR"),
            meetings.NewParticipant(users["secretary"], "SECRETARY"),
        ]
        + [meetings.NewParticipant(users[f"member{i}"], "MEMBER") for i in range(1, 7)],
        invited_unit_ids=[units["TTTH"]],
    )
    for t, u in [
        ("Báo cáo vận hành Hệ thống e-Cabinet", "CKSTTHC"),
        ("Kết quả số hóa hồ sơ cán bộ", "VTCCB"),
        ("Kế hoạch bảo đảm an toàn thông tin năm tới", "TTTH"),
    ]:
        await agenda_service.add_agenda_item(
            session=session,
            principal=sec,
            meeting_id=m.id,
            title=t,
            presenter_unit_id=units[u],
            planned_minutes=30,
        )
    await meetings.set_status(session=session, principal=sec, meeting_id=m.id, status="SCHEDULED")
    for offset, t, lead, coords in [
        (
            2,
            "Rà soát phân quyền truy cập các hệ thống thông tin của Văn phòng",
            "TTTH",
            ["CKSTTHC"],
        ),
        (
            6,
            "Hoàn thiện tài liệu hướng dẫn sử dụng e-Cabinet trên máy tính bảng",
            "CKSTTHC",
            ["TTTH"],
        ),
        (20, "Diễn tập sao lưu, phục hồi dữ liệu các hệ thống", "CTTDTCP", ["TTTH"]),
        (-4, "Báo cáo số liệu nhiệm vụ quá hạn quý này", "VTH", ["TTTH"]),
    ]:
        await tasks.create_task(
            session=session,
            principal=chair,
            new=tasks.NewTask(
                title=t,
                lead_unit_id=units[lead],
                coordinating_unit_ids=[units[c] for c in coords],
                due_date=today() + timedelta(days=offset),
                authority="MINISTER_CHAIRMAN",
            ),
        )
    return True


async def seed_all(*, session: AsyncSession, password: str) -> dict[str, Any]:
    wire_domains()  # issuing the replayed conclusion notice creates its tasks (a hook)
    created = await seed_org(
        session=session, principal=system_principal("seed-demo"), password=password
    )
    created["replay"] = await seed_replay(session=session)
    created["current"] = await seed_current(session=session)
    created["at"] = utcnow().isoformat()
    return created
