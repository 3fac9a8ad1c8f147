"""The ASGI application: GraphQL, the authorization server, health, and the SPA; DOMAINS,
the one list of domains whose wire() is called. A composition module
(docs/architecture.md): it may know every domain."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet.audit import wire as audit
from ecabinet.auth import wire as auth
from ecabinet.authz import policy, rows
from ecabinet.files import wire as files
from ecabinet.graphql.schema import build_schema
from ecabinet.graphql.view import GraphQLView
from ecabinet.meetings import wire as meetings
from ecabinet.notifications import wire as notifications
from ecabinet.org import wire as org
from ecabinet.platform.jobs import JobRunner
from ecabinet.platform.logs import configure_logging, new_request_id, request_id_var
from ecabinet.platform.wiring import Registry, Wire, wire_all
from ecabinet.runtime import Runtime, build_runtime
from ecabinet.settings import Settings, get_settings
from ecabinet.tasks import wire as tasks

log = logging.getLogger("ecabinet.http")

# Every domain, in dependency order: each one's wire() registers its jobs, hooks, node
# types, file owners and routes (platform/wiring.py). A domain missing here is not wired.
DOMAINS: tuple[Wire, ...] = (
    org.wire,
    auth.wire,
    meetings.wire,
    tasks.wire,
    notifications.wire,
    audit.wire,
    files.wire,
)


def wire_domains() -> Registry:
    """Wire every domain and install the result as the process's registry, and the
    policy's row filters as the process's (authz/rows.py): the app, the CLI, the demo seed
    and the tests do this before anything runs."""
    rows.install(policy.ROWS)
    registry = wire_all(DOMAINS)
    registry.install()
    return registry


API_PREFIXES = (
    "/graphql",
    "/auth/",
    "/files/",
    "/exports/",
    "/.well-known/",
    "/healthz",
    "/readyz",
)


class HeadersMiddleware:
    """Request ids, access logs, and the security headers of every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def csp(self, scope: Scope) -> str:
        # the configured origin, never the request's Host header (which anyone can set)
        scheme, _, host = self.settings.origin.partition("://")
        ws = f" {'wss' if scheme == 'https' else 'ws'}://{host}"
        form = "'self'"
        if not self.settings.is_production:
            form += " http://localhost:5173 http://127.0.0.1:5173"
        return (
            "default-src 'self'; script-src 'self'; style-src 'self'; "
            "img-src 'self' data: blob:; font-src 'self' data:; "
            f"connect-src 'self'{ws}; frame-ancestors 'none'; base-uri 'self'; "
            f"form-action {form}; object-src 'none'"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        rid = new_request_id()
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", [])]
                present = {k.lower() for k, _ in headers}
                extra = {
                    b"x-request-id": rid.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"content-security-policy": self.csp(scope).encode(),
                }
                if self.settings.is_production:
                    extra[b"strict-transport-security"] = b"max-age=31536000; includeSubDomains"
                headers += [(k, v) for k, v in extra.items() if k not in present]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if scope["type"] == "http":
                log.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={"ms": round((time.perf_counter() - started) * 1000, 1)},
                )
            request_id_var.reset(token)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    failed: list[str] = []
    try:
        await runtime.db.ping()
    except Exception as exc:
        log.warning("readiness: database failed: %s", exc)
        failed.append("database")
    if runtime.settings.redis_url:
        try:
            await runtime.broker.ping()
        except Exception as exc:
            log.warning("readiness: redis failed: %s", exc)
            failed.append("redis")
    if failed:
        return JSONResponse({"status": "unavailable", "failed": failed}, status_code=503)
    return JSONResponse(
        {
            "status": "ok",
            "database": "ok",
            "redis": "ok" if runtime.settings.redis_url else "not configured",
        }
    )


def spa_app(dist: Path, *, source_maps: bool = True) -> ASGIApp:
    """The built SPA: files as they are (hashed assets cached for a year), any other path
    → index.html (never cached) so that client-side routes work on reload. Source maps
    (`*.map`) are not served in production (`source_maps` False), even if the build has
    them."""
    root = dist.resolve()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if scope["type"] != "http":
            return
        if path.startswith(API_PREFIXES) and path not in ("/auth/callback",):
            response: Response = JSONResponse({"error": "not found"}, status_code=404)
        elif not (root / "index.html").exists():
            response = HTMLResponse(
                "<!doctype html><title>e-Cabinet</title><p>The web app is not built yet: "
                "run <code>make run</code> (or <code>npm run build</code> in frontend/).</p>",
                status_code=503,
            )
        elif "\x00" in path or (not source_maps and path.endswith(".map")):
            # `/index.html%00.js`: no file has such a name
            response = JSONResponse({"error": "not found"}, status_code=404)
        else:
            try:
                candidate = (root / path.lstrip("/")).resolve()
                found = candidate.is_file() and candidate.is_relative_to(root)
            except (OSError, ValueError):  # e.g. a name longer than the file system allows
                found = False
            if found:
                cache = (
                    "public, max-age=31536000, immutable"
                    if "/assets/" in path
                    else "public, max-age=300"
                )
                response = FileResponse(candidate, headers={"Cache-Control": cache})
            else:
                response = FileResponse(root / "index.html", headers={"Cache-Control": "no-cache"})
        await response(scope, receive, send)

    return app


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    registry = wire_domains()
    runtime = build_runtime(settings)
    schema = build_schema(
        max_tokens=settings.max_tokens,
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_nodes=settings.max_nodes,
    )
    graphql = GraphQLView(schema, runtime)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        jobs = JobRunner(runtime.db, runtime.broker)
        if settings.run_jobs:
            jobs.start()
        # the objects built at startup (schema, models, modules) live forever: freezing them
        # keeps full collections short (they caused ~250 ms pauses in live vote delivery)
        gc.collect()
        gc.freeze()
        log.info(
            "e-Cabinet started",
            extra={"db": settings.db_url.split("://")[0], "broker": runtime.broker.name},
        )
        yield
        await jobs.stop()
        await runtime.close()

    dist = settings.frontend_dist or (Path(__file__).resolve().parents[2] / "frontend" / "dist")
    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            *registry.routes,
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.schema = schema
    app.mount("/", spa_app(dist, source_maps=not settings.is_production))
    app.add_middleware(HeadersMiddleware, settings=settings)
    return app


def app_factory() -> Starlette:
    """For `uvicorn --factory ecabinet.app:app_factory` (each worker builds its own)."""
    return create_app()
