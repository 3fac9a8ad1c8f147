"""Issue 8 Medium 7: revoking a partner client ends it at once — its open WebSockets
close, its issued tokens are refused at their next request — from the command line
(`ecabinet client list | revoke | rotate-secret`) and for administrators in the API."""

from __future__ import annotations

import base64
import json
import subprocess
import time

from tests.auth.test_partner_clients import create_client, token_for
from tests.conftest import BIN, error_codes
from tests.org.test_live import closed_with, connect, recv

REVOKE = """mutation($i: PartnerClientInput!) {
  revokePartnerClient(input: $i) { partnerClient { clientId active } errors { code field } }
}"""
ROTATE = """mutation($i: PartnerClientInput!) {
  rotatePartnerClientSecret(input: $i) {
    partnerClient { clientId active } clientSecret errors { code }
  }
}"""
WATCH = "subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename } }"


def cli(test_env, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "ecabinet"), "client", *args],
        env=test_env.env(),
        capture_output=True,
        text=True,
    )


async def _partner_socket(server, gql, token: str):
    """A partner's socket with a live subscription (to an event stream it may read)."""
    ws = await connect(server, {"Authorization": f"Bearer {token}"})
    assert (await recv(ws))["type"] == "connection_ack"
    return ws


async def test_cli_lists_revokes_and_the_token_ends_at_its_next_request(test_env, server, gql):
    partner = create_client(test_env, "Bộ Công an", "meetings:read")
    token = (await token_for(server, partner)).json()["access_token"]
    assert "errors" not in await gql("{ orgUnits { code } }", token=token)

    listed = cli(test_env, "list")
    assert listed.returncode == 0, listed.stderr
    mine = [c for c in json.loads(listed.stdout) if c["client_id"] == partner["client_id"]]
    assert mine and mine[0]["active"] is True and mine[0]["name"] == "Bộ Công an"
    assert "secret" not in listed.stdout  # never a secret, not even its hash

    revoked = cli(test_env, "revoke", partner["client_id"])
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(revoked.stdout)["active"] is False

    response = await gql.post("{ orgUnits { code } }", token=token)
    assert response.status_code == 401
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]
    again = await token_for(server, partner)
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"


def test_cli_refuses_an_unknown_client_without_a_trace(test_env):
    out = cli(test_env, "revoke", "no-such-client")
    assert out.returncode == 2 and out.stdout == ""
    assert "not found" in out.stderr and "Traceback" not in out.stderr


def issued_a_second_earlier(runtime, token: str) -> str:
    """The same token as if issued a second earlier: `iat` has whole seconds, and a token
    of the very second of a rotation counts as issued after it (no waiting for the clock)."""
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    kept = {k: v for k, v in claims.items() if k not in ("iss", "aud", "exp", "jti")}
    return runtime.tokens.issue(
        {**kept, "iat": claims["iat"] - 1, "nbf": claims["nbf"] - 1}, claims["exp"] - claims["iat"]
    )


async def test_cli_rotate_secret_ends_the_old_secret_and_its_tokens(test_env, server, gql, runtime):
    partner = create_client(test_env, "Bộ Ngoại giao", "meetings:read")
    old_token = (await token_for(server, partner)).json()["access_token"]
    old_token = issued_a_second_earlier(runtime, old_token)
    assert "errors" not in await gql("{ orgUnits { code } }", token=old_token)
    rotated = cli(test_env, "rotate-secret", partner["client_id"])
    assert rotated.returncode == 0, rotated.stderr
    new = json.loads(rotated.stdout)
    assert new["client_secret"] != partner["client_secret"] and new["active"] is True

    assert (await token_for(server, partner)).status_code == 401  # the old secret
    assert (await gql.post("{ orgUnits { code } }", token=old_token)).status_code == 401
    fresh = (await token_for(server, {**partner, "client_secret": new["client_secret"]})).json()
    assert "errors" not in await gql("{ orgUnits { code } }", token=fresh["access_token"])


async def test_admin_revokes_in_the_api_and_the_partners_socket_closes_at_once(
    test_env, server, gql, make_token
):
    partner = create_client(test_env, "Bộ Quốc phòng", "meetings:read")
    ws = await _partner_socket(
        server, gql, (await token_for(server, partner)).json()["access_token"]
    )
    admin = make_token("admin")

    listed = await gql("{ partnerClients { clientId name active scopes clearance } }", token=admin)
    mine = [c for c in listed["data"]["partnerClients"] if c["clientId"] == partner["client_id"]]
    assert mine == [
        {
            "clientId": partner["client_id"],
            "name": "Bộ Quốc phòng",
            "active": True,
            "scopes": ["meetings:read"],
            "clearance": "INTERNAL",
        }
    ]
    started = time.monotonic()
    body = await gql(REVOKE, {"i": {"clientId": partner["client_id"]}}, token=admin)
    assert body["data"]["revokePartnerClient"] == {
        "partnerClient": {"clientId": partner["client_id"], "active": False},
        "errors": [],
    }
    # it used to stay open, receiving events, until the token expired (up to an hour)
    assert await closed_with(ws, timeout=5) == 4403
    assert time.monotonic() - started < 5

    audit = await gql(
        'query($id: String!) { auditEvents(filter: {action: "client.revoke", entityId: $id})'
        " { nodes { actorUsername entityType } } }",
        {"id": partner["client_id"]},
        token=make_token("auditor"),
    )
    assert audit["data"]["auditEvents"]["nodes"] == [
        {"actorUsername": "admin", "entityType": "OAuthClient"}
    ]


async def test_admin_rotates_a_secret_in_the_api_and_only_admins_may(
    test_env, server, gql, make_token
):
    partner = create_client(test_env, "Bộ Tài chính", "meetings:read")
    ws = await _partner_socket(
        server, gql, (await token_for(server, partner)).json()["access_token"]
    )
    for who in ("staff", "auditor", "hr"):
        body = await gql(ROTATE, {"i": {"clientId": partner["client_id"]}}, token=make_token(who))
        assert error_codes(body) == ["FORBIDDEN"] and body["data"] is None
        listed = await gql("{ partnerClients { clientId } }", token=make_token(who))
        assert error_codes(listed) == ["FORBIDDEN"]
    body = await gql(ROTATE, {"i": {"clientId": partner["client_id"]}}, token=make_token("admin"))
    payload = body["data"]["rotatePartnerClientSecret"]
    assert payload["errors"] == [] and len(payload["clientSecret"]) >= 40
    assert await closed_with(ws, timeout=5) == 4403
    new = {**partner, "client_secret": payload["clientSecret"]}
    assert (await token_for(server, new)).status_code == 200
    assert (await token_for(server, partner)).status_code == 401

    unknown = await gql(REVOKE, {"i": {"clientId": "nope"}}, token=make_token("admin"), lang="en")
    assert unknown["data"]["revokePartnerClient"]["errors"] == [
        {"code": "CLIENT_NOT_FOUND", "field": ["clientId"]}
    ]
