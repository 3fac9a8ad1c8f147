"""Rules of organisation and people, on the service functions."""

from __future__ import annotations

import secrets

import pytest

from ecabinet.authz.principal import Clearance, Role, system_principal
from ecabinet.org import service
from ecabinet.platform.errors import DomainError

ROOT = system_principal("tests")


def uname() -> str:
    return f"u{secrets.token_hex(4)}"


async def create(db, **kw):
    async with db.unit_of_work() as s:
        return await service.create_user(
            session=s, principal=ROOT, **{"username": uname(), "full_name": "Người Thử", **kw}
        )


async def expect_error(db, code: str, fn, /, **kw) -> DomainError:
    with pytest.raises(DomainError) as err:
        async with db.unit_of_work() as s:
            await fn(session=s, principal=ROOT, **kw)
    assert err.value.code == code
    return err.value


async def test_create_user_normalises_and_hashes(db):
    user = await create(
        db,
        full_name="  Nguyễn   Văn  B ",
        password="a-long-password",
        roles=[Role.CLERK],
        clearance=Clearance.CONFIDENTIAL,
    )
    assert user.full_name == "Nguyễn Văn B" and user.password_hash.startswith("$argon2")
    assert user.role_names == ["CLERK"] and user.clearance == Clearance.CONFIDENTIAL


async def test_taken_username_is_refused_with_field(db):
    err = await expect_error(
        db, "USERNAME_TAKEN", service.create_user, username="staff", full_name="X"
    )
    assert err.field == ["username"] and "staff" in err.text("en")


@pytest.mark.parametrize("bad", ["A", "has space", "UPPER!", "x" * 70, "-lead"])
async def test_invalid_usernames_are_refused(db, bad):
    await expect_error(db, "INVALID_USERNAME", service.create_user, username=bad, full_name="X")


async def test_short_password_is_refused(db):
    await expect_error(
        db,
        "PASSWORD_TOO_SHORT",
        service.create_user,
        username=uname(),
        full_name="X",
        password="short",
    )


async def test_unknown_role_is_refused(db):
    await expect_error(
        db, "INVALID_ROLE", service.create_user, username=uname(), full_name="X", roles=["KING"]
    )


async def test_authenticate_checks_password_and_active(db):
    user = await create(db, password="correct-horse-battery")
    async with db.unit_of_work() as s:
        assert await service.authenticate(
            session=s, username=user.username, password="correct-horse-battery"
        )
        assert (
            await service.authenticate(session=s, username=user.username, password="wrong-horse")
            is None
        )
    async with db.unit_of_work() as s:
        await service.deactivate_user(session=s, principal=ROOT, user_id=user.id)
    async with db.unit_of_work() as s:
        assert (
            await service.authenticate(
                session=s, username=user.username, password="correct-horse-battery"
            )
            is None
        )


async def test_nobody_deactivates_themselves(db, user_ids):
    from dataclasses import replace

    me = replace(ROOT, user_id=user_ids["admin"])
    with pytest.raises(DomainError) as err:
        async with db.unit_of_work() as s:
            await service.deactivate_user(session=s, principal=me, user_id=user_ids["admin"])
    assert err.value.code == "CANNOT_DEACTIVATE_SELF"


async def test_update_replaces_roles_and_records_audit(db):
    from sqlalchemy import select

    from ecabinet.platform.audit import AuditEvent

    user = await create(db, roles=[Role.STAFF])
    async with db.unit_of_work() as s:
        updated = await service.update_user(
            session=s, principal=ROOT, user_id=user.id, roles=[Role.UNIT_HEAD, Role.STAFF]
        )
    assert updated.role_names == ["STAFF", "UNIT_HEAD"]
    async with db.session() as s:
        actions = list(
            await s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_id == str(user.id))
                .order_by(AuditEvent.at)
            )
        )
    assert actions == ["user.create", "user.update"]


async def test_unit_cannot_become_its_own_descendant(db):
    async with db.unit_of_work() as s:
        parent = await service.create_unit(
            session=s, principal=ROOT, code=f"P{secrets.token_hex(3).upper()}", name="Cha"
        )
        child = await service.create_unit(
            session=s,
            principal=ROOT,
            code=f"C{secrets.token_hex(3).upper()}",
            name="Con",
            parent_id=parent.id,
        )
    await expect_error(db, "UNIT_CYCLE", service.update_unit, unit_id=parent.id, parent_id=child.id)


async def test_taken_unit_code_is_refused_naming_the_code(db):
    err = await expect_error(db, "UNIT_CODE_TAKEN", service.create_unit, code="ttth", name="X")
    assert err.field == ["code"] and "TTTH" in err.text("vi") and "TTTH" in err.text("en")


async def test_unit_with_active_members_cannot_be_deactivated(db):
    from sqlalchemy import select

    from ecabinet.org.models import OrgUnit

    async with db.session() as s:
        ttth = (await s.scalars(select(OrgUnit).where(OrgUnit.code == "TTTH"))).one()
    await expect_error(db, "UNIT_HAS_ACTIVE_MEMBERS", service.deactivate_unit, unit_id=ttth.id)
