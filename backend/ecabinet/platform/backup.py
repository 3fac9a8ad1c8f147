"""`ecabinet backup` and `ecabinet restore`: the database and the file store in one archive.

The archive is a tar file:

    database/ecabinet.pgdump      PostgreSQL: `pg_dump --format=custom` (one consistent
                                  snapshot; pg_dump of the server's major version or newer)
    database/ecabinet.sqlite3     SQLite: a copy made with SQLite's online backup API
    files/<xx>/<key>              every stored file (uploads), as the storage keeps them
    manifest.json                 last: format, versions, alembic revision, creation time,
                                  and the size and sha256 of every member above

Optionally it is encrypted to one or more age recipients (X25519 public keys, `age1…`;
the age-encryption.org/v1 format through `pyrage`): the host that makes backups holds only
public keys, so a stolen backup volume, or that host itself, cannot read old backups; the
identity (private key) is kept offline and given to `restore`. Any age tool can decrypt.

Keys are never in an archive: not the token-signing key, not the ballot key (`DATA_DIR/
ballot-key`, which seals SECRET ballots: a backup must not be able to link a voter to a
choice), not `ECABINET_SECRET_KEY`. They are backed up separately (docs/deployment.md).

`restore` reads the whole archive into a private staging directory, checks every member
against the manifest (names, sizes, sha256, nothing missing or extra) BEFORE it touches the
target, then restores into an empty database only (unless `force`), and upgrades it to the
code's revision. The archive, staging directory and restored files are 0600 / 0700.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import URL, make_url

log = logging.getLogger("ecabinet.backup")

FORMAT = "ecabinet-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP_MEMBER = "database/ecabinet.pgdump"
SQLITE_MEMBER = "database/ecabinet.sqlite3"
AGE_MAGIC = b"age-encryption.org/v1"
CHUNK = 1 << 20
_FILE_MEMBER = re.compile(r"^files/[0-9a-f]{2}/[0-9a-f]{2,128}$")
NOT_INCLUDED = [
    "the token-signing key (ECABINET_SIGNING_KEY_FILE / DATA_DIR/signing-key.jwk)",
    "the ballot key (ECABINET_BALLOT_KEY / DATA_DIR/ballot-key)",
    "ECABINET_SECRET_KEY and the other settings",
]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass
class Target:
    """Where the data lives: the SQLAlchemy URL of the database and the file store."""

    db_url: str
    files_dir: Path

    @property
    def url(self) -> URL:
        return make_url(self.db_url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.drivername.startswith("sqlite")

    @property
    def sqlite_file(self) -> Path:
        if not self.url.database:
            raise BackupError("the SQLite database has no file")
        return Path(self.url.database)


@dataclass
class Manifest:
    created_at: str
    ecabinet_version: str
    alembic_revision: str | None
    database: dict[str, Any]
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "ecabinet_version": self.ecabinet_version,
            "alembic_revision": self.alembic_revision,
            "database": self.database,
            "not_included": NOT_INCLUDED,
            "entries": [{"path": p, **e} for p, e in sorted(self.entries.items())],
        }
        return json.dumps(body, ensure_ascii=False, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            body = json.loads(raw)
            if body.get("format") != FORMAT:
                raise BackupError("not an e-Cabinet backup (manifest format)")
            if body.get("format_version") != FORMAT_VERSION:
                raise BackupError(f"backup format {body.get('format_version')} is not supported")
            return cls(
                created_at=body["created_at"],
                ecabinet_version=body["ecabinet_version"],
                alembic_revision=body["alembic_revision"],
                database=body["database"],
                entries={
                    e["path"]: {"size": int(e["size"]), "sha256": str(e["sha256"])}
                    for e in body["entries"]
                },
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"the manifest is unreadable: {exc}") from None


# ---- tools --------------------------------------------------------------------------------


def _major(version_output: str) -> int:
    m = re.search(r"\(PostgreSQL\)\s+(\d+)", version_output)
    if m is None:
        raise BackupError(f"cannot read a version from {version_output!r}")
    return int(m.group(1))


def _tool_version(path: str) -> str:
    """`pg_dump (PostgreSQL) 15.20 (Debian …)`"""
    args = [path, "--version"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=10)  # noqa: S603
    return out.stdout.strip()


def pg_tool(name: str, server_major: int) -> str:
    """The `pg_dump`/`pg_restore` to use with a server of that major version: the same major
    if installed (ECABINET_PG_BIN, Debian's /usr/lib/postgresql/NN/bin, PATH), else the
    oldest newer one. An older one cannot read the server's catalog, so it is refused."""
    candidates: list[str] = []
    if os.environ.get("ECABINET_PG_BIN"):
        candidates.append(str(Path(os.environ["ECABINET_PG_BIN"]) / name))
    candidates += sorted(str(p) for p in Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    found: dict[int, str] = {}
    for path in candidates:
        if not os.access(path, os.X_OK):
            continue
        try:
            found.setdefault(_major(_tool_version(path)), path)
        except (OSError, subprocess.SubprocessError, BackupError):
            continue
    usable = sorted(major for major in found if major >= server_major)
    if not usable:
        have = ", ".join(f"{found[m]} ({m})" for m in sorted(found)) or "none"
        raise BackupError(
            f"{name} for PostgreSQL {server_major} or newer is not installed (found: {have}); "
            f"install postgresql-client-{server_major} or set ECABINET_PG_BIN"
        )
    return found[usable[0]]


def _libpq_env(url: URL) -> dict[str, str]:
    """Connection settings for pg_dump/pg_restore as libpq variables: the password never
    appears on a command line (`ps` shows those to every user)."""
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            env[var] = str(value)
    for key, option in url.query.items():
        if key.lower() == "sslmode" and isinstance(option, str):
            env["PGSSLMODE"] = option
    return env


async def _pg_fetch(url: URL, query: str) -> list[Any]:
    import asyncpg

    dsn = url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        return list(await conn.fetch(query))
    finally:
        await conn.close()


def _pg(url: URL, query: str) -> list[Any]:
    return asyncio.run(_pg_fetch(url, query))


async def _pg_execute(url: URL, script: str) -> None:
    import asyncpg

    dsn = url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        await conn.execute(script)
    finally:
        await conn.close()


def _pg_server_major(url: URL) -> int:
    return int(_pg(url, "SHOW server_version_num")[0][0]) // 10000


def _pg_tables(url: URL) -> list[str]:
    rows = _pg(
        url,
        "SELECT schemaname || '.' || tablename FROM pg_catalog.pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    )
    return [r[0] for r in rows]


def _pg_revision(url: URL) -> str | None:
    if "public.alembic_version" not in _pg_tables(url):
        return None
    rows = _pg(url, "SELECT version_num FROM alembic_version")
    return str(rows[0][0]) if rows else None


def _sqlite_tables(path: Path) -> list[str]:
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    return [r[0] for r in rows]


def _sqlite_revision(path: Path) -> str | None:
    if "alembic_version" not in _sqlite_tables(path):
        return None
    with contextlib.closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _sqlite_copy(source: Path, dest: Path) -> None:
    """SQLite's online backup API: a consistent copy while the server keeps writing."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(dest)) as dst,
    ):
        src.backup(dst)
    dest.chmod(0o600)


def code_revision() -> str | None:
    from alembic.script import ScriptDirectory

    from ecabinet.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _version() -> str:
    try:
        return metadata.version("ecabinet")
    except metadata.PackageNotFoundError:
        return "unknown"


# ---- writing --------------------------------------------------------------------------------


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.digest, self.size = raw, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, manifest: Manifest, name: str, path: Path) -> None:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mode = 0o600
    info.mtime = int(path.stat().st_mtime)
    with path.open("rb") as fh:
        hashing = _Hashing(fh)
        tar.addfile(info, hashing)
    if hashing.size != info.size:
        raise BackupError(f"{name} changed while it was archived")
    manifest.entries[name] = {"size": info.size, "sha256": hashing.digest.hexdigest()}


def _stored_files(files_dir: Path) -> Iterator[tuple[str, Path]]:
    if not files_dir.is_dir():
        return
    for sub in sorted(files_dir.iterdir()):
        if not sub.is_dir():
            continue
        for path in sorted(sub.iterdir()):
            if path.is_file() and not path.is_symlink() and path.suffix != ".part":
                name = f"files/{sub.name}/{path.name}"
                if not _FILE_MEMBER.match(name):  # not the storage's: not ours to archive
                    log.warning("backup: skipped %s, not a stored file", path)
                    continue
                yield name, path


def _dump_database(target: Target, staging: Path) -> tuple[str, Path, dict[str, Any], str | None]:
    if target.is_sqlite:
        source = target.sqlite_file
        if not source.exists():
            raise BackupError(f"no database at {source}")
        dest = staging / "ecabinet.sqlite3"
        _sqlite_copy(source, dest)
        about = {"engine": "sqlite", "sqlite_version": sqlite3.sqlite_version,
                 "tool": "SQLite online backup API"}  # fmt: skip
        return SQLITE_MEMBER, dest, about, _sqlite_revision(dest)
    url = target.url
    major = _pg_server_major(url)
    pg_dump = pg_tool("pg_dump", major)
    dest = staging / "ecabinet.pgdump"
    result = subprocess.run(  # noqa: S603 - a pg tool we located, no shell
        [pg_dump, "--format=custom", "--no-password", f"--file={dest}"],
        env=_libpq_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[-500:]}")
    info: dict[str, Any] = {
        "engine": "postgresql",
        "server_major": major,
        "tool": _tool_version(pg_dump),
    }
    return PG_DUMP_MEMBER, dest, info, _pg_revision(url)


def _write_archive(target: Target, out: IO[bytes], staging: Path) -> Manifest:
    member, dump, info, revision = _dump_database(target, staging)
    manifest = Manifest(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        ecabinet_version=_version(),
        alembic_revision=revision,
        database=info,
    )
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, manifest, member, dump)
        dump.unlink()
        for name, path in _stored_files(target.files_dir):
            try:
                _add(tar, manifest, name, path)
            except FileNotFoundError:  # deleted since the dump: its row is gone too
                continue
        raw = manifest.to_json()
        info_ = tarfile.TarInfo(MANIFEST)
        info_.size, info_.mode = len(raw), 0o600
        info_.mtime = int(datetime.now(UTC).timestamp())
        tar.addfile(info_, _BytesReader(raw))
    return manifest


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.pos + n
        chunk, self.pos = self.data[self.pos : end], min(end, len(self.data))
        return chunk


def _through_thread(
    work: Callable[[IO[bytes]], Any], consume: Callable[[IO[bytes]], Any]
) -> tuple[Any, Any]:
    """Run `work(writer)` in a thread while `consume(reader)` reads what it writes (a pipe:
    nothing in between touches the disk); (work's result, consume's result). The first
    cause of a failure is raised: a writer that failed stops the reader with a short stream."""
    r, w = os.pipe()
    done: dict[str, Any] = {}

    def run() -> None:
        try:
            with open(w, "wb") as writer:
                done["value"] = work(writer)
        except BaseException as exc:  # raised below, in the caller's thread
            done["error"] = exc

    thread = threading.Thread(target=run, name="ecabinet-backup-pipe", daemon=True)
    thread.start()
    consumed: Any = None
    failure: BaseException | None = None
    with open(r, "rb") as reader:
        try:
            consumed = consume(reader)
            while reader.read(CHUNK):  # let the writer finish if the reader stopped early
                pass
        except BaseException as exc:
            failure = exc
    thread.join()
    error = done.get("error")
    if error is not None and not (failure is not None and isinstance(error, BrokenPipeError)):
        raise error
    if failure is not None:
        raise failure
    return done.get("value"), consumed


def _recipients(keys: list[str]) -> list[Any]:
    import pyrage

    recipients = []
    for key in keys:
        try:
            if key.startswith("age1"):
                recipients.append(pyrage.x25519.Recipient.from_str(key))
            else:
                recipients.append(pyrage.ssh.Recipient.from_str(key))
        except Exception:
            raise BackupError(f"not an age or SSH public key: {key[:20]}…") from None
    if not recipients:
        raise BackupError(
            "--encrypt needs a recipient: ECABINET_BACKUP_RECIPIENTS or --recipient (age1…)"
        )
    return recipients


def default_archive_name(*, encrypted: bool = False, now: datetime | None = None) -> str:
    """`ecabinet-20261202T021500Z.tar` (`.tar.age` when encrypted): sorts by time."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"ecabinet-{stamp}.tar" + (".age" if encrypted else "")


def backup(target: Target, output: Path, *, recipients: list[str] | None = None) -> Manifest:
    """Write the archive to `output` (0600), encrypted when recipients are given. The file
    appears under its name only when complete (written beside it, then renamed)."""
    keys = _recipients(recipients) if recipients is not None else None
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = output.with_name(f".{output.name}.partial")
    with tempfile.TemporaryDirectory(prefix="ecabinet-backup-") as staging_dir:
        staging = Path(staging_dir)
        staging.chmod(0o700)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with open(fd, "wb") as out:
                if keys is None:
                    manifest = _write_archive(target, out, staging)
                else:
                    import pyrage

                    manifest, _ = _through_thread(
                        lambda w: _write_archive(target, w, staging),
                        lambda r: pyrage.encrypt_io(r, out, keys),
                    )
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, output)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise
    return manifest


# ---- reading --------------------------------------------------------------------------------


def _safe_member(info: tarfile.TarInfo) -> str:
    name = info.name
    allowed = name in (MANIFEST, PG_DUMP_MEMBER, SQLITE_MEMBER) or _FILE_MEMBER.match(name)
    if not info.isfile() or not allowed:
        raise BackupError(f"unexpected member in the archive: {name!r}")
    return name


def _extract(reader: IO[bytes], staging: Path) -> tuple[Manifest, dict[str, dict[str, Any]]]:
    """Every member into `staging`, hashed on the way; the manifest is returned unchecked."""
    seen: dict[str, dict[str, Any]] = {}
    manifest_raw: bytes | None = None
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            for info in tar:
                name = _safe_member(info)
                if name in seen or (name == MANIFEST and manifest_raw is not None):
                    raise BackupError(f"{name} appears twice in the archive")
                src = tar.extractfile(info)
                if src is None:
                    raise BackupError(f"{name} cannot be read")
                if name == MANIFEST:
                    manifest_raw = src.read(1 << 24)
                    continue
                dest = staging / name
                dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                digest, size = hashlib.sha256(), 0
                fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with open(fd, "wb") as out:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[name] = {"size": size, "sha256": digest.hexdigest()}
    except tarfile.TarError as exc:
        raise BackupError(f"the archive is damaged or not a tar file: {exc}") from None
    if manifest_raw is None:
        raise BackupError("the archive has no manifest (incomplete or not an e-Cabinet backup)")
    return Manifest.from_json(manifest_raw), seen


def verify(manifest: Manifest, seen: dict[str, dict[str, Any]]) -> None:
    """Every member as the manifest lists it, and nothing else."""
    problems = []
    for name in sorted(set(manifest.entries) | set(seen)):
        want, got = manifest.entries.get(name), seen.get(name)
        if want is None:
            problems.append(f"{name}: not in the manifest")
        elif got is None:
            problems.append(f"{name}: missing")
        elif want != got:
            problems.append(f"{name}: checksum or size mismatch")
    databases = [n for n in manifest.entries if n.startswith("database/")]
    if len(databases) != 1:
        problems.append("the archive must hold exactly one database dump")
    if problems:
        shown = "; ".join(problems[:5]) + (
            f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        )
        raise BackupError(f"the archive does not match its manifest: {shown}")


def _open_archive(path: Path, identities: list[str] | None, staging: Path) -> Manifest:
    with path.open("rb") as fh:
        encrypted = fh.read(len(AGE_MAGIC)) == AGE_MAGIC
    if not encrypted:
        with path.open("rb") as fh:
            manifest, seen = _extract(fh, staging)
    else:
        import pyrage

        if not identities:
            raise BackupError("the archive is encrypted: give the identity file (--identity)")
        keys = []
        for text in identities:
            for line in text.splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    try:
                        keys.append(pyrage.x25519.Identity.from_str(line))
                    except Exception:
                        raise BackupError("the identity file holds no age secret key") from None

        def decrypt(writer: IO[bytes]) -> None:
            with path.open("rb") as src:
                try:
                    pyrage.decrypt_io(src, writer, keys)
                except pyrage.DecryptError as exc:
                    raise BackupError(f"cannot decrypt the archive: {exc}") from None

        _, (manifest, seen) = _through_thread(decrypt, lambda r: _extract(r, staging))
    verify(manifest, seen)
    return manifest


def _revision_index() -> list[str]:
    from alembic.script import ScriptDirectory

    from ecabinet.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _restore_sqlite(staged: Path, target: Target, force: bool) -> None:
    dest = target.sqlite_file
    if _sqlite_tables(dest) and not force:
        raise BackupError(f"the database {dest} is not empty (restore --force replaces it)")
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in (dest, *(dest.with_name(dest.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    _sqlite_copy(staged, dest)


def _restore_pg(staged: Path, target: Target, manifest: Manifest, force: bool) -> None:
    url = target.url
    tables = _pg_tables(url)
    if tables and not force:
        raise BackupError(
            f"the database {url.database} is not empty ({len(tables)} tables; "
            "restore into a new database, or --force to replace everything in it)"
        )
    major = _pg_server_major(url)
    pg_restore = pg_tool("pg_restore", max(major, int(manifest.database.get("server_major", 0))))
    if tables:
        asyncio.run(_pg_execute(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    result = subprocess.run(  # noqa: S603 - a pg tool we located, no shell
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--no-password", f"--dbname={url.database}", str(staged)],
        env=_libpq_env(url),
        capture_output=True,
        text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[-500:]}")


def _restore_files(staging: Path, files_dir: Path, force: bool) -> int:
    existing = list(_stored_files(files_dir))
    if existing and not force:
        raise BackupError(f"the file store {files_dir} is not empty (restore --force replaces it)")
    for _, path in existing:
        path.unlink()
    files_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    count = 0
    source = staging / "files"
    if source.is_dir():
        for sub in sorted(source.iterdir()):
            (files_dir / sub.name).mkdir(exist_ok=True, mode=0o700)
            for path in sorted(sub.iterdir()):
                dest = files_dir / sub.name / path.name
                shutil.move(str(path), dest)
                dest.chmod(0o600)
                count += 1
    return count


def restore(
    archive: Path,
    target: Target,
    *,
    identities: list[str] | None = None,
    force: bool = False,
    upgrade: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Check the archive, then restore it into `target`; returns what was restored."""
    if not archive.is_file():
        raise BackupError(f"no archive at {archive}")
    # staged beside the file store (then moving a file is a rename), else beside the archive
    work = target.files_dir.parent
    if not (work.is_dir() and os.access(work, os.W_OK)):
        work = archive.resolve().parent
    with tempfile.TemporaryDirectory(prefix=".ecabinet-restore-", dir=work) as staging_dir:
        staging = Path(staging_dir)
        staging.chmod(0o700)
        manifest = _open_archive(archive, identities, staging)
        revisions = _revision_index()
        if manifest.alembic_revision and manifest.alembic_revision not in revisions:
            raise BackupError(
                f"the backup is at database revision {manifest.alembic_revision}, which this "
                "version of e-Cabinet does not know: restore it with the version that made it"
            )
        database = next(n for n in manifest.entries if n.startswith("database/"))
        wants_sqlite = database == SQLITE_MEMBER
        if wants_sqlite != target.is_sqlite:
            kind = "SQLite" if wants_sqlite else "PostgreSQL"
            raise BackupError(f"the backup holds a {kind} database; DATABASE_URL is not {kind}")
        # refuse a non-empty target before changing anything
        if not force:
            if target.is_sqlite and _sqlite_tables(target.sqlite_file):
                raise BackupError(
                    f"the database {target.sqlite_file} is not empty (restore --force replaces it)"
                )
            if not target.is_sqlite and _pg_tables(target.url):
                raise BackupError(
                    f"the database {target.url.database} is not empty "
                    "(restore into a new database, or --force to replace everything in it)"
                )
            if any(True for _ in _stored_files(target.files_dir)):
                raise BackupError(
                    f"the file store {target.files_dir} is not empty (restore --force replaces it)"
                )
        if wants_sqlite:
            _restore_sqlite(staging / SQLITE_MEMBER, target, force)
        else:
            _restore_pg(staging / PG_DUMP_MEMBER, target, manifest, force)
        files = _restore_files(staging, target.files_dir, force)
    if upgrade is not None and manifest.alembic_revision != revisions[-1]:
        upgrade(target.db_url)
    return {
        "archive": str(archive),
        "created_at": manifest.created_at,
        "alembic_revision": manifest.alembic_revision,
        "database": manifest.database.get("engine"),
        "files": files,
    }
