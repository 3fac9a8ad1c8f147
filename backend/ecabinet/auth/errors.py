"""Messages of the sign-in pages (vi/en)."""

from __future__ import annotations

from ecabinet.auth.enums import AuthErrorCode
from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message

BAD_CREDENTIALS = Message("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.")
LOCKED = Message(
    "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.",
    "Too many failed sign-ins. Try again in {seconds} seconds.",
)
BAD_REQUEST = Message(
    "Yêu cầu đăng nhập không hợp lệ: {reason}", "Invalid sign-in request: {reason}"
)
EXPIRED_FORM = Message(
    "Phiên đăng nhập đã hết hạn, vui lòng thử lại.", "The sign-in form expired, please try again."
)

# error codes of the administration of partner clients (UserError in GraphQL payloads)
MESSAGES: dict[str, Message] = {
    AuthErrorCode.CLIENT_NOT_FOUND: Message(
        "Không tìm thấy hệ thống đối tác", "Partner client not found"
    ),
}


def auth_error(code: str, /, *, field: list[str] | None = None, **params: object) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field, **params)
