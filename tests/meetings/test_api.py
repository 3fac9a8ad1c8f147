"""Meetings and votes over GraphQL, as the secretariat and members use them."""

from __future__ import annotations

import pytest

from tests.conftest import error_codes
from tests.meetings.helpers import (
    CAST,
    CLOSE,
    VOTE,
    cast,
    open_vote,
    refusal,
    running_meeting,
    user_gid,
)


async def _cast(gql, vote, voter, option: int) -> dict:
    variables = {"v": vote.gid, "o": vote.option_gid(option)}
    return (await gql(CAST, variables, token=voter.token))["data"]["castBallot"]


@pytest.mark.smoke
async def test_full_vote_counts_by_the_rules(gql, factory):
    secretary, chair = await factory.secretary(), await factory.member()
    members = [await factory.member() for _ in range(6)]
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=members, status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting)
    for who, option in [
        (chair, 0),
        (members[0], 0),
        (members[1], 0),
        (members[2], 0),
        (members[3], 1),
        (members[4], 2),
    ]:
        result = await _cast(gql, vote, who, option)
        assert result["errors"] == [] and result["vote"]["viewerHasVoted"] is True
    body = await gql(CLOSE, {"id": vote.gid}, token=secretary.token)
    tally = body["data"]["closeVote"]["vote"]["tally"]
    # 7 eligible (chair + 6 members), 6 cast, 4 for: 4 > 3.5
    assert tally["eligible"] == 7 and tally["cast"] == 6 and tally["quorumReached"] is True
    assert tally["outcome"] == "ADOPTED"
    assert [r["count"] for r in tally["results"]] == [4, 1, 1]


async def test_second_ballot_is_already_voted(gql, factory):
    secretary, member = await factory.secretary(), await factory.member()
    meeting = await factory.meeting(by=secretary, members=[member], status="IN_PROGRESS")
    vote = await factory.vote(by=secretary, meeting=meeting)
    assert (await _cast(gql, vote, member, 0))["errors"] == []
    again = await _cast(gql, vote, member, 1)
    assert [e["code"] for e in again["errors"]] == ["ALREADY_VOTED"]


async def test_secretary_and_outsiders_are_not_eligible(gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens))
    assert [e["code"] for e in (await cast(gql, tokens, "secretary", vote, 0))["errors"]] == [
        "NOT_ELIGIBLE"
    ]
    # staff sees INTERNAL meetings but is not a participant
    assert [e["code"] for e in (await cast(gql, tokens, "staff", vote, 0))["errors"]] == [
        "NOT_ELIGIBLE"
    ]


async def test_ballot_on_a_closed_vote_is_vote_not_open(gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens))
    await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    result = await cast(gql, tokens, "member2", vote, 0)
    assert [e["code"] for e in result["errors"]] == ["VOTE_NOT_OPEN"]


async def test_secret_vote_hides_results_until_closed(gql, tokens):
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens), kind="SECRET", liveResults=True
    )
    for who in ("chair", "member1", "member2", "member3", "member4"):
        await cast(gql, tokens, who, vote, 0)
    during = (await gql(VOTE, {"id": vote["id"]}, token=tokens("secretary")))["data"]["vote"]
    assert during["tally"]["results"] is None and during["tally"]["cast"] == 5
    after = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert after["data"]["closeVote"]["vote"]["tally"]["results"][0]["count"] == 5


async def test_open_vote_with_live_results_shows_counts_while_open(gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), liveResults=True)
    await cast(gql, tokens, "member1", vote, 1)
    body = await gql(VOTE, {"id": vote["id"]}, token=tokens("member6"))
    assert [r["count"] for r in body["data"]["vote"]["tally"]["results"]] == [0, 1, 0]


async def test_open_vote_without_live_results_hides_counts(gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens))
    await cast(gql, tokens, "member1", vote, 1)
    body = await gql(VOTE, {"id": vote["id"]}, token=tokens("member6"))
    assert body["data"]["vote"]["tally"]["results"] is None


@pytest.mark.smoke
async def test_confidential_meeting_does_not_exist_for_outsiders(gql, tokens):
    mid = await running_meeting(gql, tokens, confidentiality="SECRET", start=False)
    q = "query($id: ID!) { meeting(id: $id) { title } }"
    assert (await gql(q, {"id": mid}, token=tokens("member1")))["data"]["meeting"]["title"]
    body = await gql(q, {"id": mid}, token=tokens("staff"))
    assert body["data"]["meeting"] is None and "errors" not in body
    listed = await gql("{ meetings(first: 100) { nodes { id } } }", token=tokens("staff"))
    assert mid not in [n["id"] for n in listed["data"]["meetings"]["nodes"]]


async def test_only_the_secretariat_opens_votes(gql, tokens):
    mid = await running_meeting(gql, tokens)
    body = await gql(
        """mutation($i: CreateVoteInput!) { createVote(input: $i) {
        errors { code } } }""",
        {"i": {"meetingId": mid, "title": "X"}},
        token=tokens("member1"),
    )
    assert refusal(body, "createVote") == "NOT_SECRETARIAT"


async def test_staff_cannot_create_meetings(gql, tokens):
    body = await gql(
        """mutation { createMeeting(input: {title: "X", startsAt: "2030-01-01T08:00:00+07:00"})
        { errors { code } } }""",
        token=tokens("staff"),
    )
    assert error_codes(body) == ["FORBIDDEN"]


async def test_check_in_marks_present(gql, tokens):
    mid = await running_meeting(gql, tokens)
    body = await gql(
        """mutation($m: ID!) { checkIn(meetingId: $m) { meeting {
        viewerParticipant { attendance checkedInAt } } errors { code } } }""",
        {"m": mid},
        token=tokens("member3"),
    )
    me = body["data"]["checkIn"]["meeting"]["viewerParticipant"]
    assert me["attendance"] == "PRESENT" and me["checkedInAt"]


async def test_a_meetings_own_secretary_sees_the_positions_wherever_the_item_is_read(gql, tokens):
    """staff has no secretariat role, but is this meeting's secretary: like the chair, they
    see the members' positions (they may adopt unopposed items en bloc); a member does not."""
    mid = await running_meeting(gql, tokens, start=False)
    sec = tokens("secretary")
    add = """mutation($m: ID!, $u: ID!) { addParticipant(input: {meetingId: $m, userId: $u,
    role: SECRETARY}) { errors { code } } }"""
    added = await gql(add, {"m": mid, "u": await user_gid(gql, sec, "staff")}, token=sec)
    assert added["data"]["addParticipant"]["errors"] == []
    item = await gql(
        """mutation($m: ID!) { addAgendaItem(input: {meetingId: $m, title: "Đề án"}) {
        agendaItem { id } errors { code } } }""",
        {"m": mid},
        token=sec,
    )
    iid = item["data"]["addAgendaItem"]["agendaItem"]["id"]
    await gql(
        """mutation($i: ID!) { setItemPosition(input: {agendaItemId: $i, position: WISH_TO_SPEAK})
        { errors { code } } }""",
        {"i": iid},
        token=tokens("member1"),
    )
    q = """query($m: ID!, $i: ID!) { meeting(id: $m) { agenda { positionTally { wishToSpeak } } }
    node(id: $i) { ... on AgendaItem { positionTally { wishToSpeak } } } }"""
    mine = await gql(q, {"m": mid, "i": iid}, token=tokens("staff"))
    assert mine["data"]["meeting"]["agenda"][0]["positionTally"] == {"wishToSpeak": 1}
    assert mine["data"]["node"]["positionTally"] == {"wishToSpeak": 1}
    member = await gql(q, {"m": mid, "i": iid}, token=tokens("member2"))
    assert member["data"]["node"]["positionTally"] is None
    assert set(error_codes(member)) == {"FORBIDDEN"}


async def test_positions_before_session_and_adoption_en_bloc(gql, tokens):
    mid = await running_meeting(gql, tokens, start=False)
    sec = tokens("secretary")
    add = """mutation($m: ID!, $t: String!) { addAgendaItem(input: {meetingId: $m, title: $t}) {
        agendaItem { id } errors { code } } }"""
    a = (await gql(add, {"m": mid, "t": "Báo cáo tiến độ"}, token=sec))["data"]["addAgendaItem"][
        "agendaItem"
    ]["id"]
    b = (await gql(add, {"m": mid, "t": "Kế hoạch 2020"}, token=sec))["data"]["addAgendaItem"][
        "agendaItem"
    ]["id"]
    pos = """mutation($i: ID!, $p: ItemPositionKind!) { setItemPosition(input: {agendaItemId: $i, position: $p}) {
        errors { code } } }"""
    await gql(pos, {"i": a, "p": "NO_OBJECTION"}, token=tokens("member1"))
    await gql(pos, {"i": b, "p": "WISH_TO_SPEAK"}, token=tokens("member2"))
    tally = await gql(
        """query($m: ID!) { meeting(id: $m) { agenda { title positionTally {
        noObjection wishToSpeak unopposed } } } }""",
        {"m": mid},
        token=sec,
    )
    rows = tally["data"]["meeting"]["agenda"]
    assert rows[0]["positionTally"] == {"noObjection": 1, "wishToSpeak": 0, "unopposed": True}
    assert rows[1]["positionTally"]["wishToSpeak"] == 1
    bloc = """mutation($m: ID!, $ids: [ID!]!) { adoptEnBloc(input: {meetingId: $m, agendaItemIds: $ids}) {
        errors { code } } }"""
    refused = await gql(bloc, {"m": mid, "ids": [a, b]}, token=sec)
    assert refused["data"]["adoptEnBloc"]["errors"] == [{"code": "ITEM_OPPOSED"}]
    assert (await gql(bloc, {"m": mid, "ids": [a]}, token=sec))["data"]["adoptEnBloc"][
        "errors"
    ] == []


async def test_written_ballot_without_meeting(gql, tokens):
    from datetime import UTC, datetime, timedelta

    voters = [
        await user_gid(gql, tokens("secretary"), u) for u in ("member1", "member2", "member3")
    ]
    vote = await open_vote(
        gql,
        tokens,
        None,
        voterIds=voters,
        deadline=(datetime.now(UTC) + timedelta(hours=2)).isoformat(),
    )
    assert (await cast(gql, tokens, "member1", vote, 0))["errors"] == []
    # a written ballot exists only for its voters and the secretariat
    assert [e["code"] for e in (await cast(gql, tokens, "member4", vote, 0))["errors"]] == [
        "VOTE_NOT_FOUND"
    ]


async def test_the_chair_runs_their_own_meeting(gql, tokens):
    mid = await running_meeting(gql, tokens, start=False)
    body = await gql(
        """mutation($m: ID!) { addAgendaItem(input: {meetingId: $m, title: "Việc khác"}) {
        errors { code } } }""",
        {"m": mid},
        token=tokens("chair"),
    )
    assert body["data"]["addAgendaItem"]["errors"] == []
    other = await gql(
        """mutation($m: ID!) { addAgendaItem(input: {meetingId: $m, title: "X"}) {
        errors { code } } }""",
        {"m": mid},
        token=tokens("member1"),
    )
    assert refusal(other, "addAgendaItem") == "NOT_SECRETARIAT"


@pytest.mark.services
async def test_search_matches_vietnamese_capitals(gql, tokens):
    await running_meeting(gql, tokens, title="PHIÊN HỌP CHUYÊN ĐỀ", start=False)
    body = await gql(
        '{ meetings(first: 5, filter: {search: "phiên họp chuyên"}) { nodes { title } } }',
        token=tokens("secretary"),
    )
    assert [n["title"] for n in body["data"]["meetings"]["nodes"]] == ["PHIÊN HỌP CHUYÊN ĐỀ"]


async def test_who_may_run_a_meeting_is_told_to_the_viewer(gql, tokens):
    """viewerCanManage: the secretariat and this meeting's chair (no secretariat role) run
    it, as the service lets them; a member does not — and the chair's change goes through."""
    mid = await running_meeting(gql, tokens, start=False)
    q = "query($m: ID!) { meeting(id: $m) { viewerCanManage } }"
    can = {
        who: (await gql(q, {"m": mid}, token=tokens(who)))["data"]["meeting"]["viewerCanManage"]
        for who in ("secretary", "chair", "member1")
    }
    assert can == {"secretary": True, "chair": True, "member1": False}
    status = """mutation($m: ID!) { setMeetingStatus(input: {id: $m, status: SCHEDULED}) {
    meeting { status } errors { code } } }"""
    refused = await gql(status, {"m": mid}, token=tokens("member1"))
    assert refusal(refused, "setMeetingStatus") == "NOT_SECRETARIAT"
    done = await gql(status, {"m": mid}, token=tokens("chair"))
    assert done["data"]["setMeetingStatus"] == {"meeting": {"status": "SCHEDULED"}, "errors": []}
