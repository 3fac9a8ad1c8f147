"""SECRET ballots pressed at the same moment, over several server processes (PostgreSQL +
Redis pass) or one (SQLite pass), some twice: each is sealed into the box exactly once, the
duplicates are told ALREADY_VOTED, and the close counts every choice exactly once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.meetings.helpers import CLOSE
from tests.meetings.test_concurrency import cast_at_once, crowd_vote, server_urls

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
    vote = crowd["vote"]
    counted = await cast_at_once(server_urls, crowd, duplicates=DUPLICATES, seed=11)
    # one sealed ballot per participation, no count yet
    assert await box_and_participations(runtime, crowd["vote_key"]) == (VOTERS, VOTERS)

    body = await gql(CLOSE, {"id": vote}, token=make_token("secretary"))
    tally = body["data"]["closeVote"]["vote"]["tally"]
    assert tally["cast"] == VOTERS
    assert [r["count"] for r in tally["results"]] == [counted[0], counted[1], counted[2]]
    assert await box_and_participations(runtime, crowd["vote_key"]) == (0, VOTERS)
