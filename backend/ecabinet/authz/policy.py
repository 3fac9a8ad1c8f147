"""THE authorization policy of e-Cabinet: the one place that says who may see what.

- TYPES: every GraphQL object type → the rule for all its fields.
- FIELDS: "Type.field" → a rule that replaces the type's rule for that field
  (sensitive fields, and every mutation and root query). A guarded field of an object
  type is nullable: a viewer who may not see it gets null and a FORBIDDEN error there.
- ROWS: every model → the filter of rows a principal may know exist. Applied by every
  loader, connection, count, search, `node`/`nodes` and subscription (through
  `visible()`), so a row outside it behaves exactly like a row that does not exist.

Default deny: a type, field or model with no entry here is refused at run time, and
`tests/authz/test_policy_matrix.py` fails for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, and_, false, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.audit import access as audit_access
from ecabinet.authz.principal import Principal, Role
from ecabinet.authz.rules import (
    ALLOW,
    AUTHENTICATED,
    DENY,
    USER,
    Rule,
    client_scope,
    listed_in,
    owner,
    role,
    scope,
    user_scope,
)
from ecabinet.meetings import access as meetings_access
from ecabinet.meetings import visibility as meeting_visibility
from ecabinet.meetings.agenda.models import AgendaItem, ItemPosition, SpeakerRequest
from ecabinet.meetings.conclusions.models import Conclusion, Directive
from ecabinet.meetings.models import InvitedUnit, Meeting, Participant
from ecabinet.meetings.votes import access as votes_access
from ecabinet.meetings.votes import visibility as vote_visibility
from ecabinet.meetings.votes.models import (
    BallotBox,
    OpenBallot,
    OptionCount,
    Participation,
    Vote,
    VoteOption,
    Voter,
)
from ecabinet.notifications.models import Notification
from ecabinet.org import access as org_access
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform.audit import AuditEvent
from ecabinet.platform.files import JobLease, StoredFile
from ecabinet.tasks import access as tasks_access
from ecabinet.tasks.models import (
    ExtensionRequest,
    ReminderSent,
    Task,
    TaskComment,
    TaskCoordinator,
    TaskEvent,
    TaskReport,
)

ADMIN = role(Role.ADMIN)
SECRETARIAT = role(Role.SECRETARY, Role.ADMIN)
# A user's token reaches no further than its scopes, like a partner's (issue 8 Low 16):
# reads need the domain's `:read` scope, changes its `:write` scope (the SPA asks for all).
MEETINGS_READ = scope("meetings:read")
MEETINGS_WRITE = (SECRETARIAT & user_scope("meetings:write")) | client_scope("meetings:write")
# changes to one meeting: any user reaches the service, which allows this meeting's chair
# and secretaries besides the secretariat (meetings.service.require_secretariat)
MEETING_CHANGE = scope("meetings:write")
# what participants do themselves (answer, check in, speak, run their meeting's votes)
MEETING_USER = user_scope("meetings:write")
VOTERS = scope("votes:cast")


def then(rule: Rule, check: Callable[..., bool]) -> Rule:
    """`rule` at the field; then the domain's permission to act, `check` (an `access.py`
    function), which the service runs on the loaded object and refuses as FORBIDDEN with
    its reason. The policy names it; the service enforces it."""
    return Rule(rule.predicate, f"{rule.description}, then {check.__module__}.{check.__name__}")


def principal_rule(check: Callable[[Principal], bool]) -> Rule:
    """A domain permission that needs nothing but the principal, checked at the field."""
    return Rule(lambda p, o: check(p), f"{check.__module__}.{check.__name__}")


MA = meetings_access
VA = votes_access
CREATES_MEETINGS = principal_rule(MA.can_create_meeting)
RUNS_MEETING = then(MEETING_CHANGE, MA.can_manage_meeting)
RUNS_MEETING_AS_USER = then(MEETING_USER, MA.can_manage_meeting)
TAKES_PART = then(MEETING_USER, MA.can_take_part)
TASKS_READ = scope("tasks:read")
TASK_USER = user_scope("tasks:write")
# changes to tasks: a user with tasks:write at the field, then the task's permission to act
# in tasks/access.py, which the service checks on the loaded task (FORBIDDEN with reason)
TA = tasks_access
NOTIFIED = user_scope("tasks:read")  # a user's own notifications: each names a task
# the staff directory: partners need users:read (issue 8 Low 14); everyone sees themselves
USERS_READ = scope("users:read")
PEOPLE_OFFICERS = role(Role.ADMIN, Role.HR_OFFICER)
# administering users, units and partner systems: the ADMIN role, with users:write in the token
ADMINISTRATION = principal_rule(org_access.can_administer_users)  # ADMIN with users:write
# AUDITOR/ADMIN with audit:read, partners with audit:read
AUDITORS = principal_rule(audit_access.can_read_audit)

TYPES: dict[str, Rule] = {
    # roots: each field below decides
    "Query": AUTHENTICATED,
    "Mutation": USER,
    "Subscription": AUTHENTICATED,
    # org
    "OrgUnit": AUTHENTICATED,
    "User": owner("key") | USERS_READ,
    "UserConnection": USERS_READ,
    "UserEdge": USERS_READ,
    "UserPayload": AUTHENTICATED,
    "OrgUnitPayload": AUTHENTICATED,
    # partner systems: administrators only (their names, scopes, a new secret)
    "PartnerClient": ADMINISTRATION,
    "PartnerClientPayload": ADMINISTRATION,
    # audit
    "AuditEvent": AUDITORS,
    "AuditEventConnection": AUDITORS,
    "AuditEventEdge": AUDITORS,
    # meetings and votes: visibility of the records is by ROWS; these add the scope
    "Meeting": MEETINGS_READ,
    "MeetingConnection": MEETINGS_READ,
    "MeetingEdge": MEETINGS_READ,
    "Participant": MEETINGS_READ,
    "AgendaItem": MEETINGS_READ,
    "PositionTally": MEETINGS_READ,
    "SpeakerRequest": MEETINGS_READ,
    "Vote": MEETINGS_READ,
    "VoteConnection": MEETINGS_READ,
    "VoteEdge": MEETINGS_READ,
    "VoteOption": MEETINGS_READ,
    "VoteTally": MEETINGS_READ,
    "OptionResult": MEETINGS_READ,
    "NamedBallot": MEETINGS_READ,
    "EligibleVoter": MEETINGS_READ,
    "Conclusion": MEETINGS_READ,
    "Directive": MEETINGS_READ,
    "MeetingEvent": MEETINGS_READ,
    "File": AUTHENTICATED,
    "MeetingPayload": AUTHENTICATED,
    "AgendaItemPayload": AUTHENTICATED,
    "SpeakerRequestPayload": AUTHENTICATED,
    "VotePayload": AUTHENTICATED,
    "CastBallotPayload": AUTHENTICATED,
    "ConclusionPayload": AUTHENTICATED,
    "FilePayload": AUTHENTICATED,
    # tasks: visibility of the records is by ROWS
    "Task": scope("tasks:read"),
    "TaskConnection": scope("tasks:read"),
    "TaskEdge": scope("tasks:read"),
    "TaskReport": scope("tasks:read"),
    "TaskComment": scope("tasks:read"),
    "ExtensionRequest": scope("tasks:read"),
    "TaskHistoryEntry": scope("tasks:read"),
    "UnitTaskStatistics": scope("tasks:read"),
    "TaskPayload": AUTHENTICATED,
    # notifications: always the viewer's own; they name tasks, so they need tasks:read
    "Notification": NOTIFIED,
    "NotificationConnection": NOTIFIED,
    "NotificationEdge": NOTIFIED,
    "MarkNotificationsReadPayload": NOTIFIED,
    # plumbing, reached only through guarded fields
    "PageInfo": ALLOW,
    "UserError": ALLOW,
    "ViewerCapabilities": ALLOW,  # the viewer's own capabilities, through Query.viewerCan
}

FIELDS: dict[str, Rule] = {
    "Query.viewer": AUTHENTICATED,
    "Query.viewerCan": AUTHENTICATED,
    "Query.node": AUTHENTICATED,
    "Query.nodes": AUTHENTICATED,
    "Query.users": USERS_READ,
    "Query.orgUnits": AUTHENTICATED,
    "Query.auditEvents": AUDITORS,
    "Mutation.createUser": ADMINISTRATION,
    "Mutation.updateUser": ADMINISTRATION,
    "Mutation.deactivateUser": ADMINISTRATION,
    "Mutation.setPassword": ADMINISTRATION,
    "Mutation.createOrgUnit": ADMINISTRATION,
    "Mutation.updateOrgUnit": ADMINISTRATION,
    "Mutation.deactivateOrgUnit": ADMINISTRATION,
    "Query.partnerClients": ADMINISTRATION,
    "Mutation.revokePartnerClient": ADMINISTRATION,
    "Mutation.rotatePartnerClientSecret": ADMINISTRATION,
    "Subscription.userUpdated": AUTHENTICATED,
    # meetings: reads by scope (rows: meetings/visibility.py); changes name their rule in
    # meetings/access.py, which the service checks on the meeting (its chair/secretaries)
    "Query.meetings": MEETINGS_READ,
    "Query.meeting": MEETINGS_READ,
    "Query.votes": MEETINGS_READ,
    "Query.vote": MEETINGS_READ,
    "Subscription.voteUpdated": MEETINGS_READ,
    "Subscription.meetingEvents": MEETINGS_READ,
    "Mutation.createMeeting": CREATES_MEETINGS,
    "Mutation.updateMeeting": RUNS_MEETING,
    "Mutation.setMeetingStatus": RUNS_MEETING,
    "Mutation.addParticipant": RUNS_MEETING,
    "Mutation.removeParticipant": RUNS_MEETING,
    "Mutation.changeParticipantRole": RUNS_MEETING,
    "Mutation.setAttendance": RUNS_MEETING,
    "Mutation.respondToInvitation": TAKES_PART,
    "Mutation.checkIn": TAKES_PART,
    "Mutation.addAgendaItem": RUNS_MEETING,
    "Mutation.updateAgendaItem": RUNS_MEETING,
    "Mutation.removeAgendaItem": RUNS_MEETING,
    "Mutation.moveAgendaItem": RUNS_MEETING,
    "Mutation.startAgendaItem": RUNS_MEETING_AS_USER,
    "Mutation.finishAgendaItem": RUNS_MEETING_AS_USER,
    "Mutation.setItemPosition": then(MEETING_USER, MA.can_give_position),
    "Mutation.adoptEnBloc": RUNS_MEETING_AS_USER,
    "Mutation.requestToSpeak": TAKES_PART,
    "Mutation.withdrawSpeakerRequest": then(MEETING_USER, MA.can_withdraw_speaker_request),
    "Mutation.startSpeaker": RUNS_MEETING_AS_USER,
    "Mutation.finishSpeaker": RUNS_MEETING_AS_USER,
    "Mutation.attachDocument": RUNS_MEETING_AS_USER,
    "Mutation.createVote": then(
        then(MEETING_USER, MA.can_manage_meeting), MA.can_create_written_ballot
    ),
    "Mutation.openVote": then(MEETING_USER, VA.can_administer_vote),
    "Mutation.castBallot": then(VOTERS, VA.can_cast_ballot),
    "Mutation.closeVote": then(MEETING_USER, VA.can_administer_vote),
    "Mutation.saveConclusion": RUNS_MEETING_AS_USER,
    "Mutation.issueConclusion": RUNS_MEETING_AS_USER,
    "Query.tasks": scope("tasks:read"),
    "Query.task": scope("tasks:read"),
    "Query.taskStatistics": scope("tasks:read"),
    # (createTask is refused by the service, so that the refusal carries NOT_ASSIGNER)
    "Mutation.createTask": then(TASK_USER, TA.can_create_task),
    "Mutation.updateTask": then(then(TASK_USER, TA.can_change_task), TA.can_change_level),
    "Mutation.cancelTask": then(TASK_USER, TA.can_cancel_task),
    "Mutation.reportProgress": then(TASK_USER, TA.can_report_progress),
    "Mutation.commentOnTask": then(TASK_USER, TA.can_comment),
    "Mutation.requestExtension": then(TASK_USER, TA.can_request_extension),
    "Mutation.decideExtension": then(TASK_USER, TA.can_decide_extension),
    "Query.notifications": NOTIFIED,
    "Query.unreadNotificationCount": NOTIFIED,
    "Mutation.markNotificationsRead": NOTIFIED,
    "Subscription.notificationAdded": NOTIFIED,
    # what only the meeting's secretariat and chair see
    "AgendaItem.positionTally": SECRETARIAT | listed_in("manager_keys"),
    # sensitive fields of people
    "User.email": owner("key") | PEOPLE_OFFICERS | client_scope("hr:read"),
    "User.clearance": owner("key") | PEOPLE_OFFICERS | role(Role.AUDITOR),
    "User.active": owner("key") | PEOPLE_OFFICERS | role(Role.AUDITOR),
    "User.lastLoginAt": owner("key") | ADMIN | role(Role.AUDITOR),
}


def rule_for(type_name: str, field_name: str) -> Rule:
    """The rule guarding `type_name.field_name`: its own, else its type's, else DENY."""
    return FIELDS.get(f"{type_name}.{field_name}") or TYPES.get(type_name, DENY)


def can(principal: Principal, type_name: str, field_name: str, obj: Any = None) -> bool:
    return rule_for(type_name, field_name).allows(principal, obj)


# ---- rows -------------------------------------------------------------------------

RowFilter = Callable[[Principal], ColumnElement[bool]]


def _users(p: Principal) -> ColumnElement[bool]:
    if not p.is_authenticated:
        return false()
    if not p.has_scope("users:read"):  # the directory needs the scope; oneself does not
        return User.id == p.user_id if p.user_id else false()
    if p.has_role(Role.ADMIN, Role.HR_OFFICER, Role.AUDITOR):
        return true()
    return User.active.is_(True)


def _units(p: Principal) -> ColumnElement[bool]:
    return true() if p.is_authenticated else false()


# the partner scope that covers the audit events of each kind of record: a partner with
# audit:read sees the events of the records its other scopes let it read, nothing else
# (not those of people — their details carry clearances — nor of partner clients)
AUDIT_SCOPES: dict[str, str] = {
    "Meeting": "meetings:read",
    "AgendaItem": "meetings:read",
    "Vote": "meetings:read",
    "Task": "tasks:read",
    "OrgUnit": "hr:read",
}


def _audit(p: Principal) -> ColumnElement[bool]:
    """Auditors (AUDITOR, ADMIN, partners with audit:read) see the events of records up to
    their clearance (an event carries its record's level: its details may name it);
    partners only those of the kinds of record their scopes cover."""
    if not AUDITORS.allows(p):
        return false()
    cleared = AuditEvent.level <= int(p.clearance)
    if p.is_client:
        kinds = sorted(kind for kind, needed in AUDIT_SCOPES.items() if p.has_scope(needed))
        return and_(cleared, AuditEvent.entity_type.in_(kinds)) if kinds else false()
    return cleared


# who sees a meeting and a vote: written once in meetings/visibility.py (SQL and memory)
_meetings = meeting_visibility.meeting_rows
_votes = vote_visibility.vote_rows
visible_meeting_ids = meeting_visibility.visible_meeting_ids


def _by_meeting(column: Any) -> RowFilter:
    return lambda p: column.in_(visible_meeting_ids(p))


def _by_vote(column: Any) -> RowFilter:
    return lambda p: column.in_(select(Vote.id).where(_votes(p)))


def _by_item(column: Any) -> RowFilter:
    return lambda p: column.in_(
        select(AgendaItem.id).where(AgendaItem.meeting_id.in_(visible_meeting_ids(p)))
    )


def _own(column: Any) -> RowFilter:
    return lambda p: column == p.user_id if p.user_id else false()


def _tasks(p: Principal) -> ColumnElement[bool]:
    """A unit sees the tasks it leads or coordinates; a UNIT_HEAD those of its unit and
    the units below it; the assigner and the responsible person theirs; leaders (ADMIN,
    CABINET_MEMBER, AUDITOR) all; partner clients with tasks:read all — each up to their
    clearance."""
    cleared = Task.confidentiality <= int(p.clearance)
    if p.is_client:
        return cleared if p.has_scope("tasks:read") else false()
    if not p.is_user or p.user_id is None or not p.has_scope("tasks:read"):
        return false()
    if p.has_role(Role.ADMIN, Role.CABINET_MEMBER, Role.AUDITOR):
        return cleared
    units = (
        select(OrgUnit.id).where(or_(OrgUnit.id == p.unit_id, OrgUnit.parent_id == p.unit_id))
        if p.has_role(Role.UNIT_HEAD)
        else select(OrgUnit.id).where(OrgUnit.id == p.unit_id)
    )
    mine = or_(
        Task.lead_unit_id.in_(units),
        Task.id.in_(select(TaskCoordinator.task_id).where(TaskCoordinator.unit_id.in_(units))),
        Task.assigned_by_id == p.user_id,
        Task.responsible_id == p.user_id,
    )
    return and_(cleared, mine)


def visible_task_ids(p: Principal) -> Select[Any]:
    return select(Task.id).where(_tasks(p))


def _by_task(column: Any) -> RowFilter:
    return lambda p: column.in_(visible_task_ids(p))


ROWS: dict[type, RowFilter] = {
    Task: _tasks,
    TaskCoordinator: _by_task(TaskCoordinator.task_id),
    TaskReport: _by_task(TaskReport.task_id),
    TaskComment: _by_task(TaskComment.task_id),
    ExtensionRequest: _by_task(ExtensionRequest.task_id),
    TaskEvent: _by_task(TaskEvent.task_id),
    ReminderSent: lambda p: false(),
    User: _users,
    OrgUnit: _units,
    AuditEvent: _audit,
    Meeting: _meetings,
    Participant: _by_meeting(Participant.meeting_id),
    InvitedUnit: _by_meeting(InvitedUnit.meeting_id),
    AgendaItem: _by_meeting(AgendaItem.meeting_id),
    Conclusion: _by_meeting(Conclusion.meeting_id),
    Directive: lambda p: Directive.conclusion_id.in_(
        select(Conclusion.id).where(Conclusion.meeting_id.in_(visible_meeting_ids(p)))
    ),
    ItemPosition: _by_item(ItemPosition.agenda_item_id),
    SpeakerRequest: _by_item(SpeakerRequest.agenda_item_id),
    Vote: _votes,
    VoteOption: _by_vote(VoteOption.vote_id),
    Voter: _by_vote(Voter.vote_id),
    OpenBallot: _by_vote(OpenBallot.vote_id),
    Participation: _by_vote(Participation.vote_id),
    OptionCount: _by_vote(OptionCount.vote_id),
    BallotBox: lambda p: false(),  # sealed ballots: only the close opens them (the system)
    Notification: lambda p: _own(Notification.user_id)(p) if p.has_scope("tasks:read") else false(),
    StoredFile: lambda p: (
        StoredFile.confidentiality <= int(p.clearance) if p.is_authenticated else false()
    ),
    JobLease: lambda p: false(),
}

# `visible`/`row_filter` apply ROWS once `app.wire_domains` installed it (authz/rows.py);
# domains import them from there, never from this composition module
