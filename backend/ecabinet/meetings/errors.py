"""Error codes of meetings and votes, with their Vietnamese and English messages."""

from __future__ import annotations

from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message

MESSAGES: dict[str, Message] = {
    "MEETING_NOT_FOUND": Message("Không tìm thấy cuộc họp", "Meeting not found"),
    "TITLE_REQUIRED": Message("Cần nhập tiêu đề", "A title is required"),
    "INVALID_TIME_RANGE": Message(
        "Thời gian kết thúc phải sau thời gian bắt đầu", "The end must be after the start"
    ),
    "INVALID_STATUS_CHANGE": Message(
        "Không thể chuyển cuộc họp từ {current} sang {target}",
        "A meeting cannot go from {current} to {target}",
    ),
    "MEETING_NOT_EDITABLE": Message(
        "Cuộc họp đã kết thúc hoặc bị hủy, không thể sửa", "The meeting is closed or cancelled"
    ),
    "USER_NOT_FOUND": Message("Không tìm thấy người dùng", "User not found"),
    "UNIT_NOT_FOUND": Message("Không tìm thấy đơn vị", "Unit not found"),
    "DUPLICATE_PARTICIPANT": Message(
        "Người này đã có trong danh sách dự họp", "This person is already a participant"
    ),
    "ONE_CHAIR": Message("Cuộc họp chỉ có một chủ trì", "A meeting has exactly one chair"),
    "NOT_PARTICIPANT": Message("Bạn không dự cuộc họp này", "You are not a participant"),
    "NOT_CHECK_IN_TIME": Message(
        "Chỉ điểm danh khi cuộc họp đã lên lịch hoặc đang diễn ra",
        "Check-in is open only for scheduled or running meetings",
    ),
    "INVALID_RESPONSE": Message(
        "Chỉ có thể xác nhận tham dự hoặc báo vắng",
        "You may only confirm or decline an invitation",
    ),
    "NOT_SECRETARIAT": Message(
        "Chỉ Thư ký hoặc Chủ trì cuộc họp được thực hiện thao tác này",
        "Only the meeting's secretariat or chair may do this",
    ),
    "INVALID_DURATION": Message(
        "Thời lượng dự kiến từ 1 đến 600 phút", "The planned duration is 1 to 600 minutes"
    ),
    "AGENDA_ITEM_NOT_FOUND": Message("Không tìm thấy nội dung họp", "Agenda item not found"),
    "ITEM_NOT_PENDING": Message(
        "Nội dung này đã hoặc đang được thảo luận", "This item is already under way or done"
    ),
    "ITEM_NOT_CURRENT": Message(
        "Nội dung này không đang được thảo luận", "This item is not current"
    ),
    "MEETING_NOT_IN_PROGRESS": Message("Cuộc họp chưa bắt đầu", "The meeting is not in progress"),
    "ITEM_OPPOSED": Message(
        "Có thành viên đăng ký phát biểu về nội dung: {titles}",
        "Members wish to speak on: {titles}",
    ),
    "NOT_A_MEMBER": Message(
        "Chỉ thành viên có quyền biểu quyết mới cho ý kiến trước phiên họp",
        "Only voting members give positions before the session",
    ),
    "ALREADY_WAITING": Message("Bạn đã đăng ký phát biểu", "You are already on the list"),
    "SPEAKER_REQUEST_NOT_FOUND": Message("Không tìm thấy đăng ký phát biểu", "Request not found"),
    "SPEAKER_NOT_WAITING": Message(
        "Đăng ký này không còn chờ", "This request is no longer waiting"
    ),
    "VOTE_NOT_FOUND": Message("Không tìm thấy cuộc biểu quyết", "Vote not found"),
    "VOTE_NOT_OPEN": Message("Biểu quyết không đang mở", "The vote is not open"),
    "VOTE_NOT_DRAFT": Message("Biểu quyết đã được mở", "The vote was already opened"),
    "ALREADY_VOTED": Message("Bạn đã biểu quyết", "You have already voted"),
    "NOT_ELIGIBLE": Message("Bạn không có quyền biểu quyết", "You are not eligible to vote"),
    "INVALID_OPTION": Message("Phương án không hợp lệ", "Invalid option"),
    "TOO_FEW_OPTIONS": Message("Cần ít nhất hai phương án", "At least two options are needed"),
    "NO_ELIGIBLE_VOTERS": Message(
        "Không có thành viên nào có quyền biểu quyết", "Nobody is eligible to vote"
    ),
    "DEADLINE_REQUIRED": Message(
        "Phiếu lấy ý kiến cần hạn chót và danh sách thành viên",
        "A written ballot needs a deadline and its voters",
    ),
    "DEADLINE_IN_PAST": Message("Hạn chót phải ở tương lai", "The deadline must be in the future"),
    "CONCLUSION_ISSUED": Message("Thông báo kết luận đã ban hành", "The conclusion was issued"),
    "CONCLUSION_EMPTY": Message(
        "Thông báo kết luận cần số hiệu, ngày và nội dung",
        "A conclusion needs a number, a date and a text",
    ),
    "FILE_TOO_LARGE": Message("Tệp quá lớn (tối đa {max} MB)", "File too large (at most {max} MB)"),
    "ABOVE_OWN_CLEARANCE": Message(
        "Không thể đặt độ mật cao hơn độ mật của bạn",
        "You cannot set a level above your own clearance",
    ),
}


def meetings_error(code: str, *, field: list[str] | None = None, **params: object) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field, **params)
