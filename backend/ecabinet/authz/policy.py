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
from typing import Any, TypeVar

from sqlalchemy import Select, false, true
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.authz.principal import Principal, Role
from ecabinet.authz.rules import ALLOW, AUTHENTICATED, DENY, USER, Rule, client_scope, owner, role
from ecabinet.org.models import OrgUnit, User
from ecabinet.platform.audit import AuditEvent

ADMIN = role(Role.ADMIN)
PEOPLE_OFFICERS = role(Role.ADMIN, Role.HR_OFFICER)
AUDITORS = role(Role.AUDITOR, Role.ADMIN) | client_scope("audit:read")

TYPES: dict[str, Rule] = {
    # roots: each field below decides
    "Query": AUTHENTICATED,
    "Mutation": USER,
    "Subscription": AUTHENTICATED,
    # org
    "OrgUnit": AUTHENTICATED,
    "User": AUTHENTICATED,
    "UserConnection": AUTHENTICATED,
    "UserEdge": AUTHENTICATED,
    "UserPayload": AUTHENTICATED,
    "OrgUnitPayload": AUTHENTICATED,
    # audit
    "AuditEvent": AUDITORS,
    "AuditEventConnection": AUDITORS,
    "AuditEventEdge": AUDITORS,
    # plumbing, reached only through guarded fields
    "PageInfo": ALLOW,
    "UserError": ALLOW,
}

FIELDS: dict[str, Rule] = {
    "Query.viewer": AUTHENTICATED,
    "Query.node": AUTHENTICATED,
    "Query.nodes": AUTHENTICATED,
    "Query.users": AUTHENTICATED,
    "Query.orgUnits": AUTHENTICATED,
    "Query.auditEvents": AUDITORS,
    "Mutation.createUser": ADMIN,
    "Mutation.updateUser": ADMIN,
    "Mutation.deactivateUser": ADMIN,
    "Mutation.setPassword": ADMIN,
    "Mutation.createOrgUnit": ADMIN,
    "Mutation.updateOrgUnit": ADMIN,
    "Mutation.deactivateOrgUnit": ADMIN,
    "Subscription.userUpdated": AUTHENTICATED,
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
    if p.has_role(Role.ADMIN, Role.HR_OFFICER, Role.AUDITOR):
        return true()
    return User.active.is_(True)


def _units(p: Principal) -> ColumnElement[bool]:
    return true() if p.is_authenticated else false()


def _audit(p: Principal) -> ColumnElement[bool]:
    return true() if AUDITORS.allows(p) else false()


ROWS: dict[type, RowFilter] = {
    User: _users,
    OrgUnit: _units,
    AuditEvent: _audit,
}

S = TypeVar("S", bound=Select[Any])


def row_filter(model: type, principal: Principal) -> ColumnElement[bool]:
    rule = ROWS.get(model)
    return rule(principal) if rule else false()


def visible(stmt: S, model: type, principal: Principal) -> S:
    """`stmt` restricted to the rows of `model` that `principal` may know exist."""
    return stmt.where(row_filter(model, principal))
