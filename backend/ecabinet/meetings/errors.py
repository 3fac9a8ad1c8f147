"""Error codes of meetings and votes, with their Vietnamese and English messages."""

from __future__ import annotations

from ecabinet.meetings.enums import MeetingsErrorCode
from ecabinet.platform.errors import DomainError
from ecabinet.platform.i18n import Message

MESSAGES: dict[MeetingsErrorCode, Message] = {
    MeetingsErrorCode.MEETING_NOT_FOUND: Message("Không tìm thấy cuộc họp", "Meeting not found"),
    MeetingsErrorCode.TITLE_REQUIRED: Message("Cần nhập tiêu đề", "A title is required"),
    MeetingsErrorCode.INVALID_TIME_RANGE: Message(
        "Thời gian kết thúc phải sau thời gian bắt đầu", "The end must be after the start"
    ),
    MeetingsErrorCode.INVALID_STATUS_CHANGE: Message(
        "Không thể chuyển cuộc họp từ {current} sang {target}",
        "A meeting cannot go from {current} to {target}",
    ),
    MeetingsErrorCode.MEETING_NOT_EDITABLE: Message(
        "Cuộc họp đã kết thúc hoặc bị hủy, không thể sửa", "The meeting is closed or cancelled"
    ),
    MeetingsErrorCode.USER_NOT_FOUND: Message("Không tìm thấy người dùng", "User not found"),
    MeetingsErrorCode.UNIT_NOT_FOUND: Message("Không tìm thấy đơn vị", "Unit not found"),
    MeetingsErrorCode.DUPLICATE_PARTICIPANT: Message(
        "Người này đã có trong danh sách dự họp", "This person is already a participant"
    ),
    MeetingsErrorCode.ONE_CHAIR: Message(
        "Cuộc họp chỉ có một chủ trì", "A meeting has exactly one chair"
    ),
    MeetingsErrorCode.NOT_PARTICIPANT: Message(
        "Bạn không dự cuộc họp này", "You are not a participant"
    ),
    MeetingsErrorCode.NOT_CHECK_IN_TIME: Message(
        "Chỉ điểm danh khi cuộc họp đã lên lịch hoặc đang diễn ra",
        "Check-in is open only for scheduled or running meetings",
    ),
    MeetingsErrorCode.INVALID_RESPONSE: Message(
        "Chỉ có thể xác nhận tham dự hoặc báo vắng",
        "You may only confirm or decline an invitation",
    ),
    MeetingsErrorCode.NOT_SECRETARIAT: Message(
        "Chỉ Thư ký hoặc Chủ trì cuộc họp được thực hiện thao tác này",
        "Only the meeting's secretariat or chair may do this",
    ),
    MeetingsErrorCode.INVALID_DURATION: Message(
        "Thời lượng dự kiến từ 1 đến 600 phút", "The planned duration is 1 to 600 minutes"
    ),
    MeetingsErrorCode.AGENDA_ITEM_NOT_FOUND: Message(
        "Không tìm thấy nội dung họp", "Agenda item not found"
    ),
    MeetingsErrorCode.ITEM_NOT_PENDING: Message(
        "Nội dung này đã hoặc đang được thảo luận", "This item is already under way or done"
    ),
    MeetingsErrorCode.ITEM_NOT_CURRENT: Message(
        "Nội dung này không đang được thảo luận", "This item is not current"
    ),
    MeetingsErrorCode.MEETING_NOT_IN_PROGRESS: Message(
        "Cuộc họp chưa bắt đầu", "The meeting is not in progress"
    ),
    MeetingsErrorCode.ITEM_OPPOSED: Message(
        "Có thành viên đăng ký phát biểu về nội dung: {titles}",
        "Members wish to speak on: {titles}",
    ),
    MeetingsErrorCode.NOT_A_MEMBER: Message(
        "Chỉ thành viên có quyền biểu quyết mới cho ý kiến trước phiên họp",
        "Only voting members give positions before the session",
    ),
    MeetingsErrorCode.ALREADY_WAITING: Message(
        "Bạn đã đăng ký phát biểu", "You are already on the list"
    ),
    MeetingsErrorCode.SPEAKER_REQUEST_NOT_FOUND: Message(
        "Không tìm thấy đăng ký phát biểu", "Request not found"
    ),
    MeetingsErrorCode.SPEAKER_NOT_WAITING: Message(
        "Đăng ký này không còn chờ", "This request is no longer waiting"
    ),
    MeetingsErrorCode.VOTE_NOT_FOUND: Message("Không tìm thấy cuộc biểu quyết", "Vote not found"),
    MeetingsErrorCode.VOTE_NOT_OPEN: Message("Biểu quyết không đang mở", "The vote is not open"),
    MeetingsErrorCode.VOTE_NOT_DRAFT: Message(
        "Biểu quyết đã được mở", "The vote was already opened"
    ),
    MeetingsErrorCode.ALREADY_VOTED: Message("Bạn đã biểu quyết", "You have already voted"),
    MeetingsErrorCode.NOT_ELIGIBLE: Message(
        "Bạn không có quyền biểu quyết", "You are not eligible to vote"
    ),
    MeetingsErrorCode.INVALID_OPTION: Message("Phương án không hợp lệ", "Invalid option"),
    MeetingsErrorCode.TOO_FEW_OPTIONS: Message(
        "Cần ít nhất hai phương án", "At least two options are needed"
    ),
    MeetingsErrorCode.NO_ELIGIBLE_VOTERS: Message(
        "Không có thành viên nào có quyền biểu quyết", "Nobody is eligible to vote"
    ),
    MeetingsErrorCode.DEADLINE_REQUIRED: Message(
        "Phiếu lấy ý kiến cần hạn chót và danh sách thành viên",
        "A written ballot needs a deadline and its voters",
    ),
    MeetingsErrorCode.DEADLINE_IN_PAST: Message(
        "Hạn chót phải ở tương lai", "The deadline must be in the future"
    ),
    MeetingsErrorCode.VOTER_NOT_CLEARED: Message(
        "Có người trong danh sách biểu quyết không tồn tại hoặc không đủ độ mật của phiếu",
        "A listed voter does not exist or is not cleared for the ballot's level",
    ),
    MeetingsErrorCode.BALLOT_BOX_UNREADABLE: Message(
        "Không mở được hòm phiếu kín bằng khóa phiếu của máy chủ (hoặc hòm phiếu đã bị thay "
        "đổi); báo quản trị hệ thống",
        "The secret ballot box does not open with this server's ballot key (or was altered); "
        "tell the system administrator",
    ),
    MeetingsErrorCode.CONCLUSION_ISSUED: Message(
        "Thông báo kết luận đã ban hành", "The conclusion was issued"
    ),
    MeetingsErrorCode.CONCLUSION_EMPTY: Message(
        "Thông báo kết luận cần số hiệu, ngày và nội dung",
        "A conclusion needs a number, a date and a text",
    ),
    MeetingsErrorCode.FILE_TOO_LARGE: Message(
        "Tệp quá lớn (tối đa {max} MB)", "File too large (at most {max} MB)"
    ),
    MeetingsErrorCode.ABOVE_OWN_CLEARANCE: Message(
        "Không thể đặt độ mật cao hơn độ mật của bạn",
        "You cannot set a level above your own clearance",
    ),
    MeetingsErrorCode.NOT_CLEARED_FOR_LEVEL: Message(
        "Bạn không đủ độ mật của cuộc họp nên không thể đổi độ mật hay mở rộng người được xem",
        "You are not cleared for the meeting's level: you cannot change its level or who "
        "may see it",
    ),
    MeetingsErrorCode.DECLASSIFY_NEEDS_SECRETARIAT: Message(
        "Chỉ bộ phận Thư ký của Văn phòng được hạ độ mật",
        "Only the secretariat may lower a level",
    ),
    MeetingsErrorCode.PARTICIPANT_NOT_CLEARED: Message(
        "Người được mời không có trong danh bạ hoặc không đủ độ mật của cuộc họp",
        "No such person, or not cleared for the meeting's level",
    ),
}

# The same code when raising a meeting's level would leave participants below it: those
# participants are known to whoever runs the meeting, so they are named.
PARTICIPANTS_BELOW_LEVEL = Message(
    "Người dự họp không đủ độ mật mới: {names}",
    "Participants not cleared for the new level: {names}",
)


def meetings_error(
    code: MeetingsErrorCode | str, *, field: list[str] | None = None, **params: object
) -> DomainError:
    """The domain error of `code` (one of MeetingsErrorCode: an unknown code fails here)."""
    known = MeetingsErrorCode(code)
    return DomainError(known.value, MESSAGES[known], field=field, **params)


def participants_below_level(names: list[str]) -> DomainError:
    return DomainError(
        MeetingsErrorCode.PARTICIPANT_NOT_CLEARED.value,
        PARTICIPANTS_BELOW_LEVEL,
        field=["confidentiality"],
        names=", ".join(names),
    )
