"""The `ecabinet` command: serve, migrate, seed-demo, token, client create, user create,
export-schema, keygen, backup, restore. Machine-readable output goes to stdout, everything
else to stderr. A composition module (docs/architecture.md): it may know every domain."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import secrets
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NoReturn

from ecabinet.settings import get_settings


@asynccontextmanager
async def _database() -> AsyncIterator[Any]:
    """The CLI's database: its units of work are the server's (commit, then publish), so
    a change made here reaches the servers' open sockets through Redis when REDIS_URL is
    set."""
    from ecabinet.app import wire_domains
    from ecabinet.platform.broker import create_broker
    from ecabinet.platform.db import Database

    wire_domains()  # the domains' hooks and the policy's row filters, as in the server
    settings = get_settings()
    db = Database(settings.db_url)
    broker = create_broker(settings.redis_url, settings.redis_prefix)
    db.publish_to(broker)
    try:
        yield db
    finally:
        await broker.close()
        await db.dispose()


def _err(*args: Any) -> None:
    print(*args, file=sys.stderr)


def _fail(message: str) -> NoReturn:
    _err(f"ecabinet: {message}")
    raise SystemExit(2)


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from ecabinet.runtime import check_settings

    settings = get_settings()
    check_settings(settings)
    if args.workers > 1 and not settings.redis_url:
        _fail("--workers > 1 needs REDIS_URL: live updates must cross processes")
    if args.workers > 1 and settings.is_sqlite:
        _err("ecabinet: warning: several workers on SQLite; use PostgreSQL in production")
    port = args.port or settings.port
    host = args.host or settings.host
    _err(f"e-Cabinet on http://{host}:{port}  (GraphQL: /graphql)")
    uvicorn.run(
        "ecabinet.app:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        # X-Forwarded-For/-Proto count only from ECABINET_TRUSTED_PROXIES (none by default)
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or "",
        log_config=None,
        ws_ping_interval=20,
        ws_per_message_deflate=False,  # small JSON frames: compression costs more than it saves
        ws_ping_timeout=20,
        timeout_graceful_shutdown=10,
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    from ecabinet.migrate import upgrade
    from ecabinet.platform.datadir import secure_data_dir, sqlite_path

    settings = get_settings()
    if settings.is_sqlite:
        secure_data_dir(settings.data_dir, sqlite_path=sqlite_path(settings.db_url))
    upgrade(settings.db_url, args.revision)
    _err(f"ecabinet: database at revision {args.revision}")


async def _seed() -> dict[str, Any]:
    from ecabinet.demo import seed_all

    settings = get_settings()
    async with _database() as db, db.unit_of_work() as session:
        return await seed_all(session=session, password=settings.demo_password)


def cmd_seed_demo(args: argparse.Namespace) -> None:
    from ecabinet.org.demo import USERS

    settings = get_settings()
    if settings.is_production:
        _fail("seed-demo is refused in production (ECABINET_ENV=production)")
    created = asyncio.run(_seed())
    replay = "; 17/9/2019 meeting, conclusion and tasks replayed" if created["replay"] else ""
    _err(f"ecabinet: demo data ready ({created['units']} units, {created['users']} users{replay})")
    _err(f"Demo logins (password: {settings.demo_password}):")
    for u in USERS:
        _err(f"  {u.username:<10} {u.full_name} — {u.position}")


async def _token(username: str, ttl: int | None) -> str:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from ecabinet.org.models import User
    from ecabinet.runtime import build_runtime

    runtime = build_runtime(get_settings())
    try:
        async with runtime.db.session() as session:
            user = (
                await session.scalars(
                    select(User)
                    .options(selectinload(User.roles))
                    .where(User.username == username.lower())
                )
            ).first()
        if user is None or not user.active:
            _fail(f"no active user {username!r}")
        from ecabinet.authz.principal import SCOPES

        claims = {  # every scope: the user's own rights bound it (no session: not revocable)
            "sub": str(user.id),
            "client_id": "ecabinet-cli",
            "scope": " ".join(("openid", *SCOPES)),
            "preferred_username": user.username,
        }
        return runtime.tokens.issue(claims, ttl or runtime.settings.access_token_ttl)
    finally:
        await runtime.close()


def cmd_token(args: argparse.Namespace) -> None:
    print(asyncio.run(_token(args.username, args.ttl)))


async def _client_create(name: str, scopes: list[str], clearance: str) -> dict[str, Any]:
    from ecabinet.auth import service
    from ecabinet.authz.principal import Clearance, system_principal

    async with _database() as db:
        async with db.unit_of_work() as session:
            new = await service.create_client(
                session=session,
                actor=system_principal("cli"),
                name=name,
                scopes=scopes,
                clearance=Clearance[clearance],
            )
        return {
            "client_id": new.client.client_id,
            "client_secret": new.secret,
            "scopes": new.client.scopes,
            "clearance": clearance,
        }


def _client_json(client: Any) -> dict[str, Any]:
    from ecabinet.authz.principal import Clearance

    return {
        "client_id": client.client_id,
        "name": client.name,
        "scopes": list(client.scopes),
        "clearance": Clearance(client.clearance).name,
        "active": client.active,
        "created_at": client.created_at.isoformat(),
    }


async def _client_change(what: str, client_id: str | None) -> Any:
    """list, revoke or rotate-secret, as the CLI (audited as such); the change reaches the
    servers' open sockets through the broker when REDIS_URL is set (else within a minute)."""
    from ecabinet.auth import service
    from ecabinet.authz.principal import system_principal
    from ecabinet.platform.errors import DomainError

    actor = system_principal("cli")
    async with _database() as db:
        async with db.unit_of_work() as session:
            if what == "list":
                return [_client_json(c) for c in await service.list_clients(session=session)]
            try:
                if what == "revoke":
                    out = _client_json(
                        await service.revoke_client(
                            session=session, actor=actor, client_id=client_id or ""
                        )
                    )
                else:
                    new = await service.rotate_client_secret(
                        session=session, actor=actor, client_id=client_id or ""
                    )
                    out = {**_client_json(new.client), "client_secret": new.secret}
            except DomainError as exc:
                _fail(f"{exc.text('en')}: {client_id!r}")
        return out


def cmd_client_list(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_client_change("list", None)), ensure_ascii=False))


def cmd_client_revoke(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_client_change("revoke", args.client_id)), ensure_ascii=False))


def cmd_client_rotate_secret(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_client_change("rotate", args.client_id)), ensure_ascii=False))


def cmd_client_create(args: argparse.Namespace) -> None:
    try:
        out = asyncio.run(_client_create(args.name, args.scopes.split(), args.clearance))
    except ValueError as exc:
        _fail(str(exc))
    print(json.dumps(out))


async def _user_create(args: argparse.Namespace, password: str) -> str:
    from sqlalchemy import select

    from ecabinet.authz.principal import Clearance, system_principal
    from ecabinet.org import service
    from ecabinet.org.models import OrgUnit
    from ecabinet.platform.errors import DomainError

    async with _database() as db:
        async with db.unit_of_work() as session:
            unit_id = None
            if args.unit:
                unit_id = await session.scalar(select(OrgUnit.id).where(OrgUnit.code == args.unit))
                if unit_id is None:
                    _fail(f"no unit with code {args.unit!r}")
            try:
                user = await service.create_user(
                    session=session,
                    principal=system_principal("cli"),
                    username=args.username,
                    full_name=args.full_name,
                    unit_id=unit_id,
                    position=args.position,
                    email=args.email,
                    roles=args.roles.split(),
                    clearance=Clearance[args.clearance],
                    password=password,
                )
            except DomainError as exc:
                _fail(exc.text("en"))
            return str(user.id)


async def _client_documents(args: argparse.Namespace) -> dict[str, Any]:
    from pathlib import Path

    from ecabinet.graphql.trusted import read_documents, set_trusted_documents

    documents = None if args.off else read_documents([Path(f) for f in args.file or []])
    async with _database() as db:
        async with db.unit_of_work() as session:
            try:
                client = await set_trusted_documents(
                    session=session, client_id=args.client_id, documents=documents, add=args.add
                )
            except LookupError:
                _fail(f"no partner client {args.client_id!r}")
            registered = client.trusted_documents
            return {
                "client_id": client.client_id,
                "trusted_documents": None if registered is None else sorted(registered),
            }


async def _client_introspection(args: argparse.Namespace) -> dict[str, Any]:
    from ecabinet.graphql.trusted import set_introspection
    from ecabinet.platform.db import Database

    allowed = {"on": True, "off": False, "default": None}[args.setting]
    db = Database(get_settings().db_url)
    try:
        async with db.unit_of_work() as session:
            try:
                client = await set_introspection(
                    session=session, client_id=args.client_id, allowed=allowed
                )
            except LookupError:
                _fail(f"no partner client {args.client_id!r}")
            return {"client_id": client.client_id, "introspection": client.introspection}
    finally:
        await db.dispose()


def cmd_client_introspection(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_client_introspection(args))))


def cmd_client_documents(args: argparse.Namespace) -> None:
    if not args.off and not args.file:
        _fail("give --file (one or more) or --off")
    try:
        out = asyncio.run(_client_documents(args))
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    print(json.dumps(out))


def cmd_user_create(args: argparse.Namespace) -> None:
    password = args.password
    generated = False
    if password is None:
        if sys.stdin.isatty():
            password = getpass.getpass("Password (empty: generate one): ")
        if not password:
            password, generated = secrets.token_urlsafe(12), True
    user_id = asyncio.run(_user_create(args, password))
    out = {"username": args.username.lower(), "id": user_id}
    if generated:
        out["password"] = password
    print(json.dumps(out))


def cmd_export_schema(args: argparse.Namespace) -> None:
    from ecabinet.graphql.schema import export_sdl

    sdl = export_sdl()
    if args.output:
        Path(args.output).write_text(sdl)
        _err(f"ecabinet: schema written to {args.output}")
    else:
        sys.stdout.write(sdl)


def cmd_keygen(args: argparse.Namespace) -> None:
    from ecabinet.auth.keys import generate_key, key_to_json

    print(key_to_json(generate_key()))


def _backup_target() -> Any:
    from ecabinet.platform.backup import Target

    settings = get_settings()
    return Target(db_url=settings.db_url, files_dir=settings.data_dir / "files")


def cmd_backup(args: argparse.Namespace) -> None:
    from ecabinet.platform.backup import BackupError, backup, default_archive_name

    recipients = None
    if args.encrypt:
        recipients = args.recipient or (os.environ.get("ECABINET_BACKUP_RECIPIENTS") or "").split()
    name = default_archive_name(encrypted=recipients is not None)
    output = Path(args.output or name)
    if output.is_dir():
        output = output / name
    try:
        manifest = backup(_backup_target(), output, recipients=recipients)
    except BackupError as exc:
        _fail(f"backup failed: {exc}")
    size = output.stat().st_size
    _err(f"ecabinet: backup written to {output} ({size} bytes, {len(manifest.entries)} members)")
    print(
        json.dumps(
            {
                "archive": str(output),
                "size": size,
                "encrypted": recipients is not None,
                "alembic_revision": manifest.alembic_revision,
                "created_at": manifest.created_at,
                "members": len(manifest.entries),
            }
        )
    )


def cmd_restore(args: argparse.Namespace) -> None:
    from ecabinet.migrate import upgrade
    from ecabinet.platform.backup import BackupError, restore
    from ecabinet.platform.datadir import secure_data_dir

    identities = None
    identity_file = args.identity or os.environ.get("ECABINET_BACKUP_IDENTITY_FILE")
    if identity_file:
        identities = [Path(identity_file).read_text()]
    settings = get_settings()
    if settings.is_sqlite:
        secure_data_dir(settings.data_dir)
    try:
        done = restore(
            Path(args.archive),
            _backup_target(),
            identities=identities,
            force=args.force,
            upgrade=upgrade,
        )
    except BackupError as exc:
        _fail(f"restore refused: {exc}")
    _err(f"ecabinet: restored {args.archive} (made {done['created_at']}, {done['files']} files)")
    print(json.dumps(done))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ecabinet", description="e-Cabinet server and tools")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="run the server")
    s.add_argument("--host", default=None, help="bind address (default HOST or 127.0.0.1)")
    s.add_argument("--port", type=int, default=None, help="port (default PORT or 8000)")
    s.add_argument("--workers", type=int, default=1, help="processes (needs REDIS_URL if > 1)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("migrate", help="upgrade the database schema")
    s.add_argument("revision", nargs="?", default="head")
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser("seed-demo", help="create the demo organisation (not in production)")
    s.set_defaults(func=cmd_seed_demo)

    s = sub.add_parser("token", help="print an access token for a user")
    s.add_argument("username")
    s.add_argument("--ttl", type=int, default=None, help="lifetime in seconds")
    s.set_defaults(func=cmd_token)

    c = sub.add_parser("client", help="partner clients").add_subparsers(dest="sub", required=True)
    s = c.add_parser("create", help="register a partner client (prints id and secret as JSON)")
    s.add_argument("--name", required=True)
    s.add_argument("--scopes", required=True, help='space-separated, e.g. "meetings:read"')
    s.add_argument(
        "--clearance",
        default="INTERNAL",
        choices=["PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET", "TOP_SECRET"],
    )
    s.set_defaults(func=cmd_client_create)
    s = c.add_parser("list", help="the partner clients, revoked ones included (prints JSON)")
    s.set_defaults(func=cmd_client_list)
    s = c.add_parser(
        "revoke", help="revoke a partner client: its tokens and open sockets end (prints JSON)"
    )
    s.add_argument("client_id")
    s.set_defaults(func=cmd_client_revoke)
    s = c.add_parser(
        "rotate-secret", help="a new secret; the old one and its tokens end (prints JSON)"
    )
    s.add_argument("client_id")
    s.set_defaults(func=cmd_client_rotate_secret)
    s = c.add_parser(
        "documents",
        help="trusted-documents mode: the client runs only these documents (prints JSON)",
    )
    s.add_argument("client_id")
    s.add_argument(
        "--file",
        action="append",
        help="a .graphql file (one document, as the client sends it) or a .json manifest "
        "{sha256: document}; repeatable",
    )
    s.add_argument("--add", action="store_true", help="keep the documents registered before")
    s.add_argument("--off", action="store_true", help="leave trusted-documents mode")
    s.set_defaults(func=cmd_client_documents)
    s = c.add_parser(
        "introspection",
        help="let a partner client introspect the schema (on), or not (off), whatever "
        "GRAPHQL_INTROSPECTION says; default: as it says (prints JSON)",
    )
    s.add_argument("client_id")
    s.add_argument("setting", choices=["on", "off", "default"])
    s.set_defaults(func=cmd_client_introspection)

    u = sub.add_parser("user", help="users").add_subparsers(dest="sub", required=True)
    s = u.add_parser("create", help="create a user (prints JSON)")
    s.add_argument("--username", required=True)
    s.add_argument("--full-name", required=True)
    s.add_argument("--unit", help="unit code, e.g. TTTH")
    s.add_argument("--position")
    s.add_argument("--email")
    s.add_argument("--roles", default="STAFF", help='space-separated, e.g. "ADMIN"')
    s.add_argument(
        "--clearance",
        default="INTERNAL",
        choices=["PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET", "TOP_SECRET"],
    )
    s.add_argument("--password", help="default: asked, or generated and printed")
    s.set_defaults(func=cmd_user_create)

    s = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    s.add_argument("--output", "-o")
    s.set_defaults(func=cmd_export_schema)

    s = sub.add_parser("keygen", help="print a new RS256 signing key (JWK) for production")
    s.set_defaults(func=cmd_keygen)

    s = sub.add_parser(
        "backup", help="archive the database and the file store (never the keys); prints JSON"
    )
    s.add_argument(
        "--output", "-o", help="archive file or directory (default ./ecabinet-<UTC>.tar[.age])"
    )
    s.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt to age recipients (ECABINET_BACKUP_RECIPIENTS or --recipient)",
    )
    s.add_argument("--recipient", action="append", help="an age public key (age1…); repeatable")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser(
        "restore", help="restore an archive into an empty database and file store (server stopped)"
    )
    s.add_argument("archive")
    s.add_argument(
        "--identity",
        help="age identity file of an encrypted archive (ECABINET_BACKUP_IDENTITY_FILE)",
    )
    s.add_argument(
        "--force", action="store_true", help="replace a database and file store that are not empty"
    )
    s.set_defaults(func=cmd_restore)
    return p


def main(argv: list[str] | None = None) -> None:
    from ecabinet.platform.datadir import private_umask

    private_umask()  # databases, uploads, keys and backups made by any command: 0600 / 0700
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except SystemExit:
        raise
    except Exception as exc:  # one line, no stack trace, for operators
        _fail(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
