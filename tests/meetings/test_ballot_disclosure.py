"""Issue 8, Medium 5: closing a SECRET vote after one or two ballots revealed the choices
(the chair voted, waited for one member, closed: [1, 1, 0]; the two knew each other's
ballot, and anyone who saw who voted learned both). Counts of a SECRET vote are published
only with quorum and at least three ballots; otherwise it ends NO_QUORUM without counts —
in the API, the live updates, the exports, the snapshots and the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.meetings.helpers import CLOSE, VOTE, cast, open_vote, running_meeting
from tests.meetings.test_documents_and_exports import RESULTS, http, parse_csv, section
from tests.meetings.test_live import watch_vote

__all__ = ["http"]  # the module's HTTP client fixture


async def rows_of(db: Any, vote_key: Any) -> tuple[int, int]:
    from ecabinet.meetings.votes.models import BallotBox, OptionCount

    async with db.session() as s:
        counts = await s.scalar(select(func.count()).where(OptionCount.vote_id == vote_key))
        boxes = await s.scalar(select(func.count()).where(BallotBox.vote_id == vote_key))
    return counts or 0, boxes or 0


async def test_a_secret_vote_closed_after_two_ballots_publishes_no_counts(
    server, gql, tokens, db, http
):
    from ecabinet.meetings.votes import service as votes
    from ecabinet.platform.ids import decode_uuid

    sec = tokens("secretary")
    # the chair and one member: both vote, so quorum is reached — and each would learn the
    # other's choice from [1, 1, 0]
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens, members=1), kind="SECRET"
    )
    key = decode_uuid(vote["id"], "Vote")
    live, first = await watch_vote(server.url, tokens("chair"), vote["id"])
    try:
        assert first["tally"]["results"] is None
        assert (await cast(gql, tokens, "chair", vote, 0))["errors"] == []
        assert (await cast(gql, tokens, "member1", vote, 1))["errors"] == []
        closed = await gql(CLOSE, {"id": vote["id"]}, token=sec)
        assert closed["data"]["closeVote"]["errors"] == []
        tally = closed["data"]["closeVote"]["vote"]["tally"]
        assert tally == {
            "eligible": 2,
            "cast": 2,
            "quorumReached": True,
            "outcome": "NO_QUORUM",
            "results": None,
        }
        # the live update of the close carries no counts either
        update = await live.data("voteUpdated")
        while update["state"] != "CLOSED":
            update = await live.data("voteUpdated")
        assert update["tally"]["outcome"] == "NO_QUORUM" and update["tally"]["results"] is None
    finally:
        await live.close()

    # every viewer, later: no counts
    for viewer in ("secretary", "chair", "member1"):
        body = await gql(VOTE, {"id": vote["id"]}, token=tokens(viewer))
        assert body["data"]["vote"]["tally"]["results"] is None, viewer
    # the snapshot (what the broker carries) has none
    async with db.session() as s:
        snap = (await votes.snapshots(s, None, [key]))[key]
    assert (snap.counts, snap.outcome) == (None, "NO_QUORUM")
    # the export has none
    links = (await gql(RESULTS, {"id": vote["id"]}, token=sec))["data"]["vote"]
    rows = parse_csv((await http.get(links["csv"])).text)
    assert ["eligible", "2", "cast", "2", "quorum", "True", "outcome", "NO_QUORUM"] in rows
    assert section(rows, ["option", "count"]) == []
    assert not any(r[:1] == [o["label"]] for r in rows for o in vote["options"])
    page = (await http.get(links["html"])).text
    assert "NO_QUORUM" in page and not any(o["label"] in page for o in vote["options"])
    # and the database keeps none: the two sealed ballots were destroyed unopened
    assert await rows_of(db, key) == (0, 0)


async def test_a_secret_vote_with_three_ballots_and_quorum_publishes_its_counts(gql, tokens, db):
    from ecabinet.platform.ids import decode_uuid

    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens, members=3), kind="SECRET"
    )
    for who, option in {"chair": 0, "member1": 1, "member2": 0}.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    tally = closed["data"]["closeVote"]["vote"]["tally"]
    # 4 eligible, 3 cast: quorum; 2 for is not more than half of 4
    assert (tally["quorumReached"], tally["outcome"]) == (True, "REJECTED")
    assert [r["count"] for r in tally["results"]] == [2, 1, 0]
    assert await rows_of(db, decode_uuid(vote["id"], "Vote")) == (3, 0)


async def test_a_secret_vote_without_quorum_publishes_no_counts(gql, tokens):
    # 7 eligible, 4 cast: three ballots or more, but no quorum
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), kind="SECRET")
    for who in ("chair", "member1", "member2", "member3"):
        assert (await cast(gql, tokens, who, vote, 0))["errors"] == []
    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    tally = closed["data"]["closeVote"]["vote"]["tally"]
    assert (tally["quorumReached"], tally["outcome"], tally["results"]) == (
        False,
        "NO_QUORUM",
        None,
    )
