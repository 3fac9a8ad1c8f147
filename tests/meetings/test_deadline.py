"""Votes with a deadline close themselves then: written ballots (no meeting: listed
voters and a deadline), a meeting's vote given a deadline, and also a ballot whose
deadline passed while no server was running (closed at the next start). No test waits
for a deadline: the clock is driven (`platform.clock`) and the job called, or the
stopped server's deadline moved into the past."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ecabinet.authz.principal import SCOPES
from tests.conftest import (
    BIN,
    GraphQLClient,
    ServerProcess,
    _create_pg_database,
    _drop_pg_database,
    free_port,
)
from tests.meetings.helpers import (
    CAST,
    CREATE_VOTE,
    OPEN,
)

VOTE = """query($id: ID!) { vote(id: $id) { state version closedAt deadline tally { eligible
  cast quorumReached outcome results { option { label } count } } } }"""


async def wait_closed(gql: Any, token: str, vote_id: str, until: float) -> dict[str, Any]:
    """Poll the API as a user would until the vote is CLOSED or `until` (monotonic)."""
    while True:
        vote = (await gql(VOTE, {"id": vote_id}, token=token))["data"]["vote"]
        if vote["state"] == "CLOSED" or time.monotonic() > until:
            return vote
        await asyncio.sleep(0.1)


# ---- the deadline job, with the clock driven (no waiting) ---------------------------------


@pytest.fixture
def driven_clock() -> Iterator[Any]:
    """platform.clock, to move forward in this test (set back afterwards)."""
    from ecabinet.platform import clock

    clock.reset()
    yield clock
    clock.reset()


async def _snapshot(runtime: Any, vote_id: Any) -> Any:
    from ecabinet.meetings.votes import service as votes

    async with runtime.db.session() as s:
        return (await votes.snapshots(s, None, [vote_id]))[vote_id]


async def test_a_written_ballot_closes_at_its_deadline(factory, runtime, driven_clock):
    """Three listed voters, two ballots for; past the deadline the third ballot is refused
    (VOTE_NOT_OPEN) and the deadline job closes the ballot: 2 of 3 is quorum, 2 > 1.5
    adopts it; whoever watches the vote is told."""
    from ecabinet.meetings.events import vote_channel
    from ecabinet.meetings.votes import jobs
    from ecabinet.platform.errors import DomainError

    secretary = await factory.secretary()
    voters = [await factory.member() for _ in range(3)]
    deadline = driven_clock.utcnow() + timedelta(hours=1)
    vote = await factory.vote(by=secretary, voter_ids=[v.id for v in voters], deadline=deadline)
    for voter in voters[:2]:
        await factory.ballot(vote=vote, voter=voter, option=0)
    assert await jobs.close_due_votes(runtime.db, runtime.broker) == 0  # not yet due
    assert (await _snapshot(runtime, vote.id)).state == "OPEN"

    driven_clock.advance(timedelta(hours=1, seconds=1))
    with pytest.raises(DomainError) as late:
        await factory.ballot(vote=vote, voter=voters[2], option=1)
    assert late.value.code == "VOTE_NOT_OPEN"
    async with runtime.broker.subscribe(vote_channel(vote.id)) as watcher:
        closed_now = await jobs.close_due_votes(runtime.db, runtime.broker)
        pushed = await asyncio.wait_for(watcher.get(), 5)
    assert closed_now >= 1
    snap = await _snapshot(runtime, vote.id)
    assert snap.state == "CLOSED"
    assert snap.closed_at is not None and snap.closed_at >= deadline
    assert (snap.quorum_reached, snap.outcome, snap.counts) == (True, "ADOPTED", (2, 0, 0))
    assert (pushed["state"], pushed["outcome"]) == ("CLOSED", "ADOPTED")
    # a second run finds nothing left to close
    assert vote.id not in await _due(runtime)


async def _due(runtime: Any) -> list[Any]:
    from ecabinet.meetings.votes import service as votes

    async with runtime.db.session() as s:
        return await votes.due_vote_ids(s)


async def test_a_meetings_vote_closes_at_its_deadline_though_the_job_takes_no_part(
    factory, runtime, driven_clock
):
    """The deadline job acts as the system, which takes part in no meeting: it still
    closes a meeting's vote."""
    from ecabinet.meetings.votes import jobs

    secretary, chair = await factory.secretary(), await factory.member()
    members = [await factory.member() for _ in range(4)]
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=members, status="IN_PROGRESS"
    )
    deadline = driven_clock.utcnow() + timedelta(minutes=30)
    vote = await factory.vote(by=secretary, meeting=meeting, deadline=deadline)
    for voter in (chair, *members):
        await factory.ballot(vote=vote, voter=voter, option=0)
    driven_clock.advance(timedelta(minutes=31))
    assert vote.id in await _due(runtime)
    await jobs.close_due_votes(runtime.db, runtime.broker)
    snap = await _snapshot(runtime, vote.id)
    # 5 eligible (chair + 4 members), 5 cast, 5 for
    assert (snap.state, snap.eligible, snap.outcome) == ("CLOSED", 5, "ADOPTED")


# ---- a restart: the deadline passes while no server runs ---------------------------------


@pytest.fixture
async def own_database(test_env) -> AsyncIterator[str]:
    """A migrated database of its own (so that the session server's deadline job cannot
    close the ballot meanwhile)."""
    if test_env.database_url:
        url = await _create_pg_database()
    else:
        url = f"sqlite:///{test_env.tmp / 'data' / f'restart-{secrets.token_hex(3)}.sqlite3'}"
    try:
        result = subprocess.run(
            [str(BIN / "ecabinet"), "migrate"],
            env=test_env.env(DATABASE_URL=url),
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        yield url
    finally:
        if test_env.database_url:
            await _drop_pg_database(url)


async def people(runtime: Any, url: str) -> dict[str, str]:
    """A secretary and three voters in that database; their access tokens."""
    from ecabinet.authz.principal import Clearance, Role, system_principal
    from ecabinet.org import service as org
    from ecabinet.platform.db import Database
    from ecabinet.settings import to_async_url

    db = Database(to_async_url(url))
    try:
        async with db.unit_of_work() as s:
            users = {
                name: await org.create_user(
                    session=s,
                    principal=system_principal("tests"),
                    username=name,
                    full_name=f"Người dùng {name}",
                    roles=roles,
                    clearance=Clearance.SECRET,
                    check_password=False,
                )
                for name, roles in [
                    ("secretary", (Role.SECRETARY,)),
                    ("voter1", (Role.CABINET_MEMBER,)),
                    ("voter2", (Role.CABINET_MEMBER,)),
                    ("voter3", (Role.CABINET_MEMBER,)),
                ]
            }
    finally:
        await db.dispose()
    return {
        name: runtime.tokens.issue({"sub": str(u.id), "scope": " ".join(SCOPES)}, 600)
        for name, u in users.items()
    }


async def vote_state(url: str, vote_key: str) -> str:
    from sqlalchemy import select

    from ecabinet.meetings.votes.models import Vote
    from ecabinet.platform.db import Database
    from ecabinet.platform.ids import decode_uuid
    from ecabinet.settings import to_async_url

    db = Database(to_async_url(url))
    try:
        async with db.session() as s:
            return str(
                await s.scalar(select(Vote.state).where(Vote.id == decode_uuid(vote_key, "Vote")))
            )
    finally:
        await db.dispose()


async def move_deadline_back(url: str, vote_key: str) -> datetime:
    """The stopped server's ballot: its deadline a minute ago (as if time had passed)."""
    from sqlalchemy import update

    from ecabinet.meetings.votes.models import Vote
    from ecabinet.platform.db import Database
    from ecabinet.platform.ids import decode_uuid
    from ecabinet.settings import to_async_url

    past = datetime.now(UTC) - timedelta(minutes=1)
    db = Database(to_async_url(url))
    try:
        async with db.unit_of_work() as s:
            await s.execute(
                update(Vote).where(Vote.id == decode_uuid(vote_key, "Vote")).values(deadline=past)
            )
    finally:
        await db.dispose()
    return past


async def test_deadline_passed_while_down_closes_at_next_start(test_env, runtime, own_database):
    tokens = await people(runtime, own_database)
    # the first server runs no jobs: the test does not depend on stopping it in time
    # (it is stopped before the deadline all the same, as in a real restart)
    before = ServerProcess(
        test_env, free_port(), {"DATABASE_URL": own_database, "ECABINET_RUN_JOBS": "false"}
    )
    api = GraphQLClient(before.url)
    try:
        voters = [
            (
                await api(
                    "query($u: [String!]) { users(filter: {usernames: $u}) { nodes { id } } }",
                    {"u": [name]},
                    token=tokens["secretary"],
                )
            )["data"]["users"]["nodes"][0]["id"]
            for name in ("voter1", "voter2", "voter3")
        ]
        deadline = datetime.now(UTC) + timedelta(hours=1)
        body = await api(
            CREATE_VOTE,
            {
                "i": {
                    "title": "Lấy ý kiến bằng văn bản",
                    "voterIds": voters,
                    "deadline": deadline.isoformat(),
                }
            },
            token=tokens["secretary"],
        )
        assert body["data"]["createVote"]["errors"] == [], body
        vote = body["data"]["createVote"]["vote"]
        opened = await api(OPEN, {"id": vote["id"]}, token=tokens["secretary"])
        assert opened["data"]["openVote"]["errors"] == [], opened
        for name, option in (("voter1", 0), ("voter2", 0), ("voter3", 1)):
            result = await api(
                CAST, {"v": vote["id"], "o": vote["options"][option]["id"]}, token=tokens[name]
            )
            assert result["data"]["castBallot"]["errors"] == [], result
    finally:
        await api.http.aclose()
        before.stop()
    # the deadline passes while no server runs: moved into the past, not waited for
    deadline = await move_deadline_back(own_database, vote["id"])
    assert await vote_state(own_database, vote["id"]) == "OPEN"  # nobody ran meanwhile

    after = ServerProcess(test_env, free_port(), {"DATABASE_URL": own_database})
    started = time.monotonic()
    api = GraphQLClient(after.url)
    try:
        closed = await wait_closed(api, tokens["secretary"], vote["id"], started + 5)
        assert closed["state"] == "CLOSED", "not closed within 5 s of the restart"
        assert datetime.fromisoformat(closed["closedAt"]) > deadline
        # 3 voters, 3 cast, 2 for: 2 > 1.5
        assert closed["tally"]["outcome"] == "ADOPTED"
        assert [r["count"] for r in closed["tally"]["results"]] == [2, 1, 0]
    finally:
        await api.http.aclose()
        after.stop()
