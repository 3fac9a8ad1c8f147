"""Issue 8 Low 13: an administrator raised their own clearance in one call. Now nobody
changes their own clearance, nor grants (or administers someone holding) a clearance above
their own: that takes another administrator cleared for it (four eyes). Audited."""

from __future__ import annotations

import json
import secrets
import subprocess

import pytest

from ecabinet.authz.principal import SCOPES
from tests.conftest import BIN, error_codes

UPDATE = """mutation($i: UpdateUserInput!) {
  updateUser(input: $i) { user { clearance } errors { code field } }
}"""
CREATE = """mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } errors { code field } }
}"""
PASSWORD = (
    """mutation($i: SetPasswordInput!) { setPassword(input: $i) { errors { code field } } }"""
)


@pytest.fixture(scope="module")
async def admins(runtime):
    """Two administrators of their own: one cleared SECRET, one TOP_SECRET."""
    from ecabinet.authz.principal import Clearance, Role, system_principal
    from ecabinet.graphql.relay import gid
    from ecabinet.org import service

    made = {}
    async with runtime.db.unit_of_work() as s:
        for name, level in (("secret", Clearance.SECRET), ("top", Clearance.TOP_SECRET)):
            user = await service.create_user(
                session=s,
                principal=system_principal("tests"),
                username=f"adm-{name}-{secrets.token_hex(3)}",
                full_name=f"Quản trị {name}",
                roles=[Role.ADMIN],
                clearance=level,
            )
            made[name] = {"id": gid("User", user.id), "key": user.id}
    for who in made.values():
        who["token"] = runtime.tokens.issue(
            {"sub": str(who["key"]), "scope": " ".join(SCOPES)}, 3600
        )
    return made


def refusals(body):
    """(extensions.code, extensions.reason) of each top-level error."""
    return [(e["extensions"]["code"], e["extensions"].get("reason")) for e in body["errors"]]


async def test_an_administrator_cannot_raise_their_own_clearance(gql, admins):
    me = admins["secret"]
    body = await gql(UPDATE, {"i": {"id": me["id"], "clearance": "TOP_SECRET"}}, token=me["token"])
    # a refusal: the one refusal shape, its code as the reason
    assert refusals(body) == [("FORBIDDEN", "CANNOT_CHANGE_OWN_CLEARANCE")]
    assert not (body.get("data") or {}).get("updateUser")
    viewer = await gql("{ viewer { clearance } }", token=me["token"])
    assert viewer["data"]["viewer"]["clearance"] == "SECRET"
    # not even to lower it, nor at the top: one's own clearance is another's decision
    top = admins["top"]
    body = await gql(UPDATE, {"i": {"id": top["id"], "clearance": "SECRET"}}, token=top["token"])
    assert refusals(body) == [("FORBIDDEN", "CANNOT_CHANGE_OWN_CLEARANCE")]


async def test_nobody_grants_above_their_own_clearance(gql, admins):
    me = admins["secret"]
    staff = await gql(
        '{ users(filter: {usernames: ["staff"]}) { nodes { id } } }', token=me["token"]
    )
    staff_id = staff["data"]["users"]["nodes"][0]["id"]
    above = await gql(UPDATE, {"i": {"id": staff_id, "clearance": "TOP_SECRET"}}, token=me["token"])
    assert above["data"]["updateUser"]["errors"] == [
        {"code": "CLEARANCE_ABOVE_OWN", "field": ["clearance"]}
    ]
    created = await gql(
        CREATE,
        {
            "i": {
                "username": f"ts-{secrets.token_hex(3)}",
                "fullName": "Tối Mật",
                "clearance": "TOP_SECRET",
            }
        },
        token=me["token"],
        lang="en",
    )
    assert created["data"]["createUser"]["errors"] == [
        {"code": "CLEARANCE_ABOVE_OWN", "field": ["clearance"]}
    ]


async def test_a_second_administrator_grants_it_and_the_change_is_audited(gql, admins, make_token):
    me, other = admins["secret"], admins["top"]
    body = await gql(
        UPDATE, {"i": {"id": me["id"], "clearance": "TOP_SECRET"}}, token=other["token"]
    )
    assert body["data"]["updateUser"] == {"user": {"clearance": "TOP_SECRET"}, "errors": []}
    events = await gql(
        'query($id: String!) { auditEvents(filter: {action: "user.clearance", entityId: $id})'
        " { nodes { actorUsername details } } }",
        {"id": str(me["key"])},
        token=make_token("auditor"),
    )
    nodes = events["data"]["auditEvents"]["nodes"]
    assert len(nodes) == 1 and nodes[0]["details"] == {"from": 3, "to": 4}
    assert nodes[0]["actorUsername"].startswith("adm-top-")
    # and back, by the other administrator again
    body = await gql(UPDATE, {"i": {"id": me["id"], "clearance": "SECRET"}}, token=other["token"])
    assert body["data"]["updateUser"]["errors"] == []


async def test_no_password_for_someone_cleared_above_oneself(gql, admins):
    """A new password for a TOP_SECRET user would be a way to their clearance."""
    me, top = admins["secret"], admins["top"]
    body = await gql(
        PASSWORD, {"i": {"id": top["id"], "password": "a-long-password-1"}}, token=me["token"]
    )
    assert refusals(body) == [("FORBIDDEN", "CLEARANCE_ABOVE_OWN")]
    assert error_codes(body) == ["FORBIDDEN"]


def test_the_command_line_still_creates_the_first_top_secret_administrator(test_env):
    name = f"root-{secrets.token_hex(3)}"
    out = subprocess.run(
        [
            str(BIN / "ecabinet"),
            "user",
            "create",
            "--username",
            name,
            "--full-name",
            "Gốc",
            "--roles",
            "ADMIN",
            "--clearance",
            "TOP_SECRET",
            "--password",
            "a-long-password-1",
        ],
        env=test_env.env(),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["username"] == name
