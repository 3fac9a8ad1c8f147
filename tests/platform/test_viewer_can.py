"""Query.viewerCan (issue 9): what the viewer may start, answered by the domains'
permission functions — the ones the services enforce — so the SPA stops re-deriving rules.
Each answer is checked against what the mutation then does."""

from __future__ import annotations

import pytest

from ecabinet.authz.principal import Role

QUERY = (
    """{ viewerCan { createMeeting createWrittenBallot createTask administerUsers readAudit } }"""
)


def caps(**true: bool) -> dict[str, bool]:
    names = ("createMeeting", "createWrittenBallot", "createTask", "administerUsers", "readAudit")
    return {name: true.get(name, False) for name in names}


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ((Role.STAFF,), caps()),
        ((Role.SECRETARY,), caps(createMeeting=True, createWrittenBallot=True, createTask=True)),
        ((Role.CABINET_MEMBER,), caps(createTask=True)),
        ((Role.AUDITOR,), caps(readAudit=True)),
        (
            (Role.ADMIN,),
            caps(
                createMeeting=True, createWrittenBallot=True, administerUsers=True, readAudit=True
            ),
        ),
    ],
)
async def test_viewer_can_answers_per_role(gql, factory, roles, expected):
    person = await factory.user(roles=roles)
    body = await gql(QUERY, token=person.token)
    assert body.get("errors") is None, body
    assert body["data"]["viewerCan"] == expected


async def test_a_token_without_the_scope_can_do_less(gql, factory):
    admin = await factory.user(roles=(Role.ADMIN,))
    narrow = factory.token(admin, scope="openid profile")
    body = await gql(QUERY, token=narrow)
    assert body["data"]["viewerCan"] == caps()


async def test_what_viewer_can_says_is_what_the_mutation_does(gql, factory):
    staff = await factory.user(roles=(Role.STAFF,))
    secretary = await factory.user(roles=(Role.SECRETARY,))
    create = """mutation($t: String!) { createMeeting(input: {title: $t,
        startsAt: "2031-01-05T09:00:00+07:00", endsAt: "2031-01-05T10:00:00+07:00"}) {
        meeting { id } errors { code } } }"""
    refused = await gql(create, {"t": "viewerCan says no"}, token=staff.token)
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    done = await gql(create, {"t": "viewerCan says yes"}, token=secretary.token)
    assert done.get("errors") is None, done
    assert done["data"]["createMeeting"]["meeting"]["id"]
