"""GraphQL over HTTP and over WebSocket (graphql-transport-ws), with authentication,
rate limits and contract-shaped errors for everything that fails before execution."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from datetime import timedelta
from typing import Any

from cross_web import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from ecabinet.auth.events import session_channel
from ecabinet.auth.requests import principal_from_authorization
from ecabinet.authz.principal import ANONYMOUS
from ecabinet.graphql.context import Context
from ecabinet.platform.broker import is_resync
from ecabinet.platform.errors import ApiError, BadUserInput, RateLimited, Unauthenticated
from ecabinet.platform.i18n import Message as Text
from ecabinet.platform.i18n import negotiate
from ecabinet.platform.logs import request_id_var
from ecabinet.runtime import Runtime

log = logging.getLogger("ecabinet.graphql")

MAX_BODY = 1_000_000
MAX_UPLOAD_BODY = 60 * 1024 * 1024  # multipart requests carrying files
RATE_WINDOW = 60
RATE_LIMIT = 1200  # operations per principal per minute
BAD_JSON = Text("Nội dung yêu cầu không phải JSON hợp lệ", "The request body is not valid JSON")
TOO_LARGE = Text("Yêu cầu quá lớn", "The request is too large")


def error_response(exc: ApiError, lang: str, status: int, **headers: str) -> JSONResponse:
    body = {"errors": [{"message": exc.text(lang), "extensions": {"code": exc.code}}]}
    return JSONResponse(body, status_code=status, headers=headers or None)


class GraphQLView(GraphQL):  # type: ignore[type-arg]
    def __init__(self, schema: Any, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            max_subscriptions_per_connection=100,
            multipart_uploads_enabled=True,
        )
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            try:
                await super().__call__(scope, receive, send)
            finally:
                task = scope.get("state", {}).get("session_task")
                if task is not None:
                    task.cancel()
            return
        request = Request(scope, receive)
        lang = negotiate(request.headers.get("accept-language"))
        if self._is_ide_request(request):
            await super().__call__(scope, receive, send)
            return
        response = await self._prepare(request, lang)
        if response is None:
            body: bytes = request.state.body
            replay = _replay(body, receive)
            try:
                response = await self.run(Request(scope, replay))
            except HTTPException as exc:
                response = error_response(
                    BadUserInput(Text(exc.reason, exc.reason)), lang, exc.status_code
                )
        await response(scope, receive, send)

    @staticmethod
    def _is_ide_request(request: Request) -> bool:
        return (
            request.method == "GET"
            and "query" not in request.query_params
            and "text/html" in request.headers.get("accept", "")
        )

    async def _prepare(self, request: Request, lang: str) -> Response | None:
        """Authenticate, rate-limit and read the body; a response means stop here."""
        try:
            principal = await principal_from_authorization(
                self.runtime, request.headers.get("authorization")
            )
        except Unauthenticated as exc:
            return error_response(
                exc, lang, 401, **{"WWW-Authenticate": 'Bearer error="invalid_token"'}
            )
        if not principal.is_authenticated:
            return error_response(Unauthenticated(), lang, 401, **{"WWW-Authenticate": "Bearer"})
        who = principal.username or principal.client_id or "?"
        count = await self.runtime.limiter.incr(f"gql:{who}", RATE_WINDOW)
        if count > RATE_LIMIT:
            wait = await self.runtime.limiter.retry_after(f"gql:{who}")
            return error_response(RateLimited(), lang, 429, **{"Retry-After": str(wait)})
        limit = (
            MAX_UPLOAD_BODY if "multipart/" in request.headers.get("content-type", "") else MAX_BODY
        )
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    return error_response(BadUserInput(TOO_LARGE), lang, 413)
        except ClientDisconnect:  # the client went away mid-body: nobody to answer
            log.info("client disconnected before the request body was read")
            return Response(status_code=400)
        body = b"".join(chunks)
        if request.method == "POST" and "json" in request.headers.get("content-type", ""):
            try:
                data = json.loads(body or b"null")
            except ValueError:
                return error_response(BadUserInput(BAD_JSON), lang, 400)
            if not isinstance(data, dict | list):
                return error_response(BadUserInput(BAD_JSON), lang, 400)
        ip = request.client.host if request.client else None
        request.state.principal = principal.with_request(ip=ip, request_id=request_id_var.get())
        request.state.body = body
        return None

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        lang = negotiate(request.headers.get("accept-language"))
        if isinstance(request, WebSocket):
            return Context(self.runtime, lang=lang, request=request)
        return Context(
            self.runtime,
            principal=getattr(request.state, "principal", ANONYMOUS),
            lang=lang,
            request=request,
            request_id=request_id_var.get(),
        )

    async def on_ws_connect(self, context: Context) -> Any:
        params = context.connection_params or {}
        value = params.get("Authorization") or params.get("authorization")
        try:
            principal = await principal_from_authorization(self.runtime, value)
        except Unauthenticated as exc:
            raise ConnectionRejectionError() from exc
        if not principal.is_authenticated:
            raise ConnectionRejectionError()
        ws: WebSocket = context.request
        ip = ws.client.host if ws.client else None
        context.principal = principal.with_request(ip=ip, request_id=context.request_id)
        _watch_session(self.runtime, ws, principal, value)
        return {"expiresAt": principal.token_exp}

    async def render_graphql_ide(self, request: Request) -> Response:
        response = await super().render_graphql_ide(request)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; "
            "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data:; "
            "connect-src 'self' ws: wss:; frame-ancestors 'none'"
        )
        return response


def _watch_session(runtime: Runtime, ws: WebSocket, principal: Any, authorization: Any) -> None:
    """Close the socket with 4403 when its token expires, or at once when its user's
    sessions end (deactivated, new password: auth.events). The client reconnects with a
    fresh token (graphql-ws treats 4403 as retryable) or is sent to sign in. After a broker
    reconnect, which may have lost that event, the token is checked again."""

    async def still_valid() -> bool:
        try:
            return (await principal_from_authorization(runtime, authorization)).is_authenticated
        except Unauthenticated:
            return False

    async def wait_for_end() -> None:
        if principal.user_id is None:  # a partner system: its token's lifetime only
            await asyncio.Event().wait()
        async with runtime.broker.subscribe(session_channel(principal.user_id)) as sub:
            async for message in sub:
                if not is_resync(message) or not await still_valid():
                    return

    async def watcher() -> None:
        delay = max(0.0, principal.token_exp - time.time()) if principal.token_exp else None
        reason = "Session ended"
        try:
            async with asyncio.timeout(delay):
                await wait_for_end()
        except TimeoutError:
            reason = "Token expired"
        with contextlib.suppress(Exception):
            await ws.close(code=4403, reason=reason)

    task = asyncio.get_running_loop().create_task(watcher())
    ws.state.session_task = task  # cancelled when the socket ends (GraphQLView.__call__)
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)


_TASKS: set[asyncio.Task[None]] = set()


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
