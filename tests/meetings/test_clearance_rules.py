"""Who may change a meeting's level and who may be let in (issue 8, High 2 and Medium 4):
changing a level or widening the audience needs clearance for the meeting's current level,
lowering it needs the secretariat and is audited, and nobody below the level takes part —
refused with one answer whether the person is not cleared or does not exist."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ecabinet.auth.service import principal_for_username
from ecabinet.authz.principal import Clearance, Principal, Role, system_principal
from ecabinet.graphql.relay import gid
from ecabinet.meetings import access, service
from ecabinet.meetings.models import Meeting, Participant
from ecabinet.org import service as org
from ecabinet.org.models import User
from tests.factories import audit_events, refused, run


async def new_user(db, user_ids, clearance: Clearance, *roles: Role) -> User:
    """A fresh person (and a token for them through the `make_token` fixture)."""
    async with db.unit_of_work() as s:
        user = await org.create_user(
            session=s,
            principal=system_principal("tests"),
            username=f"c{secrets.token_hex(5)}",
            full_name=f"Người thử {secrets.token_hex(3)}",
            roles=roles or (Role.STAFF,),
            clearance=clearance,
        )
    user_ids[user.username] = user.id
    return user


async def principal_of(db, username: str) -> Principal:
    async with db.session() as s:
        return await principal_for_username(session=s, username=username)


async def secret_meeting(db, *, level: Clearance = Clearance.SECRET) -> Meeting:
    """A meeting of the secretariat with the chair (TOP_SECRET) as its chair."""
    async with db.session() as s:
        chair = await s.scalar(select(User.id).where(User.username == "chair"))
    return await run(
        db,
        service.create_meeting,
        principal=await principal_of(db, "secretary"),
        title=f"Phiên họp mật {secrets.token_hex(3)}",
        starts_at=datetime.now(UTC) + timedelta(days=1),
        confidentiality=level,
        participants=[service.NewParticipant(chair, "CHAIR")],
    )


async def seat(db, meeting: Meeting, user: User, role: str) -> None:
    """Seat someone directly, as a participant added before these rules (or whose clearance
    was lowered since) would be."""
    async with db.unit_of_work() as s:
        s.add(Participant(meeting_id=meeting.id, user_id=user.id, role=role))


async def level_of(db, meeting: Meeting) -> int:
    async with db.session() as s:
        return await s.scalar(select(Meeting.confidentiality).where(Meeting.id == meeting.id))


async def participants(db, meeting: Meeting) -> set[uuid.UUID]:
    async with db.session() as s:
        return set(
            await s.scalars(select(Participant.user_id).where(Participant.meeting_id == meeting.id))
        )


# ---- High 2: an under-cleared runner of the meeting ------------------------------------------
# Since issue 9 a participant sees a meeting only when cleared for its level, so a runner
# seated below it finds no meeting at all (MEETING_NOT_FOUND, as for anyone who may not see
# it); the level rules of meetings/access.py still refuse it underneath.


async def test_a_meetings_own_secretary_below_its_level_cannot_declassify_it(db, user_ids):
    meeting = await secret_meeting(db)
    own_secretary = await new_user(db, user_ids, Clearance.INTERNAL)
    await seat(db, meeting, own_secretary, "SECRETARY")
    err = await refused(
        db,
        service.update_meeting,
        principal=await principal_of(db, own_secretary.username),
        meeting_id=meeting.id,
        confidentiality=Clearance.PUBLIC,
    )
    assert (err.code, err.field) == ("MEETING_NOT_FOUND", ["meetingId"])
    assert await level_of(db, meeting) == Clearance.SECRET
    me = await principal_of(db, own_secretary.username)
    assert access.level_change_refusal(me, Clearance.SECRET, Clearance.PUBLIC) == (
        "NOT_CLEARED_FOR_LEVEL"
    )


async def test_a_meetings_own_secretary_below_its_level_cannot_let_a_guest_in(db, user_ids):
    meeting = await secret_meeting(db)
    own_secretary = await new_user(db, user_ids, Clearance.INTERNAL)
    await seat(db, meeting, own_secretary, "SECRETARY")
    guest = await new_user(db, user_ids, Clearance.SECRET)  # even a cleared one
    me = await principal_of(db, own_secretary.username)
    err = await refused(
        db,
        service.add_participant,
        principal=me,
        meeting_id=meeting.id,
        user_id=guest.id,
        role="GUEST",
    )
    assert err.code == "MEETING_NOT_FOUND"
    assert guest.id not in await participants(db, meeting)
    assert access.can_grant_access(me, Clearance.SECRET) is False
    # nor invite a unit, nor hand a part to someone
    err = await refused(
        db,
        service.update_meeting,
        principal=me,
        meeting_id=meeting.id,
        invited_unit_ids=[(await principal_of(db, "staff")).unit_id],
    )
    assert (err.code, err.field) == ("MEETING_NOT_FOUND", ["meetingId"])
    async with db.session() as s:
        chair = await s.scalar(select(User.id).where(User.username == "chair"))
    err = await refused(
        db,
        service.change_participant_role,
        principal=me,
        meeting_id=meeting.id,
        user_id=chair,
        role="MEMBER",
    )
    assert err.code == "MEETING_NOT_FOUND"


async def test_lowering_a_level_needs_the_secretariat_and_is_audited_as_such(db):
    meeting = await secret_meeting(db)
    # the chair runs the meeting and is cleared TOP_SECRET, but is not the secretariat
    err = await refused(
        db,
        service.update_meeting,
        principal=await principal_of(db, "chair"),
        meeting_id=meeting.id,
        confidentiality=Clearance.INTERNAL,
    )
    assert (err.code, err.field) == ("DECLASSIFY_NEEDS_SECRETARIAT", ["confidentiality"])
    assert await level_of(db, meeting) == Clearance.SECRET
    # raising stays with whoever runs it and is cleared for the new level
    await run(
        db,
        service.update_meeting,
        principal=await principal_of(db, "chair"),
        meeting_id=meeting.id,
        confidentiality=Clearance.TOP_SECRET,
    )
    assert await level_of(db, meeting) == Clearance.TOP_SECRET

    other = await secret_meeting(db)
    await run(
        db,
        service.update_meeting,
        principal=await principal_of(db, "secretary"),
        meeting_id=other.id,
        confidentiality=Clearance.INTERNAL,
    )
    assert await level_of(db, other) == Clearance.INTERNAL
    events = await audit_events(db, other.id, "meeting.declassify")
    assert [(e.actor_username, e.details) for e in events] == [
        ("secretary", {"from": "SECRET", "to": "INTERNAL"})
    ]


# ---- Medium 4: nobody below the level takes part -----------------------------------------


async def test_a_participant_below_the_level_is_refused_exactly_like_a_stranger(db, user_ids):
    meeting = await secret_meeting(db)
    sec = await principal_of(db, "secretary")
    internal = await new_user(db, user_ids, Clearance.INTERNAL)
    answers = []
    for who in (internal.id, uuid.uuid4()):
        err = await refused(
            db,
            service.add_participant,
            principal=sec,
            meeting_id=meeting.id,
            user_id=who,
            role="GUEST",
        )
        answers.append((err.code, err.field, err.text("vi"), err.text("en")))
    assert answers[0] == answers[1]
    assert answers[0][:2] == ("PARTICIPANT_NOT_CLEARED", ["userId"])
    assert internal.id not in await participants(db, meeting)
    # a cleared person is let in
    cleared = await new_user(db, user_ids, Clearance.SECRET)
    await run(
        db,
        service.add_participant,
        principal=sec,
        meeting_id=meeting.id,
        user_id=cleared.id,
        role="GUEST",
    )
    assert cleared.id in await participants(db, meeting)


async def test_a_meeting_is_not_created_with_a_participant_below_its_level(db, user_ids):
    internal = await new_user(db, user_ids, Clearance.INTERNAL)
    err = await refused(
        db,
        service.create_meeting,
        principal=await principal_of(db, "secretary"),
        title="Phiên họp mật",
        starts_at=datetime.now(UTC) + timedelta(days=1),
        confidentiality=Clearance.CONFIDENTIAL,
        participants=[service.NewParticipant(internal.id, "MEMBER")],
    )
    assert (err.code, err.field) == ("PARTICIPANT_NOT_CLEARED", ["participants"])


async def test_a_part_is_not_handed_to_a_participant_below_the_level(db, user_ids):
    meeting = await secret_meeting(db)
    below = await new_user(db, user_ids, Clearance.INTERNAL)
    await seat(db, meeting, below, "GUEST")  # seated before the rule
    err = await refused(
        db,
        service.change_participant_role,
        principal=await principal_of(db, "secretary"),
        meeting_id=meeting.id,
        user_id=below.id,
        role="MEMBER",
    )
    assert (err.code, err.field) == ("PARTICIPANT_NOT_CLEARED", ["userId"])


async def test_raising_the_level_above_a_participant_is_refused_naming_them(db, user_ids):
    meeting = await secret_meeting(db, level=Clearance.INTERNAL)
    guest = await new_user(db, user_ids, Clearance.INTERNAL)
    sec = await principal_of(db, "secretary")
    await run(
        db,
        service.add_participant,
        principal=sec,
        meeting_id=meeting.id,
        user_id=guest.id,
        role="GUEST",
    )
    err = await refused(
        db,
        service.update_meeting,
        principal=sec,
        meeting_id=meeting.id,
        confidentiality=Clearance.SECRET,
    )
    assert (err.code, err.field) == ("PARTICIPANT_NOT_CLEARED", ["confidentiality"])
    assert guest.full_name in err.text("en") and guest.full_name in err.text("vi")
    assert await level_of(db, meeting) == Clearance.INTERNAL
    # once they are removed, the level goes up
    await run(
        db, service.remove_participant, principal=sec, meeting_id=meeting.id, user_id=guest.id
    )
    await run(
        db,
        service.update_meeting,
        principal=sec,
        meeting_id=meeting.id,
        confidentiality=Clearance.SECRET,
    )
    assert await level_of(db, meeting) == Clearance.SECRET


# ---- over GraphQL: the attack as it was run ---------------------------------------------------

UPDATE = """mutation($m: ID!, $c: Clearance!) { updateMeeting(input: {id: $m, confidentiality: $c})
  { meeting { confidentiality } errors { code message field } } }"""
ADD = """mutation($m: ID!, $u: ID!) { addParticipant(input: {meetingId: $m, userId: $u,
  role: GUEST}) { meeting { id } errors { code message field } } }"""
READ = """query($m: ID!) { meeting(id: $m) { title agenda { title } conclusion { text } } }"""


async def test_the_attack_an_under_cleared_secretary_declassifies_and_lets_a_guest_in(
    gql, db, user_ids, make_token
):
    meeting = await secret_meeting(db)
    mid = gid("Meeting", meeting.id)
    own_secretary = await new_user(db, user_ids, Clearance.INTERNAL)
    await seat(db, meeting, own_secretary, "SECRETARY")
    guest = await new_user(db, user_ids, Clearance.PUBLIC)
    token = make_token(own_secretary.username)
    told = """query($m: ID!) { meeting(id: $m) { viewerCanManage viewerCanGrantAccess
      viewerCanDeclassify } }"""
    # seated below its level, they do not see it at all (issue 9)
    assert (await gql(told, {"m": mid}, token=token))["data"]["meeting"] is None
    assert (await gql(told, {"m": mid}, token=make_token("secretary")))["data"]["meeting"] == {
        "viewerCanManage": True,
        "viewerCanGrantAccess": True,
        "viewerCanDeclassify": True,
    }
    assert (await gql(told, {"m": mid}, token=make_token("chair")))["data"]["meeting"] == {
        "viewerCanManage": True,
        "viewerCanGrantAccess": True,
        "viewerCanDeclassify": False,
    }

    body = await gql(UPDATE, {"m": mid, "c": "PUBLIC"}, token=token, lang="en")
    payload = body["data"]["updateMeeting"]
    assert payload["meeting"] is None and [e["code"] for e in payload["errors"]] == [
        "MEETING_NOT_FOUND"
    ]

    body = await gql(ADD, {"m": mid, "u": gid("User", guest.id)}, token=token)
    assert [e["code"] for e in body["data"]["addParticipant"]["errors"]] == ["MEETING_NOT_FOUND"]
    # the guest does not read its agenda or draft conclusions: it does not exist for them
    seen = await gql(READ, {"m": mid}, token=make_token(guest.username))
    assert seen["data"]["meeting"] is None
    assert await level_of(db, meeting) == Clearance.SECRET


async def test_adding_someone_below_the_level_answers_like_an_unknown_person_over_graphql(
    gql, db, user_ids, make_token
):
    meeting = await secret_meeting(db)
    mid = gid("Meeting", meeting.id)
    below = await new_user(db, user_ids, Clearance.CONFIDENTIAL)
    sec = make_token("secretary")
    answers = [
        (await gql(ADD, {"m": mid, "u": gid("User", who)}, token=sec, lang="en"))["data"][
            "addParticipant"
        ]
        for who in (below.id, uuid.uuid4())
    ]
    assert answers[0] == answers[1]
    assert answers[0]["meeting"] is None
    assert [(e["code"], e["field"]) for e in answers[0]["errors"]] == [
        ("PARTICIPANT_NOT_CLEARED", ["userId"])
    ]
    seen = await gql(READ, {"m": mid}, token=make_token(below.username))
    assert seen["data"]["meeting"] is None
