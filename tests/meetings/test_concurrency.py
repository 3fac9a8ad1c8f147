"""Two hundred voters pressing the button at the same moment, spread over several server
processes (PostgreSQL + Redis pass) or one (SQLite pass), with some pressing twice:
every ballot is counted exactly once, the duplicates are told ALREADY_VOTED, nothing
fails, and a live tally display sees the count climb to 200, never backwards."""

from __future__ import annotations

import asyncio
import random
import secrets
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from ecabinet.authz.principal import SCOPES
from tests.conftest import ServerProcess, eventually, free_port
from tests.meetings.helpers import CAST, CLOSE
from tests.meetings.test_live import VOTE_SUB, Live

pytestmark = pytest.mark.services

VOTERS = 200
DUPLICATES = 50


async def crowd_vote(runtime: Any, voters: int, kind: str = "OPEN") -> dict[str, Any]:
    """`voters` new users (made by the system), MEMBERs of a meeting in progress with an
    OPEN vote of `kind` (made by the demo secretary), through the service functions."""
    from ecabinet.auth.service import principal_for_user_id
    from ecabinet.authz.principal import system_principal
    from ecabinet.graphql.relay import gid
    from ecabinet.meetings import service
    from ecabinet.meetings.votes import service as votes
    from ecabinet.org import service as org
    from ecabinet.org.models import User

    system = system_principal("tests")
    run = secrets.token_hex(3)
    async with runtime.db.unit_of_work() as s:
        sec_id = await s.scalar(select(User.id).where(User.username == "secretary"))
        sec = await principal_for_user_id(session=s, subject=str(sec_id))
        assert sec is not None
        users = [
            await org.create_user(
                session=s,
                principal=system,
                username=f"v{run}-{i:03d}",
                full_name=f"Đại biểu {i:03d}",
                check_password=False,
            )
            for i in range(voters)
        ]
        meeting = await service.create_meeting(
            session=s,
            principal=sec,
            title=f"Phiên họp toàn thể {run}",
            starts_at=datetime.now(UTC) + timedelta(minutes=5),
            participants=[service.NewParticipant(u.id, "MEMBER") for u in users],
        )
        for status in ("SCHEDULED", "IN_PROGRESS"):
            await service.set_status(session=s, principal=sec, meeting_id=meeting.id, status=status)
        vote = await votes.create_vote(
            session=s, principal=sec, title="Biểu quyết", meeting_id=meeting.id, kind=kind
        )
        await votes.open_vote(session=s, principal=sec, vote_id=vote.id)
        options = await votes.snapshots(s, None, [vote.id])
    snap = options[vote.id]
    return {
        "vote_key": vote.id,
        "vote": gid("Vote", vote.id),
        "options": [gid("VoteOption", o.id) for o in snap.options],
        "user_keys": [u.id for u in users],
        "tokens": [
            runtime.tokens.issue({"sub": str(u.id), "scope": " ".join(SCOPES)}, 600) for u in users
        ],
    }


async def cast_at_once(
    server_urls: list[str], crowd: dict[str, Any], *, duplicates: int, seed: int
) -> Counter[int]:
    """Every voter of `crowd` casts a ballot and the first `duplicates` of them a second
    one, all at the same moment (each held until every one is ready), in a shuffled order
    spread over the server processes. Each answer is a ballot counted or ALREADY_VOTED,
    never an error, and exactly each voter's first one counted; the counts by option."""
    vote, options, tokens = crowd["vote"], crowd["options"], crowd["tokens"]
    voters = len(tokens)
    attempts = [(i, i % 3) for i in range(voters)] + [(i, (i + 1) % 3) for i in range(duplicates)]
    random.Random(seed).shuffle(attempts)
    clients = [
        httpx.AsyncClient(
            base_url=url, timeout=60, limits=httpx.Limits(max_connections=len(attempts))
        )
        for url in server_urls
    ]
    go = asyncio.Event()
    waiting: list[int] = []

    async def attempt(n: int, voter: int, option: int) -> tuple[int, int, httpx.Response]:
        waiting.append(n)
        await go.wait()
        response = await clients[n % len(clients)].post(
            "/graphql",
            json={"query": CAST, "variables": {"v": vote, "o": options[option]}},
            headers={"Authorization": f"Bearer {tokens[voter]}"},
        )
        return voter, option, response

    tasks = [asyncio.create_task(attempt(n, v, o)) for n, (v, o) in enumerate(attempts)]
    await eventually(lambda: len(waiting) == len(attempts), what="every attempt at the start")
    go.set()
    try:
        answers = await asyncio.gather(*tasks)
    finally:
        for c in clients:
            await c.aclose()

    counted: Counter[int] = Counter()
    outcome_by_voter: dict[int, list[str]] = {}
    for voter, option, response in answers:
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body  # never INTERNAL_SERVER_ERROR or anything else
        errors = body["data"]["castBallot"]["errors"]
        if errors == []:
            counted[option] += 1
            outcome_by_voter.setdefault(voter, []).append("OK")
            assert body["data"]["castBallot"]["vote"]["viewerHasVoted"] is True
        else:
            outcome_by_voter.setdefault(voter, []).append(errors[0]["code"])
    for voter in range(voters):
        expected = ["ALREADY_VOTED", "OK"] if voter < duplicates else ["OK"]
        assert sorted(outcome_by_voter[voter]) == expected, (voter, outcome_by_voter[voter])
    return counted


@pytest.fixture(scope="module")
def server_urls(test_env, server):
    """The session server, plus two more processes on the same database in the
    PostgreSQL + Redis pass."""
    extra: list[ServerProcess] = []
    if test_env.redis_url is not None:
        extra = [ServerProcess(test_env, free_port(), {}) for _ in range(2)]
    yield [server.url] + [s.url for s in extra]
    for s in extra:
        s.stop()


async def test_simultaneous_ballots_are_counted_exactly_once(
    runtime, server, server_urls, gql, make_token
):
    crowd = await crowd_vote(runtime, VOTERS)
    vote, tokens = crowd["vote"], crowd["tokens"]

    # a tablet shows the tally live while everybody votes
    live = await Live.connect(server.url, tokens[0])
    await live.subscribe(VOTE_SUB, {"id": vote})
    first = await live.data("voteUpdated")
    assert first["state"] == "OPEN" and first["tally"]["eligible"] == VOTERS
    base = first["version"]

    # 200 first ballots and 50 second attempts by the same people, all fired at once,
    # spread over the server processes
    counted = await cast_at_once(server_urls, crowd, duplicates=DUPLICATES, seed=7)
    assert sum(counted.values()) == VOTERS

    # the live display climbed, never backwards, each state consistent, up to 200
    # (one message per ballot is the rule; under a burst a version late by more than the
    # reorder wait may be skipped for the newer state, which no viewer can notice)
    seen: list[dict[str, Any]] = []
    while not seen or seen[-1]["tally"]["cast"] < VOTERS:
        seen.append(await live.data("voteUpdated", timeout=15))
    versions = [s["version"] for s in seen]
    assert versions == sorted(set(versions)) and versions[-1] == base + VOTERS
    assert all(s["tally"]["cast"] == s["version"] - base for s in seen)
    assert len(seen) >= VOTERS * 0.9, f"only {len(seen)} of {VOTERS} updates"
    await live.nothing(0.3)
    await live.close()

    body = await gql(CLOSE, {"id": vote}, token=make_token("secretary"))
    tally = body["data"]["closeVote"]["vote"]["tally"]
    assert tally["cast"] == VOTERS and tally["eligible"] == VOTERS
    assert [r["count"] for r in tally["results"]] == [counted[0], counted[1], counted[2]]
    assert sum(r["count"] for r in tally["results"]) == VOTERS

    from ecabinet.meetings.votes.models import OpenBallot

    async with runtime.db.session() as s:
        rows = await s.scalar(select(func.count()).where(OpenBallot.vote_id == crowd["vote_key"]))
    assert rows == VOTERS


async def test_the_database_refuses_a_second_ballot_row(runtime):
    """One ballot per voter is the database's rule, not only the application's."""
    from ecabinet.meetings.votes.models import OpenBallot, Participation, VoteOption

    for kind in ("OPEN", "SECRET"):
        crowd = await crowd_vote(runtime, 3, kind=kind)
        vote_key, voter = crowd["vote_key"], crowd["user_keys"][0]
        async with runtime.db.session() as s:
            option = await s.scalar(select(VoteOption.id).where(VoteOption.vote_id == vote_key))
        table = OpenBallot if kind == "OPEN" else Participation
        row: dict[str, Any] = {"vote_id": vote_key, "voter_id": voter}
        if kind == "OPEN":
            row |= {"option_id": option, "cast_at": datetime.now(UTC)}
        async with runtime.db.unit_of_work() as s:
            await s.execute(insert(table).values(**row))
        with pytest.raises(IntegrityError):
            async with runtime.db.unit_of_work() as s:
                await s.execute(insert(table).values(**row))
        async with runtime.db.session() as s:
            count = await s.scalar(
                select(func.count()).where(table.vote_id == vote_key, table.voter_id == voter)
            )
        assert count == 1
