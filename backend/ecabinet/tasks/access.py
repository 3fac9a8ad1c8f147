"""Permission to act on a task, written once: pure, synchronous rules over the principal and
the loaded task. `tasks.service` enforces them through the `require_*` functions (a refusal
is `Forbidden(reason)`: a top-level FORBIDDEN error whose `extensions.reason` is the code
below), `Task.viewerCan*` tells the viewer the `can_*` answers, and `authz/policy.py` names
them for the task mutations.

Tasks are the units' performance record (on-time rates are computed from them), so only
the people the task rules name act on them; the technical ADMIN role has no business power
here (it administers users and units):

- assigning (`can_create_task`): the Office's leaders and secretariat (CABINET_MEMBER,
  SECRETARY) — else NOT_ASSIGNER;
- changing and cancelling (`can_change_task`, `can_cancel_task`): the task's own assigner —
  else NOT_ASSIGNER;
- reporting progress (`can_report_progress`): only the lead unit (its people) and the
  responsible person — else NOT_LEAD_UNIT;
- asking for an extension (`can_request_extension`): the same, but never the assigner, who
  changes the deadline instead — else NOT_LEAD_UNIT, ASSIGNER_SETS_DEADLINE;
- deciding an extension (`can_decide_extension`): the assigner, never on their own request
  (the requester and the decider differ) — else NOT_ASSIGNER, OWN_EXTENSION_REQUEST;
- commenting (`can_comment`): the lead and coordinating units, the responsible person and
  the assigner — else NOT_INVOLVED;
- a task's level (`can_change_level`): only someone cleared for its current level
  (NOT_CLEARED_FOR_LEVEL); raising it by its assigner or the secretariat (NOT_ASSIGNER),
  lowering it (declassifying) only by the secretariat, SECRETARY
  (DECLASSIFY_NEEDS_SECRETARIAT), audited as `task.declassify`. The new level must be
  within one's own clearance: that is a check of the value (ABOVE_OWN_CLEARANCE, a
  `UserError` on the field), not a refusal.

`can_*` answers "may the viewer do it now", so the state rules that make an action pointless
(a closed task cannot be reported on or cancelled) are part of it; `require_*` raises only the
refusal, and the service answers a state rule with its own `UserError` (TASK_CLOSED, …).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.platform.errors import Forbidden
from ecabinet.tasks.enums import OPEN_STATUSES, ExtensionStatus, TasksErrorCode
from ecabinet.tasks.errors import MESSAGES, tasks_error
from ecabinet.tasks.models import ExtensionRequest, Task

ASSIGNER_ROLES = (Role.CABINET_MEMBER, Role.SECRETARY)  # not ADMIN: a technical role
SECRETARIAT_ROLES = (Role.SECRETARY,)


def refuse(reason: TasksErrorCode) -> Forbidden:
    """The one refusal shape, with the task code as its reason and its own message."""
    return Forbidden(reason.value, MESSAGES[reason])


# ---- who someone is to a task ------------------------------------------------------------


def is_assigner(principal: Principal, task: Task) -> bool:
    """The task's own assigner (not a role: an ADMIN is not everyone's assigner)."""
    return principal.user_id is not None and task.assigned_by_id == principal.user_id


def in_lead_unit(principal: Principal, task: Task) -> bool:
    """The lead unit's people and the responsible person."""
    return principal.is_user and (
        (principal.unit_id is not None and principal.unit_id == task.lead_unit_id)
        or (principal.user_id is not None and principal.user_id == task.responsible_id)
    )


def is_secretariat(principal: Principal) -> bool:
    return principal.has_role(*SECRETARIAT_ROLES)


def is_open(task: Task) -> bool:
    return task.status in OPEN_STATUSES


# ---- assigning -----------------------------------------------------------------------------


def can_create_task(principal: Principal) -> bool:
    return principal.has_role(*ASSIGNER_ROLES)


def require_create_task(principal: Principal) -> None:
    if not can_create_task(principal):
        raise refuse(TasksErrorCode.NOT_ASSIGNER)


# ---- changing and cancelling ---------------------------------------------------------------


def can_change_task(principal: Principal, task: Task) -> bool:
    return is_assigner(principal, task)


def require_change_task(principal: Principal, task: Task) -> None:
    if not can_change_task(principal, task):
        raise refuse(TasksErrorCode.NOT_ASSIGNER)


def can_cancel_task(principal: Principal, task: Task) -> bool:
    return is_assigner(principal, task) and is_open(task)


def require_cancel_task(principal: Principal, task: Task) -> None:
    if not is_assigner(principal, task):
        raise refuse(TasksErrorCode.NOT_ASSIGNER)


# ---- reporting, extensions -----------------------------------------------------------------


def can_report_progress(principal: Principal, task: Task) -> bool:
    return in_lead_unit(principal, task) and is_open(task)


def require_report_progress(principal: Principal, task: Task) -> None:
    if not in_lead_unit(principal, task):
        raise refuse(TasksErrorCode.NOT_LEAD_UNIT)


def extension_request_refusal(principal: Principal, task: Task) -> TasksErrorCode | None:
    if not in_lead_unit(principal, task):
        return TasksErrorCode.NOT_LEAD_UNIT
    if is_assigner(principal, task):  # they would decide their own request
        return TasksErrorCode.ASSIGNER_SETS_DEADLINE
    return None


def can_request_extension(principal: Principal, task: Task) -> bool:
    return (
        extension_request_refusal(principal, task) is None
        and is_open(task)
        and task.due_date is not None
    )


def require_request_extension(principal: Principal, task: Task) -> None:
    refusal = extension_request_refusal(principal, task)
    if refusal:
        raise refuse(refusal)


def extension_decision_refusal(
    principal: Principal, task: Task, request: ExtensionRequest
) -> TasksErrorCode | None:
    """The assigner decides (NOT_ASSIGNER), never on their own request
    (OWN_EXTENSION_REQUEST): the requester and the decider differ."""
    if not is_assigner(principal, task):
        return TasksErrorCode.NOT_ASSIGNER
    if request.requested_by_id is not None and request.requested_by_id == principal.user_id:
        return TasksErrorCode.OWN_EXTENSION_REQUEST
    return None


def can_decide_extension(principal: Principal, task: Task, request: ExtensionRequest) -> bool:
    return (
        extension_decision_refusal(principal, task, request) is None
        and request.status == ExtensionStatus.PENDING
    )


def require_decide_extension(principal: Principal, task: Task, request: ExtensionRequest) -> None:
    refusal = extension_decision_refusal(principal, task, request)
    if refusal:
        raise refuse(refusal)


# ---- comments ------------------------------------------------------------------------------


def can_comment(
    principal: Principal, task: Task, coordinating_unit_ids: Collection[uuid.UUID]
) -> bool:
    return (
        (principal.unit_id is not None and principal.unit_id in coordinating_unit_ids)
        or in_lead_unit(principal, task)
        or is_assigner(principal, task)
    )


def require_comment(
    principal: Principal, task: Task, coordinating_unit_ids: Collection[uuid.UUID]
) -> None:
    if not can_comment(principal, task, coordinating_unit_ids):
        raise refuse(TasksErrorCode.NOT_INVOLVED)


# ---- a task's level ------------------------------------------------------------------------


def level_change_refusal(principal: Principal, task: Task, new: int) -> TasksErrorCode | None:
    """Why `principal` may not move `task` to level `new` (a code), or None when they may:
    cleared for the current level (NOT_CLEARED_FOR_LEVEL) and the new one
    (ABOVE_OWN_CLEARANCE); lowering by the secretariat (DECLASSIFY_NEEDS_SECRETARIAT);
    raising by the assigner or the secretariat (NOT_ASSIGNER)."""
    current, clearance = int(task.confidentiality), int(principal.clearance)
    if clearance < current:
        return TasksErrorCode.NOT_CLEARED_FOR_LEVEL
    if clearance < int(Clearance(new)):
        return TasksErrorCode.ABOVE_OWN_CLEARANCE
    if new < current and not is_secretariat(principal):
        return TasksErrorCode.DECLASSIFY_NEEDS_SECRETARIAT
    if new > current and not (is_assigner(principal, task) or is_secretariat(principal)):
        return TasksErrorCode.NOT_ASSIGNER
    return None


def can_change_level(principal: Principal, task: Task, new: int) -> bool:
    return level_change_refusal(principal, task, new) is None


def require_change_level(principal: Principal, task: Task, new: int) -> None:
    """A refusal is Forbidden; a level above one's own clearance is a UserError on the
    `confidentiality` field (the value asked for is wrong, not the person)."""
    refusal = level_change_refusal(principal, task, new)
    if refusal is TasksErrorCode.ABOVE_OWN_CLEARANCE:
        raise tasks_error(refusal, field=["confidentiality"])
    if refusal:
        raise refuse(refusal)
