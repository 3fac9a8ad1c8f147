"""tests/factories.py makes what it says, and the test server accepts what it hands out."""

from __future__ import annotations

import pytest

from ecabinet.authz.principal import Clearance, Role
from tests.factories import gid

pytestmark = pytest.mark.smoke

VIEWER = "{ viewer { id username unit { code } } }"
MEETING = """query($id: ID!) { meeting(id: $id) { status participants { user { username } role } }
}"""
VOTE = "query($id: ID!) { vote(id: $id) { state tally { cast } } }"


async def test_a_made_user_signs_in_to_the_server_with_its_token(factory, gql):
    person = await factory.user(unit=True)
    body = await gql(VIEWER, token=person.token)
    assert body["data"]["viewer"]["id"] == person.gid
    assert body["data"]["viewer"]["username"] == person.username
    assert body["data"]["viewer"]["unit"]["code"].startswith("U")


async def test_made_names_never_repeat(factory):
    a, b = await factory.user(), await factory.user()
    assert a.username != b.username and a.id != b.id


async def test_a_running_meeting_with_its_people_and_a_counted_ballot(factory, gql):
    secretary = await factory.secretary()
    chair = await factory.member()
    members = [await factory.member() for _ in range(2)]
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=members, status="IN_PROGRESS"
    )
    body = await gql(MEETING, {"id": gid("Meeting", meeting.id)}, token=members[0].token)
    seen = body["data"]["meeting"]
    assert seen["status"] == "IN_PROGRESS"
    assert sorted((p["user"]["username"], p["role"]) for p in seen["participants"]) == sorted(
        [(secretary.username, "SECRETARY"), (chair.username, "CHAIR")]
        + [(m.username, "MEMBER") for m in members]
    )
    vote = await factory.vote(by=secretary, meeting=meeting)
    await factory.ballot(vote=vote, voter=members[0], option=1)
    body = await gql(VOTE, {"id": vote.gid}, token=secretary.token)
    assert body["data"]["vote"] == {"state": "OPEN", "tally": {"cast": 1}}
    assert len(vote.options) == 3


async def test_a_task_for_a_new_unit_is_seen_by_an_officer_of_that_unit(factory, gql):
    task = await factory.task()
    officer = await factory.user(unit=task.lead_unit_id, clearance=Clearance.INTERNAL)
    assert officer.roles == {Role.STAFF}
    q = "query($id: ID!) { node(id: $id) { ... on Task { code leadUnit { id } } } }"
    body = await gql(q, {"id": gid("Task", task.id)}, token=officer.token)
    assert body["data"]["node"] == {
        "code": task.code,
        "leadUnit": {"id": gid("OrgUnit", task.lead_unit_id)},
    }
