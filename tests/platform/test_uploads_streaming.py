"""Multipart uploads (issue 8, Medium 9): the right to upload, the declared size and the
number of uploads in progress are checked before the body is read; files stream to disk
through the form parser, never whole into memory; the body is capped while it is read."""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ecabinet.platform.ids import to_global_id
from tests.auth.test_partner_clients import client_token, create_client
from tests.conftest import ServerProcess, free_port

BOUNDARY = "ecabinet-test-boundary"
REPORT = """mutation($i: ReportProgressInput!) { reportProgress(input: $i) {
  task { progress } errors { code } } }"""
SMALL_CAP = 1_000_000
NO_TASK = to_global_id("Task", uuid.uuid4())  # well formed, of no task: TASK_NOT_FOUND


def multipart_head(file_size: int) -> tuple[bytes, bytes]:
    """The multipart body around a file part of `file_size` bytes: (before, after)."""
    operations = json.dumps(
        {
            "query": REPORT,
            "variables": {
                "i": {"taskId": NO_TASK, "text": "x", "progress": 10, "attachments": [None]}
            },
        }
    )
    before = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{operations}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        + json.dumps({"0": ["variables.i.attachments.0"]})
        + f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="0"; '
        'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    after = f"\r\n--{BOUNDARY}--\r\n".encode()
    return before, after


class Raw:
    """One HTTP/1.1 request written by hand, so that a test decides when (and whether)
    the body is sent."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def start(
        cls, server: ServerProcess, token: str, *, length: int | None, chunked: bool = False
    ) -> Raw:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        lines = [
            "POST /graphql HTTP/1.1",
            f"Host: 127.0.0.1:{server.port}",
            f"Authorization: Bearer {token}",
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}",
            "Accept-Language: en",
        ]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        if chunked:
            lines.append("Transfer-Encoding: chunked")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        return cls(reader, writer)

    async def send(self, data: bytes, *, chunked: bool = False) -> None:
        if chunked:
            data = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        self.writer.write(data)
        await self.writer.drain()

    async def response(self, timeout: float = 10) -> tuple[int, dict[str, str], Any]:
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), timeout)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (line.partition(":") for line in header_lines if line)
        }
        body = await asyncio.wait_for(
            self.reader.readexactly(int(headers.get("content-length", "0"))), timeout
        )
        return int(status_line.split()[1]), headers, json.loads(body or b"null")

    def close(self) -> None:
        self.writer.close()


def peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


async def test_an_unauthorised_50_mb_upload_is_refused_before_its_body_is_sent(server, test_env):
    """A read-only partner announces 50 MB of multipart: the answer (403) arrives while
    not one byte of the body has been sent — the server did not wait to buffer it."""
    token = await client_token(server, create_client(test_env, scopes="meetings:read"))
    raw = await Raw.start(server, token, length=50 * 1024 * 1024)
    try:
        status, _, body = await raw.response(timeout=5)
    finally:
        raw.close()
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_body_declared_larger_than_the_cap_is_refused_before_it_is_sent(server, tokens):
    raw = await Raw.start(server, tokens("staff"), length=500 * 1024 * 1024)
    try:
        status, _, body = await raw.response(timeout=5)
    finally:
        raw.close()
    assert status == 413 and body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_file_streams_to_disk_not_into_memory(server, tokens):
    """A 40 MB upload from a user: the server's peak memory does not grow by its size (it
    was read whole into memory, twice, before anything was checked)."""
    before, after = multipart_head(40 * 1024 * 1024)
    chunk = secrets.token_bytes(1024 * 1024)
    peak = peak_rss_kb(server.proc.pid)

    async def body() -> Any:
        yield before
        for _ in range(40):
            yield chunk
        yield after

    async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
        response = await http.post(
            "/graphql",
            content=body(),
            headers={
                "Authorization": f"Bearer {tokens('staff')}",
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                "Content-Length": str(len(before) + 40 * len(chunk) + len(after)),
            },
        )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["reportProgress"]["errors"] == [{"code": "TASK_NOT_FOUND"}]
    grown_mb = (peak_rss_kb(server.proc.pid) - peak) / 1024
    assert grown_mb < 15, f"the server's peak memory grew by {grown_mb:.0f} MB"


@pytest.fixture(scope="module")
def capped(test_env: Any) -> Iterator[ServerProcess]:
    """A server taking bodies of at most 1 MB and one upload at a time per principal."""
    server = ServerProcess(
        test_env,
        free_port(),
        {
            "ECABINET_MAX_UPLOAD_BODY": str(SMALL_CAP),
            "ECABINET_MAX_CONCURRENT_UPLOADS": "1",
            "REDIS_PREFIX": f"{test_env.prefix}-up-{secrets.token_hex(3)}",
        },
    )
    yield server
    server.stop()


async def test_a_chunked_body_is_cut_off_at_the_cap(capped, tokens):
    """Without a Content-Length the cap holds while the body is read: 413, not a 1.5 MB
    body buffered."""
    raw = await Raw.start(capped, tokens("staff"), length=None, chunked=True)
    before, _ = multipart_head(0)
    try:
        # 0.79 MB, then 0.3 MB more: the cap is crossed by the last chunk, and the server has
        # read every byte sent when it answers (unread bytes would reset the connection)
        await raw.send(before, chunked=True)
        for size in (256 * 1024, 256 * 1024, 256 * 1024, 300 * 1024):
            await raw.send(b"\0" * size, chunked=True)
        status, _, body = await raw.response(timeout=10)
    finally:
        raw.close()
    assert status == 413 and body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_uploads_in_progress_are_capped_per_principal(capped, tokens):
    """One upload at a time here: a second one of the same user is RATE_LIMITED (429)
    at once; another user is not held up; when the first ends, the user may upload again."""
    token = tokens("member2")
    before, after = multipart_head(100)
    length = len(before) + 100 + len(after)
    first = await Raw.start(capped, token, length=length)
    await first.send(before)  # and then nothing: the upload stays in progress
    # another user is not held up (and once their upload is answered, the first one,
    # which arrived before it, holds its place)
    other = await Raw.start(capped, tokens("member3"), length=length)
    await other.send(before + b"x" * 100 + after)
    assert (await other.response())[0] == 200
    other.close()
    second = await Raw.start(capped, token, length=length)
    try:
        status, headers, body = await second.response(timeout=5)
        assert status == 429 and body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert int(headers["retry-after"]) > 0
        await first.send(b"x" * 100 + after)
        assert (await first.response())[0] == 200
    finally:
        first.close()
        second.close()
    again = await Raw.start(capped, token, length=length)
    await again.send(before + b"x" * 100 + after)
    status, _, body = await again.response()
    again.close()
    assert status == 200 and body["data"]["reportProgress"]["errors"] == [
        {"code": "TASK_NOT_FOUND"}
    ]
