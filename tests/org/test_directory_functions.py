"""What other domains ask of org (active and cleared people, unit heads, names), through
org's service functions: no other domain reads org's tables itself."""

from __future__ import annotations

import secrets
import uuid

import pytest

from ecabinet.authz.principal import Clearance, Role, system_principal
from ecabinet.org import service
from ecabinet.platform.errors import DomainError

ROOT = system_principal("tests")


async def unit(db):
    async with db.unit_of_work() as s:
        return await service.create_unit(
            session=s, principal=ROOT, code=f"T-{secrets.token_hex(3).upper()}", name="Vụ Thử"
        )


async def person(db, *, unit_id=None, roles=(Role.STAFF,), clearance=Clearance.INTERNAL, name=None):
    async with db.unit_of_work() as s:
        return await service.create_user(
            session=s,
            principal=ROOT,
            username=f"u{secrets.token_hex(4)}",
            full_name=name or f"Người {secrets.token_hex(2)}",
            unit_id=unit_id,
            roles=list(roles),
            clearance=clearance,
        )


async def deactivate(db, user):
    async with db.unit_of_work() as s:
        await service.deactivate_user(session=s, principal=ROOT, user_id=user.id)


async def test_a_deactivated_or_under_cleared_person_is_not_an_active_cleared_user(db):
    ok = await person(db, clearance=Clearance.SECRET)
    low = await person(db, clearance=Clearance.INTERNAL)
    gone = await person(db, clearance=Clearance.SECRET)
    await deactivate(db, gone)
    ids = [ok.id, low.id, gone.id, uuid.uuid4()]
    async with db.session() as s:
        assert await service.active_user_ids(session=s, ids=ids) == {ok.id, low.id}
        assert await service.active_user_ids(session=s, ids=ids, cleared_for=Clearance.SECRET) == {
            ok.id
        }


async def test_require_active_users_raises_the_callers_own_error_for_anyone_missing(db):
    low = await person(db, clearance=Clearance.INTERNAL)

    class Refused(Exception):
        pass

    async with db.session() as s:
        await service.require_active_users(session=s, ids=[low.id])  # active: fine
        with pytest.raises(Refused):
            await service.require_active_users(
                session=s, ids=[low.id], cleared_for=Clearance.SECRET, error=Refused
            )
        with pytest.raises(DomainError) as err:
            await service.require_active_users(session=s, ids=[uuid.uuid4()])
    assert err.value.code == "USER_NOT_FOUND"


async def test_unit_heads_are_the_active_heads_of_each_unit(db):
    u = await unit(db)
    head = await person(db, unit_id=u.id, roles=[Role.UNIT_HEAD])
    await person(db, unit_id=u.id, roles=[Role.STAFF])
    former = await person(db, unit_id=u.id, roles=[Role.UNIT_HEAD])
    await deactivate(db, former)
    async with db.session() as s:
        assert await service.unit_heads(session=s, unit_ids=[u.id]) == {u.id: [head.id]}
        assert (await service.unit_heads(session=s))[u.id] == [head.id]


async def test_display_names_and_names_below_a_level(db):
    a = await person(db, name="Nguyễn Văn A", clearance=Clearance.CONFIDENTIAL)
    b = await person(db, name="Trần Thị B", clearance=Clearance.SECRET)
    async with db.session() as s:
        names = await service.display_names(session=s, ids=[a.id, b.id])
        below = await service.names_below_clearance(
            session=s, ids=[b.id, a.id], level=Clearance.SECRET
        )
    assert names == {a.id: "Nguyễn Văn A", b.id: "Trần Thị B"}
    assert below == ["Nguyễn Văn A"]


async def test_require_units_refuses_an_unknown_unit(db):
    u = await unit(db)
    async with db.session() as s:
        await service.require_units(session=s, ids=[u.id])
        with pytest.raises(DomainError) as err:
            await service.require_units(session=s, ids=[u.id, uuid.uuid4()])
        order = await service.unit_display_order(session=s)
    assert err.value.code == "UNIT_NOT_FOUND"
    assert order[u.id] == (0, "Vụ Thử")
