"""Who is asking: a user (through the SPA or a tablet), a partner system (client
credentials), or nobody. Built once per request from the verified token and the
database, then read synchronously by every rule."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum
from typing import Literal


class Clearance(IntEnum):
    """Confidentiality levels, ordered: a principal sees records up to its clearance."""

    PUBLIC = 0
    INTERNAL = 1
    CONFIDENTIAL = 2
    SECRET = 3
    TOP_SECRET = 4


class Role(StrEnum):
    ADMIN = "ADMIN"
    CABINET_MEMBER = "CABINET_MEMBER"
    SECRETARY = "SECRETARY"
    UNIT_HEAD = "UNIT_HEAD"
    STAFF = "STAFF"
    HR_OFFICER = "HR_OFFICER"
    CLERK = "CLERK"
    TREATY_OFFICER = "TREATY_OFFICER"
    ASSET_MANAGER = "ASSET_MANAGER"
    AUDITOR = "AUDITOR"


SCOPES: tuple[str, ...] = (
    "users:read",
    "users:write",
    "meetings:read",
    "meetings:write",
    "votes:cast",
    "tasks:read",
    "tasks:write",
    "documents:read",
    "documents:write",
    "hr:read",
    "hr:write",
    "treaties:read",
    "treaties:write",
    "assets:read",
    "assets:write",
    "audit:read",
)

PrincipalKind = Literal["user", "client", "anonymous"]


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    user_id: uuid.UUID | None = None
    username: str | None = None
    unit_id: uuid.UUID | None = None
    roles: frozenset[str] = frozenset()
    clearance: Clearance = Clearance.PUBLIC
    scopes: frozenset[str] = frozenset()
    client_id: str | None = None
    token_exp: int | None = None
    ip: str | None = None
    request_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    @property
    def is_user(self) -> bool:
        return self.kind == "user"

    @property
    def is_client(self) -> bool:
        return self.kind == "client"

    def has_role(self, *roles: str) -> bool:
        return self.is_user and any(r in self.roles for r in roles)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def with_request(self, *, ip: str | None, request_id: str | None) -> Principal:
        return replace(self, ip=ip, request_id=request_id)


ANONYMOUS = Principal(kind="anonymous")


def system_principal(reason: str = "system") -> Principal:
    """Used by the CLI and background jobs, recorded as such in the audit trail."""
    return Principal(
        kind="user",
        username=f"<{reason}>",
        roles=frozenset(Role),
        clearance=Clearance.TOP_SECRET,
        scopes=frozenset(SCOPES),
    )
