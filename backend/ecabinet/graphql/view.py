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
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from ecabinet.auth.events import session_channel
from ecabinet.auth.requests import principal_from_authorization
from ecabinet.authz.principal import ANONYMOUS, Principal
from ecabinet.graphql import trusted
from ecabinet.graphql.context import Context
from ecabinet.graphql.cost import ARRIVAL, arrival, budget_key
from ecabinet.graphql.extensions import INTERNAL
from ecabinet.platform.broker import RESYNC, is_resync
from ecabinet.platform.errors import (
    ApiError,
    BadUserInput,
    Forbidden,
    NotFound,
    RateLimited,
    Unauthenticated,
)
from ecabinet.platform.i18n import Message as Text
from ecabinet.platform.i18n import negotiate
from ecabinet.platform.logs import request_id_var
from ecabinet.runtime import Runtime

log = logging.getLogger("ecabinet.graphql")

MAX_BODY = 1_000_000
UPLOAD_WINDOW = 900  # seconds: the longest an upload is counted as in progress
MAX_JSON_DEPTH = 64  # arrays and objects within each other (variables are shallow)
BAD_JSON = Text("Nội dung yêu cầu không phải JSON hợp lệ", "The request body is not valid JSON")
TOO_DEEP = Text("JSON lồng nhau quá sâu", "The JSON body is nested too deeply")
TOO_LARGE = Text("Yêu cầu quá lớn", "The request is too large")
NO_UPLOADS = Text("Ứng dụng này không có quyền tải tệp lên", "This client may not upload files")
TOO_MANY_UPLOADS = Text(
    "Đang có quá nhiều lượt tải lên cùng lúc, vui lòng thử lại sau",
    "Too many uploads at once, retry later",
)
BAD_MULTIPART = Text("Yêu cầu multipart không hợp lệ", "Invalid multipart request")
NOT_FOUND = Text("Không tìm thấy", "Not found")


class BodyTooLarge(Exception):
    """The body of a request went past its cap while it was being read."""


def may_upload(principal: Principal) -> bool:
    """Who may send a multipart request (files), decided before its body is read: users
    (each upload mutation then checks its own rule), and partner clients holding a write
    scope; a read-only partner is refused without the server reading a byte of it."""
    return principal.is_user or any(s.endswith(":write") for s in principal.scopes)


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (iteratively)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((child, depth + 1) for child in children)
    return deepest


def error_response(exc: ApiError, lang: str, status: int, **headers: str) -> JSONResponse:
    body = {"errors": [{"message": exc.text(lang), "extensions": {"code": exc.code}}]}
    return JSONResponse(body, status_code=status, headers=headers or None)


def unavailable_response(lang: str) -> JSONResponse:
    """Authentication or the cost budget failed for want of the database or Redis (an
    outage, a restart): the contract's INTERNAL_SERVER_ERROR with the request id, the trace
    only in the log, and 503 + Retry-After so that clients and load balancers retry."""
    rid = request_id_var.get()
    log.exception("request failed before its operation ran", extra={"request_id": rid})
    error = {
        "message": INTERNAL.render(lang, rid=rid),
        "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": rid},
    }
    return JSONResponse({"errors": [error]}, status_code=503, headers={"Retry-After": "5"})


class GraphQLView(GraphQL):  # type: ignore[type-arg]
    def __init__(self, schema: Any, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if runtime.settings.graphiql_enabled else None,
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
            if self.graphql_ide:
                await super().__call__(scope, receive, send)
            else:  # GraphiQL is off (production, unless GRAPHQL_GRAPHIQL)
                await error_response(NotFound(NOT_FOUND), lang, 404)(scope, receive, send)
            return
        try:
            response = await self._prepare(request, lang)
        except Exception:  # the database or Redis failed before the operation ran
            response = unavailable_response(lang)
        if response is None:
            upload_key = getattr(request.state, "upload_key", None)
            if upload_key is None:
                body: bytes = request.state.body
                stream = _replay(body, receive)
            else:  # multipart: streamed through the form parser (files spooled to disk)
                stream = _capped(receive, self.runtime.settings.max_upload_body)
            inner = Request(scope, stream)
            try:
                response = await self.run(inner)
            except HTTPException as exc:
                response = error_response(
                    BadUserInput(Text(exc.reason, exc.reason)), lang, exc.status_code
                )
            except StarletteHTTPException as exc:  # e.g. the multipart parser's limits
                response = error_response(BadUserInput(BAD_MULTIPART), lang, exc.status_code)
            except BodyTooLarge:
                response = error_response(BadUserInput(TOO_LARGE), lang, 413, Connection="close")
            except ClientDisconnect:
                log.info("client disconnected before the request body was read")
                response = Response(status_code=400)
            finally:
                if upload_key is not None:
                    await inner.close()  # the spooled files of its form, now
                    await self._end_upload(upload_key)
        await response(scope, receive, send)

    async def _end_upload(self, key: str) -> None:
        await self.runtime.limiter.add(key, -1, UPLOAD_WINDOW)

    async def parse_multipart(self, request: Any) -> dict[str, str]:
        """The GraphQL multipart request spec, with a `map` that is checked before it is
        applied: an object of file field → list of paths `variables.…` of at most 16
        parts (a deeper or stranger map is the client's error, never a crash)."""
        form_data = await request.get_form_data()
        files_map = form_data.form.get("map", "{}")
        try:
            parsed = self.parse_json(files_map) if isinstance(files_map, bytes | str) else None
        except (ValueError, RecursionError) as exc:
            raise HTTPException(400, "The multipart map is not valid JSON") from exc
        if not isinstance(parsed, dict) or not all(
            isinstance(paths, list)
            and all(
                isinstance(path, str) and path.startswith("variables.") and path.count(".") <= 16
                for path in paths
            )
            for paths in parsed.values()
        ):
            raise HTTPException(400, "The multipart map must name variables.… paths")
        try:
            return await super().parse_multipart(request)
        except (IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise HTTPException(400, "The multipart map does not fit the operations") from exc

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
        refused = await arrival(self.runtime, principal)  # the request's first point
        if refused is not None:  # over the cost budget: the body is not even read
            return error_response(
                RateLimited(), lang, 429, **{"Retry-After": str(refused.reset_in)}
            )
        ip = request.client.host if request.client else None
        request.state.principal = principal.with_request(ip=ip, request_id=request_id_var.get())
        if "multipart/" in request.headers.get("content-type", ""):
            return await self._start_upload(request, principal, lang)
        limit = MAX_BODY
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
            except (ValueError, RecursionError):  # RecursionError: e.g. 100,000 × "["
                return error_response(BadUserInput(BAD_JSON), lang, 400)
            if not isinstance(data, dict | list):
                return error_response(BadUserInput(BAD_JSON), lang, 400)
            if json_depth(data) > MAX_JSON_DEPTH:
                return error_response(BadUserInput(TOO_DEEP), lang, 400)
            if isinstance(data, dict) and not data.get("query"):  # a document named by hash
                ref = data.get("documentId") or (
                    ((data.get("extensions") or {}).get("persistedQuery") or {}).get("sha256Hash")
                    if isinstance(data.get("extensions"), dict)
                    else None
                )
                document = await trusted.registered_document(self.runtime, principal, ref)
                if document is not None:
                    data.pop("documentId", None)
                    body = json.dumps({**data, "query": document}).encode()
        request.state.body = body
        return None

    async def _start_upload(
        self, request: Request, principal: Principal, lang: str
    ) -> Response | None:
        """A multipart request is authorized, sized and counted before its body is read.
        Uploads in progress are counted with the rate limits (in Redis when configured, so
        across processes; a count a crashed process left behind lapses after UPLOAD_WINDOW)."""
        if not may_upload(principal):
            return error_response(Forbidden(message=NO_UPLOADS), lang, 403, Connection="close")
        cap = self.runtime.settings.max_upload_body
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return error_response(BadUserInput(TOO_LARGE), lang, 413, Connection="close")
        key = f"uploads:{budget_key(principal) or '?'}"
        in_progress, _ = await self.runtime.limiter.add(key, 1, UPLOAD_WINDOW)
        if in_progress > self.runtime.settings.max_concurrent_uploads:
            await self.runtime.limiter.add(key, -1, UPLOAD_WINDOW)
            return error_response(
                RateLimited(TOO_MANY_UPLOADS), lang, 429, Connection="close", **{"Retry-After": "5"}
            )
        request.state.upload_key = key
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
            response=response,
            cost_paid=ARRIVAL if hasattr(request.state, "principal") else 0,
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
    """Close the socket with 4403 when its token expires, or at once when its session, its
    user's sessions or its partner client's tokens end (logout, deactivated, new password,
    client revoked or given a new secret: auth.events). The client reconnects with a
    fresh token (graphql-ws treats 4403 as retryable) or is sent to sign in. After a broker
    reconnect, which may have lost that event, the token is checked again."""

    async def still_valid() -> bool:
        try:
            return (await principal_from_authorization(runtime, authorization)).is_authenticated
        except Unauthenticated:
            return False

    async def wait_for_end() -> None:
        # a user's sessions, or a partner client's (revoked, new secret): auth.events
        owner = principal.user_id or (
            f"client:{principal.client_id}" if principal.is_client else None
        )
        if owner is None:  # no session to end: its token's lifetime only
            await asyncio.Event().wait()
        sid = principal.extra.get("sid")
        async with runtime.broker.subscribe(session_channel(owner)) as sub:
            while True:
                try:  # a change made where the broker cannot reach (a CLI without Redis)
                    message = await asyncio.wait_for(sub.get(), SESSION_RECHECK)
                except TimeoutError:
                    message = RESYNC
                if is_resync(message):
                    if not await still_valid():
                        return
                elif message.get("sid") in (None, sid):  # a logout ends only its own
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
SESSION_RECHECK = 60  # seconds between two checks of an open socket's token


def _capped(receive: Receive, cap: int) -> Receive:
    """`receive`, counting the body's bytes: past `cap`, BodyTooLarge."""
    size = 0

    async def capped() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > cap:
                raise BodyTooLarge()
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect()
        return message

    return capped


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
