"""One unit of work (issue 9): `Database.unit_of_work` — used by mutations, jobs, the
authorization server's routes and the CLI — commits, then publishes the events it
emitted; and no business rule hides in an ORM listener: sessions end by an explicit call
when a password is changed or a user deactivated, never when a stored hash is merely
re-hashed at sign-in."""

from __future__ import annotations

import asyncio
import uuid

from argon2 import PasswordHasher
from sqlalchemy import select, update

from ecabinet.auth import service as auth
from ecabinet.auth.events import SESSION_ENDED, session_channel
from ecabinet.auth.models import RefreshToken
from ecabinet.authz.principal import Role, system_principal
from ecabinet.org import service as org
from ecabinet.org.models import User
from ecabinet.platform.events import emit
from tests.conftest import PASSWORD
from tests.org.test_live import closed_with, connect, recv

ADMIN = system_principal("tests")


async def _refresh_token(runtime, user_id: uuid.UUID) -> str:
    async with runtime.db.unit_of_work() as s:
        return await auth.issue_refresh_token(
            session=s, user_id=user_id, client_id="ecabinet-spa", scope="openid", ttl=3600
        )


async def _live_tokens(runtime, user_id: uuid.UUID) -> int:
    async with runtime.db.session() as s:
        rows = await s.scalars(
            select(RefreshToken).where(
                RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
            )
        )
        return len(list(rows))


async def test_a_unit_of_work_publishes_its_events_after_the_commit(runtime):
    channel = f"test:{uuid.uuid4()}"
    async with runtime.broker.subscribe(channel) as sub:
        async with runtime.db.unit_of_work() as s:
            emit(s, channel, {"n": 1})
        assert await asyncio.wait_for(sub.get(), 5) == {"n": 1}


async def test_a_rolled_back_unit_of_work_publishes_nothing(runtime):
    channel = f"test:{uuid.uuid4()}"
    async with runtime.broker.subscribe(channel) as sub:
        try:
            async with runtime.db.unit_of_work() as s:
                emit(s, channel, {"n": 1})
                raise LookupError("the business step failed")
        except LookupError:
            pass
        async with runtime.db.unit_of_work() as s:
            emit(s, channel, {"n": 2})
        assert await asyncio.wait_for(sub.get(), 5) == {"n": 2}


async def test_re_hashing_a_password_at_sign_in_ends_no_session(runtime, factory):
    """After a change of argon2 parameters the stored hash is re-hashed at the next sign-in;
    the user's other sign-ins (another device) go on."""
    person = await factory.user(roles=(Role.STAFF,), password=PASSWORD)
    await _refresh_token(runtime, person.id)
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    async with runtime.db.unit_of_work() as s:
        await s.execute(update(User).where(User.id == person.id).values(password_hash=weak))
    channel = session_channel(person.id)
    async with runtime.broker.subscribe(channel) as sub:
        async with runtime.db.unit_of_work() as s:
            signed_in = await org.authenticate(
                session=s, username=person.username, password=PASSWORD
            )
        assert signed_in is not None
        async with runtime.db.session() as s:
            user = await s.get(User, person.id)
            assert user is not None and user.password_hash != weak  # it was re-hashed
            assert user.tokens_valid_after is None  # access tokens still work
        assert await _live_tokens(runtime, person.id) == 1  # the other sign-in lives on
        async with runtime.db.unit_of_work() as s:
            emit(s, channel, {"marker": True})
        # what the sign-in published would arrive before the marker: nothing did
        assert await asyncio.wait_for(sub.get(), 5) == {"marker": True}


async def test_a_password_change_ends_every_session_and_says_so(runtime, factory):
    person = await factory.user(roles=(Role.STAFF,), password=PASSWORD)
    await _refresh_token(runtime, person.id)
    async with runtime.broker.subscribe(session_channel(person.id)) as sub:
        async with runtime.db.unit_of_work() as s:
            await org.set_password(
                session=s, principal=ADMIN, user_id=person.id, password="a-new-password-1"
            )
        assert await asyncio.wait_for(sub.get(), 5) == SESSION_ENDED
    assert await _live_tokens(runtime, person.id) == 0


async def test_a_deactivation_ends_every_session_and_says_so(runtime, factory):
    person = await factory.user(roles=(Role.STAFF,), password=PASSWORD)
    await _refresh_token(runtime, person.id)
    async with runtime.broker.subscribe(session_channel(person.id)) as sub:
        async with runtime.db.unit_of_work() as s:
            await org.deactivate_user(session=s, principal=ADMIN, user_id=person.id)
        assert await asyncio.wait_for(sub.get(), 5) == SESSION_ENDED
    assert await _live_tokens(runtime, person.id) == 0


async def test_a_new_password_closes_the_users_sockets(server, gql, factory):
    admin = await factory.user(roles=(Role.ADMIN,))
    person = await factory.user(roles=(Role.STAFF,))
    ws = await connect(server, {"Authorization": f"Bearer {person.token}"})
    assert (await recv(ws))["type"] == "connection_ack"
    body = await gql(
        "mutation($input: SetPasswordInput!) { setPassword(input: $input) { errors { code } } }",
        {"input": {"id": person.gid, "password": "a-new-password-2"}},
        token=admin.token,
    )
    assert body.get("errors") is None, body
    assert await closed_with(ws, timeout=5) == 4403
