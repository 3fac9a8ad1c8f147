"""Low 15: data files are the server user's alone — the data directory 0700, the SQLite
database and its -wal/-shm, uploaded (SECRET) papers and keys 0600 — whatever the umask of
the shell that started it, and a data directory left readable by an earlier version is
made private at the next start."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.platform.private_stack import PrivateStack, meeting_with_papers, mode


@pytest.fixture
def operator_umask() -> Iterator[None]:
    """The usual shell umask (022: new files world-readable) for the commands we start."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
async def stack(tmp_path: Path, operator_umask: None) -> AsyncIterator[PrivateStack]:
    # SQLite even in the postgres pass: the files are what this test is about
    s = PrivateStack(tmp_path / "stack")
    try:
        yield s
    finally:
        await s.close()


def world_or_group_readable(root: Path) -> list[str]:
    loose = []
    for path in [root, *root.rglob("*")]:
        if mode(path) & 0o077:
            loose.append(f"{path.relative_to(root.parent)} {mode(path):o}")
    return loose


async def test_database_wal_uploads_and_keys_are_private(stack: PrivateStack) -> None:
    stack.setup()
    server = stack.serve()
    secret_paper = b"%PDF-1.4 TUYET MAT " + secrets.token_bytes(5000)
    await meeting_with_papers(stack, server, {"Đề án mật.pdf": (secret_paper, "SECRET")})

    data = stack.data_dir
    assert mode(data) == 0o700
    db = stack.sqlite_file
    assert db.with_name(db.name + "-wal").exists()  # the server writes in WAL mode
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        assert mode(path) == 0o600, path.name
    assert mode(data / "signing-key.jwk") == 0o600
    stored = [p for p in (data / "files").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in stored] == [secret_paper]
    assert mode(stored[0]) == 0o600
    assert mode(stored[0].parent) == 0o700 and mode(data / "files") == 0o700
    # nothing in the data directory is readable by anyone but the server's user
    assert world_or_group_readable(data) == []


async def test_a_readable_data_directory_is_made_private_at_start(stack: PrivateStack) -> None:
    stack.run("migrate")
    data = stack.data_dir
    # as an earlier version left it: directories 0755, files 0644
    old_paper = data / "files" / "ab" / ("ab" + "0" * 38)
    old_paper.parent.mkdir(parents=True)
    old_paper.write_bytes(b"%PDF-1.4 an old upload")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert world_or_group_readable(data) != []

    stack.serve()

    assert world_or_group_readable(data) == []
    assert mode(data) == 0o700 and mode(old_paper) == 0o600
    assert mode(stack.sqlite_file) == 0o600
