"""Issue 8 Low 14: a partner token reads the staff directory (people, units' members,
roles) only with the `users:read` scope; any partner token listed it before."""

from __future__ import annotations

import httpx

from tests.auth.test_partner_clients import token_for
from tests.conftest import error_codes


async def test_a_partner_without_users_read_cannot_list_or_look_up_staff(
    factory, server, gql, make_token
):
    partner = await factory.partner(name="Bộ Nội vụ", scopes="meetings:read tasks:read")
    token = (await token_for(server, partner)).json()["access_token"]
    listed = await gql("{ users(first: 100) { nodes { username roles } } }", token=token)
    assert error_codes(listed) == ["FORBIDDEN"] and listed["data"]["users"] is None

    staff = await gql(
        '{ users(filter: {usernames: ["chair"]}) { nodes { id } } }', token=make_token("admin")
    )
    chair = staff["data"]["users"]["nodes"][0]["id"]
    looked_up = await gql("query($id: ID!) { node(id: $id) { id } }", {"id": chair}, token=token)
    assert looked_up["data"]["node"] is None  # as if there were no such person

    with_scope = await factory.partner(name="Bộ Nội vụ 2", scopes="users:read")
    token = (await token_for(server, with_scope)).json()["access_token"]
    body = await gql(
        '{ users(filter: {usernames: ["chair"]}) { nodes { id roles } } }', token=token
    )
    assert body["data"]["users"]["nodes"] == [
        {"id": chair, "roles": ["CABINET_MEMBER", "UNIT_HEAD"]}
    ]


async def test_discovery_lists_the_users_read_scope(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        meta = (await http.get("/.well-known/openid-configuration")).json()
    assert "users:read" in meta["scopes_supported"]
