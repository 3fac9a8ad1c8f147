"""Data made per test, through the domain services — never borrowed from the demo seed.

Every name is unique, so tests do not see each other's rows and may run in any order:

    async def test_a_member_sees_the_meeting(factory, gql):
        secretary = await factory.user(roles=[Role.SECRETARY])
        member = await factory.user(roles=[Role.CABINET_MEMBER])
        meeting = await factory.meeting(by=secretary, members=[member], status="IN_PROGRESS")
        body = await gql(QUERY, {"id": gid("Meeting", meeting.id)}, token=member.token)

`factory.user()` returns a `Person` with a ready Bearer access token for the test server
(`person.token`, every scope, an hour), its `Principal` for service calls and its global ID.
The other factories return the created model objects (ids, codes, states as stored).

Each factory is one unit of work (commit, then publish its events), as a mutation is. They
look the services up where the domains keep them now and where issue 9 moves them
(`meetings/agenda/`, `meetings/votes/`), so a move does not break every test at once.
"""

from __future__ import annotations

import importlib
import itertools
import secrets
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import ModuleType
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa

from ecabinet.authz.principal import SCOPES, Clearance, Principal, Role, system_principal
from ecabinet.platform.ids import to_global_id

T = TypeVar("T")
PASSWORD = "factory-password-1"
ROOT = system_principal("tests")
_serial = itertools.count(1)


def unique(prefix: str = "t") -> str:
    """A name no other test uses (lower case, fits usernames and unit codes)."""
    return f"{prefix}{next(_serial)}x{secrets.token_hex(3)}"


def gid(type_name: str, key: uuid.UUID | str) -> str:
    """The global ID the API uses for a row (`gid("Meeting", meeting.id)`)."""
    return to_global_id(type_name, key)


async def run(db: Any, fn: Callable[..., Awaitable[T]], **kw: Any) -> T:
    """A service function called in a unit of work of its own (committed on return)."""
    async with db.unit_of_work() as s:
        return await fn(session=s, **kw)


async def refused(db: Any, fn: Callable[..., Awaitable[Any]], **kw: Any) -> Any:
    """The domain error a service function raises (it must raise one)."""
    from ecabinet.platform.errors import DomainError

    with pytest.raises(DomainError) as err:
        await run(db, fn, **kw)
    return err.value


async def audit_events(db: Any, entity_id: uuid.UUID, action: str) -> list[Any]:
    """The audit trail's events about one record with this action (platform.audit)."""
    from ecabinet.platform.audit import AuditEvent

    async with db.session() as s:
        rows = await s.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.entity_id == str(entity_id), AuditEvent.action == action
            )
        )
        return list(rows)


def _module(*names: str) -> ModuleType:
    """The first of `names` that imports (a module where it is now, or where it moves)."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
    raise ModuleNotFoundError(f"none of {names}")


def _fn(name: str, *modules: str) -> Callable[..., Awaitable[Any]]:
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module_name.startswith(exc.name):
                raise
            continue
        if hasattr(module, name):
            return getattr(module, name)  # type: ignore[no-any-return]
    raise AttributeError(f"{name} is in none of {modules}")


MEETINGS = ("ecabinet.meetings.service",)
AGENDA = ("ecabinet.meetings.agenda.service", "ecabinet.meetings.service")
VOTES = ("ecabinet.meetings.votes.service", "ecabinet.meetings.votes")
TASKS = ("ecabinet.tasks.service",)

# table-level access where a factory only reads ids back (immune to moved model modules)
_VOTE_OPTION = sa.table(
    "vote_option", sa.column("id", sa.Uuid), sa.column("vote_id", sa.Uuid), sa.column("position")
)


@dataclass(frozen=True)
class Person:
    """A user made for one test: ids, its principal for service calls, a Bearer token."""

    id: uuid.UUID
    username: str
    full_name: str
    unit_id: uuid.UUID | None
    roles: frozenset[str]
    clearance: Clearance
    principal: Principal
    token: str
    password: str = PASSWORD

    @property
    def gid(self) -> str:
        return to_global_id("User", self.id)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class CreatedVote:
    """A vote with its options' ids in order (`vote.options[0]` is the first option)."""

    vote: Any
    options: list[uuid.UUID] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return self.vote.id  # type: ignore[no-any-return]

    @property
    def gid(self) -> str:
        return to_global_id("Vote", self.vote.id)

    def option_gid(self, index: int) -> str:
        return to_global_id("VoteOption", self.options[index])


class Factory:
    """Creates rows for one test through the services, on the test runtime's database."""

    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime

    async def run(self, action: Callable[[Any], Awaitable[T]]) -> T:
        """`action(session)` as one unit of work (platform.db: committed, then its events
        published to the runtime's broker), as a mutation runs."""
        async with self.runtime.db.unit_of_work() as session:
            return await action(session)

    def token(self, person_or_id: Person | uuid.UUID, *, ttl: int = 3600, **claims: Any) -> str:
        """An access token the test server accepts (every scope, as the SPA asks for)."""
        user_id = person_or_id.id if isinstance(person_or_id, Person) else person_or_id
        body = {
            "sub": str(user_id),
            "client_id": "tests",
            "scope": " ".join(("openid", *SCOPES)),
            **claims,
        }
        return self.runtime.tokens.issue(body, ttl)  # type: ignore[no-any-return]

    # -- organisation -------------------------------------------------------------------

    async def unit(self, *, name: str | None = None, parent: Any = None, **kw: Any) -> Any:
        """An org unit with a unique code (`unit.code`, `unit.id`)."""
        from ecabinet.org import service as org

        code = unique("U").upper()
        return await self.run(
            lambda s: org.create_unit(
                session=s,
                principal=ROOT,
                code=code,
                name=name or f"Đơn vị {code}",
                parent_id=getattr(parent, "id", parent),
                **kw,
            )
        )

    async def user(
        self,
        *,
        roles: Iterable[str] = (Role.STAFF,),
        unit: Any = None,
        clearance: Clearance = Clearance.INTERNAL,
        full_name: str | None = None,
        username: str | None = None,
        password: str = PASSWORD,
        **kw: Any,
    ) -> Person:
        """A user with a unique username and a password; `unit` is a unit or its id
        (`unit=True` makes a new unit for it)."""
        from ecabinet.org import service as org

        if unit is True:
            unit = await self.unit()
        unit_id = getattr(unit, "id", unit)
        name = username or unique("u")
        role_list = [str(r) for r in roles]
        user = await self.run(
            lambda s: org.create_user(
                session=s,
                principal=ROOT,
                username=name,
                full_name=full_name or f"Người Thử {name}",
                unit_id=unit_id,
                roles=role_list,
                clearance=clearance,
                password=password,
                **kw,
            )
        )
        principal = Principal(
            kind="user",
            user_id=user.id,
            username=user.username,
            unit_id=user.unit_id,
            roles=frozenset(role_list),
            clearance=Clearance(clearance),
            scopes=frozenset(SCOPES),
        )
        return Person(
            id=user.id,
            username=user.username,
            full_name=user.full_name,
            unit_id=user.unit_id,
            roles=frozenset(role_list),
            clearance=Clearance(clearance),
            principal=principal,
            token=self.token(user.id),
            password=password,
        )

    async def secretary(self, **kw: Any) -> Person:
        return await self.user(roles=[Role.SECRETARY], **kw)

    async def member(self, **kw: Any) -> Person:
        return await self.user(roles=[Role.CABINET_MEMBER], **kw)

    async def partner(
        self, *, scopes: str, clearance: Clearance = Clearance.INTERNAL, name: str | None = None
    ) -> dict[str, str]:
        """A partner system registered as `ecabinet client create` does (in this process, no
        command started): {"client_id", "client_secret", "scopes", "clearance"}."""
        from ecabinet.auth import service as auth

        made = await self.run(
            lambda s: auth.create_client(
                session=s,
                actor=ROOT,
                name=name or f"Đối tác {unique('p')}",
                scopes=scopes.split(),
                clearance=Clearance(clearance),
            )
        )
        return {
            "client_id": made.client.client_id,
            "client_secret": made.secret,
            "scopes": scopes,
            "clearance": Clearance(clearance).name,
        }

    # -- meetings -----------------------------------------------------------------------

    async def meeting(
        self,
        *,
        by: Person | None = None,
        chair: Person | None = None,
        members: Sequence[Person] = (),
        participants: Sequence[tuple[Person, str]] = (),
        status: str = "DRAFT",
        confidentiality: int = Clearance.INTERNAL,
        kind: str = "STEERING_COMMITTEE",
        title: str | None = None,
        starts_at: datetime | None = None,
        **kw: Any,
    ) -> Any:
        """A meeting made by `by` (a new secretary if None, also its SECRETARY participant),
        with `chair` as CHAIR, `members` as MEMBERs and any other (person, role) pairs,
        then moved on to `status` (SCHEDULED, IN_PROGRESS, CLOSED) as the secretariat does."""
        meetings = _module(*MEETINGS)
        by = by or await self.secretary()
        people: list[tuple[Person, str]] = []
        if Role.SECRETARY in by.roles:
            people.append((by, "SECRETARY"))
        if chair is not None:
            people.append((chair, "CHAIR"))
        people += [(m, "MEMBER") for m in members]
        people += list(participants)
        meeting = await self.run(
            lambda s: meetings.create_meeting(
                session=s,
                principal=by.principal,
                title=title or f"Phiên họp {unique('m')}",
                starts_at=starts_at or datetime.now(UTC) + timedelta(hours=1),
                location="Phòng họp số 1",
                kind=kind,
                confidentiality=confidentiality,
                participants=[
                    meetings.NewParticipant(user_id=p.id, role=role) for p, role in people
                ],
                **kw,
            )
        )
        path = {
            "DRAFT": (),
            "SCHEDULED": ("SCHEDULED",),
            "IN_PROGRESS": ("SCHEDULED", "IN_PROGRESS"),
            "CLOSED": ("SCHEDULED", "IN_PROGRESS", "CLOSED"),
            "CANCELLED": ("CANCELLED",),
        }[str(status)]
        for step in path:
            meeting = await self.run(
                lambda s, step=step: meetings.set_status(
                    session=s, principal=by.principal, meeting_id=meeting.id, status=step
                )
            )
        return meeting

    async def agenda_item(
        self, *, meeting: Any, by: Person, title: str | None = None, **kw: Any
    ) -> Any:
        add = _fn("add_agenda_item", *AGENDA)
        return await self.run(
            lambda s: add(
                session=s,
                principal=by.principal,
                meeting_id=getattr(meeting, "id", meeting),
                title=title or f"Nội dung {unique('a')}",
                **kw,
            )
        )

    async def vote(
        self,
        *,
        by: Person,
        meeting: Any = None,
        open: bool = True,
        title: str | None = None,
        **kw: Any,
    ) -> CreatedVote:
        """A vote of `meeting` (or a written ballot with `voter_ids=`), opened unless
        `open=False`; options default to the service's (for / against / abstain)."""
        create = _fn("create_vote", *VOTES)
        vote = await self.run(
            lambda s: create(
                session=s,
                principal=by.principal,
                title=title or f"Biểu quyết {unique('v')}",
                meeting_id=getattr(meeting, "id", meeting),
                **kw,
            )
        )
        if open:
            opener = _fn("open_vote", *VOTES)
            vote = await self.run(
                lambda s: opener(session=s, principal=by.principal, vote_id=vote.id)
            )
        options = await self._options(vote.id)
        return CreatedVote(vote, options)

    async def _options(self, vote_id: uuid.UUID) -> list[uuid.UUID]:
        async with self.runtime.db.session() as s:
            rows = await s.scalars(
                sa.select(_VOTE_OPTION.c.id)
                .where(_VOTE_OPTION.c.vote_id == vote_id)
                .order_by(_VOTE_OPTION.c.position)
            )
            return list(rows)

    async def ballot(self, *, vote: CreatedVote, voter: Person, option: int = 0) -> Any:
        cast = _fn("cast_ballot", *VOTES)
        return await self.run(
            lambda s: cast(
                session=s,
                principal=voter.principal,
                vote_id=vote.id,
                option_id=vote.options[option],
            )
        )

    async def close_vote(self, *, vote: CreatedVote, by: Person) -> Any:
        close = _fn("close_vote", *VOTES)
        return await self.run(lambda s: close(session=s, principal=by.principal, vote_id=vote.id))

    # -- tasks --------------------------------------------------------------------------

    async def task(
        self,
        *,
        by: Person | None = None,
        lead: Any = None,
        coordinating: Sequence[Any] = (),
        due: date | None = None,
        days: int | None = 10,
        title: str | None = None,
        **kw: Any,
    ) -> Any:
        """A task assigned by `by` (a new cabinet member if None) to the `lead` unit (a new
        unit if None), due in `days` days (or on `due`; `days=None` and no `due`: none)."""
        from ecabinet.platform import clock

        tasks = _module(*TASKS)
        by = by or await self.member()
        lead = lead if lead is not None else await self.unit()
        if due is None and days is not None:
            due = clock.today() + timedelta(days=days)
        new = tasks.NewTask(
            title=title or f"Nhiệm vụ {unique('k')}",
            lead_unit_id=getattr(lead, "id", lead),
            coordinating_unit_ids=[getattr(u, "id", u) for u in coordinating],
            due_date=due,
            **kw,
        )
        return await self.run(
            lambda s: tasks.create_task(session=s, principal=by.principal, new=new)
        )
