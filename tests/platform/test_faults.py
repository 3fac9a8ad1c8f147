"""Faults, with real processes, on loopback only, never touching the shared PostgreSQL and
Redis that other tests use: a private redis-server that the test stops and starts, a TCP
proxy in front of PostgreSQL that the test cuts and restores, server processes of a private
stack that the test kills with SIGKILL.

- Redis stopped during a live vote: ballots are still accepted and counted (the database is
  the truth), /readyz answers 503 naming Redis, and WebSocket subscribers resynchronise to
  the right version when it returns, missing nothing.
- PostgreSQL restarted: requests fail cleanly (the contract's error with a request id, no
  trace), /readyz names the database, and the pool recovers without a process restart.
- A server killed with SIGKILL in the middle of 20 concurrent ballots: every acknowledged
  ballot is counted once, none twice.
- A job runner killed mid-job: another process takes the lease over and runs the job again;
  while the holder is alive and working, nobody else runs it.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import BACKEND, GraphQLClient, free_port
from tests.meetings.helpers import CAST, open_vote, running_meeting, user_gid
from tests.meetings.test_live import VOTE_SUB, Live
from tests.platform.private_stack import PrivateStack
from tests.platform.test_broker import PrivateRedis, private_redis

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(BACKEND != "postgres", reason="the PostgreSQL + Redis pass"),
]

__all__ = ["private_redis"]  # the fixture: a Redis server of the test's own (test_broker)

VOTE = """query($id: ID!) { vote(id: $id) { state version viewerHasVoted
  tally { cast results { count } } } }"""


class CuttableProxy:
    """A TCP proxy on loopback in front of PostgreSQL. `cut()` drops every connection and
    refuses new ones, as a PostgreSQL restart does; `restore()` accepts again."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.server: asyncio.base_events.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def restore(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def cut(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[PrivateStack]:
    s = await PrivateStack.create(tmp_path / "stack", postgres=True)
    try:
        s.setup()
        yield s
    finally:
        await s.close()


async def _ready(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=20) as http:
        return await http.get(f"{url}/readyz")


async def _cast(url: str, token: str, vote: dict[str, Any], option: int) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        r = await http.post(
            f"{url}/graphql",
            json={
                "query": CAST,
                "variables": {"v": vote["id"], "o": vote["options"][option]["id"]},
            },
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    return body["data"]["castBallot"]


# ---- Redis ----------------------------------------------------------------------------------


async def test_redis_stopped_during_a_live_vote(
    stack: PrivateStack, private_redis: PrivateRedis
) -> None:
    server = stack.serve(REDIS_URL=private_redis.url)
    gql = GraphQLClient(server.url)
    try:
        vote = await open_vote(
            gql, stack.token, await running_meeting(gql, stack.token), liveResults=True
        )
        live = await Live.connect(server.url, stack.token("member6"))
        await live.subscribe(VOTE_SUB, {"id": vote["id"]})
        first = await live.data("voteUpdated")
        base = first["version"]
        assert (await _cast(server.url, stack.token("chair"), vote, 0))["errors"] == []
        assert (await live.data("voteUpdated"))["version"] == base + 1

        private_redis.kill()
        # the database is the truth: ballots are accepted and counted without Redis
        for who in ("member1", "member2", "member3"):
            cast = await _cast(server.url, stack.token(who), vote, 0)
            assert cast["errors"] == [], (who, cast)
        ready = await _ready(server.url)
        assert ready.status_code == 503 and "redis" in ready.json()["failed"]
        assert "database" not in ready.json()["failed"]

        private_redis.start()
        # the subscriber resynchronises from the database: it reaches the version of the
        # fourth ballot without a gap being papered over (versions only grow)
        seen = [base + 1]
        while seen[-1] < base + 4:
            update = await live.data("voteUpdated", timeout=20)
            assert update["version"] >= seen[-1], (update, seen)
            seen.append(update["version"])
        assert seen[-1] == base + 4 and update["tally"]["cast"] == 4
        assert update["tally"]["results"][0]["count"] == 4

        # and live delivery goes on once Redis is back
        assert (await _cast(server.url, stack.token("member4"), vote, 1))["errors"] == []
        after = await live.data("voteUpdated", timeout=10)
        while after["version"] < base + 5:
            after = await live.data("voteUpdated", timeout=10)
        assert after["version"] == base + 5 and after["tally"]["cast"] == 5
        for _ in range(50):
            if (await _ready(server.url)).status_code == 200:
                break
            await asyncio.sleep(0.1)
        assert (await _ready(server.url)).status_code == 200
        await live.close()
    finally:
        await gql.http.aclose()


# ---- PostgreSQL -----------------------------------------------------------------------------


def _no_trace(text: str) -> None:
    for leak in ("Traceback", "asyncpg", "sqlalchemy", "ConnectionRefused", 'File "'):
        assert leak not in text, leak


async def test_postgres_restart_fails_cleanly_and_the_pool_recovers(stack: PrivateStack) -> None:
    url = make_url(stack.env.database_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.restore()
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    server = stack.serve(DATABASE_URL=proxied)
    token = stack.token("member1")
    query = {"query": "{ viewer { username } meetings(first: 5) { totalCount } }"}
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        ok = await http.post("/graphql", json=query, headers=headers)
        assert ok.json()["data"]["viewer"] == {"username": "member1"}, ok.text

        await proxy.cut()
        for _ in range(3):
            failed = await http.post("/graphql", json=query, headers=headers)
            assert failed.status_code == 503, failed.text  # unavailable: retry, not a 500
            assert failed.headers["content-type"].startswith("application/json")
            _no_trace(failed.text)
            body = failed.json()
            assert body.get("data") in (None, {"viewer": None, "meetings": None}), body
            codes = {e["extensions"]["code"] for e in body["errors"]}
            assert codes == {"INTERNAL_SERVER_ERROR"}, body
            rid = failed.headers["x-request-id"]
            assert all(e["extensions"].get("requestId") == rid for e in body["errors"]), body
        ready = await http.get("/readyz")
        assert ready.status_code == 503 and ready.json()["failed"] == ["database"]

        await proxy.restore()  # PostgreSQL is back: no restart of the server process
        recovered = await http.post("/graphql", json=query, headers=headers)
        assert recovered.json()["data"]["viewer"] == {"username": "member1"}, recovered.text
        assert (await http.get("/readyz")).status_code == 200
    assert server.proc.poll() is None
    await proxy.cut()


# ---- SIGKILL in the middle of ballots -------------------------------------------------------


async def _voters(stack: PrivateStack, gql: GraphQLClient, n: int) -> dict[str, str]:
    """n new users with INTERNAL clearance; {user global id: access token}."""
    from sqlalchemy import select

    from ecabinet.authz.principal import SCOPES
    from ecabinet.org.models import User
    from ecabinet.runtime import build_runtime

    scope = " ".join(("openid", *SCOPES))  # as the SPA asks for (and `ecabinet token`)

    admin = stack.token("admin")
    names = [f"voter{i:02d}" for i in range(n)]
    for name in names:
        body = await gql(
            """mutation($i: CreateUserInput!) { createUser(input: $i) { user { id }
            errors { code } } }""",
            {"i": {"username": name, "fullName": f"Cử tri {name}"}},
            token=admin,
        )
        assert body["data"]["createUser"]["errors"] == [], body
    runtime = build_runtime(stack.env.settings())
    try:
        async with runtime.db.session() as s:
            users = list(await s.scalars(select(User).where(User.username.in_(names))))
        tokens = {}
        for user in users:
            gid = await user_gid(gql, admin, user.username)
            tokens[gid] = runtime.tokens.issue(
                {"sub": str(user.id), "client_id": "ecabinet-cli", "scope": scope,
                 "preferred_username": user.username},
                600,
            )  # fmt: skip
        return tokens
    finally:
        await runtime.close()


async def test_sigkill_in_the_middle_of_20_ballots_counts_each_acknowledged_ballot_once(
    stack: PrivateStack,
) -> None:
    first = stack.serve()
    gql = GraphQLClient(first.url)
    try:
        voters = await _voters(stack, gql, 20)
        vote = await open_vote(
            gql, stack.token, None, voterIds=list(voters), liveResults=True,
            deadline=(datetime.now(UTC) + timedelta(hours=1)).isoformat(),
        )  # fmt: skip
    finally:
        await gql.http.aclose()

    acknowledged: list[str] = []

    async def ballot(voter: str, token: str) -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            r = await http.post(
                f"{first.url}/graphql",
                json={"query": CAST, "variables": {"v": vote["id"], "o": vote["options"][0]["id"]}},
                headers={"Authorization": f"Bearer {token}"},
            )
        if r.status_code == 200 and r.json()["data"]["castBallot"]["errors"] == []:
            acknowledged.append(voter)

    tasks = [asyncio.create_task(ballot(v, t)) for v, t in voters.items()]
    await _wait_for(lambda: acknowledged, 30)
    first.proc.send_signal(signal.SIGKILL)  # mid-flight: some answered, some not
    first.proc.wait(10)
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(o is None or isinstance(o, httpx.HTTPError) for o in outcomes), outcomes
    assert acknowledged

    second = stack.serve(port=free_port())
    gql = GraphQLClient(second.url)
    try:
        counted = []
        for voter, token in voters.items():
            body = await gql(VOTE, {"id": vote["id"]}, token=token)
            if body["data"]["vote"]["viewerHasVoted"]:
                counted.append(voter)
        assert set(acknowledged) <= set(counted)  # every acknowledged ballot survived
        tally = (await gql(VOTE, {"id": vote["id"]}, token=stack.token("secretary")))["data"]
        assert tally["vote"]["tally"]["cast"] == len(counted)
        # everyone tries again: the counted get ALREADY_VOTED, the others are counted now
        for voter, token in voters.items():
            result = await gql(CAST, {"v": vote["id"], "o": vote["options"][0]["id"]}, token=token)
            codes = [e["code"] for e in result["data"]["castBallot"]["errors"]]
            assert codes == (["ALREADY_VOTED"] if voter in counted else []), (voter, codes)
        final = (await gql(VOTE, {"id": vote["id"]}, token=stack.token("secretary")))["data"]
        assert final["vote"]["tally"]["cast"] == 20  # once each, none twice
        assert sum(r["count"] for r in final["vote"]["tally"]["results"]) == 20
    finally:
        await gql.http.aclose()


# ---- a job runner killed mid-job ------------------------------------------------------------

RUNNER = textwrap.dedent(
    """
    import asyncio, os, sys, time
    from pathlib import Path

    from ecabinet.platform import jobs
    from ecabinet.platform.broker import InProcessBroker
    from ecabinet.platform.db import Database

    log, hold = Path(sys.argv[2]), float(sys.argv[3])

    async def job(db, broker):
        with log.open("a") as fh:
            fh.write(f"start {os.getpid()} {time.time()}\\n")
        await asyncio.sleep(hold)  # the work; killed here
        with log.open("a") as fh:
            fh.write(f"done {os.getpid()} {time.time()}\\n")

    async def main():
        jobs.JOBS.clear()
        jobs.register("fault-test", 0.5, job, single_runner=True)
        db = Database(sys.argv[1])
        runner = jobs.JobRunner(db, InProcessBroker())
        runner.start()
        await asyncio.sleep(3600)

    asyncio.run(main())
    """
)


def _runner(db_url: str, log: Path, hold: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", RUNNER, db_url, str(log), str(hold)])


def _events(log: Path) -> list[tuple[str, int, float]]:
    if not log.exists():
        return []
    out = []
    for line in log.read_text().splitlines():
        what, pid, at = line.split()
        out.append((what, int(pid), float(at)))
    return out


async def _wait_for(predicate: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_worker_killed_mid_job_and_another_runs_the_job_again(
    stack: PrivateStack, tmp_path: Path
) -> None:
    db_url = stack.env.settings().db_url
    log = tmp_path / "jobs.log"
    # the job takes 4 s, far longer than its lease (3 × 0.5 s) unless the holder renews it
    a = _runner(db_url, log, hold=4.0)
    b = None
    try:
        await _wait_for(lambda: any(e[0] == "start" for e in _events(log)), 20)
        holder = _events(log)[0][1]
        assert holder == a.pid
        b = _runner(db_url, log, hold=0.2)
        # while the holder is alive and working, nobody else starts the job
        await asyncio.sleep(3.0)
        assert [e for e in _events(log) if e[0] == "start"] == [_events(log)[0]], _events(log)

        a.send_signal(signal.SIGKILL)
        a.wait(10)
        # the lease of the dead holder expires, and the other process runs the job again
        await _wait_for(lambda: any(e[:2] == ("done", b.pid) for e in _events(log)), 20)
        assert ("done", a.pid) not in [e[:2] for e in _events(log)]
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait(10)
