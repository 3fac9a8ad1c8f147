"""The closed vocabularies of organisation and people. A user's roles and clearance levels
are `authz.principal.Role` and `Clearance` (the authorization mechanism reads them; org
stores them as their values); this module holds org's own: its error codes."""

from __future__ import annotations

from enum import StrEnum

from ecabinet.authz.principal import Clearance, Role

__all__ = ["Clearance", "OrgAction", "OrgErrorCode", "Role"]


class OrgErrorCode(StrEnum):
    """Every code org answers with: in `UserError.code`, or as the reason of a FORBIDDEN
    refusal (org/access.py: CANNOT_CHANGE_OWN_CLEARANCE, CLEARANCE_ABOVE_OWN)."""

    INVALID_USERNAME = "INVALID_USERNAME"
    USERNAME_TAKEN = "USERNAME_TAKEN"
    FULL_NAME_REQUIRED = "FULL_NAME_REQUIRED"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_ROLE = "INVALID_ROLE"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    USER_NOT_FOUND = "USER_NOT_FOUND"
    PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"
    CANNOT_CHANGE_OWN_CLEARANCE = "CANNOT_CHANGE_OWN_CLEARANCE"
    CLEARANCE_ABOVE_OWN = "CLEARANCE_ABOVE_OWN"
    CANNOT_DEACTIVATE_SELF = "CANNOT_DEACTIVATE_SELF"
    INVALID_UNIT_CODE = "INVALID_UNIT_CODE"
    UNIT_CODE_TAKEN = "UNIT_CODE_TAKEN"
    NAME_REQUIRED = "NAME_REQUIRED"
    UNIT_CYCLE = "UNIT_CYCLE"
    UNIT_HAS_ACTIVE_MEMBERS = "UNIT_HAS_ACTIVE_MEMBERS"


class OrgAction(StrEnum):
    """What org records in the audit trail (`org.service.record_change`)."""

    USER_CREATE = "user.create"
    USER_UPDATE = "user.update"
    USER_CLEARANCE = "user.clearance"
    USER_DEACTIVATE = "user.deactivate"
    USER_SET_PASSWORD = "user.set_password"
    UNIT_CREATE = "unit.create"
    UNIT_UPDATE = "unit.update"
    UNIT_DEACTIVATE = "unit.deactivate"
