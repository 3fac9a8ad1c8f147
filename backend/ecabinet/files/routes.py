"""`GET /files/{id}`: downloads with a bearer token or a short-lived signed link. Who may
download is decided by the file's owner domain (registered in OWNERS) and the file's own
confidentiality; a file you may not fetch answers 404, exactly like a missing one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ecabinet.auth.requests import principal_from_authorization
from ecabinet.auth.service import principal_for_user_id
from ecabinet.authz.principal import Principal
from ecabinet.platform.errors import Unauthenticated
from ecabinet.platform.files import StoredFile, safe_content_type
from ecabinet.platform.ids import InvalidId, decode_uuid
from ecabinet.platform.signing import verify
from ecabinet.platform.storage import LocalStorage
from ecabinet.platform.wiring import ACTIVE
from ecabinet.runtime import Runtime

Check = Callable[[AsyncSession, Principal, StoredFile], Awaitable[bool]]
# the process's file owners: what the domains' wire() registered (platform/wiring.py)
OWNERS = ACTIVE.file_owners


def storage(runtime: Runtime) -> LocalStorage:
    return LocalStorage(runtime.settings.data_dir / "files")


def _not_found() -> Response:
    return JSONResponse({"error": "not found"}, status_code=404)


async def who(request: Request, runtime: Runtime, path: str) -> Principal | None:
    """The principal of a bearer token, or of a valid signed link (re-read from the
    database: a deactivated user's links die with them). None: not authenticated."""
    q = request.query_params
    if q.get("sig"):
        if not verify(
            runtime.settings.secret_key, path, q.get("u", ""), q.get("exp", ""), q.get("sig", "")
        ):
            return None
        async with runtime.db.session() as s:
            return await principal_for_user_id(session=s, subject=q.get("u", ""))
    try:
        principal = await principal_from_authorization(
            runtime, request.headers.get("authorization")
        )
    except Unauthenticated:
        return None
    return principal if principal.is_authenticated else None


async def download(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    principal = await who(request, runtime, request.url.path)
    if principal is None:
        return JSONResponse(
            {"error": "unauthenticated"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    try:
        key = decode_uuid(request.path_params["file_id"], "File")
    except InvalidId:
        return _not_found()
    async with runtime.db.session() as s:
        f = (await s.scalars(select(StoredFile).where(StoredFile.id == key))).first()
        check = OWNERS.get(f.owner_type) if f else None
        if f is None or check is None or not await check(s, principal, f):
            return _not_found()
    path = storage(runtime).path(f.storage_key)
    if not path.exists():
        return _not_found()
    return FileResponse(
        path,
        media_type=safe_content_type(f.content_type),  # also for files stored before
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(f.name)}",
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


routes = [Route("/files/{file_id}", download, methods=["GET"])]
