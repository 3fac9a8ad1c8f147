"""The task list (100 tasks with units, reports and source meeting) through GraphQL,
against a hand-written Starlette endpoint returning the same JSON from the same database
in the same run; and the SQL statements per request at page sizes 10 and 100."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from datetime import timedelta

import httpx
from sqlalchemy import event, select
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from ecabinet.authz.principal import SCOPES
from tests.bench.sqlite_app import sqlite_app

QUERY = """query($n: Int) { tasks(first: $n) { nodes { id code title dueDate status progress
  isOverdue leadUnit { name } coordinatingUnits { name } reports { progress text }
  sourceMeeting { title } } } }"""
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))


async def main() -> None:
    app = await sqlite_app(ECABINET_RUN_JOBS="false")
    from ecabinet.authz.principal import system_principal
    from ecabinet.demo import seed_all
    from ecabinet.meetings.models import Meeting
    from ecabinet.org.models import OrgUnit, User
    from ecabinet.platform.clock import today, utcnow
    from ecabinet.tasks import service
    from ecabinet.tasks.models import Task, TaskCoordinator, TaskReport

    rt = app.state.runtime
    async with rt.db.unit_of_work() as s:
        await seed_all(session=s, password="bench-password")
        units = list(await s.scalars(select(OrgUnit.id)))
        meeting = await s.scalar(select(Meeting.id))
        for i in range(100):
            t = await service.create_task(
                session=s,
                principal=system_principal(),
                check_role=False,
                new=service.NewTask(
                    title=f"Nhiệm vụ {i}",
                    lead_unit_id=units[i % len(units)],
                    coordinating_unit_ids=[
                        units[(i + 1) % len(units)],
                        units[(i + 2) % len(units)],
                    ],
                    due_date=today() + timedelta(days=i - 50),
                    source_meeting_id=meeting,
                    source_kind="MEETING_CONCLUSION",
                ),
            )
            for p in (30, 60):
                s.add(
                    TaskReport(task_id=t.id, text=f"Báo cáo {p}%", progress=p, created_at=utcnow())
                )
    async with rt.db.session() as s:
        admin = await s.scalar(select(User.id).where(User.username == "admin"))
    token = rt.tokens.issue({"sub": str(admin), "scope": " ".join(SCOPES)}, 3600)

    async def hand_written(request):
        async with rt.db.session() as s:
            tasks = list(
                await s.scalars(select(Task).order_by(Task.due_date, Task.code).limit(100))
            )
            ids = [t.id for t in tasks]
            names = {u.id: u.name for u in await s.scalars(select(OrgUnit))}
            coords: dict = {}
            for c in await s.scalars(
                select(TaskCoordinator).where(TaskCoordinator.task_id.in_(ids))
            ):
                coords.setdefault(c.task_id, []).append({"name": names[c.unit_id]})
            reports: dict = {}
            for r in await s.scalars(
                select(TaskReport)
                .where(TaskReport.task_id.in_(ids))
                .order_by(TaskReport.created_at.desc())
            ):
                reports.setdefault(r.task_id, []).append({"progress": r.progress, "text": r.text})
            meetings = {
                m.id: m.title
                for m in await s.scalars(
                    select(Meeting).where(Meeting.id.in_({t.source_meeting_id for t in tasks}))
                )
            }
        now = today()
        return JSONResponse(
            {
                "data": {
                    "tasks": {
                        "nodes": [
                            {
                                "id": str(t.id),
                                "code": t.code,
                                "title": t.title,
                                "dueDate": t.due_date.isoformat() if t.due_date else None,
                                "status": t.status,
                                "progress": t.progress,
                                "isOverdue": service.is_overdue(t, now),
                                "leadUnit": {"name": names[t.lead_unit_id]},
                                "coordinatingUnits": coords.get(t.id, []),
                                "reports": reports.get(t.id, []),
                                "sourceMeeting": {"title": meetings[t.source_meeting_id]}
                                if t.source_meeting_id
                                else None,
                            }
                            for t in tasks
                        ]
                    }
                }
            }
        )

    base_app = Starlette(routes=[Route("/tasks", hand_written)])
    statements: list[str] = []
    event.listen(
        rt.db.engine.sync_engine, "before_cursor_execute", lambda *a, **k: statements.append(a[2])
    )
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a") as api,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=base_app), base_url="http://b") as base,
    ):

        async def graphql(n: int = 100) -> None:
            r = await api.post(
                "/graphql", json={"query": QUERY, "variables": {"n": n}}, headers=headers
            )
            assert len(r.json()["data"]["tasks"]["nodes"]) == n, r.text[:300]

        async def baseline() -> None:
            r = await base.get("/tasks")
            assert len(r.json()["data"]["tasks"]["nodes"]) == 100

        per_size = {}
        for n in (10, 100):
            statements.clear()
            await graphql(n)
            per_size[n] = sum(1 for x in statements if x.lstrip().upper().startswith("SELECT"))
        samples = {}
        for name, fn in (("baseline", baseline), ("graphql", graphql)):
            for _ in range(5):
                await fn()
            times = []
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                await fn()
                times.append((time.perf_counter() - t0) * 1000)
            samples[name] = statistics.median(times)
    await rt.close()
    if per_size[100] > per_size[10]:
        raise SystemExit(f"SQL statements grow with the page size: {per_size}")
    b, g = samples["baseline"], samples["graphql"]
    print(
        f"task list, 100 tasks with lead/coordinating units, 2 reports each, source meeting "
        f"({ROUNDS} requests each):"
    )
    print(f"  hand-written Starlette endpoint  median {b:7.2f} ms   (baseline)")
    print(f"  GraphQL tasks(first: 100)        median {g:7.2f} ms   {g / b:5.2f}x baseline")
    print(
        f"  SQL SELECTs per request: first=10 → {per_size[10]}, first=100 → {per_size[100]} "
        f"(does not grow with the page size)"
    )


if __name__ == "__main__":
    asyncio.run(main())
