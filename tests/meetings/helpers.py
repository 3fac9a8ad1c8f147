"""Shared steps of the meetings tests: a running meeting with the demo members."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

CREATE = """mutation($i: CreateMeetingInput!) { createMeeting(input: $i) {
  meeting { id status } errors { code message field } } }"""
STATUS = """mutation($i: SetMeetingStatusInput!) { setMeetingStatus(input: $i) {
  meeting { status } errors { code } } }"""
CREATE_VOTE = """mutation($i: CreateVoteInput!) { createVote(input: $i) {
  vote { id state options { id label } } errors { code message field } } }"""
OPEN = "mutation($id: ID!) { openVote(id: $id) { vote { state version tally { eligible } } errors { code } } }"
CLOSE = """mutation($id: ID!) { closeVote(id: $id) { vote { state version tally {
  eligible cast quorumReached outcome results { option { label } count } } } errors { code } } }"""
CAST = """mutation($v: ID!, $o: ID!) { castBallot(input: {voteId: $v, optionId: $o}) {
  vote { tally { cast } viewerHasVoted } errors { code message } } }"""
VOTE = """query($id: ID!) { vote(id: $id) { state version tally { eligible cast quorumReached
  outcome results { option { label } count } } } }"""


async def user_gid(gql: Any, token: str, username: str) -> str:
    body = await gql(
        "query($u: [String!]) { users(filter: {usernames: $u}) { nodes { id } } }",
        {"u": [username]},
        token=token,
    )
    return body["data"]["users"]["nodes"][0]["id"]


async def running_meeting(
    gql: Any,
    tokens: Any,
    *,
    members: int = 6,
    title: str = "Phiên họp",
    confidentiality: str = "INTERNAL",
    start: bool = True,
) -> str:
    sec = tokens("secretary")
    people = [("chair", "CHAIR"), ("secretary", "SECRETARY")] + [
        (f"member{i}", "MEMBER") for i in range(1, members + 1)
    ]
    participants = [{"userId": await user_gid(gql, sec, u), "role": r} for u, r in people]
    body = await gql(
        CREATE,
        {
            "i": {
                "title": title,
                "startsAt": (datetime.now(UTC) + timedelta(hours=1)).isoformat(),
                "location": "Phòng họp số 1",
                "kind": "STEERING_COMMITTEE",
                "confidentiality": confidentiality,
                "participants": participants,
            }
        },
        token=sec,
    )
    assert body["data"]["createMeeting"]["errors"] == [], body
    mid = body["data"]["createMeeting"]["meeting"]["id"]
    if start:
        for status in ("SCHEDULED", "IN_PROGRESS"):
            r = await gql(STATUS, {"i": {"id": mid, "status": status}}, token=sec)
            assert r["data"]["setMeetingStatus"]["errors"] == [], r
    return mid


async def open_vote(gql: Any, tokens: Any, meeting_id: str | None, **fields: Any) -> dict:
    sec = tokens("secretary")
    body = await gql(
        CREATE_VOTE,
        {"i": {"meetingId": meeting_id, "title": "Thông qua kế hoạch", **fields}},
        token=sec,
    )
    assert body["data"]["createVote"]["errors"] == [], body
    vote = body["data"]["createVote"]["vote"]
    opened = await gql(OPEN, {"id": vote["id"]}, token=sec)
    assert opened["data"]["openVote"]["errors"] == [], opened
    return vote


async def cast(gql: Any, tokens: Any, username: str, vote: dict, option: int) -> dict:
    body = await gql(
        CAST, {"v": vote["id"], "o": vote["options"][option]["id"]}, token=tokens(username)
    )
    return body["data"]["castBallot"]


def refusal(body: dict, field: str) -> str | None:
    """The one refusal shape (issue 9): the mutation's field is null and a top-level error
    with extensions.code FORBIDDEN names the reason; returns that reason."""
    assert body["data"] is None or body["data"][field] is None, body  # payloads are non-null
    (error,) = [e for e in body["errors"] if e.get("path") == [field]]
    assert error["extensions"]["code"] == "FORBIDDEN", error
    return error["extensions"].get("reason")


ATTACH = """mutation($f: Upload!, $i: ID!, $c: Clearance!) {
  attachDocument(input: {agendaItemId: $i, file: $f, confidentiality: $c}) {
    file { id name size contentType confidentiality url } errors { code message } } }"""
ADD_ITEM = """mutation($m: ID!, $t: String!) { addAgendaItem(input: {meetingId: $m, title: $t})
  { agendaItem { id } errors { code } } }"""


async def add_agenda_item(gql: Any, token: str, meeting_id: str, title: str) -> str:
    """An agenda item added to the meeting by `token`'s holder: its id."""
    body = await gql(ADD_ITEM, {"m": meeting_id, "t": title}, token=token)
    assert body["data"]["addAgendaItem"]["errors"] == [], body
    return str(body["data"]["addAgendaItem"]["agendaItem"]["id"])


async def upload(
    http: httpx.AsyncClient, token: str, item: str, name: str, content: bytes, level: str
) -> dict[str, Any]:
    """A paper attached to an agenda item by the GraphQL multipart request spec (operations,
    map, then the file part): the attachDocument payload."""
    response = await http.post(
        "/graphql",
        data={
            "operations": json.dumps(
                {"query": ATTACH, "variables": {"f": None, "i": item, "c": level}}
            ),
            "map": json.dumps({"0": ["variables.f"]}),
        },
        files={"0": (name, content, "application/pdf")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["attachDocument"]
