"""Subscriptions over graphql-transport-ws with a real WebSocket client."""

from __future__ import annotations

import asyncio
import json
import secrets

import pytest
import websockets

from ecabinet.authz.principal import SCOPES

SUB = "subscription($id: ID!) { userUpdated(id: $id) { id fullName unit { code } } }"


def ws_url(server) -> str:
    return server.url.replace("http://", "ws://") + "/graphql"


async def connect(server, payload: dict | None):
    ws = await websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"])
    await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    return ws


async def recv(ws, timeout: float = 5) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def closed_with(ws, timeout: float = 5) -> int:
    with pytest.raises(websockets.ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(ws.recv(), timeout)
    return closed.value.rcvd.code


async def new_user(gql, admin: str) -> str:
    body = await gql(
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
        {"i": {"username": f"live{secrets.token_hex(3)}", "fullName": "Trực Tiếp"}},
        token=admin,
    )
    return body["data"]["createUser"]["user"]["id"]


@pytest.fixture(scope="module")
def admin(make_token) -> str:
    return make_token("admin", ttl=3600)


async def test_missing_token_closes_with_4403(server):
    ws = await connect(server, None)
    assert await closed_with(ws) == 4403


async def test_bad_token_closes_with_4403(server):
    ws = await connect(server, {"Authorization": "Bearer forged.token.value"})
    assert await closed_with(ws) == 4403


async def test_lowercase_authorization_key_is_accepted(server, make_token):
    ws = await connect(server, {"authorization": f"Bearer {make_token('staff')}"})
    assert (await recv(ws))["type"] == "connection_ack"
    await ws.send(json.dumps({"type": "ping"}))
    assert (await recv(ws))["type"] == "pong"
    await ws.close()


@pytest.mark.smoke
async def test_first_message_is_the_snapshot_then_every_change(server, gql, admin, make_token):
    uid = await new_user(gql, admin)
    ws = await connect(server, {"Authorization": f"Bearer {make_token('staff')}"})
    assert (await recv(ws))["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {"id": "1", "type": "subscribe", "payload": {"query": SUB, "variables": {"id": uid}}}
        )
    )
    first = await recv(ws)
    assert first["payload"]["data"]["userUpdated"]["fullName"] == "Trực Tiếp"
    for name in ("Đổi Tên Một", "Đổi Tên Hai"):
        await gql(
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { errors { code } } }",
            {"i": {"id": uid, "fullName": name}},
            token=admin,
        )
        message = await recv(ws)
        assert message["type"] == "next"
        assert message["payload"]["data"]["userUpdated"]["fullName"] == name
    await ws.close()


async def test_subscription_ends_when_the_record_is_no_longer_visible(
    server, gql, admin, make_token
):
    uid = await new_user(gql, admin)
    ws = await connect(server, {"Authorization": f"Bearer {make_token('staff')}"})
    await recv(ws)
    await ws.send(
        json.dumps(
            {"id": "s", "type": "subscribe", "payload": {"query": SUB, "variables": {"id": uid}}}
        )
    )
    assert (await recv(ws))["type"] == "next"
    await gql(
        "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }",
        {"id": uid},
        token=admin,
    )
    assert await recv(ws) == {"id": "s", "type": "complete"}
    await ws.close()


async def test_subscribing_to_an_unknown_user_is_not_found(server, make_token):
    ws = await connect(server, {"Authorization": f"Bearer {make_token('staff')}"})
    await recv(ws)
    fake = "VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"
    await ws.send(
        json.dumps(
            {"id": "x", "type": "subscribe", "payload": {"query": SUB, "variables": {"id": fake}}}
        )
    )
    message = await recv(ws)
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    await ws.close()


async def test_socket_closes_when_its_token_expires(server, make_token):
    ws = await connect(server, {"Authorization": f"Bearer {make_token('staff', ttl=2)}"})
    assert (await recv(ws))["type"] == "connection_ack"
    assert await closed_with(ws, timeout=8) == 4403


async def test_queries_over_the_socket_get_a_fresh_context_each(server, make_token):
    ws = await connect(server, {"Authorization": f"Bearer {make_token('staff')}"})
    await recv(ws)
    for op in ("a", "b"):
        await ws.send(
            json.dumps(
                {"id": op, "type": "subscribe", "payload": {"query": "{ viewer { username } }"}}
            )
        )
        message = await recv(ws)
        assert message["payload"]["data"]["viewer"]["username"] == "staff"
        assert (await recv(ws))["type"] == "complete"
    await ws.close()


@pytest.mark.services
async def test_deactivating_a_user_closes_their_open_sockets_at_once(server, gql, admin, runtime):
    """Not at the token's expiry, minutes later: the socket closes (4403) as the change
    commits, and a new connection with the same token is refused."""
    from ecabinet.platform.ids import decode_uuid

    uid = await new_user(gql, admin)
    body = {"sub": str(decode_uuid(uid, "User")), "client_id": "tests", "scope": " ".join(SCOPES)}
    token = runtime.tokens.issue(body, 3600)
    ws = await connect(server, {"Authorization": f"Bearer {token}"})
    assert (await recv(ws))["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {"id": "1", "type": "subscribe", "payload": {"query": SUB, "variables": {"id": uid}}}
        )
    )
    assert (await recv(ws))["type"] == "next"  # the snapshot: the subscription is live
    done = await gql(
        "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }",
        {"id": uid},
        token=admin,
    )
    assert done["data"]["deactivateUser"]["errors"] == []
    assert await closed_with(ws, timeout=3) == 4403
    again = await connect(server, {"Authorization": f"Bearer {token}"})
    assert await closed_with(again) == 4403
