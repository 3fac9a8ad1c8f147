"""The rules of meetings a user meets at the secretariat's desk and in the room: the list's
upcoming/past split, invitations and attendance, the agenda's presenters, the speakers'
list, the lifecycle, the legal vote rules over the API, the snapshot at close, the audit
trail, bad input, and the SQL count of the meetings list."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from ecabinet.graphql.relay import gid
from tests.conftest import count_selects
from tests.meetings.helpers import (
    CLOSE,
    CREATE,
    CREATE_VOTE,
    STATUS,
    cast,
    open_vote,
    refusal,
    running_meeting,
    user_gid,
)


async def meeting_at(gql: Any, tokens: Any, title: str, starts: datetime, *statuses: str) -> str:
    sec = tokens("secretary")
    body = await gql(CREATE, {"i": {"title": title, "startsAt": starts.isoformat()}}, token=sec)
    assert body["data"]["createMeeting"]["errors"] == [], body
    mid = body["data"]["createMeeting"]["meeting"]["id"]
    for status in statuses:
        r = await gql(STATUS, {"i": {"id": mid, "status": status}}, token=sec)
        assert r["data"]["setMeetingStatus"]["errors"] == [], r
    return mid


async def add_item(gql: Any, token: str, meeting_id: str, **fields: Any) -> dict[str, Any]:
    body = await gql(
        """mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) {
        agendaItem { id title plannedMinutes presenter { username } presenterUnit { code } }
        errors { code field } } }""",
        {"i": {"meetingId": meeting_id, "title": "Nội dung", **fields}},
        token=token,
    )
    assert body["data"]["addAgendaItem"]["errors"] == [], body
    return body["data"]["addAgendaItem"]["agendaItem"]


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]


# ---- the list ------------------------------------------------------------------------------


async def test_upcoming_and_past_split_the_meetings_with_none_in_both(gql, tokens):
    tag = secrets.token_hex(4)
    now = datetime.now(UTC)
    expected = {
        # started two hours ago and still running: upcoming, not past
        f"running {tag}": ("upcoming", now - timedelta(hours=2), ("SCHEDULED", "IN_PROGRESS")),
        f"tomorrow {tag}": ("upcoming", now + timedelta(days=1), ("SCHEDULED",)),
        # scheduled for last week and never held: past, not upcoming
        f"stale {tag}": ("past", now - timedelta(days=7), ("SCHEDULED",)),
        f"cancelled {tag}": ("past", now + timedelta(days=2), ("CANCELLED",)),
        f"closed {tag}": ("past", now - timedelta(hours=3), ("SCHEDULED", "IN_PROGRESS", "CLOSED")),
    }
    for title, (_, starts, statuses) in expected.items():
        await meeting_at(gql, tokens, title, starts, *statuses)
    q = """query($u: Boolean!, $s: String!) { meetings(first: 20, filter: {upcoming: $u, search: $s})
    { nodes { title } } }"""
    seen = {}
    for tab, flag in (("upcoming", True), ("past", False)):
        body = await gql(q, {"u": flag, "s": tag}, token=tokens("secretary"))
        seen[tab] = [n["title"] for n in body["data"]["meetings"]["nodes"]]
    assert seen["upcoming"] == [f"running {tag}", f"tomorrow {tag}"]  # soonest first
    assert seen["past"] == [f"cancelled {tag}", f"closed {tag}", f"stale {tag}"]  # newest first


# ---- invitations and attendance --------------------------------------------------------------


async def test_an_invitation_is_confirmed_or_declined_never_answered_present(gql, tokens):
    mid = await running_meeting(gql, tokens, start=False)
    respond = """mutation($m: ID!, $a: Attendance!) { respondToInvitation(input:
    {meetingId: $m, attendance: $a}) { meeting { viewerParticipant { attendance checkedInAt } }
    errors { code message field } } }"""
    member = tokens("member1")
    refused = (await gql(respond, {"m": mid, "a": "PRESENT"}, token=member))["data"]
    assert codes(refused["respondToInvitation"]) == ["INVALID_RESPONSE"]
    ok = (await gql(respond, {"m": mid, "a": "CONFIRMED"}, token=member))["data"]
    assert ok["respondToInvitation"]["meeting"]["viewerParticipant"] == {
        "attendance": "CONFIRMED",
        "checkedInAt": None,
    }
    # checking in is only once the meeting is scheduled
    check_in = "mutation($m: ID!) { checkIn(meetingId: $m) { errors { code } } }"
    early = (await gql(check_in, {"m": mid}, token=member))["data"]["checkIn"]
    assert codes(early) == ["NOT_CHECK_IN_TIME"]


async def test_a_changed_role_keeps_the_participants_answer_and_there_is_one_chair(gql, tokens):
    mid = await running_meeting(gql, tokens, members=2, start=False)
    sec = tokens("secretary")
    await gql(
        """mutation($m: ID!) { respondToInvitation(input: {meetingId: $m, attendance: CONFIRMED})
        { errors { code } } }""",
        {"m": mid},
        token=tokens("member1"),
    )
    change = """mutation($m: ID!, $u: ID!, $r: ParticipantRole!) { changeParticipantRole(input:
    {meetingId: $m, userId: $u, role: $r}) { meeting { participants { role attendance
    user { username } } } errors { code field } } }"""

    async def set_role(username: str, role: str) -> dict[str, Any]:
        uid = await user_gid(gql, sec, username)
        body = await gql(change, {"m": mid, "u": uid, "r": role}, token=sec)
        return body["data"]["changeParticipantRole"]

    guest = await set_role("member1", "GUEST")
    parts = {p["user"]["username"]: p for p in guest["meeting"]["participants"]}
    assert parts["member1"] == {
        "role": "GUEST",
        "attendance": "CONFIRMED",
        "user": {"username": "member1"},
    }
    assert (await set_role("member2", "CHAIR"))["errors"] == [
        {"code": "ONE_CHAIR", "field": ["role"]}
    ]
    assert (await set_role("chair", "MEMBER"))["errors"] == []
    assert (await set_role("member2", "CHAIR"))["errors"] == []
    assert (await set_role("member5", "MEMBER"))["errors"] == [
        {"code": "NOT_PARTICIPANT", "field": ["userId"]}
    ]
    by_chair = await gql(
        change,
        {"m": mid, "u": await user_gid(gql, sec, "member1"), "r": "MEMBER"},
        token=tokens("member2"),  # now the chair: a chair runs the meeting
    )
    assert by_chair["data"]["changeParticipantRole"]["errors"] == []
    other = await gql(
        change,
        {"m": mid, "u": await user_gid(gql, sec, "member1"), "r": "GUEST"},
        token=tokens("member1"),
    )
    # a refusal is the one refusal shape (top-level FORBIDDEN), its code the reason
    assert refusal(other, "changeParticipantRole") == "NOT_SECRETARIAT"


async def test_closing_a_meeting_marks_the_ones_who_never_came_absent(gql, tokens):
    mid = await running_meeting(gql, tokens, members=2)
    sec = tokens("secretary")
    check_in = "mutation($m: ID!) { checkIn(meetingId: $m) { errors { code } } }"
    assert (await gql(check_in, {"m": mid}, token=tokens("member1")))["data"]["checkIn"][
        "errors"
    ] == []
    vote = await open_vote(gql, tokens, mid)
    closed = await gql(STATUS, {"i": {"id": mid, "status": "CLOSED"}}, token=sec)
    assert closed["data"]["setMeetingStatus"]["errors"] == []
    body = await gql(
        """query($m: ID!) { meeting(id: $m) { status participants { user { username }
        attendance } votes { id state } } }""",
        {"m": mid},
        token=sec,
    )
    m = body["data"]["meeting"]
    attendance = {p["user"]["username"]: p["attendance"] for p in m["participants"]}
    assert attendance == {
        "chair": "ABSENT",
        "secretary": "ABSENT",
        "member1": "PRESENT",
        "member2": "ABSENT",
    }
    # the vote left open was closed with the meeting
    assert [(v["id"], v["state"]) for v in m["votes"]] == [(vote["id"], "CLOSED")]


async def test_a_meeting_moves_only_along_its_lifecycle(gql, tokens):
    mid = await running_meeting(gql, tokens, start=False)
    sec = tokens("secretary")
    jump = await gql(STATUS, {"i": {"id": mid, "status": "IN_PROGRESS"}}, token=sec)
    assert jump["data"]["setMeetingStatus"]["errors"] == [{"code": "INVALID_STATUS_CHANGE"}]
    cancel = await gql(STATUS, {"i": {"id": mid, "status": "CANCELLED"}}, token=sec)
    assert cancel["data"]["setMeetingStatus"]["meeting"]["status"] == "CANCELLED"
    again = await gql(STATUS, {"i": {"id": mid, "status": "SCHEDULED"}}, token=sec)
    assert again["data"]["setMeetingStatus"]["errors"] == [{"code": "INVALID_STATUS_CHANGE"}]


# ---- the agenda and the speakers' list -------------------------------------------------------


async def test_agenda_items_have_a_presenting_person_or_unit_and_a_planned_duration(gql, tokens):
    sec = tokens("secretary")
    mid = await meeting_at(gql, tokens, "Họp chuyên đề", datetime.now(UTC) + timedelta(days=3))
    units = {
        u["code"]: u["id"]
        for u in (await gql("{ orgUnits { id code } }", token=sec))["data"]["orgUnits"]
    }
    unit_code = sorted(units)[0]
    by_unit = await add_item(gql, sec, mid, presenterUnitId=units[unit_code], plannedMinutes=20)
    by_person = await add_item(
        gql, sec, mid, presenterId=await user_gid(gql, sec, "member3"), plannedMinutes=15
    )
    assert (by_unit["presenterUnit"], by_unit["plannedMinutes"]) == ({"code": unit_code}, 20)
    assert (by_person["presenter"], by_person["plannedMinutes"]) == ({"username": "member3"}, 15)
    # an unknown unit is refused, not stored
    body = await gql(
        """mutation($m: ID!, $u: ID!) { addAgendaItem(input: {meetingId: $m, title: "X",
        presenterUnitId: $u}) { errors { code field } } }""",
        {"m": mid, "u": gid("OrgUnit", uuid.uuid4())},
        token=sec,
    )
    assert body["data"]["addAgendaItem"]["errors"] == [
        {"code": "UNIT_NOT_FOUND", "field": ["presenterUnitId"]}
    ]


@pytest.mark.parametrize("minutes", [0, -5, 601])
async def test_a_planned_duration_outside_1_to_600_minutes_is_refused(gql, tokens, minutes):
    sec = tokens("secretary")
    mid = await meeting_at(gql, tokens, "Họp chuyên đề", datetime.now(UTC) + timedelta(days=3))
    body = await gql(
        """mutation($m: ID!, $n: Int!) { addAgendaItem(input: {meetingId: $m, title: "X",
        plannedMinutes: $n}) { agendaItem { id } errors { code field } } }""",
        {"m": mid, "n": minutes},
        token=sec,
    )
    assert body["data"]["addAgendaItem"] == {
        "agendaItem": None,
        "errors": [{"code": "INVALID_DURATION", "field": ["plannedMinutes"]}],
    }


async def test_the_speakers_list_request_floor_finish_and_withdraw(gql, tokens):
    mid = await running_meeting(gql, tokens, members=3)
    sec = tokens("secretary")
    item = await add_item(gql, sec, mid, title="Thảo luận")
    pending = await add_item(gql, sec, mid, title="Sau")
    started = await gql(
        "mutation($i: ID!) { startAgendaItem(id: $i) { agendaItem { status } errors { code } } }",
        {"i": item["id"]},
        token=sec,
    )
    assert started["data"]["startAgendaItem"]["agendaItem"]["status"] == "CURRENT"
    ask = """mutation($i: ID!) { requestToSpeak(agendaItemId: $i) { speakerRequest { id status }
    errors { code } } }"""
    change = """mutation($r: ID!) { %s(id: $r) { speakerRequest { status startedAt finishedAt }
    errors { code } } }"""
    first = (await gql(ask, {"i": item["id"]}, token=tokens("member1")))["data"]["requestToSpeak"]
    second = (await gql(ask, {"i": item["id"]}, token=tokens("member2")))["data"]["requestToSpeak"]
    assert first["speakerRequest"]["status"] == "WAITING"
    twice = (await gql(ask, {"i": item["id"]}, token=tokens("member1")))["data"]
    assert codes(twice["requestToSpeak"]) == ["ALREADY_WAITING"]
    outsider = await gql(ask, {"i": item["id"]}, token=tokens("staff"))
    assert refusal(outsider, "requestToSpeak") == "NOT_PARTICIPANT"

    # a member withdraws only their own request; the floor is the secretariat's to give
    r1, r2 = first["speakerRequest"]["id"], second["speakerRequest"]["id"]
    other = await gql(change % "withdrawSpeakerRequest", {"r": r1}, token=tokens("member2"))
    assert refusal(other, "withdrawSpeakerRequest") == "NOT_SECRETARIAT"
    floor = await gql(change % "startSpeaker", {"r": r1}, token=tokens("member1"))
    assert refusal(floor, "startSpeaker") == "NOT_SECRETARIAT"
    own = await gql(change % "withdrawSpeakerRequest", {"r": r2}, token=tokens("member2"))
    assert own["data"]["withdrawSpeakerRequest"]["speakerRequest"]["status"] == "WITHDRAWN"

    speaking = await gql(change % "startSpeaker", {"r": r1}, token=sec)
    assert speaking["data"]["startSpeaker"]["speakerRequest"]["status"] == "SPEAKING"
    assert speaking["data"]["startSpeaker"]["speakerRequest"]["startedAt"]
    done = await gql(change % "finishSpeaker", {"r": r1}, token=sec)
    assert done["data"]["finishSpeaker"]["speakerRequest"]["status"] == "DONE"
    assert done["data"]["finishSpeaker"]["speakerRequest"]["finishedAt"]

    # the list, in order of request, as every screen shows it
    body = await gql(
        """query($m: ID!) { meeting(id: $m) { currentAgendaItem { speakers {
        user { username } status } } } }""",
        {"m": mid},
        token=tokens("member3"),
    )
    speakers = body["data"]["meeting"]["currentAgendaItem"]["speakers"]
    assert speakers == [
        {"user": {"username": "member1"}, "status": "DONE"},
        {"user": {"username": "member2"}, "status": "WITHDRAWN"},
    ]
    # nobody gets the floor on an item not under discussion
    later = (await gql(ask, {"i": pending["id"]}, token=tokens("member3")))["data"]
    r3 = later["requestToSpeak"]["speakerRequest"]["id"]
    early = await gql(change % "startSpeaker", {"r": r3}, token=sec)
    assert codes(early["data"]["startSpeaker"]) == ["ITEM_NOT_CURRENT"]


# ---- vote rules over the API ---------------------------------------------------------------


async def close(gql: Any, tokens: Any, vote: dict[str, Any]) -> dict[str, Any]:
    body = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert body["data"]["closeVote"]["errors"] == [], body
    return body["data"]["closeVote"]["vote"]["tally"]


async def vote_with(
    gql: Any, tokens: Any, ballots: dict[str, int], *, members: int = 3, **fields: Any
) -> dict[str, Any]:
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens, members=members), **fields
    )
    for who, option in ballots.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    return await close(gql, tokens, vote)


async def test_an_exact_half_goes_the_way_the_chair_voted_in_an_open_vote(gql, tokens):
    # 4 eligible (chair + 3 members): 2 for is exactly half
    half_with_chair = {"chair": 0, "member1": 0, "member2": 1, "member3": 1}
    adopted = await vote_with(gql, tokens, half_with_chair)
    assert (adopted["eligible"], adopted["outcome"]) == (4, "ADOPTED")
    half_against_chair = {"chair": 1, "member1": 0, "member2": 0, "member3": 1}
    assert (await vote_with(gql, tokens, half_against_chair))["outcome"] == "REJECTED"


async def test_an_exact_half_is_not_adopted_in_a_secret_vote(gql, tokens):
    half_with_chair = {"chair": 0, "member1": 0, "member2": 1, "member3": 1}
    tally = await vote_with(gql, tokens, half_with_chair, kind="SECRET")
    assert tally["outcome"] == "REJECTED"


async def test_without_two_thirds_of_all_eligible_there_is_no_quorum(gql, tokens):
    # 7 eligible: 4 ballots all for are not a quorum (4 < 14/3), 5 are
    four = {"chair": 0, "member1": 0, "member2": 0, "member3": 0}
    tally = await vote_with(gql, tokens, four, members=6)
    assert (tally["quorumReached"], tally["outcome"]) == (False, "NO_QUORUM")
    five = {**four, "member4": 0}
    assert (await vote_with(gql, tokens, five, members=6))["outcome"] == "ADOPTED"


async def test_two_thirds_and_simple_majorities(gql, tokens):
    # 4 eligible, 3 cast: 2 for 1 against — SIMPLE adopts, TWO_THIRDS needs 3 of 4
    ballots = {"chair": 0, "member1": 0, "member2": 1}
    assert (await vote_with(gql, tokens, ballots, majority="SIMPLE"))["outcome"] == "ADOPTED"
    assert (await vote_with(gql, tokens, ballots, majority="TWO_THIRDS"))["outcome"] == "REJECTED"
    ballots = {"chair": 0, "member1": 0, "member2": 0}
    assert (await vote_with(gql, tokens, ballots, majority="TWO_THIRDS"))["outcome"] == "ADOPTED"


async def test_who_was_eligible_and_present_is_frozen_when_the_vote_closes(gql, tokens):
    mid = await running_meeting(gql, tokens, members=3)
    sec = tokens("secretary")
    check_in = "mutation($m: ID!) { checkIn(meetingId: $m) { errors { code } } }"
    for who in ("chair", "member1"):
        await gql(check_in, {"m": mid}, token=tokens(who))
    vote = await open_vote(gql, tokens, mid)
    # someone added after the vote opened does not vote in it
    add = """mutation($m: ID!, $u: ID!) { addParticipant(input: {meetingId: $m, userId: $u,
    role: MEMBER}) { errors { code } } }"""
    await gql(add, {"m": mid, "u": await user_gid(gql, sec, "member4")}, token=sec)
    late = await cast(gql, tokens, "member4", vote, 0)
    assert codes(late) == ["NOT_ELIGIBLE"]
    await cast(gql, tokens, "member1", vote, 0)
    q = """query($v: ID!) { vote(id: $v) { voters { user { username } hasVoted
    presentAtClose } } }"""
    during = (await gql(q, {"v": vote["id"]}, token=sec))["data"]["vote"]["voters"]
    assert {v["presentAtClose"] for v in during} == {None}
    await close(gql, tokens, vote)
    # member2 checks in after the close: the snapshot does not change
    await gql(check_in, {"m": mid}, token=tokens("member2"))
    after = (await gql(q, {"v": vote["id"]}, token=sec))["data"]["vote"]["voters"]
    assert {v["user"]["username"]: (v["hasVoted"], v["presentAtClose"]) for v in after} == {
        "chair": (False, True),
        "member1": (True, True),
        "member2": (False, False),
        "member3": (False, False),
    }


async def test_a_secret_vote_keeps_its_counts_out_of_every_snapshot_until_closed(gql, tokens, db):
    """The snapshot is what goes through the broker (Redis) with the list of who has
    voted; before the close it carries no counts — nor does the database (the ballots are
    sealed in the ballot box) — so no message and no row links the two. Closed after two
    ballots of seven, it publishes none (tally.counts_published)."""
    from ecabinet.meetings.votes import service as votes
    from ecabinet.meetings.votes.models import OptionCount
    from ecabinet.platform.ids import decode_uuid

    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), kind="SECRET")
    key = decode_uuid(vote["id"], "Vote")
    await cast(gql, tokens, "member1", vote, 1)
    await cast(gql, tokens, "member2", vote, 0)
    async with db.session() as s:
        snap = (await votes.snapshots(s, None, [key]))[key]
        rows = await s.scalar(select(func.count()).where(OptionCount.vote_id == key))
    assert (snap.cast, snap.counts, len(snap.voted)) == (2, None, 2)
    assert rows == 0
    tally = await close(gql, tokens, vote)
    assert (tally["cast"], tally["outcome"], tally["results"]) == (2, "NO_QUORUM", None)


# ---- bad input -----------------------------------------------------------------------------


async def test_a_written_ballot_takes_no_agenda_item(gql, tokens):
    sec = tokens("secretary")
    mid = await running_meeting(gql, tokens, members=1)
    item = await add_item(gql, sec, mid)
    body = await gql(
        CREATE_VOTE,
        {
            "i": {
                "title": "Lấy ý kiến",
                "agendaItemId": item["id"],
                "voterIds": [await user_gid(gql, sec, "member1")],
                "deadline": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
            }
        },
        token=sec,
    )
    assert "errors" not in body, body
    assert codes(body["data"]["createVote"]) == ["AGENDA_ITEM_NOT_FOUND"]


# ---- the audit trail -----------------------------------------------------------------------


async def test_every_change_is_in_the_audit_trail_with_who_when_and_which_client(gql, tokens):
    from ecabinet.platform.ids import decode_uuid

    before = datetime.now(UTC) - timedelta(seconds=5)
    mid = await running_meeting(gql, tokens, members=2)
    vote = await open_vote(gql, tokens, mid)
    await cast(gql, tokens, "member1", vote, 0)
    q = """query($t: String!, $e: String!) { auditEvents(first: 20, filter: {entityType: $t,
    entityId: $e}) { nodes { action actorUsername clientId at requestId } } }"""
    auditor = tokens("auditor")
    meeting = await gql(q, {"t": "Meeting", "e": str(decode_uuid(mid, "Meeting"))}, token=auditor)
    vote_events = await gql(
        q, {"t": "Vote", "e": str(decode_uuid(vote["id"], "Vote"))}, token=auditor
    )
    events = meeting["data"]["auditEvents"]["nodes"] + vote_events["data"]["auditEvents"]["nodes"]
    done = {(e["action"], e["actorUsername"]) for e in events}
    assert {
        ("meeting.create", "secretary"),
        ("meeting.status", "secretary"),
        ("vote.create", "secretary"),
        ("vote.open", "secretary"),
        ("vote.ballot", "member1"),
    } <= done
    for e in events:
        assert e["clientId"] == "tests" and e["requestId"]
        assert datetime.fromisoformat(e["at"]) >= before


# ---- no N+1 --------------------------------------------------------------------------------

MEETINGS_PAGES = [
    """{ meetings(first: FIRST, filter: {search: "TAG"}) { nodes { id title chair { username }
  invitedUnits { code } currentAgendaItem { title }
  participants { role attendance user { username unit { code parent { code } } } }
  agenda { title presenter { username } presenterUnit { code } documents { name }
           speakers { status user { username } } positionTally { wishToSpeak } viewerPosition }
  conclusion { number directives { title leadUnit { code } coordinatingUnits { code } } } } } }""",
    """{ meetings(first: FIRST, filter: {search: "TAG"}) { nodes { id
  votes { title tally { cast outcome results { count } } voters { hasVoted user { username } }
          ballots { voter { username } option { label } } } } } }""",
]


UNITS_PAGE = """{ meetings(first: FIRST, filter: {search: "TAG"}) { nodes { invitedUnits { code }
  conclusion { directives { coordinatingUnits { code } } } } } }"""


async def count_statements(test_env: Any, token: str, query: str, first: int, tag: str) -> int:
    return await count_selects(
        test_env, token, query.replace("FIRST", str(first)).replace("TAG", tag)
    )


@pytest.mark.services
async def test_the_meetings_list_sql_does_not_grow_with_page_size(test_env, gql, tokens):
    # meetings with agenda, presenters and closed votes with named ballots
    tag = f"sql-{secrets.token_hex(4)}"
    sec = tokens("secretary")
    units = [u["id"] for u in (await gql("{ orgUnits { id } }", token=sec))["data"]["orgUnits"]]
    for n in range(4):
        mid = await running_meeting(gql, tokens, members=2, title=f"{tag} {n}")
        invite = await gql(
            """mutation($m: ID!, $u: [ID!]) { updateMeeting(input: {id: $m, invitedUnitIds: $u})
            { errors { code } } }""",
            {"m": mid, "u": units[n : n + 3]},
            token=sec,
        )
        assert invite["data"]["updateMeeting"]["errors"] == []
        directives = [
            {
                "title": f"Việc {k}",
                "leadUnitId": units[k],
                "coordinatingUnitIds": units[k + 1 : k + 4],
            }
            for k in range(2)
        ]
        saved = await gql(
            """mutation($i: SaveConclusionInput!) { saveConclusion(input: $i) { errors { code } } }""",
            {
                "i": {
                    "meetingId": mid,
                    "number": f"{n}/TB",
                    "text": "Kết luận",
                    "directives": directives,
                }
            },
            token=sec,
        )
        assert saved["data"]["saveConclusion"]["errors"] == []
        await add_item(gql, sec, mid, presenterId=await user_gid(gql, sec, f"member{n % 2 + 1}"))
        vote = await open_vote(gql, tokens, mid)
        await cast(gql, tokens, "member1", vote, 0)
        await close(gql, tokens, vote)
    for query in MEETINGS_PAGES:
        one = await count_statements(test_env, sec, query, 1, tag)
        four = await count_statements(test_env, sec, query, 4, tag)
        assert four <= one + 1, (one, four, query)
    # nor with the units of a meeting: three invited, three coordinating per directive
    # (the viewer, their roles, meetings, invited units, conclusions, directives, org units)
    units_only = await count_statements(test_env, sec, UNITS_PAGE, 4, tag)
    assert units_only <= 7, units_only


async def test_a_search_is_text_not_a_pattern(gql, tokens):
    tag = secrets.token_hex(4)
    now = datetime.now(UTC) + timedelta(days=5)
    await meeting_at(gql, tokens, f"Giải ngân 100% vốn {tag}", now)
    await meeting_at(gql, tokens, f"Giải ngân 100 tỷ {tag}", now)
    body = await gql(
        "query($s: String!) { meetings(first: 10, filter: {search: $s}) { nodes { title } } }",
        {"s": "100% "},
        token=tokens("secretary"),
    )
    titles = [n["title"] for n in body["data"]["meetings"]["nodes"] if tag in n["title"]]
    assert titles == [f"Giải ngân 100% vốn {tag}"]


async def test_the_agenda_of_a_closed_meeting_stays_as_it_was(gql, tokens):
    mid = await running_meeting(gql, tokens, members=1)
    sec = tokens("secretary")
    item = await add_item(gql, sec, mid, title="Không kịp thảo luận")
    await gql(STATUS, {"i": {"id": mid, "status": "CLOSED"}}, token=sec)
    body = await gql(
        "mutation($i: ID!) { removeAgendaItem(id: $i) { errors { code } } }",
        {"i": item["id"]},
        token=sec,
    )
    assert codes(body["data"]["removeAgendaItem"]) == ["MEETING_NOT_EDITABLE"]


async def test_a_partner_downloads_results_with_its_bearer_token(gql, tokens, factory, server):
    """Links are signed for users; a partner system fetches the path with its token."""
    from tests.auth.test_partner_clients import token_for

    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens, members=2))
    await cast(gql, tokens, "member1", vote, 0)
    await close(gql, tokens, vote)
    partner = await factory.partner(name="Bộ Tư pháp", scopes="meetings:read")
    token = (await token_for(server, partner)).json()["access_token"]
    body = await gql(
        "query($id: ID!) { vote(id: $id) { resultsUrl(format: CSV) } }",
        {"id": vote["id"]},
        token=token,
    )
    link = body["data"]["vote"]["resultsUrl"]
    assert link == f"/exports/votes/{vote['id']}.csv"
    async with httpx.AsyncClient(base_url=server.url) as http:
        refused = await http.get(link)
        sheet = await http.get(link, headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401
    assert sheet.status_code == 200 and "outcome,NO_QUORUM" in sheet.text
