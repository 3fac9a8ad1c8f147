"""GraphQL overhead on the user list, against a hand-written endpoint, in the same run.

- baseline: a plain Starlette endpoint running the same SQL (users + roles + units) and
  returning the same JSON;
- graphql: `users(first: 50) { nodes { … unit { name parent { name } } } }` through the
  whole stack (auth, policy, loaders, error mapping);
- the document cache: the same document repeated vs a new document text every request.

Prints medians and ratios; machines are shared and noisy, so only ratios mean anything.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

import httpx
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from ecabinet.authz.principal import SCOPES
from tests.bench.sqlite_app import sqlite_app

QUERY = """{ users(first: 50) { nodes { id username fullName roles
  unit { name parent { name } } } } }"""
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


async def timed(call, rounds: int) -> list[float]:
    for _ in range(10):
        await call(0)
    samples = []
    for i in range(rounds):
        started = time.perf_counter()
        await call(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def main() -> None:
    app = await sqlite_app(DEMO_PASSWORD="bench-password")
    from ecabinet.authz.principal import system_principal
    from ecabinet.org import service
    from ecabinet.org.demo import seed_org
    from ecabinet.org.models import OrgUnit, User

    runtime = app.state.runtime
    async with runtime.db.unit_of_work() as s:
        await seed_org(session=s, principal=system_principal(), password="bench-password")
        for i in range(60):
            await service.create_user(
                session=s,
                principal=system_principal(),
                username=f"bench{i}",
                full_name=f"Cán bộ {i:03d}",
                check_password=False,
            )
    async with runtime.db.session() as s:
        admin = (await s.scalars(select(User).where(User.username == "admin"))).one()
    token = runtime.tokens.issue({"sub": str(admin.id), "scope": " ".join(SCOPES)}, 3600)

    async def hand_written(request):
        async with runtime.db.session() as s:
            users = list(
                await s.scalars(
                    select(User)
                    .options(selectinload(User.roles))
                    .where(User.active.is_(True))
                    .order_by(User.full_name, User.id)
                    .limit(50)
                )
            )
            units = {u.id: u for u in await s.scalars(select(OrgUnit))}
        nodes = []
        for u in users:
            unit = units.get(u.unit_id)
            parent = units.get(unit.parent_id) if unit and unit.parent_id else None
            nodes.append(
                {
                    "id": str(u.id),
                    "username": u.username,
                    "fullName": u.full_name,
                    "roles": u.role_names,
                    "unit": unit
                    and {"name": unit.name, "parent": parent and {"name": parent.name}},
                }
            )
        return JSONResponse({"data": {"users": {"nodes": nodes}}})

    baseline_app = Starlette(routes=[Route("/users", hand_written)])
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a") as api,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=baseline_app), base_url="http://b"
        ) as base,
    ):

        async def graphql(i):
            r = await api.post("/graphql", json={"query": QUERY}, headers=headers)
            assert len(r.json()["data"]["users"]["nodes"]) == 50, r.text

        async def baseline(i):
            r = await base.get("/users")
            assert len(r.json()["data"]["users"]["nodes"]) == 50

        async def fresh_document(i):
            r = await api.post("/graphql", json={"query": f"# {i}\n{QUERY}"}, headers=headers)
            assert "errors" not in r.json()

        b = statistics.median(await timed(baseline, ROUNDS))
        g = statistics.median(await timed(graphql, ROUNDS))
        f = statistics.median(await timed(fresh_document, ROUNDS))
    await runtime.close()
    print(f"user list, 50 users with roles, unit and parent unit ({ROUNDS} requests each):")
    print(f"  hand-written Starlette endpoint  median {b:7.2f} ms   (baseline)")
    print(f"  GraphQL, cached document         median {g:7.2f} ms   {g / b:5.2f}x baseline")
    print(f"  GraphQL, new document each time  median {f:7.2f} ms   {f / b:5.2f}x baseline")
    print(f"  parse+validate cache saves {f - g:.2f} ms per request ({(f - g) / f:.0%})")


if __name__ == "__main__":
    asyncio.run(main())
