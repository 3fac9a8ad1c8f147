"""Issue 8 Low 16: revocation reaches access tokens (a session's `sid` checked against the
revocation set, cached per process and invalidated through the broker), and a user's
token reaches no further than its scopes."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import pytest

from tests.auth.test_pkce_flow import code_grant, login, sign_in
from tests.conftest import PASSWORD, error_codes

TASKS = "{ tasks(first: 1) { totalCount } }"
MEETINGS = "{ meetings(first: 1) { totalCount } }"


async def test_the_access_token_of_a_replayed_code_stops_working(server, gql):
    verifier, response = await login(server)
    data = code_grant(server, response, verifier)
    async with httpx.AsyncClient(base_url=server.url) as http:
        first = (await http.post("/auth/token", data=data)).json()
        assert (await gql("{ viewer { username } }", token=first["access_token"]))["data"]
        assert (await http.post("/auth/token", data=data)).status_code == 400  # the replay
    refused = await gql.post("{ viewer { username } }", token=first["access_token"])
    assert refused.status_code == 401 and error_codes(refused.json()) == ["UNAUTHENTICATED"]


@pytest.mark.smoke
async def test_logout_ends_the_access_token_too(server, gql):
    tokens = await sign_in(server)
    other = await sign_in(server)  # another sign-in of the same user (another device)
    async with httpx.AsyncClient(base_url=server.url) as http:
        out = await http.post("/auth/logout", data={"refresh_token": tokens["refresh_token"]})
    assert out.status_code == 200
    assert (await gql.post("{ viewer { id } }", token=tokens["access_token"])).status_code == 401
    assert (await gql("{ viewer { username } }", token=other["access_token"]))["data"] == {
        "viewer": {"username": "staff"}
    }


async def test_a_new_password_ends_the_access_tokens_issued_before(
    server, gql, make_token, user_ids, runtime
):
    from ecabinet.authz.principal import system_principal
    from ecabinet.org import service

    before = make_token("clerk", iat=int(time.time()) - 5)
    assert (await gql("{ viewer { username } }", token=before))["data"]["viewer"]
    async with runtime.db.unit_of_work() as s:
        await service.set_password(
            session=s, principal=system_principal(), user_id=user_ids["clerk"], password=PASSWORD
        )
    assert (await gql.post("{ viewer { username } }", token=before)).status_code == 401
    after = await sign_in(server, "clerk")
    assert (await gql("{ viewer { username } }", token=after["access_token"]))["data"]


async def test_a_token_for_openid_profile_reads_no_tasks_and_no_meetings(server, gql):
    """The SPA asks for the scopes it needs; a token asked for `openid profile` is a
    sign-in, not a key to the API (it read tasks until issue 8 Low 16)."""
    tokens = await sign_in(server, "chair", scope="openid profile")
    bare = tokens["access_token"]
    assert (await gql("{ viewer { username } }", token=bare))["data"]["viewer"] == {
        "username": "chair"
    }
    for query in (
        TASKS,
        MEETINGS,
        '{ users(filter: {usernames: ["staff"]}) { nodes { id } } }',
        "{ unreadNotificationCount }",  # each notification names a task
    ):
        body = await gql(query, token=bare)
        assert error_codes(body) == ["FORBIDDEN"], (query, body)

    spa_scope = "openid profile offline_access users:read meetings:read tasks:read"
    scoped = await sign_in(server, "chair", scope=spa_scope)
    assert (await gql(TASKS, token=scoped["access_token"]))["data"]["tasks"]["totalCount"] > 0
    assert (await gql(MEETINGS, token=scoped["access_token"]))["data"]["meetings"]["totalCount"] > 0
    refused = await gql(
        'mutation { checkIn(meetingId: "TWVldGluZzox") { errors { code } } }',
        token=scoped["access_token"],
    )
    assert error_codes(refused) == ["FORBIDDEN"]  # no meetings:write in that token


async def test_revocations_are_cached_and_learnt_through_the_broker(db):
    """Another process revoked a session: this one knows at once from the broker; a
    revocation the broker lost is found in the database once the short cache expires."""
    from ecabinet.auth.events import REVOKED_CHANNEL
    from ecabinet.auth.models import RevokedSession
    from ecabinet.auth.revocation import SessionRevocations
    from ecabinet.platform.broker import InProcessBroker
    from ecabinet.platform.clock import utcnow

    broker = InProcessBroker()
    cache = SessionRevocations(db, broker, ttl=3600)
    told, lost = str(uuid.uuid4()), uuid.uuid4()
    assert await cache.is_revoked(told) is False
    assert await cache.is_revoked(str(lost)) is False
    for _ in range(100):  # the listener subscribes on first use
        if broker.subscriber_count():
            break
        await asyncio.sleep(0.01)
    await broker.publish(REVOKED_CHANNEL, {"sid": told})
    for _ in range(200):  # the listener's delivery (milliseconds), not a fixed pause
        if await cache.is_revoked(told):
            break
        await asyncio.sleep(0.01)
    assert await cache.is_revoked(told) is True  # without a database read, despite the TTL

    async with db.unit_of_work() as s:  # revoked where no broker message reaches us
        s.add(RevokedSession(sid=lost, revoked_at=utcnow(), expires_at=utcnow()))
    assert await cache.is_revoked(str(lost)) is False  # cached "not revoked" for the TTL
    cache.ttl = 0
    assert await cache.is_revoked(str(lost)) is True
    assert await cache.is_revoked("not-a-session-id") is True
    await cache.close()


@pytest.mark.services
async def test_logout_closes_that_sessions_sockets_and_only_those(server):
    from tests.org.test_live import closed_with, connect, recv

    mine, other = await sign_in(server), await sign_in(server)
    sockets = []
    for tokens in (mine, other):
        ws = await connect(server, {"Authorization": f"Bearer {tokens['access_token']}"})
        assert (await recv(ws))["type"] == "connection_ack"
        sockets.append(ws)
    async with httpx.AsyncClient(base_url=server.url) as http:
        await http.post("/auth/logout", data={"refresh_token": mine["refresh_token"]})
    assert await closed_with(sockets[0], timeout=5) == 4403
    await sockets[1].send(
        '{"id": "q", "type": "subscribe", "payload": {"query": "{ viewer { username } }"}}'
    )
    answer = await recv(sockets[1])
    assert answer["payload"]["data"]["viewer"]["username"] == "staff"  # the other sign-in lives on
    await sockets[1].close()


@pytest.mark.services
async def test_another_process_refuses_a_logged_out_token_at_once(test_env, server, gql):
    """Process B had just accepted the token (its cache says: not revoked); the logout on
    process A reaches B through the broker, not after B's cache expires."""
    import pytest

    from tests.conftest import GraphQLClient, ServerProcess, free_port

    if test_env.redis_url is None:
        pytest.skip("processes share revocations through Redis (the postgres pass)")
    other = ServerProcess(test_env, free_port(), {})
    client = GraphQLClient(other.url)
    try:
        tokens = await sign_in(server)
        assert (await client("{ viewer { username } }", token=tokens["access_token"]))["data"]
        async with httpx.AsyncClient(base_url=server.url) as http:
            await http.post("/auth/logout", data={"refresh_token": tokens["refresh_token"]})
        refused = None
        for _ in range(20):  # the broker's delivery: milliseconds, far below the cache's 5 s
            refused = await client.post("{ viewer { username } }", token=tokens["access_token"])
            if refused.status_code == 401:
                break
            await asyncio.sleep(0.05)
        assert refused is not None and refused.status_code == 401
    finally:
        await client.http.aclose()
        other.stop()
