"""Error codes of task tracking, with their Vietnamese and English messages."""

from __future__ import annotations

from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message
from ecabinet.tasks.enums import TasksErrorCode

MESSAGES: dict[str, Message] = {
    "TASK_NOT_FOUND": Message("Không tìm thấy nhiệm vụ", "Task not found"),
    "TITLE_REQUIRED": Message("Cần nhập tên nhiệm vụ", "A title is required"),
    "UNIT_NOT_FOUND": Message("Không tìm thấy đơn vị", "Unit not found"),
    "USER_NOT_FOUND": Message("Không tìm thấy người dùng", "User not found"),
    "NOT_ASSIGNER": Message(
        "Chỉ người giao nhiệm vụ được thực hiện", "Only the task's assigner may do this"
    ),
    "NOT_LEAD_UNIT": Message(
        "Chỉ đơn vị chủ trì được báo cáo tiến độ", "Only the lead unit reports progress"
    ),
    "NOT_INVOLVED": Message(
        "Đơn vị của bạn không tham gia nhiệm vụ này", "Your unit does not take part in this task"
    ),
    "TASK_CLOSED": Message(
        "Nhiệm vụ đã hoàn thành hoặc đã hủy", "The task is completed or cancelled"
    ),
    "INVALID_PROGRESS": Message("Tiến độ phải từ 0 đến 100%", "Progress is 0 to 100%"),
    "PROGRESS_BACKWARDS": Message(
        "Tiến độ không thể giảm (hiện {current}%)", "Progress cannot go down (now {current}%)"
    ),
    "TEXT_REQUIRED": Message("Cần nhập nội dung", "A text is required"),
    "DATE_NOT_LATER": Message(
        "Thời hạn mới phải sau thời hạn hiện tại", "The new deadline must be after the current one"
    ),
    "EXTENSION_PENDING": Message(
        "Đã có đề nghị gia hạn đang chờ xử lý", "An extension request is already pending"
    ),
    "EXTENSION_NOT_FOUND": Message("Không tìm thấy đề nghị gia hạn", "Extension request not found"),
    "EXTENSION_DECIDED": Message("Đề nghị đã được xử lý", "The request was already decided"),
    "NO_DEADLINE": Message("Nhiệm vụ không có thời hạn", "The task has no deadline"),
    "ABOVE_OWN_CLEARANCE": Message(
        "Không thể đặt độ mật cao hơn độ mật của bạn",
        "You cannot set a level above your own clearance",
    ),
    "RESPONSIBLE_NOT_CLEARED": Message(
        "Người chịu trách nhiệm không có trong danh bạ hoặc không đủ độ mật của nhiệm vụ",
        "No such person, or not cleared for the task's level",
    ),
    "NOT_CLEARED_FOR_LEVEL": Message(
        "Bạn không đủ độ mật của nhiệm vụ nên không thể đổi độ mật",
        "You are not cleared for the task's level: you cannot change it",
    ),
    "DECLASSIFY_NEEDS_SECRETARIAT": Message(
        "Chỉ bộ phận Thư ký của Văn phòng được hạ độ mật",
        "Only the secretariat may lower a level",
    ),
    "CLOSED_TASK_DEADLINE": Message(
        "Nhiệm vụ đã hoàn thành hoặc đã hủy giữ nguyên thời hạn đã dùng để đánh giá",
        "A completed or cancelled task keeps the deadline it was judged by",
    ),
    "OWN_EXTENSION_REQUEST": Message(
        "Người đề nghị gia hạn không tự quyết định đề nghị của mình",
        "An extension is decided by someone other than who asked for it",
    ),
    "ASSIGNER_SETS_DEADLINE": Message(
        "Bạn là người giao nhiệm vụ: hãy sửa thời hạn trực tiếp thay vì tự đề nghị gia hạn",
        "You assigned this task: change its deadline instead of asking yourself",
    ),
    "TOO_MANY_FILES": Message(
        "Mỗi báo cáo đính kèm tối đa {max} tệp", "At most {max} files per report"
    ),
    "FILE_TOO_LARGE": Message("Tệp lớn hơn {max} MB", "A file is larger than {max} MB"),
    "INVALID_PERIOD": Message("Khoảng thời gian không hợp lệ", "Invalid period"),
}


def tasks_error(
    code: TasksErrorCode | str, *, field: list[str] | None = None, **params: object
) -> DomainError:
    return DomainError(TasksErrorCode(code).value, MESSAGES[code], field=field, **params)
