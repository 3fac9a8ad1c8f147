"""Partner systems: `ecabinet client create`, client_credentials, scopes, clearance."""

from __future__ import annotations

import json
import secrets
import subprocess

import httpx
import pytest

from tests.conftest import BIN, error_codes


def create_client(test_env, name: str | None = None, scopes: str = "meetings:read") -> dict:
    """A partner registered by `ecabinet client create` (a process of its own, for the
    servers started by tests): its printed JSON object."""
    name = name or f"Đối tác {secrets.token_hex(2)}"
    out = subprocess.run(
        [str(BIN / "ecabinet"), "client", "create", "--name", name, "--scopes", scopes],
        env=test_env.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def partner(test_env) -> dict:
    return create_client(test_env, "Bộ Tư pháp", "meetings:read hr:read users:read")


async def token_for(server, client: dict, *, basic: bool = True, scope: str | None = None):
    data = {"grant_type": "client_credentials"}
    if scope is not None:
        data["scope"] = scope
    async with httpx.AsyncClient(base_url=server.url) as http:
        if basic:
            return await http.post(
                "/auth/token", data=data, auth=(client["client_id"], client["client_secret"])
            )
        data.update(client_id=client["client_id"], client_secret=client["client_secret"])
        return await http.post("/auth/token", data=data)


async def client_token(server, client: dict) -> str:
    """A client_credentials access token of `client` (which must be granted one)."""
    response = await token_for(server, client)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_client_create_prints_one_json_object(partner):
    assert set(partner) >= {"client_id", "client_secret"}
    assert partner["scopes"] == ["hr:read", "meetings:read", "users:read"]


def test_client_create_refuses_unknown_scopes(test_env):
    out = subprocess.run(
        [str(BIN / "ecabinet"), "client", "create", "--name", "Xyz", "--scopes", "root:all"],
        env=test_env.env(),
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "unknown scope" in out.stderr and out.stdout == ""


@pytest.mark.parametrize("basic", [True, False], ids=["client_secret_basic", "client_secret_post"])
async def test_client_credentials_token(server, partner, basic):
    response = await token_for(server, partner, basic=basic)
    assert response.status_code == 200
    assert set(response.json()["scope"].split()) == {"meetings:read", "hr:read", "users:read"}


async def test_wrong_secret_is_401(server, partner):
    response = await token_for(server, {**partner, "client_secret": "nope"})
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


async def test_token_holds_only_requested_scopes_it_was_granted(server, partner):
    response = await token_for(server, partner, scope="meetings:read tasks:write")
    assert response.json()["scope"] == "meetings:read"


async def test_partner_has_no_viewer_but_sees_people_with_users_read(server, partner, gql):
    token = (await token_for(server, partner)).json()["access_token"]
    body = await gql(
        '{ viewer { id } users(filter: {usernames: ["staff"]}) { nodes { fullName email } } }',
        token=token,
    )
    assert body["data"]["viewer"] is None and "errors" not in body
    assert body["data"]["users"]["nodes"][0]["fullName"] == "Phan Thị Ngọc"


async def test_partner_field_access_follows_scopes(server, partner, gql):
    with_hr = (await token_for(server, partner)).json()["access_token"]
    without_hr = (await token_for(server, partner, scope="users:read")).json()["access_token"]
    q = '{ users(filter: {usernames: ["staff"]}) { nodes { email } } }'
    assert "errors" not in await gql(q, token=with_hr)
    assert error_codes(await gql(q, token=without_hr)) == ["FORBIDDEN"]


async def test_partner_cannot_mutate(server, partner, gql):
    token = (await token_for(server, partner)).json()["access_token"]
    body = await gql('mutation { deactivateUser(id: "x") { errors { code } } }', token=token)
    assert error_codes(body) == ["FORBIDDEN"] and body["data"] is None
