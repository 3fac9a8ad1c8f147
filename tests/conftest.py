"""Test environment: a fresh database (SQLite file, or a PostgreSQL database created for
this run and dropped after it), a Redis key prefix of its own, migrations applied with
alembic, the demo organisation seeded, and a real server process on a free port.

ECABINET_TEST_BACKEND=sqlite (default) or postgres. With postgres, PostgreSQL and Redis
must answer (TEST_PG_URL, TEST_REDIS_URL); if they do not, the tests are skipped on a
laptop and fail when CI=true. `make test` runs everything on SQLite and, on PostgreSQL +
Redis, the tests marked `services` or `smoke` (pytest.ini).

Data for a test comes from tests/factories.py (the `factory` fixture), never from the demo
seed; a test waits for a real condition (`eventually`) or moves platform.clock against the
app in this process (`in_process_server`), never for a fixed time.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
BACKEND = os.environ.get("ECABINET_TEST_BACKEND", "sqlite")
PG_URL = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "ecabinet-demo-test"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pytest_collection_finish(session: pytest.Session) -> None:
    """The postgres pass (`-m "services or smoke"`) must run the tests that need PostgreSQL
    and Redis: selecting none of them (a marker lost in a move) is an error, not a pass."""
    markexpr = session.config.getoption("markexpr", "") or ""
    if BACKEND == "postgres" and "services" in markexpr:
        if not any(item.get_closest_marker("services") for item in session.items):
            raise pytest.UsageError("the PostgreSQL + Redis pass selected no test marked services")


def service_missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) but does not answer", pytrace=False)
    pytest.skip(f"{what} not available")


@dataclass
class TestEnv:
    tmp: Path
    database_url: str | None
    redis_url: str | None
    prefix: str
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DATABASE_URL", "REDIS_URL", "ECABINET_", "OIDC_"))
        }
        env.update(
            ECABINET_ENV="development",
            ECABINET_DATA_DIR=str(self.tmp / "data"),
            ECABINET_PUBLIC_URL=self.base_url,
            ECABINET_FRONTEND_DIST=str(self.tmp / "no-spa"),
            REDIS_PREFIX=self.prefix,
            DEMO_PASSWORD=PASSWORD,
            PORT=str(self.port),
            LOG_LEVEL="WARNING",
        )
        env["DATABASE_URL"] = self.database_url or f"sqlite:///{self.tmp / 'data' / 'test.sqlite3'}"
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update(extra)
        return env

    def settings(self, **extra: str) -> Any:
        from ecabinet.settings import Settings

        old = dict(os.environ)
        try:
            os.environ.clear()
            os.environ.update(self.env(**extra))
            return Settings()
        finally:
            os.environ.clear()
            os.environ.update(old)


async def _create_pg_database() -> str:
    import asyncpg

    name = f"ecabinet_test_{secrets.token_hex(4)}"
    try:
        conn = await asyncpg.connect(PG_URL, timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError):
        service_missing(f"PostgreSQL at {PG_URL}")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return PG_URL.rsplit("/", 1)[0] + "/" + name


async def _drop_pg_database(url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(PG_URL, timeout=5)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _check_redis() -> None:
    import redis.asyncio as aioredis

    client = aioredis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except Exception:
        service_missing(f"Redis at {REDIS_URL}")
    finally:
        await client.aclose()


async def _clear_redis_prefix(prefix: str) -> None:
    import redis.asyncio as aioredis

    client = aioredis.from_url(REDIS_URL)
    try:
        async for key in client.scan_iter(f"{prefix}:*"):
            await client.delete(key)
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
async def test_env(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[TestEnv]:
    tmp = tmp_path_factory.mktemp("ecabinet")
    (tmp / "data").mkdir()
    prefix = f"ecabinet-test-{secrets.token_hex(4)}"
    database_url = redis_url = None
    if BACKEND == "postgres":
        database_url = await _create_pg_database()
        await _check_redis()
        redis_url = REDIS_URL
    env = TestEnv(tmp, database_url, redis_url, prefix, free_port())
    result = subprocess.run(
        [str(BIN / "ecabinet"), "migrate"], env=env.env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [str(BIN / "ecabinet"), "seed-demo"], env=env.env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    try:
        yield env
    finally:
        if database_url:
            await _drop_pg_database(database_url)
        if redis_url:
            await _clear_redis_prefix(prefix)


class ServerProcess:
    def __init__(self, env: TestEnv, port: int, extra: dict[str, str]) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = env.tmp / f"server-{port}.log"
        self._fh = self.log.open("w")
        self.proc = subprocess.Popen(
            [str(BIN / "ecabinet"), "serve", "--port", str(port)],
            env=env.env(**extra),
            stdout=self._fh,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def client(self, **kw: Any) -> httpx.AsyncClient:
        """An HTTP client for this server (as InProcessServer.client)."""
        return httpx.AsyncClient(base_url=self.url, **kw)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._fh.close()


class InProcessServer:
    """The application in the test process behind httpx's ASGI transport, on the session's
    database and keys: a test that moves `platform.clock` moves this server's time too (a
    server process keeps its own), so session ages, deadlines and expiries are reached
    without waiting. Jobs do not run; `url` is the public URL it believes it has."""

    def __init__(self, app: Any, url: str) -> None:
        self.app = app
        self.url = url
        self.runtime = app.state.runtime

    def client(self, **kw: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url=self.url, **kw
        )


@asynccontextmanager
async def in_process_server(test_env: TestEnv, **env: str) -> AsyncIterator[InProcessServer]:
    """An InProcessServer with these settings; the clock is reset when it ends."""
    from ecabinet.app import create_app
    from ecabinet.platform import clock

    app = create_app(test_env.settings(ECABINET_RUN_JOBS="false", **env))
    await app.state.runtime.start()
    try:
        yield InProcessServer(app, str(app.state.runtime.issuer))
    finally:
        clock.reset()
        await app.state.runtime.close()


@pytest.fixture(scope="session")
def server(test_env: TestEnv) -> Iterator[ServerProcess]:
    """The server process all API tests talk to (SQLite or PostgreSQL + Redis)."""
    srv = ServerProcess(test_env, test_env.port, {})
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def behind_proxy(test_env: TestEnv) -> Iterator[ServerProcess]:
    """A second session server, behind a (pretend) reverse proxy on 127.0.0.1: it believes
    X-Forwarded-For (ECABINET_TRUSTED_PROXIES), so a test can come from any address."""
    port = free_port()
    srv = ServerProcess(
        test_env,
        port,
        {
            "ECABINET_TRUSTED_PROXIES": "127.0.0.1",
            "ECABINET_PUBLIC_URL": f"http://127.0.0.1:{port}",
        },
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
async def runtime(test_env: TestEnv) -> AsyncIterator[Any]:
    """An in-test runtime on the same database and signing key (for service tests and
    for minting tokens the server accepts)."""
    from ecabinet.app import wire_domains
    from ecabinet.runtime import build_runtime

    wire_domains()  # the domains' jobs and hooks, as in the server (platform/wiring.py)
    rt = build_runtime(test_env.settings())
    await rt.start()
    yield rt
    await rt.close()


@pytest.fixture(scope="session")
async def db(runtime: Any) -> Any:
    return runtime.db


@pytest.fixture(scope="session")
async def user_ids(db: Any) -> dict[str, Any]:
    from sqlalchemy import select

    from ecabinet.org.models import User

    async with db.session() as s:
        return {u.username: u.id for u in await s.scalars(select(User))}


@pytest.fixture(scope="session")
def make_token(runtime: Any, user_ids: dict[str, Any]) -> Any:
    def make(username: str, ttl: int = 600, **claims: Any) -> str:
        from ecabinet.authz.principal import SCOPES

        # every scope, as the SPA asks for (a user's token reaches no further than its scopes)
        scope = " ".join(("openid", *SCOPES))
        body = {"sub": str(user_ids[username]), "client_id": "tests", "scope": scope}
        body.update(claims)
        return runtime.tokens.issue(body, ttl)

    return make


@pytest.fixture(scope="session")
def factory(runtime: Any) -> Any:
    """Users, units, meetings, agenda items, votes and tasks made per test through the
    services (tests/factories.py): `person = await factory.user(roles=[Role.SECRETARY])`
    gives `person.token`, a Bearer token the test server accepts."""
    from tests.factories import Factory

    return Factory(runtime)


@pytest.fixture(scope="module")
def tokens(make_token: Any) -> Any:
    """tokens("chair"): an hour-long access token of a demo user, made once per module."""
    cache: dict[str, str] = {}

    def get(username: str) -> str:
        if username not in cache:
            cache[username] = make_token(username, ttl=3600)
        return cache[username]

    return get


async def count_selects(
    test_env: TestEnv, token: str, query: str, variables: dict[str, Any] | None = None
) -> int:
    """How many SELECT statements one GraphQL request runs (an app of its own, in process,
    jobs off): tests pin that it does not grow with the page size."""
    from sqlalchemy import event

    from ecabinet.app import create_app

    app = create_app(test_env.settings(ECABINET_RUN_JOBS="false"))
    seen: list[str] = []
    event.listen(
        app.state.runtime.db.engine.sync_engine,
        "before_cursor_execute",
        lambda *a, **k: seen.append(a[2]) if a[2].lstrip().upper().startswith("SELECT") else None,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {token}"},
        )
    await app.state.runtime.close()
    assert "errors" not in response.json(), response.text
    return len(seen)


class GraphQLClient:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        lang: str = "vi",
    ) -> httpx.Response:
        headers = {"Accept-Language": lang}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        lang: str = "vi",
    ) -> dict[str, Any]:
        response = await self.post(query, variables, token=token, lang=lang)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
async def gql(server: ServerProcess) -> AsyncIterator[GraphQLClient]:
    client = GraphQLClient(server.url)
    yield client
    await client.http.aclose()


async def eventually(
    check: Any, *, timeout: float = 5.0, interval: float = 0.01, what: str = "the condition"
) -> Any:
    """Wait for a real condition: poll `check()` (sync or async) until it returns something
    true, and return that; fail after `timeout` seconds. Tests wait for what they need to
    happen, never for a fixed time to "let it happen" (and where time itself is the rule,
    they move platform.clock instead)."""
    import asyncio
    import inspect

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout} s", pytrace=False)
        await asyncio.sleep(interval)


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]
