"""HTTP endpoints of the built-in OAuth 2 / OpenID Connect authorization server."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Error,
    UnsupportedGrantTypeError,
)
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ecabinet.auth import errors as msg
from ecabinet.auth import service
from ecabinet.auth.keys import public_jwks
from ecabinet.auth.requests import principal_from_authorization
from ecabinet.auth.throttle import LoginThrottle
from ecabinet.authz.principal import ANONYMOUS, SCOPES, Principal
from ecabinet.org import service as org_service
from ecabinet.platform.clock import utcnow
from ecabinet.platform.errors import Unauthenticated
from ecabinet.platform.i18n import negotiate
from ecabinet.runtime import Runtime

log = logging.getLogger("ecabinet.auth")
TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
)
FORM_TTL = 1800
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

TEXT = {
    "vi": {
        "title": "Đăng nhập",
        "subtitle": "Hệ thống thông tin phục vụ họp và xử lý công việc của Chính phủ",
        "username": "Tên đăng nhập (Username)",
        "password": "Mật khẩu (Password)",
        "submit": "Đăng nhập",
        "footer": "Văn phòng Chính phủ",
    },
    "en": {
        "title": "Sign in",
        "subtitle": "Government meetings and work system",
        "username": "Username (Tên đăng nhập)",
        "password": "Password (Mật khẩu)",
        "submit": "Sign in",
        "footer": "Government Office of Viet Nam",
    },
}
AUTH_PARAMS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "ui_locales",
)


def rt(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allowed_redirects(request: Request) -> set[str]:
    """Redirect URIs of the built-in SPA client: `<origin>/auth/callback` of the public
    origin, and in development also of the origin serving this request and Vite's."""
    runtime = rt(request)
    uris = {f"{runtime.issuer}/auth/callback"}
    if not runtime.settings.is_production:
        uris.add(f"{_origin(str(request.base_url))}/auth/callback")
        for origin in ("http://localhost:5173", "http://127.0.0.1:5173"):
            uris.add(f"{origin}/auth/callback")
    return uris


def post_logout_redirects(request: Request) -> set[str]:
    """Where /auth/logout may send the browser: exactly the root of an origin whose
    callback is registered (never any other path there, never elsewhere)."""
    return {_origin(uri) + "/" for uri in allowed_redirects(request)}


LOGIN_COOKIE = "ecabinet_login"
BINDING_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def _browser_binding(request: Request) -> tuple[str, bool]:
    """The login form's CSRF binding: a random value in a SameSite=Strict cookie, signed
    into the form. (value, whether it must be set). A form posted from another site
    carries no cookie, so a form token copied there is worthless."""
    value = request.cookies.get(LOGIN_COOKIE, "")
    if BINDING_RE.match(value):
        return value, False
    return secrets.token_urlsafe(32), True


def _sign(secret: str, params: dict[str, str], ts: int) -> str:
    body = json.dumps(params, sort_keys=True) + f"|{ts}"
    mac = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return f"{ts}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def _check_signature(secret: str, params: dict[str, str], token: str) -> bool:
    ts_text, _, _ = token.partition(".")
    try:
        ts = int(ts_text)
    except ValueError:
        return False
    if time.time() - ts > FORM_TTL:
        return False
    return hmac.compare_digest(_sign(secret, params, ts), token)


def _lang(request: Request, params: dict[str, str]) -> str:
    ui = params.get("ui_locales", "")
    return negotiate(ui) if ui else negotiate(request.headers.get("accept-language"))


def _render(
    request: Request,
    params: dict[str, str],
    *,
    status: int = 200,
    error: str = "",
    fatal: str = "",
    username: str = "",
    headers: dict[str, str] | None = None,
) -> Response:
    lang = _lang(request, params)
    hidden = {k: v for k, v in params.items() if k in AUTH_PARAMS and v}
    binding, new_binding = _browser_binding(request)
    if not fatal:
        signed = {**hidden, LOGIN_COOKIE: binding}
        hidden["csrf"] = _sign(rt(request).settings.secret_key, signed, int(time.time()))
    base = {k: v for k, v in params.items() if k in AUTH_PARAMS and k != "ui_locales" and v}
    html = _env.get_template("login.html").render(
        lang=lang,
        t=TEXT[lang],
        hidden=hidden,
        error=error,
        fatal=fatal,
        username=username,
        vi_url="/auth/authorize?" + urlencode({**base, "ui_locales": "vi"}),
        en_url="/auth/authorize?" + urlencode({**base, "ui_locales": "en"}),
    )
    response = HTMLResponse(html, status_code=status, headers={**NO_STORE, **(headers or {})})
    if new_binding and not fatal:
        response.set_cookie(
            LOGIN_COOKIE,
            binding,
            max_age=FORM_TTL,
            path="/auth/authorize",
            secure=rt(request).issuer.startswith("https://"),
            httponly=True,
            samesite="strict",
        )
    return response


PKCE_REQUIRED = "PKCE with S256 and response_type=code are required"
USER_SCOPES = ("openid", "profile", "offline_access")
MAX_NONCE = 255  # the column's size


def _validate_authorize(
    request: Request, params: dict[str, str]
) -> tuple[str | None, tuple[str, str] | None]:
    """(fatal error: never redirect, (redirect error code, description)) for an
    authorization request. Every value that is stored with the code is checked here, so
    that nothing reaches the database that does not fit it."""
    if params.get("client_id") != service.SPA_CLIENT_ID:
        return "unknown client_id", None
    if params.get("redirect_uri") not in allowed_redirects(request):
        return "redirect_uri is not registered for this client", None
    if params.get("response_type") != "code":
        return None, ("unsupported_response_type", PKCE_REQUIRED)
    if params.get("code_challenge_method") != "S256" or not (
        43 <= len(params.get("code_challenge", "")) <= 128
    ):
        return None, ("invalid_request", PKCE_REQUIRED)
    unknown = [s for s in params.get("scope", "").split() if s not in (*USER_SCOPES, *SCOPES)]
    if unknown:
        return None, ("invalid_scope", "unknown scope(s): " + " ".join(unknown)[:200])
    if len(params.get("nonce", "")) > MAX_NONCE:
        return None, ("invalid_request", f"nonce is longer than {MAX_NONCE} characters")
    return None, None


def _redirect_error(params: dict[str, str], error: str, description: str) -> Response:
    query = {"error": error, "error_description": description}
    if params.get("state"):
        query["state"] = params["state"]
    return RedirectResponse(f"{params['redirect_uri']}?{urlencode(query)}", status_code=302)


async def authorize_get(request: Request) -> Response:
    params = {k: v[:2000] for k, v in request.query_params.items() if k in AUTH_PARAMS}
    fatal, err = _validate_authorize(request, params)
    lang = _lang(request, params)
    if fatal:
        return _render(
            request, params, status=400, fatal=msg.BAD_REQUEST.render(lang, reason=fatal)
        )
    if err:
        return _redirect_error(params, *err)
    return _render(request, params)


async def authorize_post(request: Request) -> Response:
    form = await request.form()
    params = {k: str(form.get(k, ""))[:2000] for k in AUTH_PARAMS if form.get(k)}
    username = str(form.get("username", "")).strip()[:150]
    password = str(form.get("password", ""))[:1024]
    lang = _lang(request, params)
    fatal, err = _validate_authorize(request, params)
    if fatal:
        return _render(
            request, params, status=400, fatal=msg.BAD_REQUEST.render(lang, reason=fatal)
        )
    if err:
        return _redirect_error(params, *err)
    binding = request.cookies.get(LOGIN_COOKIE, "")
    signed = {**params, LOGIN_COOKIE: binding}
    if not _check_signature(rt(request).settings.secret_key, signed, str(form.get("csrf", ""))):
        return _render(request, params, status=400, error=msg.EXPIRED_FORM.render(lang))

    runtime = rt(request)
    settings = runtime.settings
    address = client_ip(request)
    throttle = LoginThrottle(
        runtime.limiter, free=settings.login_max_failures, max_delay=settings.login_lock_seconds
    )
    # per (username, address), growing delays; the try is counted before the password is
    # checked and forgiven when it is right (auth/throttle.py)
    wait = await throttle.attempt(username, address)
    if wait:
        return _render(
            request,
            params,
            status=429,
            username=username,
            error=msg.LOCKED.render(lang, seconds=wait),
            headers={"Retry-After": str(wait)},
        )

    async with runtime.db.unit_of_work() as session:
        user = await org_service.authenticate(session=session, username=username, password=password)
        if user is None:
            await throttle.failed(address)
            known = await org_service.find_login_user(session=session, username=username[:150])
            log.info(
                "login failed",
                extra={
                    "username": _loggable(username, known is not None),
                    "ip": client_ip(request),
                },
            )
            return _render(
                request,
                params,
                status=401,
                username=username,
                error=msg.BAD_CREDENTIALS.render(lang),
            )
        code = await service.create_code(
            session=session,
            user=user,
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            scope=" ".join(dict.fromkeys(params.get("scope", "openid").split())) or "openid",
            code_challenge=params["code_challenge"],
            nonce=params.get("nonce"),
        )
    await throttle.succeeded(username, address)
    query = {"code": code}
    if params.get("state"):
        query["state"] = params["state"]
    return RedirectResponse(f"{params['redirect_uri']}?{urlencode(query)}", status_code=302)


def _oauth_error(exc: OAuth2Error) -> JSONResponse:
    body = {"error": exc.error}
    if exc.description:
        body["error_description"] = exc.description
    status = exc.status_code or 400
    headers = dict(NO_STORE)
    if isinstance(exc, InvalidClientError):
        status = 401
        headers["WWW-Authenticate"] = 'Basic realm="ecabinet"'
    return JSONResponse(body, status_code=status, headers=headers)


def _client_credentials_from(request: Request, form: Any) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            raw = base64.b64decode(header[6:].strip()).decode()
            cid, _, secret = raw.partition(":")
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidClientError(description="malformed Basic credentials") from exc
        from urllib.parse import unquote

        return unquote(cid), unquote(secret)
    if form.get("client_secret"):
        return str(form.get("client_id", "")), str(form.get("client_secret", ""))
    return None


async def token(request: Request) -> Response:
    try:
        form = await request.form()
    except Exception:  # malformed body
        return _oauth_error(InvalidRequestError(description="malformed form body"))
    try:
        return await _token(request, form)
    except service.RefreshReplay as exc:
        async with rt(request).db.unit_of_work() as session:
            await service.revoke_family(session=session, family_id=exc.family_id)
        await _session_ended(request, session, exc.family_id)
        log.warning("token replay: session revoked", extra={"ip": client_ip(request)})
        return _oauth_error(exc)
    except OAuth2Error as exc:
        return _oauth_error(exc)


GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials")


async def _token(request: Request, form: Any) -> Response:
    runtime = rt(request)
    settings = runtime.settings
    grant = str(form.get("grant_type", ""))[:100]
    if not grant:
        raise InvalidRequestError(description="grant_type is required")
    if grant not in GRANT_TYPES:  # RFC 6749 5.2, before anything else is looked at
        unsupported = UnsupportedGrantTypeError(grant)
        unsupported.description = f"grant_type {grant!r} is not supported"
        raise unsupported
    creds = _client_credentials_from(request, form)
    async with runtime.db.unit_of_work() as session:
        if grant == "client_credentials":
            if creds is None:
                raise InvalidClientError(description="client authentication required")
            ip_key = f"client:ip:{client_ip(request)}"
            if await runtime.limiter.count(ip_key) >= settings.login_max_failures * 4:
                wait = await runtime.limiter.retry_after(ip_key)
                return JSONResponse(
                    {"error": "slow_down", "error_description": "too many failures"},
                    status_code=429,
                    headers={**NO_STORE, "Retry-After": str(wait)},
                )
            try:
                client = await service.authenticate_client(
                    session=session, client_id=creds[0], secret=creds[1]
                )
            except InvalidClientError:
                await runtime.limiter.incr(ip_key, settings.login_lock_seconds)
                raise
            requested = form.get("scope")
            scopes = (
                service.parse_scopes(str(requested), client.scopes)
                if requested is not None
                else list(client.scopes)
            )
            scopes = [s for s in scopes if s in SCOPES]
            access = runtime.tokens.issue(
                {
                    "sub": f"client:{client.client_id}",
                    "client_id": client.client_id,
                    "scope": " ".join(scopes),
                },
                settings.client_token_ttl,
            )
            return _token_response(access, settings.client_token_ttl, scope=" ".join(scopes))

        client_id = str(form.get("client_id", ""))
        if client_id != service.SPA_CLIENT_ID:
            raise InvalidClientError(description="unknown client")
        if grant == "authorization_code":
            grant_row = await service.redeem_code(
                session=session,
                code=str(form.get("code", "")),
                client_id=client_id,
                redirect_uri=str(form.get("redirect_uri", "")),
                code_verifier=str(form.get("code_verifier", "")),
            )
            user_id, scope, nonce, family = (
                grant_row.user_id,
                grant_row.scope,
                grant_row.nonce,
                grant_row.family_id,
            )
            auth_time = grant_row.expires_at - service.CODE_TTL  # the sign-in
        elif grant == "refresh_token":
            old = await service.use_refresh_token(
                session=session, token=str(form.get("refresh_token", "")), client_id=client_id
            )
            user_id, scope, nonce, family = old.user_id, old.scope, None, old.family_id
            auth_time = await service.family_started(session=session, family_id=old.family_id)
            if utcnow() - auth_time >= timedelta(seconds=settings.session_max_age):
                raise InvalidGrantError(description="the session has ended: sign in again")
        else:  # pragma: no cover - GRANT_TYPES is checked first
            raise UnsupportedGrantTypeError(grant)
        users = await org_service.users_by_ids(session=session, principal=_SERVER, ids=[user_id])
        user = users.get(user_id)
        if user is None or not user.active:
            raise InvalidGrantError(description="the user is no longer active")
        refresh = await service.issue_refresh_token(
            session=session,
            user_id=user_id,
            client_id=client_id,
            scope=scope,
            ttl=min(settings.refresh_token_ttl, _session_left(auth_time, settings)),
            family_id=family,
        )
        claims = {
            "sub": str(user_id),
            "client_id": client_id,
            "scope": scope,
            "preferred_username": user.username,
            "sid": str(family),  # the sign-in session: revocable (auth/revocation.py)
        }
        access = runtime.tokens.issue(claims, settings.access_token_ttl)
        extra: dict[str, Any] = {"refresh_token": refresh}
        if "openid" in scope.split():
            id_claims = {
                "sub": str(user_id),
                "preferred_username": user.username,
                "name": user.full_name,
                "auth_time": int(auth_time.timestamp()),  # OIDC 12.2: not the refresh
            }
            if nonce:
                id_claims["nonce"] = nonce
            extra["id_token"] = runtime.tokens.issue_id_token(
                id_claims, client_id, settings.access_token_ttl
            )
    return _token_response(access, settings.access_token_ttl, scope=scope, **extra)


_SERVER = Principal(
    kind="user", roles=frozenset({"ADMIN"}), username="<auth-server>", scopes=frozenset(SCOPES)
)


def _loggable(username: str, known: bool) -> str:
    """What the log may keep of a failed login's username: the name of an existing user, or
    a digest (people type passwords into the username field; the digest still links tries)."""
    if known:
        return username.lower()
    return "unknown:" + hashlib.sha256(username.encode()).hexdigest()[:12]


def _session_left(auth_time: datetime, settings: Any) -> int:
    """Seconds until the sign-in at `auth_time` must be renewed by signing in again."""
    ends = auth_time + timedelta(seconds=settings.session_max_age)
    return max(1, int((ends - utcnow()).total_seconds()))


async def _session_ended(request: Request, session: Any, sid: uuid.UUID) -> None:
    """After a session was revoked and committed (its unit of work published the events:
    the other processes refuse its access tokens, its sockets close): this process
    refuses them at once."""
    rt(request).revocations.revoked(str(sid))


def _token_response(access: str, ttl: int, **extra: Any) -> JSONResponse:
    body = {"access_token": access, "token_type": "Bearer", "expires_in": ttl, **extra}
    return JSONResponse(body, headers=NO_STORE)


async def logout(request: Request) -> Response:
    """Ends the session: revokes the refresh-token family. Accepts `refresh_token` or
    `token` as form fields (POST) or query parameters (GET, RP-initiated logout)."""
    runtime = rt(request)
    values: dict[str, str] = dict(request.query_params)
    if request.method == "POST":
        try:
            values.update({k: str(v) for k, v in (await request.form()).items()})
        except Exception:  # noqa: S110 - a malformed body simply revokes nothing
            pass
    tok = values.get("refresh_token") or values.get("token")
    if tok:
        async with runtime.db.unit_of_work() as session:
            ended = await service.revoke_refresh_token(session=session, token=tok[:200])
        if ended is not None:
            await _session_ended(request, session, ended)
    target = values.get("post_logout_redirect_uri")
    if target and target in post_logout_redirects(request):
        return RedirectResponse(target, status_code=302)
    return JSONResponse({"status": "logged_out"}, headers=NO_STORE)


async def discovery(request: Request) -> Response:
    iss = rt(request).issuer
    return JSONResponse(
        {
            "issuer": iss,
            "authorization_endpoint": f"{iss}/auth/authorize",
            "token_endpoint": f"{iss}/auth/token",
            "jwks_uri": f"{iss}/auth/jwks.json",
            "userinfo_endpoint": f"{iss}/auth/userinfo",
            "end_session_endpoint": f"{iss}/auth/logout",
            "response_types_supported": ["code"],
            "grant_types_supported": list(GRANT_TYPES),
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": [
                "none",
                "client_secret_basic",
                "client_secret_post",
            ],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "offline_access", *SCOPES],
            "claims_supported": ["sub", "preferred_username", "name", "iss", "aud", "exp"],
            "ui_locales_supported": ["vi", "en"],
        }
    )


async def jwks(request: Request) -> Response:
    return JSONResponse(
        public_jwks(rt(request).tokens.key), headers={"Cache-Control": "public, max-age=300"}
    )


async def userinfo(request: Request) -> Response:
    try:
        principal = await principal_from_authorization(
            rt(request), request.headers.get("authorization")
        )
    except Unauthenticated:
        principal = ANONYMOUS
    if not principal.is_user or principal.user_id is None:
        return JSONResponse(
            {"error": "invalid_token"},
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    async with rt(request).db.session() as session:
        user = (
            await org_service.users_by_ids(
                session=session, principal=principal, ids=[principal.user_id]
            )
        )[principal.user_id]
    return JSONResponse(
        {"sub": str(user.id), "preferred_username": user.username, "name": user.full_name},
        headers=NO_STORE,
    )


async def login_css(request: Request) -> Response:
    return Response(
        (TEMPLATES / "login.css").read_text(),
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


routes = [
    Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
    Route("/auth/jwks.json", jwks, methods=["GET"]),
    Route("/auth/authorize", authorize_get, methods=["GET"]),
    Route("/auth/authorize", authorize_post, methods=["POST"]),
    Route("/auth/token", token, methods=["POST"]),
    Route("/auth/logout", logout, methods=["GET", "POST"]),
    Route("/auth/userinfo", userinfo, methods=["GET"]),
    Route("/auth/login.css", login_css, methods=["GET"]),
]
