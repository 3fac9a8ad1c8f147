"""Meeting rules at the service level (issue 9): who sees a meeting (one rule for SQL, memory
and live events), who runs it (meetings/access.py, one refusal shape), where it may go next
(the status machine written once). Data from tests/factories.py."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ecabinet.authz.principal import Clearance, Principal, Role, system_principal
from ecabinet.meetings import access, service, visibility
from ecabinet.meetings.enums import STATUS_TRANSITIONS, MeetingStatus
from ecabinet.meetings.events import meeting_accesses
from ecabinet.platform.errors import Forbidden
from tests.factories import gid

ROOT = system_principal("tests")
MEETING = "query($id: ID!) { meeting(id: $id) { id title } }"


async def _lower_clearance(factory: Any, person: Any, level: Clearance) -> Any:
    from ecabinet.org import service as org

    admin = await factory.user(roles=[Role.ADMIN], clearance=Clearance.TOP_SECRET)
    await factory.run(
        lambda s: org.update_user(
            session=s, principal=admin.principal, user_id=person.id, clearance=level
        )
    )
    return dataclasses.replace(
        person, principal=dataclasses.replace(person.principal, clearance=level)
    )


async def test_a_participant_whose_clearance_is_lowered_no_longer_sees_the_meeting(factory, gql):
    """A member cleared SECRET is added to a SECRET meeting; an administrator then lowers
    the member's clearance to CONFIDENTIAL: the meeting disappears for them — in the list,
    by ID over the API, and in the live events' check (it used to stay readable)."""
    secretary = await factory.secretary(clearance=Clearance.SECRET)
    member = await factory.member(clearance=Clearance.SECRET)
    meeting = await factory.meeting(
        by=secretary, members=[member], confidentiality=Clearance.SECRET
    )
    before = await gql(MEETING, {"id": gid("Meeting", meeting.id)}, token=member.token)
    assert before["data"]["meeting"]["id"] == gid("Meeting", meeting.id)

    lowered = await _lower_clearance(factory, member, Clearance.CONFIDENTIAL)

    after = await gql(MEETING, {"id": gid("Meeting", meeting.id)}, token=member.token)
    assert after["data"]["meeting"] is None
    async with factory.runtime.db.session() as s:
        found = await service.meetings_by_ids(
            session=s, principal=lowered.principal, ids=[meeting.id]
        )
        audience = (await meeting_accesses(s, [meeting]))[meeting.id]
    assert found == {}
    assert str(member.id) in audience["participants"]
    assert visibility.sees_meeting_message(member.principal, audience) is True
    assert visibility.sees_meeting_message(lowered.principal, audience) is False


async def test_the_row_filter_and_the_live_check_say_the_same(factory):
    """One definition, two renderings: for every (viewer, meeting) pair among a spread of
    levels, roles, participations and invited units, the SQL row filter and the in-memory
    check of live events agree."""
    unit = await factory.unit()
    secretary = await factory.secretary(clearance=Clearance.TOP_SECRET)
    member = await factory.member(clearance=Clearance.SECRET)
    invited = await factory.user(unit=unit, clearance=Clearance.SECRET)
    staff = await factory.user(clearance=Clearance.CONFIDENTIAL)
    meetings = [
        await factory.meeting(by=secretary, members=[member], confidentiality=level)
        for level in (Clearance.INTERNAL, Clearance.CONFIDENTIAL, Clearance.SECRET)
    ]
    meetings.append(
        await factory.meeting(
            by=secretary, confidentiality=Clearance.CONFIDENTIAL, invited_unit_ids=[unit.id]
        )
    )
    meetings.append(await factory.meeting(by=secretary, confidentiality=Clearance.TOP_SECRET))
    viewers = [secretary, member, invited, staff]
    viewers.append(await _lower_clearance(factory, member, Clearance.INTERNAL))
    ids = [m.id for m in meetings]
    async with factory.runtime.db.session() as s:
        audiences = await meeting_accesses(s, meetings)
        pairs = []
        for viewer in viewers:
            in_sql = await service.meetings_by_ids(session=s, principal=viewer.principal, ids=ids)
            for m in meetings:
                in_memory = visibility.sees_meeting_message(viewer.principal, audiences[m.id])
                pairs.append((viewer.username, m.confidentiality, m.id in in_sql, in_memory))
    assert len(pairs) == len(viewers) * len(meetings)
    assert [p for p in pairs if p[2] != p[3]] == []
    # and the rule is not trivially one-sided: some pairs see, some do not
    assert {p[2] for p in pairs} == {True, False}


async def test_only_whoever_runs_the_meeting_changes_it(factory):
    """The meeting's chair (no secretariat role) runs it; a member does not: the service
    refuses with the one refusal shape (Forbidden, reason NOT_SECRETARIAT)."""
    chair = await factory.member()
    member = await factory.member()
    meeting = await factory.meeting(chair=chair, members=[member])
    with pytest.raises(Forbidden) as refused:
        await factory.run(
            lambda s: service.set_status(
                session=s, principal=member.principal, meeting_id=meeting.id, status="SCHEDULED"
            )
        )
    assert refused.value.reason == "NOT_SECRETARIAT"
    moved = await factory.run(
        lambda s: service.set_status(
            session=s, principal=chair.principal, meeting_id=meeting.id, status="SCHEDULED"
        )
    )
    assert moved.status == MeetingStatus.SCHEDULED


async def test_a_non_participant_may_not_answer_an_invitation(factory):
    outsider = await factory.user(clearance=Clearance.SECRET)
    meeting = await factory.meeting(status="SCHEDULED")
    with pytest.raises(Forbidden) as refused:
        await factory.run(
            lambda s: service.respond_to_invitation(
                session=s,
                principal=outsider.principal,
                meeting_id=meeting.id,
                attendance="CONFIRMED",
            )
        )
    assert refused.value.reason == "NOT_PARTICIPANT"


async def test_the_next_statuses_are_the_lifecycle_for_whoever_runs_it_and_none_for_others(
    factory, gql
):
    chair = await factory.member()
    member = await factory.member()
    meeting = await factory.meeting(chair=chair, members=[member], status="SCHEDULED")
    q = "query($id: ID!) { meeting(id: $id) { status viewerNextStatuses } }"
    seen = {
        who.username: (await gql(q, {"id": gid("Meeting", meeting.id)}, token=who.token))["data"][
            "meeting"
        ]["viewerNextStatuses"]
        for who in (chair, member)
    }
    assert seen == {chair.username: ["DRAFT", "IN_PROGRESS", "CANCELLED"], member.username: []}
    # what is offered is what the service accepts: every offered move goes through
    for target in seen[chair.username]:
        assert target in STATUS_TRANSITIONS[MeetingStatus.SCHEDULED]
    moved = await factory.run(
        lambda s: service.set_status(
            session=s, principal=chair.principal, meeting_id=meeting.id, status="IN_PROGRESS"
        )
    )
    assert access.next_statuses_for(chair.principal, moved.status, []) == []  # not a part
    assert access.next_statuses_for(
        dataclasses.replace(chair.principal, roles=frozenset({Role.SECRETARY})),
        moved.status,
        [],
    ) == [MeetingStatus.CLOSED]


def test_the_status_machine_is_closed_over_the_statuses():
    assert set(STATUS_TRANSITIONS) == set(MeetingStatus)
    assert STATUS_TRANSITIONS[MeetingStatus.CLOSED] == ()
    assert STATUS_TRANSITIONS[MeetingStatus.CANCELLED] == ()


def test_a_partner_with_meetings_write_runs_every_meeting_it_sees():
    client = Principal(
        kind="client",
        client_id="partner",
        clearance=Clearance.SECRET,
        scopes=frozenset({"meetings:read", "meetings:write"}),
    )
    assert access.can_manage_meeting(client, []) is True
    reader = dataclasses.replace(client, scopes=frozenset({"meetings:read"}))
    assert access.can_manage_meeting(reader, []) is False
    assert access.can_create_meeting(reader) is False


def test_every_meetings_error_code_is_in_the_schema_enum_and_has_its_messages():
    """MeetingsErrorCode names every code the meetings package raises (a code missing from
    it fails at its first use, as a 500), each with a Vietnamese and an English message."""
    import re
    from pathlib import Path

    from ecabinet.meetings import errors
    from ecabinet.meetings.enums import MeetingsErrorCode

    assert set(errors.MESSAGES) == set(MeetingsErrorCode)
    assert all(m.vi and m.en for m in errors.MESSAGES.values())
    package = Path(errors.__file__).parent
    raised = {
        code
        for path in package.rglob("*.py")
        for code in re.findall(r'meetings_error\(\s*"([A-Z_]+)"', path.read_text())
    }
    assert "MEETING_NOT_FOUND" in raised and "ALREADY_VOTED" in raised
    assert raised - {c.value for c in MeetingsErrorCode} == set()
    schema = (Path(errors.__file__).parents[3] / "schema.graphql").read_text()
    assert "enum MeetingsErrorCode {" in schema
