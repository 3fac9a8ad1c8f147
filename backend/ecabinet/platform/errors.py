"""Errors the platform knows: domain errors (expected, become UserError) and API errors.

`DomainError` carries a stable code and a bilingual message; services raise it and the
GraphQL layer turns it into `UserError {code, message, field}` in the request's language.
`ApiError` subclasses map to the contract's top-level `extensions.code` values.
"""

from __future__ import annotations

from collections.abc import Sequence

from ecabinet.platform.i18n import Message


class DomainError(Exception):
    """An expected business-rule failure."""

    def __init__(
        self,
        code: str,
        message: Message,
        /,
        *,
        field: Sequence[str] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = list(field) if field else None
        self.params = params

    def text(self, lang: str) -> str:
        return self.message.render(lang, **self.params)


class ApiError(Exception):
    code = "INTERNAL_SERVER_ERROR"
    default = Message("Lỗi hệ thống", "Internal server error")

    def __init__(self, message: Message | None = None, **params: object) -> None:
        self.message = message or self.default
        self.params = params
        super().__init__(self.message.en)

    def text(self, lang: str) -> str:
        return self.message.render(lang, **self.params)


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"
    default = Message("Cần đăng nhập", "Authentication required")


class Forbidden(ApiError):
    """A refusal to act or to see: the ONE refusal shape of every domain.

    The GraphQL layer turns it into a top-level error `{extensions: {code: "FORBIDDEN",
    reason}}` with the message in the request's language, and the field (a mutation's
    payload) null. `reason` is the specific, stable code of the refusal (`NOT_SECRETARIAT`,
    `NOT_ASSIGNER`, …: the codes that used to arrive as payload `UserError`s stay readable
    there); `message` its bilingual text. Services raise it through their domain's
    `access.py` `require_*` functions; a field the policy refuses raises it without a
    reason.
    """

    code = "FORBIDDEN"
    default = Message("Không có quyền truy cập", "Access denied")

    def __init__(
        self, reason: str | None = None, message: Message | None = None, **params: object
    ) -> None:
        self.reason = reason
        super().__init__(message, **params)


class NotFound(ApiError):
    code = "NOT_FOUND"
    default = Message("Không tìm thấy", "Not found")


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"
    default = Message("Dữ liệu không hợp lệ", "Invalid input")


class QueryTooComplex(ApiError):
    code = "QUERY_TOO_COMPLEX"
    default = Message("Truy vấn quá phức tạp", "Query too complex")


class RateLimited(ApiError):
    code = "RATE_LIMITED"
    default = Message("Quá nhiều yêu cầu, vui lòng thử lại sau", "Too many requests, retry later")


CONTRACT_CODES = frozenset(
    {
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "BAD_USER_INPUT",
        "QUERY_TOO_COMPLEX",
        "RATE_LIMITED",
        "INTERNAL_SERVER_ERROR",
    }
)
