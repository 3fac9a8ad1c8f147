"""Votes with a deadline close themselves then: written ballots (no meeting: listed
voters and a deadline), a meeting's vote given a deadline, and also a ballot whose
deadline passed while no server was running (closed at the next start)."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import time
from collections.abc import AsyncIterator
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
    cast,
    open_vote,
    running_meeting,
    user_gid,
)
from tests.meetings.test_live import watch_vote

VOTE = """query($id: ID!) { vote(id: $id) { state version closedAt deadline tally { eligible
  cast quorumReached outcome results { option { label } count } } } }"""


async def wait_closed(gql: Any, token: str, vote_id: str, until: float) -> dict[str, Any]:
    """Poll the API as a user would until the vote is CLOSED or `until` (monotonic)."""
    while True:
        vote = (await gql(VOTE, {"id": vote_id}, token=token))["data"]["vote"]
        if vote["state"] == "CLOSED" or time.monotonic() > until:
            return vote
        await asyncio.sleep(0.1)


async def written_ballot_closes_at_its_deadline(server: Any, gql: Any, tokens: Any) -> None:
    sec = tokens("secretary")
    voters = [await user_gid(gql, sec, u) for u in ("member1", "member2", "member3")]
    deadline = datetime.now(UTC) + timedelta(seconds=3)
    vote = await open_vote(gql, tokens, None, voterIds=voters, deadline=deadline.isoformat())
    watcher, first = await watch_vote(server.url, tokens("member3"), vote["id"])
    assert first["state"] == "OPEN"
    for n, who in enumerate(("member1", "member2"), start=1):
        assert (await cast(gql, tokens, who, vote, 0))["errors"] == []
        assert (await watcher.data("voteUpdated"))["tally"]["cast"] == n

    await asyncio.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()) + 0.05)
    late = await cast(gql, tokens, "member3", vote, 1)
    assert [e["code"] for e in late["errors"]] == ["VOTE_NOT_OPEN"]

    closed = await wait_closed(gql, sec, vote["id"], time.monotonic() + 5)
    assert closed["state"] == "CLOSED", "not closed within 5 s after the deadline"
    assert datetime.fromisoformat(closed["closedAt"]) >= deadline
    # 3 listed voters, 2 cast (quorum: 2 of 3), both for: 2 > 1.5
    assert closed["tally"]["quorumReached"] is True
    assert closed["tally"]["outcome"] == "ADOPTED"
    assert [r["count"] for r in closed["tally"]["results"]] == [2, 0, 0]
    # whoever watches sees it close, without asking
    pushed = await watcher.data("voteUpdated")
    assert pushed["state"] == "CLOSED" and pushed["tally"]["outcome"] == "ADOPTED"
    await watcher.close()


async def meeting_vote_closes_at_its_deadline(gql: Any, tokens: Any) -> None:
    """The deadline job acts as the system, which takes part in no meeting: it must still
    close a meeting's vote (ballots are refused after the deadline either way)."""
    mid = await running_meeting(gql, tokens)
    deadline = datetime.now(UTC) + timedelta(seconds=2)
    vote = await open_vote(gql, tokens, mid, deadline=deadline.isoformat())
    for who in ("chair", "member1", "member2", "member3", "member4"):
        assert (await cast(gql, tokens, who, vote, 0))["errors"] == []
    await asyncio.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()))
    closed = await wait_closed(gql, tokens("secretary"), vote["id"], time.monotonic() + 5)
    assert closed["state"] == "CLOSED", "not closed within 5 s after the deadline"
    # 7 eligible, 5 cast, 5 for
    assert closed["tally"]["outcome"] == "ADOPTED"
    listed = await gql(
        "query($m: ID!) { meeting(id: $m) { votes { id state } } }",
        {"m": mid},
        token=tokens("member1"),
    )
    assert listed["data"]["meeting"]["votes"] == [{"id": vote["id"], "state": "CLOSED"}]


async def test_votes_close_themselves_at_their_deadline(server, gql, tokens):
    # both at once: they wait for the same clock
    await asyncio.gather(
        written_ballot_closes_at_its_deadline(server, gql, tokens),
        meeting_vote_closes_at_its_deadline(gql, tokens),
    )


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

    from ecabinet.meetings.models import Vote
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
        deadline = datetime.now(UTC) + timedelta(seconds=3)
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
    await asyncio.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()) + 0.5)
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
