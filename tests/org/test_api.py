"""The org domain over GraphQL: queries, connections, mutations, node, SQL counts."""

from __future__ import annotations

import secrets

import pytest

from ecabinet.authz.principal import Clearance, Role
from tests.conftest import count_selects, error_codes
from tests.factories import unique

USERS_PAGE = """query($first: Int, $after: String) {
  users(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { username unit { name parent { code } } } }
  }
}"""


@pytest.fixture(scope="module")
def admin(make_token) -> str:
    return make_token("admin", ttl=3600)


@pytest.fixture(scope="module")
def staff(make_token) -> str:
    return make_token("staff", ttl=3600)


async def test_viewer_sees_own_sensitive_fields(gql, staff):
    body = await gql("{ viewer { username email clearance active roles } }", token=staff)
    assert "errors" not in body
    assert body["data"]["viewer"]["clearance"] == "INTERNAL" and body["data"]["viewer"][
        "roles"
    ] == ["STAFF"]


async def test_org_units_form_the_office_tree(gql, staff):
    units = (await gql("{ orgUnits { code name parent { code } } }", token=staff))["data"][
        "orgUnits"
    ]
    by_code = {u["code"]: u for u in units}
    assert by_code["VPCP"]["parent"] is None
    assert by_code["CKSTTHC"] == {
        "code": "CKSTTHC",
        "name": "Cục Kiểm soát thủ tục hành chính",
        "parent": {"code": "VPCP"},
    }


@pytest.mark.smoke
async def test_pages_walk_the_whole_list_once(gql, staff):
    seen, after = [], None
    while True:
        page = (await gql(USERS_PAGE, {"first": 4, "after": after}, token=staff))["data"]["users"]
        seen += [e["node"]["username"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"] >= 15


async def test_last_returns_the_tail(gql, staff):
    everyone, after = [], None
    while True:  # the whole list, page by page (other tests may have added many users)
        page = (await gql(USERS_PAGE, {"first": 100, "after": after}, token=staff))["data"]["users"]
        everyone += [e["node"]["username"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    body = await gql(
        "{ tail: users(last: 2) { nodes { username } pageInfo { hasPreviousPage } } }", token=staff
    )
    assert [n["username"] for n in body["data"]["tail"]["nodes"]] == everyone[-2:]
    assert body["data"]["tail"]["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.services
async def test_search_filter_matches_vietnamese_names(gql, staff):
    body = await gql('{ users(filter: {search: "ngọc"}) { nodes { username } } }', token=staff)
    assert [n["username"] for n in body["data"]["users"]["nodes"]] == ["staff"]


async def test_node_and_nodes_resolve_global_ids(gql, staff):
    me = (await gql("{ viewer { id unit { id } } }", token=staff))["data"]["viewer"]
    body = await gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on OrgUnit { code } } }",
        {"ids": [me["unit"]["id"], "bm90OmFuaWQ", me["id"]]},
        token=staff,
    )
    nodes = body["data"]["nodes"]
    assert nodes[0]["code"] == "TTTH" and nodes[1] is None and nodes[2]["id"] == me["id"]


async def test_admin_creates_user_and_errors_come_back_as_user_errors(gql, admin):
    name = f"new{secrets.token_hex(3)}"
    q = """mutation($input: CreateUserInput!) { createUser(input: $input) {
             user { username fullName roles } errors { code message field } } }"""
    ok = await gql(
        q, {"input": {"username": name, "fullName": "Người Mới", "roles": ["CLERK"]}}, token=admin
    )
    assert ok["data"]["createUser"] == {
        "user": {"username": name, "fullName": "Người Mới", "roles": ["CLERK"]},
        "errors": [],
    }
    dup = await gql(q, {"input": {"username": name, "fullName": "Lần hai"}}, token=admin, lang="en")
    assert dup["data"]["createUser"]["user"] is None
    assert dup["data"]["createUser"]["errors"] == [
        {"code": "USERNAME_TAKEN", "message": f"Username {name} is taken", "field": ["username"]}
    ]


async def test_staff_cannot_create_users(gql, staff):
    body = await gql(
        'mutation { createUser(input: {username: "zz", fullName: "Z"}) { errors { code } } }',
        token=staff,
    )
    assert error_codes(body) == ["FORBIDDEN"] and body["data"] is None


async def test_invalid_id_in_mutation_is_a_user_error(gql, admin):
    body = await gql('mutation { deactivateUser(id: "garbage") { errors { code } } }', token=admin)
    assert body["data"]["deactivateUser"]["errors"] == [{"code": "INVALID_ID"}]


@pytest.mark.smoke
async def test_deactivated_users_are_hidden_from_staff_but_not_hr(gql, factory):
    admin = await factory.user(roles=[Role.ADMIN], clearance=Clearance.SECRET)
    officer = await factory.user(unit=True)
    hr = await factory.user(roles=[Role.HR_OFFICER])
    created = await gql(
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
        {"i": {"username": unique("gone"), "fullName": "Sẽ Nghỉ"}},
        token=admin.token,
    )
    uid = created["data"]["createUser"]["user"]["id"]
    q = "query($id: ID!) { node(id: $id) { id } }"
    assert (await gql(q, {"id": uid}, token=officer.token))["data"]["node"] == {"id": uid}
    gone = await gql(
        "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }",
        {"id": uid},
        token=admin.token,
    )
    assert gone["data"]["deactivateUser"]["errors"] == []
    assert (await gql(q, {"id": uid}, token=officer.token))["data"]["node"] is None
    assert (await gql(q, {"id": uid}, token=hr.token))["data"]["node"] == {"id": uid}


async def test_audit_trail_is_for_auditors(gql, make_token):
    q = '{ auditEvents(first: 5, filter: {action: "user.create"}) { totalCount nodes { action actorUsername } } }'
    assert error_codes(await gql(q, token=make_token("staff"))) == ["FORBIDDEN"]
    body = await gql(q, token=make_token("auditor"))
    assert body["data"]["auditEvents"]["totalCount"] >= 15
    assert body["data"]["auditEvents"]["nodes"][0]["action"] == "user.create"


@pytest.mark.services
async def test_user_list_sql_does_not_grow_with_page_size(test_env, staff):
    """No N+1: users, their roles, units and parent units in a fixed number of queries."""
    small = await count_selects(test_env, staff, USERS_PAGE, {"first": 2})
    large = await count_selects(test_env, staff, USERS_PAGE, {"first": 15})
    # principal (user + roles), page (users + roles), count, units, parent units (the
    # parents may already be cached from the units batch on a larger page, never more)
    assert large <= small <= 7
