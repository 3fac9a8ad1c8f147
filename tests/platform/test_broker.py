"""Live updates: the publish/subscribe broker, in one process and through Redis across
processes, including a Redis restart, and a GraphQL subscription fed by another server."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ecabinet.platform import broker as broker_module
from ecabinet.platform.broker import InProcessBroker, RedisBroker, is_resync
from tests.conftest import REDIS_URL, ServerProcess, eventually, free_port, service_missing

pytestmark = pytest.mark.services

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
WAIT = 5.0


async def next_message(sub: Any, timeout: float = WAIT) -> dict[str, Any]:
    return await asyncio.wait_for(sub.get(), timeout)


async def assert_nothing(sub: Any, wait: float = 0.2) -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(sub.get(), wait)


# ---- in one process -------------------------------------------------------------------


async def test_in_process_fan_out_in_order_per_channel() -> None:
    broker = InProcessBroker()
    async with (
        broker.subscribe("meeting.1") as first,
        broker.subscribe("meeting.1") as second,
        broker.subscribe("meeting.2") as other,
    ):
        assert broker.subscriber_count("meeting.1") == 2
        sent = [{"n": i, "text": f"cập nhật {i}"} for i in range(5)]
        for message in sent:
            await broker.publish("meeting.1", message)
        assert [await next_message(first) for _ in sent] == sent
        assert [await next_message(second) for _ in sent] == sent
        await assert_nothing(other)


async def test_in_process_unsubscribe_stops_delivery_and_cleans_up() -> None:
    broker = InProcessBroker()
    async with broker.subscribe("task.7") as staying:
        async with broker.subscribe("task.7") as leaving:
            await broker.publish("task.7", {"n": 1})
            assert await next_message(leaving) == {"n": 1}
        assert broker.subscriber_count("task.7") == 1
        await broker.publish("task.7", {"n": 2})
        assert [await next_message(staying) for _ in range(2)] == [{"n": 1}, {"n": 2}]
        await assert_nothing(leaving)
    assert broker.subscriber_count("task.7") == 0
    assert broker.subscriber_count() == 0
    await broker.publish("task.7", {"n": 3})  # nobody listens: no error


async def test_in_process_messages_are_json_copies() -> None:
    """What a subscriber gets is what would come through Redis: JSON, not the object."""
    broker = InProcessBroker()
    original = {"id": "x", "items": [1, 2]}
    async with broker.subscribe("c") as sub:
        await broker.publish("c", original)
        original["items"].append(3)
        assert await next_message(sub) == {"id": "x", "items": [1, 2]}


async def test_slow_subscriber_gets_resync_instead_of_blocking_the_publisher() -> None:
    broker = InProcessBroker()
    size = broker_module.QUEUE_SIZE
    async with broker.subscribe("vote.1") as slow, broker.subscribe("vote.1") as fast:
        received: list[dict[str, Any]] = []

        async def drain() -> None:
            async for message in fast:
                received.append(message)

        reader = asyncio.create_task(drain())
        started = time.monotonic()
        for i in range(size + 50):
            await broker.publish("vote.1", {"n": i})
            if i % 16 == 0:
                await asyncio.sleep(0)  # let the fast reader keep up
        assert time.monotonic() - started < 2, "publishing must not wait for subscribers"

        # the slow one: its backlog is replaced by exactly one RESYNC marker ...
        first = await next_message(slow)
        assert is_resync(first)
        assert slow.queue.qsize() < size
        # ... and what comes after the marker arrives normally
        while not slow.queue.empty():
            assert not is_resync(slow.queue.get_nowait())
        await broker.publish("vote.1", {"n": "after"})
        assert await next_message(slow) == {"n": "after"}

        # the fast one got every message, in order, and no RESYNC
        await eventually(lambda: len(received) >= size + 51, what="the fast reader's messages")
        reader.cancel()
        assert [m["n"] for m in received] == [*range(size + 50), "after"]


# ---- through Redis --------------------------------------------------------------------


async def _redis_answers(url: str) -> bool:
    import redis.asyncio as aioredis

    client = aioredis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
        return True
    except Exception:
        return False
    finally:
        await client.aclose()


@pytest.fixture
async def redis_url() -> str:
    if not await _redis_answers(REDIS_URL):
        service_missing(f"Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
async def redis_broker(redis_url: str) -> AsyncIterator[RedisBroker]:
    b = RedisBroker(redis_url, f"ecabinet-test-{secrets.token_hex(4)}")
    await b.start()
    await b.wait_connected(5)
    yield b
    await b.close()


PUBLISHER = textwrap.dedent(
    """
    import asyncio, json, sys
    from ecabinet.platform.broker import RedisBroker

    async def main():
        url, prefix, channel, messages = sys.argv[1:5]
        broker = RedisBroker(url, prefix)
        for message in json.loads(messages):
            await broker.publish(channel, message)
        await broker.close()

    asyncio.run(main())
    """
)


async def publish_from_other_process(url: str, prefix: str, channel: str, messages: list) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PUBLISHER, url, prefix, channel, json.dumps(messages),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 0, err.decode()


async def test_redis_message_from_another_process_reaches_local_subscribers(
    redis_broker: RedisBroker,
) -> None:
    sent = [{"id": "u1", "version": 2, "name": "Nguyễn Văn A"}, {"id": "u1", "version": 3}]
    async with (
        redis_broker.subscribe("org.user.u1") as sub,
        redis_broker.subscribe("org.user.u2") as other,
    ):
        await publish_from_other_process(redis_broker.url, redis_broker.prefix, "org.user.u1", sent)
        assert [await next_message(sub) for _ in sent] == sent
        await assert_nothing(other)


async def test_redis_prefixes_isolate_deployments(
    redis_broker: RedisBroker, redis_url: str
) -> None:
    """Two deployments sharing one Redis (different prefixes) do not see each other."""
    async with redis_broker.subscribe("org.user.u1") as sub:
        await publish_from_other_process(
            redis_url, redis_broker.prefix + "-other", "org.user.u1", [{"n": 1}]
        )
        await assert_nothing(sub, 0.5)


async def test_redis_subscriber_sees_a_publish_right_after_start(redis_url: str) -> None:
    """Once the broker says it is connected, nothing published afterwards is lost."""
    for _ in range(10):
        b = RedisBroker(redis_url, f"ecabinet-test-{secrets.token_hex(4)}")
        publisher = RedisBroker(redis_url, b.prefix)
        try:
            await b.start()
            await b.wait_connected(5)
            async with b.subscribe("c") as sub:
                await publisher.publish("c", {"n": 1})
                assert await next_message(sub, 2) == {"n": 1}
        finally:
            await b.close()
            await publisher.close()


class PrivateRedis:
    """A redis-server of our own, to kill and restart."""

    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as fh:
            self.proc = subprocess.Popen(
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"],
                stdout=fh, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self.log.read_text()[-1000:]}")
            probe = subprocess.run(
                [sys.executable, "-c",
                 "import redis,sys; redis.from_url(sys.argv[1], socket_connect_timeout=0.5).ping()",
                 self.url],
                capture_output=True,
            )  # fmt: skip
            if probe.returncode == 0:
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if not os.access(REDIS_SERVER, os.X_OK):
        service_missing(f"redis-server binary ({REDIS_SERVER})")
    server = PrivateRedis(free_port(), tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.kill()


async def test_redis_restart_resyncs_subscribers_then_delivers_again(
    private_redis: PrivateRedis,
) -> None:
    b = RedisBroker(private_redis.url, f"ecabinet-test-{secrets.token_hex(4)}")
    publisher = RedisBroker(private_redis.url, b.prefix)
    try:
        await b.start()
        await b.wait_connected(5)
        async with b.subscribe("vote.9") as sub:
            await publisher.publish("vote.9", {"n": "before"})
            assert await next_message(sub) == {"n": "before"}

            private_redis.kill()
            # published while Redis is down: lost, but must not raise to the caller
            await publisher.publish("vote.9", {"n": "lost"})
            await eventually(
                lambda: not b.connected.is_set(), timeout=15, what="the reader seeing Redis go"
            )
            private_redis.start()

            # the subscriber learns that it may have missed something ...
            first = await next_message(sub, 10)
            assert is_resync(first), first
            # ... and then receives what is published after the restart
            await publisher.publish("vote.9", {"n": "after"})
            after = await next_message(sub)
            while is_resync(after):
                after = await next_message(sub)
            assert after == {"n": "after"}
            assert b.connected.is_set()
    finally:
        await b.close()
        await publisher.close()


async def test_dropped_connection_resyncs_subscribers(private_redis: PrivateRedis) -> None:
    """Redis stays up but drops the pub/sub connection (CLIENT KILL, a proxy, a network
    blip): the reader must notice, not silently resubscribe, and tell subscribers."""
    import redis.asyncio as aioredis

    b = RedisBroker(private_redis.url, f"ecabinet-test-{secrets.token_hex(4)}")
    admin = aioredis.from_url(private_redis.url)
    try:
        await b.start()
        await b.wait_connected(5)
        async with b.subscribe("meeting.3") as sub:
            killed = await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub")
            assert killed == 1
            assert is_resync(await next_message(sub, 10))
            await b.publish("meeting.3", {"n": "after"})
            assert await next_message(sub) == {"n": "after"}
    finally:
        await b.close()
        await admin.aclose()


# ---- through the API: a subscription on one server, a mutation on another ----------------

USER_UPDATED = "subscription($id: ID!) { userUpdated(id: $id) { id fullName } }"
UPDATE_USER = """
mutation($id: ID!, $name: String!) {
  updateUser(input: {id: $id, fullName: $name}) { user { fullName } errors { code } }
}"""


async def graphql_http(url: str, token: str, query: str, variables: dict[str, Any]) -> dict:
    async with httpx.AsyncClient(timeout=10) as http:
        r = await http.post(
            f"{url}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


async def ws_receive(ws: Any, timeout: float = WAIT) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if message["type"] not in ("ping", "pong"):
            return message
        if message["type"] == "ping":
            await ws.send(json.dumps({"type": "pong"}))


@pytest.fixture(scope="module")
def second_server(test_env: Any, server: ServerProcess) -> Iterator[ServerProcess | None]:
    if test_env.redis_url is None:
        yield None
        return
    srv = ServerProcess(test_env, free_port(), {})
    yield srv
    srv.stop()


@pytest.mark.parametrize("where", ["same server", "other server"])
async def test_user_updated_subscription_receives_change(
    where: str,
    test_env: Any,
    server: ServerProcess,
    second_server: ServerProcess | None,
    make_token: Any,
) -> None:
    import websockets

    if where == "other server":
        if test_env.redis_url is None:
            pytest.skip("across server processes only with Redis (the postgres pass)")
        assert second_server is not None
        writer = second_server
    else:
        writer = server
    staff, admin = make_token("staff"), make_token("admin")
    data = await graphql_http(
        server.url, staff, '{ users(filter: {usernames: ["member6"]}) { nodes { id fullName } } }',
        {},
    )  # fmt: skip
    [member6] = data["users"]["nodes"]
    new_name = f"Thành viên Sáu {secrets.token_hex(3)}"

    ws_url = server.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {staff}"}})
        )
        assert (await ws_receive(ws))["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": USER_UPDATED, "variables": {"id": member6["id"]}},
                }
            )
        )
        snapshot = await ws_receive(ws)
        assert snapshot["type"] == "next", snapshot
        assert snapshot["payload"]["data"]["userUpdated"] == member6

        try:
            result = await graphql_http(
                writer.url, admin, UPDATE_USER, {"id": member6["id"], "name": new_name}
            )
            assert result["updateUser"] == {"user": {"fullName": new_name}, "errors": []}

            update = await ws_receive(ws, WAIT)
            assert update["type"] == "next", update
            assert update["payload"]["data"]["userUpdated"] == {
                "id": member6["id"],
                "fullName": new_name,
            }
        finally:
            await graphql_http(
                writer.url, admin, UPDATE_USER, {"id": member6["id"], "name": member6["fullName"]}
            )
        await ws.send(json.dumps({"id": "1", "type": "complete"}))
