"""SECRET ballots pressed at the same moment, over several server processes (PostgreSQL +
Redis pass) or one (SQLite pass), some twice: each is sealed into the box exactly once, the
duplicates are told ALREADY_VOTED, and the close counts every choice exactly once."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import eventually
from tests.meetings.helpers import CAST, CLOSE
from tests.meetings.test_concurrency import crowd_vote, server_urls

pytestmark = pytest.mark.services

__all__ = ["server_urls"]  # the fixture: the session server and, with Redis, two more

VOTERS = 90
DUPLICATES = 30


async def box_and_participations(runtime: Any, vote_key: Any) -> tuple[int, int]:
    from ecabinet.meetings.votes.models import BallotBox, Participation

    async with runtime.db.session() as s:
        boxes = await s.scalar(select(func.count()).where(BallotBox.vote_id == vote_key))
        voted = await s.scalar(select(func.count()).where(Participation.vote_id == vote_key))
    return boxes or 0, voted or 0


async def test_simultaneous_secret_ballots_are_sealed_and_counted_exactly_once(
    runtime, server_urls, gql, make_token
):
    crowd = await crowd_vote(runtime, VOTERS, kind="SECRET")
    vote, options, tokens = crowd["vote"], crowd["options"], crowd["tokens"]
    attempts = [(i, i % 3) for i in range(VOTERS)] + [(i, (i + 1) % 3) for i in range(DUPLICATES)]
    random.Random(11).shuffle(attempts)
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
    outcomes: dict[int, list[str]] = {}
    for voter, option, response in answers:
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        errors = body["data"]["castBallot"]["errors"]
        if errors == []:
            counted[option] += 1
        outcomes.setdefault(voter, []).append(errors[0]["code"] if errors else "OK")
    for voter in range(VOTERS):
        expected = ["ALREADY_VOTED", "OK"] if voter < DUPLICATES else ["OK"]
        assert sorted(outcomes[voter]) == expected, (voter, outcomes[voter])
    # one sealed ballot per participation, no count yet
    assert await box_and_participations(runtime, crowd["vote_key"]) == (VOTERS, VOTERS)

    body = await gql(CLOSE, {"id": vote}, token=make_token("secretary"))
    tally = body["data"]["closeVote"]["vote"]["tally"]
    assert tally["cast"] == VOTERS
    assert [r["count"] for r in tally["results"]] == [counted[0], counted[1], counted[2]]
    assert await box_and_participations(runtime, crowd["vote_key"]) == (0, VOTERS)
