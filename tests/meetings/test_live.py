"""Live meetings and votes over graphql-transport-ws, with real WebSocket clients: what a
tablet in the meeting room sees while members check in, speak and vote."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets

from tests.conftest import GraphQLClient, ServerProcess, free_port
from tests.meetings.helpers import (
    CLOSE,
    add_agenda_item,
    cast,
    open_vote,
    running_meeting,
    user_gid,
)

VOTE_SUB = """subscription($id: ID!) { voteUpdated(voteId: $id) { id state version
  tally { eligible cast quorumReached outcome results { option { label } count } } } }"""
EVENTS_SUB = """subscription($id: ID!) { meetingEvents(meetingId: $id) {
  type version userId agendaItemId voteId attendance outcome } }"""
WAIT = 5.0


class Live:
    """One graphql-transport-ws connection (one subscription on it, usually)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ops = 0

    @classmethod
    async def connect(cls, base_url: str, token: str) -> Live:
        ws = await websockets.connect(
            base_url.replace("http://", "ws://") + "/graphql",
            subprotocols=["graphql-transport-ws"],
            max_size=None,
        )
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        live = cls(ws)
        ack = await live.recv()
        assert ack["type"] == "connection_ack", ack
        return live

    async def subscribe(self, query: str, variables: dict[str, Any]) -> str:
        self.ops += 1
        op = str(self.ops)
        await self.ws.send(
            json.dumps(
                {"id": op, "type": "subscribe", "payload": {"query": query, "variables": variables}}
            )
        )
        return op

    async def recv(self, timeout: float = WAIT) -> dict[str, Any]:
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
            if message["type"] == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
                continue
            return message

    async def data(self, field: str, timeout: float = WAIT) -> dict[str, Any]:
        message = await self.recv(timeout)
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        return message["payload"]["data"][field]

    async def nothing(self, wait: float = 0.3) -> None:
        with pytest.raises(TimeoutError):
            await self.recv(wait)

    async def close(self) -> None:
        await self.ws.close()


async def watch_vote(base_url: str, token: str, vote_id: str) -> tuple[Live, dict[str, Any]]:
    live = await Live.connect(base_url, token)
    await live.subscribe(VOTE_SUB, {"id": vote_id})
    return live, await live.data("voteUpdated")


async def watch_meeting(base_url: str, token: str, meeting_id: str) -> Live:
    live = await Live.connect(base_url, token)
    await live.subscribe(EVENTS_SUB, {"id": meeting_id})
    return live


async def check_in(gql: Any, token: str, meeting_id: str) -> None:
    body = await gql(
        "mutation($m: ID!) { checkIn(meetingId: $m) { errors { code } } }",
        {"m": meeting_id},
        token=token,
    )
    assert body["data"]["checkIn"]["errors"] == [], body


@pytest.mark.smoke
async def test_vote_snapshot_first_then_every_ballot_in_version_order(server, gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), liveResults=True)
    early, first = await watch_vote(server.url, tokens("member6"), vote["id"])
    assert first["state"] == "OPEN" and first["tally"]["cast"] == 0
    assert first["tally"]["eligible"] == 7 and first["tally"]["outcome"] == "PENDING"
    base = first["version"]

    # one by one: every ballot is one message, version +1, cast +1
    for n, who in enumerate(("chair", "member1", "member2"), start=1):
        assert (await cast(gql, tokens, who, vote, 0))["errors"] == []
        update = await early.data("voteUpdated")
        assert (update["version"], update["tally"]["cast"]) == (base + n, n)
        assert update["tally"]["results"][0]["count"] == n

    # a tablet that joins now sees the current state first
    late, now = await watch_vote(server.url, tokens("member5"), vote["id"])
    assert (now["version"], now["tally"]["cast"]) == (base + 3, 3)

    # ballots at the same moment still arrive one per version, without gaps, at both
    results = await asyncio.gather(
        *(cast(gql, tokens, who, vote, 1) for who in ("member3", "member4", "member5"))
    )
    assert all(r["errors"] == [] for r in results)
    for live in (early, late):
        seen = [await live.data("voteUpdated") for _ in range(3)]
        assert [s["version"] for s in seen] == [base + 4, base + 5, base + 6]
        assert [s["tally"]["cast"] for s in seen] == [4, 5, 6]

    await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    for live in (early, late):
        closed = await live.data("voteUpdated")
        assert closed["state"] == "CLOSED" and closed["version"] == base + 7
        # 7 eligible, 6 cast, 3 for: 3 is not more than 3.5
        assert closed["tally"]["outcome"] == "REJECTED"
        assert [r["count"] for r in closed["tally"]["results"]] == [3, 3, 0]
        await live.nothing()
        await live.close()


async def test_secret_vote_streams_counts_only_after_close(server, gql, tokens):
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens), kind="SECRET", liveResults=True
    )
    live, first = await watch_vote(server.url, tokens("chair"), vote["id"])
    assert first["tally"]["results"] is None
    for n, (who, option) in enumerate(
        [("member1", 0), ("member2", 0), ("member3", 0), ("member4", 0), ("member5", 1)], start=1
    ):
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
        update = await live.data("voteUpdated")
        assert update["tally"]["cast"] == n and update["tally"]["results"] is None
        assert update["tally"]["outcome"] == "PENDING"
    await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    closed = await live.data("voteUpdated")
    assert closed["state"] == "CLOSED"
    assert closed["tally"]["outcome"] == "ADOPTED"  # 4 of 7 eligible
    assert [r["count"] for r in closed["tally"]["results"]] == [4, 1, 0]
    await live.close()


async def test_meeting_events_follow_the_session(server, gql, tokens):
    sec = tokens("secretary")
    mid = await running_meeting(gql, tokens)
    item = await add_agenda_item(gql, sec, mid, "Đề án số hoá")
    live = await watch_meeting(server.url, tokens("member1"), mid)
    versions: list[int] = []

    async def expect(kind: str) -> dict[str, Any]:
        event = await live.data("meetingEvents")
        assert event["type"] == kind, event
        versions.append(event["version"])
        return event

    await check_in(gql, tokens("member2"), mid)
    event = await expect("ATTENDANCE_CHANGED")
    assert event["userId"] == await user_gid(gql, sec, "member2")
    assert event["attendance"] == "PRESENT"

    await gql(
        "mutation($i: ID!) { startAgendaItem(id: $i) { errors { code } } }", {"i": item}, token=sec
    )
    assert (await expect("ITEM_STARTED"))["agendaItemId"] == item

    await gql(
        "mutation($i: ID!) { requestToSpeak(agendaItemId: $i) { errors { code } } }",
        {"i": item},
        token=tokens("member3"),
    )
    event = await expect("SPEAKER_REQUESTED")
    assert event["userId"] == await user_gid(gql, sec, "member3")
    assert event["agendaItemId"] == item

    vote = await open_vote(gql, tokens, mid)
    assert (await expect("VOTE_CREATED"))["voteId"] == vote["id"]
    assert (await expect("VOTE_OPENED"))["voteId"] == vote["id"]
    for who in ("chair", "member1", "member2", "member3", "member4"):
        await cast(gql, tokens, who, vote, 0)
    await gql(CLOSE, {"id": vote["id"]}, token=sec)
    closed = await expect("VOTE_CLOSED")
    assert closed["voteId"] == vote["id"] and closed["outcome"] == "ADOPTED"

    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    await live.nothing()
    await live.close()


async def test_removed_participant_stops_receiving(server, gql, tokens):
    sec = tokens("secretary")
    mid = await running_meeting(gql, tokens, confidentiality="CONFIDENTIAL")
    vote = await open_vote(gql, tokens, mid)
    removed_events = await watch_meeting(server.url, tokens("member6"), mid)
    removed_vote, _ = await watch_vote(server.url, tokens("member6"), vote["id"])
    staying = await watch_meeting(server.url, tokens("member1"), mid)
    await removed_events.nothing(0.2)

    body = await gql(
        """mutation($m: ID!, $u: ID!) { removeParticipant(input: {meetingId: $m, userId: $u})
        { errors { code } } }""",
        {"m": mid, "u": await user_gid(gql, sec, "member6")},
        token=sec,
    )
    assert body["data"]["removeParticipant"]["errors"] == []
    # member6 (cleared SECRET, but neither a participant nor invited) may no longer see it
    assert await removed_events.recv() == {"id": "1", "type": "complete"}
    assert await removed_vote.recv() == {"id": "1", "type": "complete"}
    assert (await staying.data("meetingEvents"))["type"] == "PARTICIPANT_REMOVED"

    # later events reach the others, not them; and re-subscribing is refused
    await check_in(gql, tokens("member2"), mid)
    assert (await staying.data("meetingEvents"))["type"] == "ATTENDANCE_CHANGED"
    await removed_events.nothing(0.2)
    await removed_events.subscribe(EVENTS_SUB, {"id": mid})
    refused = await removed_events.recv()
    errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    for live in (removed_events, removed_vote, staying):
        await live.close()


async def test_raising_the_level_stops_the_live_vote_of_those_no_longer_cleared(
    server, gql, tokens
):
    sec = tokens("secretary")
    mid = await running_meeting(gql, tokens)  # INTERNAL: staff sees it, not a participant
    vote = await open_vote(gql, tokens, mid)
    outsider, _ = await watch_vote(server.url, tokens("staff"), vote["id"])
    member, _ = await watch_vote(server.url, tokens("member1"), vote["id"])
    body = await gql(
        """mutation($m: ID!) { updateMeeting(input: {id: $m, confidentiality: SECRET})
        { errors { code } } }""",
        {"m": mid},
        token=sec,
    )
    assert body["data"]["updateMeeting"]["errors"] == []
    # at once, not at the next ballot: staff (INTERNAL clearance) may no longer see it
    assert await outsider.recv() == {"id": "1", "type": "complete"}
    assert (await member.data("voteUpdated"))["state"] == "OPEN"
    for live in (outsider, member):
        await live.close()


@pytest.fixture(scope="module")
def second_server(test_env):
    if test_env.redis_url is None:
        pytest.skip("fan-out across processes needs Redis (the postgres pass)")
    srv = ServerProcess(test_env, free_port(), {})
    yield srv
    srv.stop()


@pytest.mark.services
async def test_ballots_through_another_process_reach_subscribers_in_order(
    server, second_server, gql, tokens
):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), liveResults=True)
    here, first = await watch_vote(server.url, tokens("chair"), vote["id"])
    there, _ = await watch_vote(second_server.url, tokens("member6"), vote["id"])
    base = first["version"]
    voters = ["chair", "member1", "member2", "member3", "member4", "member5", "member6"]
    other = GraphQLClient(second_server.url)
    try:
        # through the second process, all at once
        results = await asyncio.gather(*(cast(other, tokens, who, vote, 0) for who in voters))
        assert all(r["errors"] == [] for r in results), results
        for live in (here, there):
            seen = [await live.data("voteUpdated") for _ in voters]
            assert [s["version"] for s in seen] == list(range(base + 1, base + 8))
            assert [s["tally"]["cast"] for s in seen] == list(range(1, 8))
        closed = await other(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
        assert closed["data"]["closeVote"]["vote"]["tally"]["outcome"] == "ADOPTED"
    finally:
        await other.http.aclose()
    for live in (here, there):
        final = await live.data("voteUpdated")
        assert final["state"] == "CLOSED" and final["version"] == base + 8
        assert final["tally"]["results"][0] == {"option": {"label": "Tán thành"}, "count": 7}
        await live.close()
