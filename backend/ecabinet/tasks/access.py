"""Permission to act on a task: pure, synchronous rules over the principal and the task,
enforced by `tasks.service` and told to the viewer by `Task.viewerCan*` (issue 9
generalises the domains' `access.py`).

Tasks are the units' performance record (on-time rates are computed from them), so only
the people the task rules name act on them; the technical ADMIN role has no business power
here (it administers users and units):

- assigning: the Office's leaders and secretariat (CABINET_MEMBER, SECRETARY);
- changing, cancelling, deciding extensions: the task's assigner;
- reporting progress and asking for an extension: the lead unit and the responsible
  person;
- a task's level: changed only by someone cleared for its current and its new level;
  raising it by its assigner or the secretariat, lowering it (declassifying) only by the
  secretariat (SECRETARY), audited as `task.declassify`;
- an extension is decided by someone other than who asked for it.
"""

from __future__ import annotations

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.tasks.models import ExtensionRequest, Task

ASSIGNER_ROLES = (Role.CABINET_MEMBER, Role.SECRETARY)
SECRETARIAT_ROLES = (Role.SECRETARY,)
OPEN_STATUSES = ("NOT_STARTED", "IN_PROGRESS")


def can_assign(principal: Principal) -> bool:
    return principal.has_role(*ASSIGNER_ROLES)


def is_assigner(principal: Principal, task: Task) -> bool:
    """The task's own assigner (not a role: an ADMIN is not everyone's assigner)."""
    return principal.user_id is not None and task.assigned_by_id == principal.user_id


def in_lead_unit(principal: Principal, task: Task) -> bool:
    """The lead unit's people and the responsible person."""
    return principal.is_user and (
        (principal.unit_id is not None and principal.unit_id == task.lead_unit_id)
        or (principal.user_id is not None and principal.user_id == task.responsible_id)
    )


def can_report(principal: Principal, task: Task) -> bool:
    return task.status in OPEN_STATUSES and in_lead_unit(principal, task)


def is_secretariat(principal: Principal) -> bool:
    return principal.has_role(*SECRETARIAT_ROLES)


def level_change_refusal(principal: Principal, task: Task, new: int) -> str | None:
    """Why `principal` may not move `task` to level `new` (an error code), or None when
    they may: cleared for the current level (NOT_CLEARED_FOR_LEVEL) and the new one
    (ABOVE_OWN_CLEARANCE); lowering by the secretariat (DECLASSIFY_NEEDS_SECRETARIAT);
    raising by the assigner or the secretariat (NOT_ASSIGNER)."""
    current, clearance = int(task.confidentiality), int(principal.clearance)
    if clearance < current:
        return "NOT_CLEARED_FOR_LEVEL"
    if clearance < int(Clearance(new)):
        return "ABOVE_OWN_CLEARANCE"
    if new < current and not is_secretariat(principal):
        return "DECLASSIFY_NEEDS_SECRETARIAT"
    if new > current and not (is_assigner(principal, task) or is_secretariat(principal)):
        return "NOT_ASSIGNER"
    return None


def can_change_level(principal: Principal, task: Task, new: int) -> bool:
    return level_change_refusal(principal, task, new) is None


def extension_decision_refusal(
    principal: Principal, task: Task, request: ExtensionRequest
) -> str | None:
    """The assigner decides (NOT_ASSIGNER), never on their own request
    (OWN_EXTENSION_REQUEST): the requester and the decider differ."""
    if not is_assigner(principal, task):
        return "NOT_ASSIGNER"
    if request.requested_by_id is not None and request.requested_by_id == principal.user_id:
        return "OWN_EXTENSION_REQUEST"
    return None


def can_decide_extension(principal: Principal, task: Task, request: ExtensionRequest) -> bool:
    return extension_decision_refusal(principal, task, request) is None
