"""The closed sets of values of meetings and votes, as `StrEnum`s: stored as their values in
the existing String columns, compared and written by models, services, the policy and jobs,
and wrapped by the GraphQL enums (`meetings.types`, same names and values).

The meeting's status machine is written here once (`STATUS_TRANSITIONS`): the service
enforces it (`set_status`) and `Meeting.viewerNextStatuses` offers it, so the SPA never
re-derives it."""

from __future__ import annotations

from enum import StrEnum


class MeetingKind(StrEnum):
    REGULAR = "REGULAR"
    THEMATIC = "THEMATIC"
    STEERING_COMMITTEE = "STEERING_COMMITTEE"
    EXTRAORDINARY = "EXTRAORDINARY"


class MeetingStatus(StrEnum):
    DRAFT = "DRAFT"
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


# DRAFT → SCHEDULED → IN_PROGRESS → CLOSED, or CANCELLED before it starts; a scheduled
# meeting may go back to DRAFT. The one table of the lifecycle.
STATUS_TRANSITIONS: dict[MeetingStatus, tuple[MeetingStatus, ...]] = {
    MeetingStatus.DRAFT: (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED),
    MeetingStatus.SCHEDULED: (
        MeetingStatus.DRAFT,
        MeetingStatus.IN_PROGRESS,
        MeetingStatus.CANCELLED,
    ),
    MeetingStatus.IN_PROGRESS: (MeetingStatus.CLOSED,),
    MeetingStatus.CLOSED: (),
    MeetingStatus.CANCELLED: (),
}

# a meeting that is over: nothing of it changes any more
FINISHED = (MeetingStatus.CLOSED, MeetingStatus.CANCELLED)
# open for check-in
CHECK_IN_OPEN = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)


def next_statuses(current: str) -> tuple[MeetingStatus, ...]:
    """Where a meeting in status `current` may go next (the lifecycle, not the viewer)."""
    return STATUS_TRANSITIONS.get(MeetingStatus(current), ())


class ParticipantRole(StrEnum):
    CHAIR = "CHAIR"
    MEMBER = "MEMBER"
    SECRETARY = "SECRETARY"
    GUEST = "GUEST"


# who votes and gives positions before the session
VOTING_ROLES = (ParticipantRole.CHAIR, ParticipantRole.MEMBER)
# who runs a meeting among its participants (besides the office's secretariat)
MANAGING_ROLES = (ParticipantRole.CHAIR, ParticipantRole.SECRETARY)


class Attendance(StrEnum):
    INVITED = "INVITED"
    CONFIRMED = "CONFIRMED"
    DECLINED = "DECLINED"
    PRESENT = "PRESENT"
    ABSENT = "ABSENT"


# a participant's own answer to an invitation
INVITATION_ANSWERS = (Attendance.CONFIRMED, Attendance.DECLINED)
# not yet present nor absent: ABSENT when the meeting closes
AWAITED = (Attendance.INVITED, Attendance.CONFIRMED)


class AgendaItemStatus(StrEnum):
    PENDING = "PENDING"
    CURRENT = "CURRENT"
    DONE = "DONE"


class ItemPositionKind(StrEnum):
    NO_OBJECTION = "NO_OBJECTION"
    WISH_TO_SPEAK = "WISH_TO_SPEAK"


class SpeakerStatus(StrEnum):
    WAITING = "WAITING"
    SPEAKING = "SPEAKING"
    DONE = "DONE"
    WITHDRAWN = "WITHDRAWN"


class VoteKind(StrEnum):
    OPEN = "OPEN"
    SECRET = "SECRET"


class VoteState(StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class MajorityRule(StrEnum):
    SIMPLE = "SIMPLE"
    ABSOLUTE = "ABSOLUTE"
    TWO_THIRDS = "TWO_THIRDS"


class VoteOutcome(StrEnum):
    PENDING = "PENDING"
    ADOPTED = "ADOPTED"
    REJECTED = "REJECTED"
    NO_QUORUM = "NO_QUORUM"


class MeetingsErrorCode(StrEnum):
    """Every code of meetings and votes: a business rule's in `UserError.code` (a String,
    for compatibility), a refusal's (NOT_SECRETARIAT, NOT_PARTICIPANT, NOT_A_MEMBER) in a
    FORBIDDEN error's `extensions.reason`. Messages: `meetings/errors.py`."""

    MEETING_NOT_FOUND = "MEETING_NOT_FOUND"
    TITLE_REQUIRED = "TITLE_REQUIRED"
    INVALID_TIME_RANGE = "INVALID_TIME_RANGE"
    INVALID_STATUS_CHANGE = "INVALID_STATUS_CHANGE"
    MEETING_NOT_EDITABLE = "MEETING_NOT_EDITABLE"
    USER_NOT_FOUND = "USER_NOT_FOUND"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    DUPLICATE_PARTICIPANT = "DUPLICATE_PARTICIPANT"
    ONE_CHAIR = "ONE_CHAIR"
    NOT_PARTICIPANT = "NOT_PARTICIPANT"
    NOT_CHECK_IN_TIME = "NOT_CHECK_IN_TIME"
    INVALID_RESPONSE = "INVALID_RESPONSE"
    NOT_SECRETARIAT = "NOT_SECRETARIAT"
    INVALID_DURATION = "INVALID_DURATION"
    AGENDA_ITEM_NOT_FOUND = "AGENDA_ITEM_NOT_FOUND"
    ITEM_NOT_PENDING = "ITEM_NOT_PENDING"
    ITEM_NOT_CURRENT = "ITEM_NOT_CURRENT"
    MEETING_NOT_IN_PROGRESS = "MEETING_NOT_IN_PROGRESS"
    ITEM_OPPOSED = "ITEM_OPPOSED"
    NOT_A_MEMBER = "NOT_A_MEMBER"
    ALREADY_WAITING = "ALREADY_WAITING"
    SPEAKER_REQUEST_NOT_FOUND = "SPEAKER_REQUEST_NOT_FOUND"
    SPEAKER_NOT_WAITING = "SPEAKER_NOT_WAITING"
    VOTE_NOT_FOUND = "VOTE_NOT_FOUND"
    VOTE_NOT_OPEN = "VOTE_NOT_OPEN"
    VOTE_NOT_DRAFT = "VOTE_NOT_DRAFT"
    ALREADY_VOTED = "ALREADY_VOTED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    INVALID_OPTION = "INVALID_OPTION"
    TOO_FEW_OPTIONS = "TOO_FEW_OPTIONS"
    NO_ELIGIBLE_VOTERS = "NO_ELIGIBLE_VOTERS"
    DEADLINE_REQUIRED = "DEADLINE_REQUIRED"
    DEADLINE_IN_PAST = "DEADLINE_IN_PAST"
    VOTER_NOT_CLEARED = "VOTER_NOT_CLEARED"
    BALLOT_BOX_UNREADABLE = "BALLOT_BOX_UNREADABLE"
    CONCLUSION_ISSUED = "CONCLUSION_ISSUED"
    CONCLUSION_EMPTY = "CONCLUSION_EMPTY"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    ABOVE_OWN_CLEARANCE = "ABOVE_OWN_CLEARANCE"
    NOT_CLEARED_FOR_LEVEL = "NOT_CLEARED_FOR_LEVEL"
    DECLASSIFY_NEEDS_SECRETARIAT = "DECLASSIFY_NEEDS_SECRETARIAT"
    PARTICIPANT_NOT_CLEARED = "PARTICIPANT_NOT_CLEARED"
