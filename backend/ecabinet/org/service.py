"""Business rules of organisation and people. Plain async functions: no GraphQL, no HTTP.
Mutating functions flush but never commit (the caller's unit of work does)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.authz.rows import visible
from ecabinet.org import access
from ecabinet.org.enums import OrgAction, OrgErrorCode
from ecabinet.org.errors import org_error
from ecabinet.org.events import user_channel, user_snapshot
from ecabinet.org.models import OrgUnit, User, UserRole
from ecabinet.platform import audit, hooks
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.events import emit
from ecabinet.platform.pagination import Page, PageRequest, paginate
from ecabinet.platform.search import contains_text

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
UNIT_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()

# run when a user is deactivated or given a new password: every sign-in of theirs ends
# (auth.service.end_user_sessions, wired by auth/wire.py); never on a re-hash at sign-in
USER_LOCKED_OUT_HOOK = "org.user_locked_out"
# a hash to verify against when the user does not exist: same cost, no timing oracle
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


# ---- reads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UserFilter:
    search: str | None = None
    usernames: Sequence[str] | None = None
    unit_id: uuid.UUID | None = None
    role: str | None = None
    include_inactive: bool = False


def _users_stmt(principal: Principal):  # type: ignore[no-untyped-def]
    return visible(select(User).options(selectinload(User.roles)), User, principal)


async def users_by_ids(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, User]:
    rows = await session.scalars(_users_stmt(principal).where(User.id.in_(ids)))
    return {u.id: u for u in rows}


async def units_by_ids(
    *, session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, OrgUnit]:
    stmt = visible(select(OrgUnit), OrgUnit, principal).where(OrgUnit.id.in_(ids))
    return {u.id: u for u in await session.scalars(stmt)}


async def list_users(
    *, db: Database, principal: Principal, filter: UserFilter, page: PageRequest
) -> Page[User]:
    stmt = _users_stmt(principal)
    if filter.search:
        stmt = stmt.where(contains_text(filter.search, User.full_name, User.username))
    if filter.usernames is not None:
        stmt = stmt.where(User.username.in_([u.lower() for u in filter.usernames[:100]]))
    if filter.unit_id:
        stmt = stmt.where(User.unit_id == filter.unit_id)
    if filter.role:
        stmt = stmt.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == filter.role)))
    if not filter.include_inactive:
        stmt = stmt.where(User.active.is_(True))
    return await paginate(db.session, stmt.order_by(User.full_name, User.id), page)


async def list_units(*, session: AsyncSession, principal: Principal) -> list[OrgUnit]:
    stmt = visible(select(OrgUnit), OrgUnit, principal).where(OrgUnit.active.is_(True))
    return list(await session.scalars(stmt.order_by(OrgUnit.sort_order, OrgUnit.name)))


async def find_login_user(*, session: AsyncSession, username: str) -> User | None:
    stmt = select(User).options(selectinload(User.roles)).where(User.username == username.lower())
    return (await session.scalars(stmt)).first()


async def authenticate(*, session: AsyncSession, username: str, password: str) -> User | None:
    """The active user with these credentials, else None (constant work either way)."""
    user = await find_login_user(session=session, username=username[:150])
    ok = verify_password(user.password_hash if user else None, password)
    if not (ok and user and user.active):
        return None
    user.last_login_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    return user


# ---- what other domains ask of people and units -----------------------------------------
# Other domains never import org.models: they ask these functions (issue 9).


async def active_user_ids(
    *, session: AsyncSession, ids: Iterable[uuid.UUID], cleared_for: int | None = None
) -> set[uuid.UUID]:
    """Those of `ids` who are active users (and, with `cleared_for`, cleared for that
    level): one query."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    stmt = select(User.id).where(User.id.in_(wanted), User.active.is_(True))
    if cleared_for is not None:
        stmt = stmt.where(User.clearance >= int(cleared_for))
    return set(await session.scalars(stmt))


async def require_active_users(
    *,
    session: AsyncSession,
    ids: Iterable[uuid.UUID],
    cleared_for: int | None = None,
    error: Callable[[], Exception] | None = None,
) -> None:
    """Each of `ids` is an active user (cleared for `cleared_for`), else `error()` (the
    caller's own code; by default org's USER_NOT_FOUND). One answer whether a person does
    not exist or is not cleared: a refusal tells nobody another's clearance."""
    wanted = set(ids)
    if wanted - await active_user_ids(session=session, ids=wanted, cleared_for=cleared_for):
        raise error() if error else org_error(OrgErrorCode.USER_NOT_FOUND, field=["userId"])


async def require_units(
    *,
    session: AsyncSession,
    ids: Iterable[uuid.UUID],
    error: Callable[[], Exception] | None = None,
) -> None:
    """Each of `ids` is a unit (active or not), else `error()` (default UNIT_NOT_FOUND)."""
    wanted = set(ids)
    if not wanted:
        return
    found = set(await session.scalars(select(OrgUnit.id).where(OrgUnit.id.in_(list(wanted)))))
    if wanted - found:
        raise error() if error else org_error(OrgErrorCode.UNIT_NOT_FOUND, field=["unitId"])


async def unit_heads(
    *, session: AsyncSession, unit_ids: Iterable[uuid.UUID] | None = None
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The active UNIT_HEADs of each unit (of `unit_ids`, or of every unit): one query."""
    stmt = (
        select(User.id, User.unit_id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.UNIT_HEAD, User.active.is_(True), User.unit_id.is_not(None))
        .order_by(User.full_name, User.id)
    )
    if unit_ids is not None:
        stmt = stmt.where(User.unit_id.in_(list(unit_ids)))
    heads: dict[uuid.UUID, list[uuid.UUID]] = {}
    for uid, unit in await session.execute(stmt):
        if unit is not None:  # always (the statement asks for it); mypy cannot know
            heads.setdefault(unit, []).append(uid)
    return heads


async def display_names(*, session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Full names of users by id (deactivated ones too: a record keeps who did what)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.full_name).where(User.id.in_(wanted)))
    return {uid: name for uid, name in rows}


async def names_below_clearance(
    *, session: AsyncSession, ids: Iterable[uuid.UUID], level: int
) -> list[str]:
    """Full names, sorted, of those of `ids` not cleared for `level` (to name them in a
    refusal to raise a record's level above its people)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    stmt = (
        select(User.full_name)
        .where(User.id.in_(wanted), User.clearance < int(level))
        .order_by(User.full_name)
    )
    return list(await session.scalars(stmt))


async def unit_display_order(*, session: AsyncSession) -> dict[uuid.UUID, tuple[int, str]]:
    """Each unit's sort key (its display order, then name), for reports listed by unit."""
    rows = await session.execute(select(OrgUnit.id, OrgUnit.sort_order, OrgUnit.name))
    return {uid: (order, name) for uid, order, name in rows}


# ---- changes -------------------------------------------------------------------------


def _check_roles(roles: Sequence[str]) -> list[str]:
    known = {r.value for r in Role}
    for r in roles:
        if r not in known:
            raise org_error(OrgErrorCode.INVALID_ROLE, field=["roles"], role=r)
    return sorted(set(roles))


async def _get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> User:
    stmt = _users_stmt(principal).where(User.id == user_id)
    user = (await session.scalars(stmt)).first()
    if user is None:
        raise org_error(OrgErrorCode.USER_NOT_FOUND, field=["id"])
    return user


async def _check_unit(session: AsyncSession, unit_id: uuid.UUID | None) -> None:
    if unit_id is not None and await session.get(OrgUnit, unit_id) is None:
        raise org_error(OrgErrorCode.UNIT_NOT_FOUND, field=["unitId"])


def _check_name(full_name: str) -> str:
    name = " ".join(full_name.split())
    if not name or len(name) > 255:
        raise org_error(OrgErrorCode.FULL_NAME_REQUIRED, field=["fullName"])
    return name


def _check_email(email: str | None) -> str | None:
    if email is None or email.strip() == "":
        return None
    if not EMAIL_RE.match(email.strip()):
        raise org_error(OrgErrorCode.INVALID_EMAIL, field=["email"])
    return email.strip().lower()


def _check_grant(principal: Principal, clearance: Clearance | int, *, field: str) -> None:
    """Four eyes on clearance (issue 8 Low 13): nobody grants a clearance above their own."""
    if int(clearance) > int(principal.clearance):
        raise org_error(OrgErrorCode.CLEARANCE_ABOVE_OWN, field=[field])


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise org_error(OrgErrorCode.PASSWORD_TOO_SHORT, field=["password"], min=MIN_PASSWORD)


async def create_user(
    *,
    session: AsyncSession,
    principal: Principal,
    username: str,
    full_name: str,
    unit_id: uuid.UUID | None = None,
    position: str | None = None,
    email: str | None = None,
    roles: Sequence[str] = (Role.STAFF,),
    clearance: Clearance = Clearance.INTERNAL,
    password: str | None = None,
    check_password: bool = True,
) -> User:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise org_error(OrgErrorCode.INVALID_USERNAME, field=["username"])
    if await session.scalar(select(User.id).where(User.username == username)):
        raise org_error(OrgErrorCode.USERNAME_TAKEN, field=["username"], username=username)
    await _check_unit(session, unit_id)
    if password is not None and check_password:
        _check_password(password)
    _check_grant(principal, clearance, field="clearance")
    user = User(
        username=username,
        full_name=_check_name(full_name),
        unit_id=unit_id,
        position=(position or "").strip()[:255] or None,
        email=_check_email(email),
        clearance=int(clearance),
        password_hash=hash_password(password) if password else None,
        roles=[UserRole(role=r) for r in _check_roles(roles)],
    )
    session.add(user)
    await session.flush()
    record_change(
        session,
        principal,
        OrgAction.USER_CREATE,
        user,
        details={"username": username, "roles": user.role_names, "clearance": int(clearance)},
    )
    return user


async def update_user(
    *,
    session: AsyncSession,
    principal: Principal,
    user_id: uuid.UUID,
    full_name: str | None = None,
    unit_id: uuid.UUID | None = None,
    position: str | None = None,
    email: str | None = None,
    roles: Sequence[str] | None = None,
    clearance: Clearance | None = None,
) -> User:
    user = await _get_user(session, principal, user_id)
    access.require_administer_user(principal, user)
    if clearance is not None and int(clearance) != user.clearance:
        # one's own clearance is changed by another administrator, never by oneself
        access.require_change_clearance(principal, user)
        _check_grant(principal, clearance, field="clearance")
    old_clearance = user.clearance
    changes: dict[str, object] = {}
    if full_name is not None:
        user.full_name = changes["fullName"] = _check_name(full_name)
    if unit_id is not None:
        await _check_unit(session, unit_id)
        user.unit_id = unit_id
        changes["unitId"] = str(unit_id)
    if position is not None:
        user.position = changes["position"] = position.strip()[:255] or None
    if email is not None:
        user.email = changes["email"] = _check_email(email)
    if roles is not None:
        wanted = _check_roles(roles)
        user.roles = [r for r in user.roles if r.role in wanted] + [
            UserRole(role=r) for r in wanted if r not in user.role_names
        ]
        changes["roles"] = wanted
    if clearance is not None:
        user.clearance = changes["clearance"] = int(clearance)
    user.updated_at = utcnow()
    await session.flush()
    clearance_changed = user.clearance != old_clearance
    record_change(
        session, principal, OrgAction.USER_UPDATE, user, details=changes, live=not clearance_changed
    )
    if clearance_changed:
        record_change(
            session,
            principal,
            OrgAction.USER_CLEARANCE,
            user,
            details={"from": old_clearance, "to": user.clearance},
            live=True,
        )
    return user


def _version(user: User) -> int:
    return int(user.updated_at.timestamp() * 1000)


def record_change(
    session: AsyncSession,
    principal: Principal,
    action: OrgAction,
    subject: User | OrgUnit,
    *,
    details: dict[str, object] | None = None,
    live: bool = False,
) -> None:
    """THE one call that records a change of a person or a unit: the audit event (people
    and units are INTERNAL records) and, with `live`, the `user.updated` event that the
    person's subscribers re-read after commit."""
    is_user = isinstance(subject, User)
    audit.record(
        session,
        actor=principal,
        action=action,
        entity_type="User" if is_user else "OrgUnit",
        entity_id=subject.id,
        level=Clearance.INTERNAL,
        details=details,
    )
    if live and isinstance(subject, User):
        emit(session, user_channel(subject.id), user_snapshot(subject, _version(subject)))


async def _lock_out(session: AsyncSession, user: User) -> None:
    """A user deactivated or given a new password: every access token issued until now
    stops working, and every sign-in of theirs ends (the authorization server revokes its
    refresh tokens and closes its sockets: USER_LOCKED_OUT_HOOK). Never on a re-hash."""
    user.tokens_valid_after = utcnow()
    await session.flush()
    await hooks.run(USER_LOCKED_OUT_HOOK, session=session, user_id=user.id)


async def user_for_sign_in(
    *, session: AsyncSession, user_id: uuid.UUID | None = None, username: str | None = None
) -> User | None:
    """The active user a token or a sign-in names (by id, else by username), with their
    roles; None if unknown or inactive. The authorization server reads users only so."""
    condition = (
        User.id == user_id
        if user_id is not None
        else User.username == (username or "").lower()[:150]
    )
    stmt = select(User).options(selectinload(User.roles)).where(condition)
    user = (await session.scalars(stmt)).first()
    return user if user is not None and user.active else None


async def deactivate_user(
    *, session: AsyncSession, principal: Principal, user_id: uuid.UUID
) -> User:
    if principal.user_id == user_id:
        raise org_error(OrgErrorCode.CANNOT_DEACTIVATE_SELF, field=["id"])
    user = await _get_user(session, principal, user_id)
    user.active = False
    user.updated_at = utcnow()
    await _lock_out(session, user)
    record_change(session, principal, OrgAction.USER_DEACTIVATE, user, live=True)
    return user


async def set_password(
    *, session: AsyncSession, principal: Principal, user_id: uuid.UUID, password: str
) -> User:
    _check_password(password)
    user = await _get_user(session, principal, user_id)
    access.require_administer_user(principal, user)
    user.password_hash = hash_password(password)
    await _lock_out(session, user)
    record_change(session, principal, OrgAction.USER_SET_PASSWORD, user)
    return user


async def create_unit(
    *,
    session: AsyncSession,
    principal: Principal,
    code: str,
    name: str,
    short_name: str | None = None,
    parent_id: uuid.UUID | None = None,
    sort_order: int = 0,
) -> OrgUnit:
    code = code.strip().upper()
    if not UNIT_CODE_RE.match(code):
        raise org_error(OrgErrorCode.INVALID_UNIT_CODE, field=["code"])
    if await session.scalar(select(OrgUnit.id).where(OrgUnit.code == code)):
        raise org_error(OrgErrorCode.UNIT_CODE_TAKEN, field=["code"], code=code)
    if not name.strip():
        raise org_error(OrgErrorCode.NAME_REQUIRED, field=["name"])
    if parent_id is not None:
        await _check_unit(session, parent_id)
    unit = OrgUnit(
        code=code,
        name=" ".join(name.split())[:255],
        short_name=(short_name or "").strip()[:80] or None,
        parent_id=parent_id,
        sort_order=sort_order,
    )
    session.add(unit)
    await session.flush()
    record_change(
        session, principal, OrgAction.UNIT_CREATE, unit, details={"code": code, "name": unit.name}
    )
    return unit


async def update_unit(
    *,
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    name: str | None = None,
    short_name: str | None = None,
    parent_id: uuid.UUID | None = None,
    sort_order: int | None = None,
) -> OrgUnit:
    unit = await session.get(OrgUnit, unit_id)
    if unit is None:
        raise org_error(OrgErrorCode.UNIT_NOT_FOUND, field=["id"])
    if name is not None:
        if not name.strip():
            raise org_error(OrgErrorCode.NAME_REQUIRED, field=["name"])
        unit.name = " ".join(name.split())[:255]
    if short_name is not None:
        unit.short_name = short_name.strip()[:80] or None
    if sort_order is not None:
        unit.sort_order = sort_order
    if parent_id is not None:
        await _check_unit(session, parent_id)
        ancestor: uuid.UUID | None = parent_id
        while ancestor is not None:  # the tree is shallow: a few hops at most
            if ancestor == unit.id:
                raise org_error(OrgErrorCode.UNIT_CYCLE, field=["parentId"])
            ancestor = await session.scalar(select(OrgUnit.parent_id).where(OrgUnit.id == ancestor))
        unit.parent_id = parent_id
    await session.flush()
    record_change(session, principal, OrgAction.UNIT_UPDATE, unit)
    return unit


async def deactivate_unit(
    *, session: AsyncSession, principal: Principal, unit_id: uuid.UUID
) -> OrgUnit:
    unit = await session.get(OrgUnit, unit_id)
    if unit is None:
        raise org_error(OrgErrorCode.UNIT_NOT_FOUND, field=["id"])
    members = await session.scalar(
        select(func.count()).where(User.unit_id == unit_id, User.active.is_(True))
    )
    if members:
        raise org_error(OrgErrorCode.UNIT_HAS_ACTIVE_MEMBERS, field=["id"])
    unit.active = False
    await session.flush()
    record_change(session, principal, OrgAction.UNIT_DEACTIVATE, unit)
    return unit
