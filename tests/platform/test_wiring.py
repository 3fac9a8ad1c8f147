"""Explicit wiring (issue 9): every domain's jobs, hooks, node types, file owners and
routes are registered by its wire(), called from `app.DOMAINS` — pinned here by name, so
that deleting an import somewhere can never silently turn off a rule (the written-ballot
deadline, the reminders, one task per directive)."""

from __future__ import annotations

from ecabinet.app import DOMAINS, wire_domains
from ecabinet.platform import hooks, jobs
from ecabinet.platform.wiring import ACTIVE, Registry, wire_all

JOBS = {
    # name: (interval in seconds, single runner, function)
    "meetings.close_due_votes": (2.0, False, "close_due_votes"),
    "tasks.reminders": (60.0, True, "send_reminders"),
}
HOOKS = {
    "org.user_locked_out": ["end_user_sessions"],  # a new password, a deactivation
    "meetings.meeting_closed": ["close_open_votes_of_meeting"],
    # a meeting's level or audience changed: its votes follow, their watchers re-check
    "meetings.meeting_audience_changed": ["follow_meeting"],
    "meetings.conclusion_issued": ["tasks_from_conclusion"],
}
NODES = {"User", "OrgUnit", "Meeting", "Vote", "AgendaItem", "Task"}
FILE_OWNERS = {"AgendaItem", "TaskReport"}
ROUTES = {
    "/.well-known/openid-configuration",
    "/auth/authorize",
    "/auth/jwks.json",
    "/auth/login.css",
    "/auth/logout",
    "/auth/token",
    "/auth/userinfo",
    "/exports/votes/{vote_id}.{fmt}",
    "/files/{file_id}",
}


def test_the_domains_wire_exactly_these_jobs():
    registry = wire_all(DOMAINS)
    assert {
        name: (job.interval, job.single_runner, job.fn.__name__)
        for name, job in registry.jobs.items()
    } == JOBS


def test_the_domains_wire_exactly_these_hooks():
    registry = wire_all(DOMAINS)
    assert {name: [fn.__name__ for fn in fns] for name, fns in registry.hooks.items()} == HOOKS


def test_the_domains_wire_their_node_types_file_owners_and_routes():
    registry = wire_all(DOMAINS)
    assert set(registry.nodes) == NODES
    assert set(registry.file_owners) == FILE_OWNERS
    assert {route.path for route in registry.routes} == ROUTES


def test_installing_makes_them_the_process_s_and_twice_changes_nothing():
    wire_domains()
    wire_domains()
    assert set(JOBS) <= set(jobs.JOBS)
    for name, fns in HOOKS.items():
        assert [fn.__name__ for fn in ACTIVE.hooks[name]] == fns
    assert NODES <= set(ACTIVE.nodes)


async def test_a_hook_runs_only_when_wired():
    seen: list[int] = []

    async def react(*, n: int) -> int:
        seen.append(n)
        return n

    assert await hooks.run("test.unwired", n=1) == []
    registry = Registry()
    registry.hook("test.wired", react)
    registry.install()
    assert await hooks.run("test.wired", n=2) == [2]
    assert seen == [2]
