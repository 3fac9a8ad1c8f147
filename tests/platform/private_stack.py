"""A stack of a test's own — data directory, database (SQLite, or a PostgreSQL database
created for it), migrated and seeded through the `ecabinet` command, and server processes
on it — for tests that must change files, cut connections or kill processes without
touching the session's shared server."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from pathlib import Path

import httpx

from tests.conftest import (
    BIN,
    GraphQLClient,
    ServerProcess,
    TestEnv,
    _create_pg_database,
    _drop_pg_database,
    free_port,
)
from tests.meetings.helpers import add_agenda_item, running_meeting, upload

# the access tokens of every active user, as `ecabinet token USERNAME --ttl N` makes them
TOKENS = """
import asyncio, json, sys

from sqlalchemy import select

from ecabinet.authz.principal import SCOPES
from ecabinet.org.models import User
from ecabinet.runtime import build_runtime
from ecabinet.settings import get_settings


async def main() -> None:
    runtime = build_runtime(get_settings())
    try:
        async with runtime.db.session() as session:
            users = (await session.scalars(select(User).where(User.active))).all()
        scope = " ".join(("openid", *SCOPES))
        print(json.dumps({
            u.username: runtime.tokens.issue(
                {"sub": str(u.id), "client_id": "ecabinet-cli", "scope": scope,
                 "preferred_username": u.username},
                int(sys.argv[1]),
            )
            for u in users
        }))
    finally:
        await runtime.close()


asyncio.run(main())
"""


class PrivateStack:
    def __init__(self, tmp: Path, *, database_url: str | None = None, redis_url: str | None = None):
        tmp.mkdir(parents=True, exist_ok=True)
        (tmp / "data").mkdir(exist_ok=True)
        self.env = TestEnv(
            tmp, database_url, redis_url, f"ecabinet-test-{secrets.token_hex(4)}", free_port()
        )
        self.servers: list[ServerProcess] = []
        self._tokens: dict[str, str] = {}

    @classmethod
    async def create(
        cls, tmp: Path, *, postgres: bool = False, redis_url: str | None = None
    ) -> PrivateStack:
        url = await _create_pg_database() if postgres else None
        return cls(tmp, database_url=url, redis_url=redis_url)

    @property
    def data_dir(self) -> Path:
        return self.env.tmp / "data"

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "test.sqlite3"

    def run(self, *args: str, check: bool = True, **extra: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(BIN / "ecabinet"), *args],
            env=self.env.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stderr[-3000:]
        return result

    def setup(self) -> PrivateStack:
        self.run("migrate")
        self.run("seed-demo")
        return self

    def token(self, username: str) -> str:
        """An hour-long access token of a user of this stack, as `ecabinet token` prints it;
        the tokens of every user come from one process (a process per user cost ~1.5 s each)."""
        if username not in self._tokens:
            result = subprocess.run(
                [str(BIN / "python"), "-c", TOKENS, "3600"],
                env=self.env.env(),
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stderr[-3000:]
            self._tokens.update(json.loads(result.stdout))
        return self._tokens[username]

    def serve(self, port: int | None = None, **extra: str) -> ServerProcess:
        server = ServerProcess(self.env, port or self.env.port, extra)
        self.servers.append(server)
        return server

    async def close(self) -> None:
        for server in self.servers:
            if server.proc.poll() is None:
                server.stop()
        if self.env.database_url:
            await _drop_pg_database(self.env.database_url)


async def meeting_with_papers(
    stack: PrivateStack, server: ServerProcess, papers: dict[str, tuple[bytes, str]]
) -> str:
    """A running meeting with one agenda item and these papers ({name: (content, level)})
    uploaded to it; returns the meeting's id."""
    gql = GraphQLClient(server.url)
    try:
        mid = await running_meeting(
            gql, stack.token, title="Phiên họp có tài liệu mật", confidentiality="SECRET"
        )
        sec = stack.token("secretary")
        item = await add_agenda_item(gql, sec, mid, "Đề án mật")
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
            for name, (content, level) in papers.items():
                attached = await upload(http, sec, item, name, content, level)
                assert attached["errors"] == [], attached
        return mid
    finally:
        await gql.http.aclose()


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
