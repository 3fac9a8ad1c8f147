"""GraphQL types of organisation and people (written by hand, never generated)."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.authz.principal import Role as RoleName
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.org import enums, models
from ecabinet.org.loaders import OrgUnitByIdLoader, UserByIdLoader

Role = strawberry.enum(RoleName, name="Role", description="What a user may do in the Office.")
OrgErrorCode = strawberry.enum(
    enums.OrgErrorCode,
    description="The codes org answers with: in `UserError.code` (a String, for "
    "compatibility) for invalid or taken names, unknown units or users, a clearance asked "
    "for above one's own (CLEARANCE_ABOVE_OWN on the clearance field), …; in a FORBIDDEN "
    "error's `extensions.reason` for the four-eyes refusals (CANNOT_CHANGE_OWN_CLEARANCE, "
    "CLEARANCE_ABOVE_OWN for someone cleared above the administrator).",
)
Clearance = strawberry.enum(
    ClearanceLevel,
    name="Clearance",
    description="Confidentiality levels, ordered PUBLIC < INTERNAL < CONFIDENTIAL < SECRET < "
    "TOP_SECRET; a user sees records up to their clearance.",
)


@strawberry.type(description="A unit of the organisation: the Government Office or a department.")
class OrgUnit(Node):
    key: strawberry.Private[uuid.UUID]
    parent_key: strawberry.Private[uuid.UUID | None]
    code: str = strawberry.field(description="Short stable code, e.g. VPCP, CKSTTHC.")
    name: str = strawberry.field(description="Full name.")
    short_name: str | None = strawberry.field(description="Abbreviated name, if any.")

    @strawberry.field(description="The parent unit; null for the top of the tree.")
    async def parent(self, info: strawberry.Info) -> OrgUnit | None:
        if self.parent_key is None:
            return None
        row = await info.context.loader(OrgUnitByIdLoader).load(self.parent_key)
        return OrgUnit.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: models.OrgUnit) -> OrgUnit:
        return cls(
            id=gid("OrgUnit", m.id),
            key=m.id,
            parent_key=m.parent_id,
            code=m.code,
            name=m.name,
            short_name=m.short_name,
        )


@strawberry.type(description="A person who signs in: an official of the Office or a member.")
class User(Node):
    key: strawberry.Private[uuid.UUID]
    unit_key: strawberry.Private[uuid.UUID | None]
    username: str = strawberry.field(description="Login name.")
    full_name: str = strawberry.field(description="Full name, e.g. Nguyễn Văn A.")
    position: str | None = strawberry.field(description="Job title.")
    roles: list[Role] = strawberry.field(description="Roles granted to the user.")
    email: str | None = strawberry.field(
        description="E-mail address. Guarded: the user, ADMIN, HR_OFFICER, partners with hr:read."
    )
    clearance: Clearance | None = strawberry.field(
        description="Clearance level. Guarded: the user, ADMIN, HR_OFFICER, AUDITOR."
    )
    active: bool | None = strawberry.field(
        description="False once deactivated. Guarded: the user, ADMIN, HR_OFFICER, AUDITOR."
    )
    last_login_at: datetime | None = strawberry.field(
        description="Last successful sign-in. Guarded: the user, ADMIN, AUDITOR."
    )

    @strawberry.field(description="The unit the user belongs to.")
    async def unit(self, info: strawberry.Info) -> OrgUnit | None:
        if self.unit_key is None:
            return None
        row = await info.context.loader(OrgUnitByIdLoader).load(self.unit_key)
        return OrgUnit.from_model(row) if row else None

    @classmethod
    def from_model(cls, m: models.User) -> User:
        return cls(
            id=gid("User", m.id),
            key=m.id,
            unit_key=m.unit_id,
            username=m.username,
            full_name=m.full_name,
            position=m.position,
            roles=[RoleName(r) for r in m.role_names if r in RoleName.__members__],
            email=m.email,
            clearance=ClearanceLevel(m.clearance),
            active=m.active,
            last_login_at=m.last_login_at,
        )


async def load_user(info: strawberry.Info, key: uuid.UUID | None) -> User | None:
    """The user behind a key, through the request's loader (None if absent or hidden)."""
    row = await info.context.loader(UserByIdLoader).load(key) if key else None
    return User.from_model(row) if row else None


async def load_unit(info: strawberry.Info, key: uuid.UUID | None) -> OrgUnit | None:
    """The unit behind a key, through the request's loader."""
    row = await info.context.loader(OrgUnitByIdLoader).load(key) if key else None
    return OrgUnit.from_model(row) if row else None


@strawberry.input(description="Which users to list.")
class UserFilter:
    search: str | None = strawberry.field(default=None, description="Part of name or username.")
    usernames: list[str] | None = strawberry.field(default=None, description="Exact usernames.")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Members of a unit.")
    role: Role | None = strawberry.field(default=None, description="Holders of a role.")
    include_inactive: bool = strawberry.field(
        default=False, description="Include deactivated users (ADMIN, HR_OFFICER, AUDITOR)."
    )


@strawberry.input(description="A new user.")
class CreateUserInput:
    username: str = strawberry.field(description="2–64 lowercase letters, digits, . _ -")
    full_name: str = strawberry.field(description="Name as shown everywhere (Nguyễn Văn A).")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Their unit.")
    position: str | None = strawberry.field(default=None, description="Job title.")
    email: str | None = strawberry.field(default=None, description="E-mail address.")
    roles: list[Role] = strawberry.field(
        default_factory=lambda: [RoleName.STAFF], description="Roles (default STAFF)."
    )
    clearance: Clearance = strawberry.field(
        default=ClearanceLevel.INTERNAL, description="Clearance (default INTERNAL)."
    )
    password: str | None = strawberry.field(
        default=None, description="Initial password (at least 10 characters); none: SSO only."
    )


@strawberry.input(description="Changes to a user; omitted fields stay as they are.")
class UpdateUserInput:
    id: strawberry.ID = strawberry.field(description="The user.")
    full_name: str | None = strawberry.field(
        default=None, description="Name as shown everywhere (Nguyễn Văn A)."
    )
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Their unit.")
    position: str | None = strawberry.field(default=None, description="Job title.")
    email: str | None = strawberry.field(default=None, description="E-mail; empty clears it.")
    roles: list[Role] | None = strawberry.field(default=None, description="All their roles.")
    clearance: Clearance | None = strawberry.field(
        default=None,
        description="Highest level they may read; changed by another administrator cleared "
        "for it, never by oneself.",
    )


@strawberry.input(description="A new password for a user.")
class SetPasswordInput:
    id: strawberry.ID = strawberry.field(description="The user.")
    password: str = strawberry.field(description="At least 10 characters.")


@strawberry.input(description="A new unit.")
class CreateOrgUnitInput:
    code: str = strawberry.field(description="2–40 uppercase letters, digits or dashes.")
    name: str = strawberry.field(description="Full name.")
    short_name: str | None = strawberry.field(default=None, description="Abbreviation.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Parent unit.")


@strawberry.input(description="Changes to a unit; omitted fields stay as they are.")
class UpdateOrgUnitInput:
    id: strawberry.ID = strawberry.field(description="The unit.")
    name: str | None = strawberry.field(default=None, description="Full name.")
    short_name: str | None = strawberry.field(default=None, description="Abbreviation.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Parent unit.")
    sort_order: int | None = strawberry.field(default=None, description="Position among siblings.")


@strawberry.type(description="Result of a mutation on a user.")
class UserPayload:
    user: User | None = strawberry.field(description="The user as changed; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="Result of a mutation on a unit.")
class OrgUnitPayload:
    org_unit: OrgUnit | None = strawberry.field(description="The unit as changed; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")
