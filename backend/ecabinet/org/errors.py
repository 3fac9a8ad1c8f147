"""Error codes of the org domain, with their Vietnamese and English messages."""

from __future__ import annotations

from ecabinet.org.enums import OrgErrorCode
from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message

MESSAGES: dict[str, Message] = {
    "INVALID_USERNAME": Message(
        "Tên đăng nhập chỉ gồm chữ thường, số, dấu chấm, gạch dưới, gạch ngang (2–64 ký tự)",
        "A username is 2–64 lowercase letters, digits, dots, underscores or dashes",
    ),
    "USERNAME_TAKEN": Message(
        "Tên đăng nhập {username} đã tồn tại", "Username {username} is taken"
    ),
    "FULL_NAME_REQUIRED": Message("Cần nhập họ và tên", "Full name is required"),
    "INVALID_EMAIL": Message("Địa chỉ thư điện tử không hợp lệ", "Invalid e-mail address"),
    "INVALID_ROLE": Message("Vai trò không hợp lệ: {role}", "Unknown role: {role}"),
    "UNIT_NOT_FOUND": Message("Không tìm thấy đơn vị", "Unit not found"),
    "USER_NOT_FOUND": Message("Không tìm thấy người dùng", "User not found"),
    "PASSWORD_TOO_SHORT": Message(
        "Mật khẩu phải có ít nhất {min} ký tự", "A password needs at least {min} characters"
    ),
    "CANNOT_CHANGE_OWN_CLEARANCE": Message(
        "Không thể tự thay đổi mức mật của mình: việc này do một quản trị viên khác thực hiện",
        "You cannot change your own clearance: another administrator does it",
    ),
    "CLEARANCE_ABOVE_OWN": Message(
        "Không thể cấp hoặc quản lý mức mật cao hơn mức mật của chính mình",
        "You cannot grant or administer a clearance above your own",
    ),
    "CANNOT_DEACTIVATE_SELF": Message(
        "Không thể tự khóa tài khoản của mình", "You cannot deactivate your own account"
    ),
    "INVALID_UNIT_CODE": Message(
        "Mã đơn vị chỉ gồm chữ in hoa, số và gạch ngang (2–40 ký tự)",
        "A unit code is 2–40 uppercase letters, digits or dashes",
    ),
    "UNIT_CODE_TAKEN": Message("Mã đơn vị {code} đã tồn tại", "Unit code {code} is taken"),
    "NAME_REQUIRED": Message("Cần nhập tên", "A name is required"),
    "UNIT_CYCLE": Message(
        "Đơn vị cấp trên không thể là chính nó hoặc đơn vị cấp dưới",
        "A unit cannot be its own parent or descendant",
    ),
    "UNIT_HAS_ACTIVE_MEMBERS": Message(
        "Đơn vị còn người dùng đang hoạt động", "The unit still has active users"
    ),
}


def org_error(
    code: OrgErrorCode | str, /, *, field: list[str] | None = None, **params: object
) -> DomainError:
    return DomainError(OrgErrorCode(code).value, MESSAGES[code], field=field, **params)
