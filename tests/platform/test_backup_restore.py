"""`ecabinet backup` and `ecabinet restore`: a populated database (the demo seed, a SECRET
meeting with uploaded papers) is archived with its file store, restored into an EMPTY
database and file store, and compared table by table, row by row, and file by checksum —
on SQLite in the first pass and on PostgreSQL (pg_dump / pg_restore) in the services pass.
Keys are never in an archive; an archive is 0600; a damaged archive or a non-empty target
is refused before anything changes; an encrypted archive is unreadable without its identity.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import tarfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKEND
from tests.platform.private_stack import PrivateStack, meeting_with_papers, mode

POSTGRES = BACKEND == "postgres"
pytestmark = [pytest.mark.services]

SECRET_PAPER = b"%PDF-1.4 TUYET MAT de an " + secrets.token_bytes(90_000)
INTERNAL_PAPER = b"%PDF-1.4 to trinh " + secrets.token_bytes(3_000)


@pytest.fixture(scope="module")
async def source(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[PrivateStack]:
    stack = await PrivateStack.create(tmp_path_factory.mktemp("source"), postgres=POSTGRES)
    try:
        stack.setup()
        server = stack.serve()
        await meeting_with_papers(
            stack,
            server,
            {
                "Đề án mật.pdf": (SECRET_PAPER, "SECRET"),
                "Tờ trình.pdf": (INTERNAL_PAPER, "INTERNAL"),
            },
        )
        server.stop()  # a quiet database to compare with (the backup itself runs online)
        yield stack
    finally:
        await stack.close()


@pytest.fixture
async def empty(tmp_path: Path) -> AsyncIterator[PrivateStack]:
    """A target with nothing in it: a new SQLite path, or a newly created PostgreSQL database."""
    stack = await PrivateStack.create(tmp_path / "target", postgres=POSTGRES)
    try:
        yield stack
    finally:
        await stack.close()


async def table_rows(stack: PrivateStack) -> dict[str, list[str]]:
    """Every table of the stack's database → its rows, as sorted reprs."""
    from sqlalchemy import MetaData, select
    from sqlalchemy.ext.asyncio import create_async_engine

    settings = stack.env.settings()
    engine = create_async_engine(settings.db_url)
    try:
        async with engine.connect() as conn:
            meta = MetaData()
            await conn.run_sync(lambda sync: meta.reflect(sync))
            out = {}
            for name, table in meta.tables.items():
                rows = (await conn.execute(select(table))).all()
                out[name] = sorted(repr(tuple(row)) for row in rows)
            return out
    finally:
        await engine.dispose()


def stored_files(stack: PrivateStack) -> dict[str, str]:
    root = stack.data_dir / "files"
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def backup(stack: PrivateStack, out: Path, *args: str, check: bool = True) -> Any:
    result = stack.run("backup", "-o", str(out), *args, check=check)
    return json.loads(result.stdout) if check else result


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


async def test_a_backup_restores_every_row_and_every_file_into_an_empty_database(
    source: PrivateStack, empty: PrivateStack, tmp_path: Path
) -> None:
    archive = tmp_path / "backups" / "nightly.tar"
    made = backup(source, archive)
    assert made["archive"] == str(archive) and made["encrypted"] is False
    assert mode(archive) == 0o600

    restored = empty.run("restore", str(archive))
    assert json.loads(restored.stdout)["files"] == 2

    before, after = await table_rows(source), await table_rows(empty)
    assert set(after) == set(before)
    for table in ("app_user", "meeting", "agenda_item", "stored_file", "audit_event"):
        assert before[table], f"{table} should not be empty in the source"
    for table, rows in before.items():
        assert after[table] == rows, table
    files = stored_files(source)
    assert sorted(files.values()) == sorted(
        hashlib.sha256(p).hexdigest() for p in (SECRET_PAPER, INTERNAL_PAPER)
    )
    assert stored_files(empty) == files
    # restored data is private, like data the server writes
    assert all(mode(p) == 0o600 for p in (empty.data_dir / "files").rglob("*") if p.is_file())
    # and the restored instance serves it: the SECRET paper downloads for a participant
    server = empty.serve()
    body = await _download_all(empty, server.url)
    assert sorted(body) == sorted([SECRET_PAPER, INTERNAL_PAPER])


async def _download_all(stack: PrivateStack, url: str) -> list[bytes]:
    import httpx

    query = """{ meetings(first: 50) { nodes { title agenda { documents { id url } } } } }"""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        token = stack.token("chair")
        r = await http.post(
            "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
        )
        assert "errors" not in r.json(), r.text
        docs = [
            d
            for m in r.json()["data"]["meetings"]["nodes"]
            for item in m["agenda"]
            for d in item["documents"]
        ]
        out = []
        for doc in docs:
            got = await http.get(doc["url"])
            assert got.status_code == 200
            out.append(got.content)
        return out


async def test_the_archive_has_a_manifest_and_no_keys(source: PrivateStack, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup(source, archive)
    content = members(archive)
    manifest = json.loads(content.pop("manifest.json"))
    assert manifest["format"] == "ecabinet-backup" and manifest["created_at"]
    assert manifest["alembic_revision"]
    assert manifest["database"]["engine"] == ("postgresql" if POSTGRES else "sqlite")
    listed = {e["path"]: e for e in manifest["entries"]}
    assert set(listed) == set(content)
    for name, data in content.items():
        assert listed[name] == {
            "path": name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    raw = archive.read_bytes()
    keys = [source.data_dir / "signing-key.jwk", source.data_dir / "ballot-key"]
    assert keys[0].exists()
    for key in keys:
        if key.exists():
            secret = key.read_bytes().strip()
            assert secret[:40] not in raw and secret[-40:] not in raw, key.name
    assert not [n for n in content if "key" in n.split("/")[0] or n.endswith((".jwk", "-key"))]


async def test_restore_refuses_a_database_that_is_not_empty(
    source: PrivateStack, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar"
    backup(source, archive)
    before = await table_rows(source)
    refused = source.run("restore", str(archive), check=False)
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert await table_rows(source) == before


async def test_restore_force_replaces_a_database_that_is_not_empty(
    source: PrivateStack, empty: PrivateStack, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar"
    backup(source, archive)
    empty.run("migrate")  # an instance of its own: its tables, without this data
    (empty.data_dir / "files" / "ff").mkdir(parents=True)
    (empty.data_dir / "files" / "ff" / ("ff" * 20)).write_bytes(b"a stray file")
    assert await table_rows(empty) != await table_rows(source)
    empty.run("restore", "--force", str(archive))
    assert await table_rows(empty) == await table_rows(source)
    assert stored_files(empty) == stored_files(source)


def _rewrite(archive: Path, out: Path, change: Any) -> None:
    with tarfile.open(archive) as src, tarfile.open(out, "w") as dst:
        for m in src:
            data = src.extractfile(m).read()
            data = change(m.name, data)
            if data is None:
                continue
            m.size = len(data)
            dst.addfile(m, io.BytesIO(data))


async def test_a_damaged_archive_is_refused_before_anything_changes(
    source: PrivateStack, empty: PrivateStack, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar"
    backup(source, archive)

    def flip_a_byte_of_a_paper(name: str, data: bytes) -> bytes:
        if name.startswith("files/") and len(data) > 50_000:
            return data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]
        return data

    def drop_a_file(name: str, data: bytes) -> bytes | None:
        return None if name.startswith("files/") and len(data) < 50_000 else data

    for change, why in ((flip_a_byte_of_a_paper, "mismatch"), (drop_a_file, "missing")):
        bad = tmp_path / f"{change.__name__}.tar"
        _rewrite(archive, bad, change)
        refused = empty.run("restore", str(bad), check=False)
        assert refused.returncode == 2, refused.stdout
        assert why in refused.stderr and "Traceback" not in refused.stderr
        assert await table_rows(empty) == {}
        assert stored_files(empty) == {}

    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    refused = empty.run("restore", str(truncated), check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert await table_rows(empty) == {}


async def test_an_encrypted_backup_needs_its_identity(
    source: PrivateStack, empty: PrivateStack, tmp_path: Path
) -> None:
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    identity_file = tmp_path / "backup-identity.txt"
    identity_file.write_text(f"# offline key\n{identity}\n")
    archive = tmp_path / "encrypted.tar.age"
    made = source.run(
        "backup", "-o", str(archive), "--encrypt",
        ECABINET_BACKUP_RECIPIENTS=str(identity.to_public()),
    )  # fmt: skip
    assert json.loads(made.stdout)["encrypted"] is True
    raw = archive.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    assert SECRET_PAPER[:64] not in raw and b"manifest.json" not in raw

    without = empty.run("restore", str(archive), check=False)
    assert without.returncode == 2 and "identity" in without.stderr
    other = tmp_path / "other-identity.txt"
    other.write_text(str(pyrage.x25519.Identity.generate()))
    wrong = empty.run("restore", "--identity", str(other), str(archive), check=False)
    assert wrong.returncode == 2 and "decrypt" in wrong.stderr
    assert await table_rows(empty) == {}

    empty.run("restore", "--identity", str(identity_file), str(archive))
    assert await table_rows(empty) == await table_rows(source)
    assert stored_files(empty) == stored_files(source)


async def test_encrypt_without_a_recipient_is_refused(source: PrivateStack, tmp_path: Path) -> None:
    refused = backup(source, tmp_path / "x.tar", "--encrypt", check=False)
    assert refused.returncode == 2 and "recipient" in refused.stderr
    assert not (tmp_path / "x.tar").exists()


async def test_a_stray_file_in_the_store_is_left_out_not_fatal(
    source: PrivateStack, tmp_path: Path
) -> None:
    stray = source.data_dir / "files" / "zz" / "notes.txt"
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"not a stored file")
    try:
        archive = tmp_path / "b.tar"
        backup(source, archive)
        names = set(members(archive))
        assert "files/zz/notes.txt" not in names
        assert len([n for n in names if n.startswith("files/")]) == 2
    finally:
        stray.unlink()
        stray.parent.rmdir()
