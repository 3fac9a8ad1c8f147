"""Migration 0006 on a database with votes in it: a SECRET vote open at upgrade time keeps
the counts of the ballots cast before it and adds, at the close, the sealed ballots cast
after it; a closed SECRET vote whose counts may no longer be published (two ballots) loses
its count rows but keeps its recorded outcome; one with three ballots and quorum keeps
them."""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import BACKEND, BIN

pytestmark = pytest.mark.services

NOW = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def migrate(test_env: Any, url: str, revision: str | None = None) -> None:
    args = [str(BIN / "ecabinet"), "migrate"] + ([revision] if revision else [])
    result = subprocess.run(
        args, env=test_env.env(DATABASE_URL=url), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def secret_vote(
    conn: sqlite3.Connection, users: list[uuid.UUID], state: str, counts: list[int], cast: int
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A SECRET written ballot as the code before 0006 left it: voters, participations of
    the first `cast` voters, and running counts."""
    vote, options = uuid.uuid4(), [uuid.uuid4() for _ in counts]
    conn.execute(
        "INSERT INTO vote (id, title, kind, majority, state, live_results, confidentiality,"
        " version, cast_count, created_at, updated_at, outcome)"
        " VALUES (?, 'Biểu quyết kín', 'SECRET', 'ABSOLUTE', ?, 0, 1, 1, ?, ?, ?, ?)",
        (vote.hex, state, cast, NOW, NOW, "ADOPTED" if state == "CLOSED" else None),
    )
    for n, (option, count) in enumerate(zip(options, counts, strict=True)):
        conn.execute(
            "INSERT INTO vote_option (id, vote_id, position, label) VALUES (?, ?, ?, ?)",
            (option.hex, vote.hex, n, f"Phương án {n}"),
        )
        conn.execute(
            "INSERT INTO vote_option_count (vote_id, option_id, count) VALUES (?, ?, ?)",
            (vote.hex, option.hex, count),
        )
    for n, user in enumerate(users):
        conn.execute(
            "INSERT INTO vote_voter (vote_id, user_id, is_chair) VALUES (?, ?, 0)",
            (vote.hex, user.hex),
        )
        if n < cast:
            conn.execute(
                "INSERT INTO vote_participation (vote_id, voter_id) VALUES (?, ?)",
                (vote.hex, user.hex),
            )
    return vote, options


def count_rows(conn: sqlite3.Connection, vote: uuid.UUID) -> dict[str, int]:
    return {
        option: count
        for option, count in conn.execute(
            "SELECT option_id, count FROM vote_option_count WHERE vote_id = ?", (vote.hex,)
        )
    }


@pytest.mark.skipif(BACKEND != "sqlite", reason="a SQLite database of its own")
async def test_migration_0006_keeps_in_flight_secret_votes_countable(test_env, runtime, tmp_path):
    from ecabinet.authz.principal import system_principal
    from ecabinet.meetings.votes import service as votes
    from ecabinet.meetings.votes.models import BallotBox, Participation
    from ecabinet.platform.db import Database
    from ecabinet.settings import to_async_url

    path: Path = tmp_path / "before-0006.sqlite3"
    url = f"sqlite:///{path}"
    migrate(test_env, url, "0005")
    users = [uuid.uuid4() for _ in range(4)]
    with sqlite3.connect(path) as conn:
        for n, user in enumerate(users):
            conn.execute(
                "INSERT INTO app_user (id, username, full_name, clearance, active, created_at,"
                " updated_at) VALUES (?, ?, ?, 1, 1, ?, ?)",
                (user.hex, f"voter{n}-{user.hex[:6]}", f"Đại biểu {n}", NOW, NOW),
            )
        # open, three of four voted before the upgrade: [2, 1, 0]
        in_flight, options = secret_vote(conn, users, "OPEN", [2, 1, 0], cast=3)
        # closed after two ballots: [1, 1, 0] told each the other's choice
        two, _ = secret_vote(conn, users, "CLOSED", [1, 1, 0], cast=2)
        # closed with three of four: publishable
        three, _ = secret_vote(conn, users, "CLOSED", [2, 1, 0], cast=3)
    migrate(test_env, url)

    with sqlite3.connect(path) as conn:
        assert sorted(count_rows(conn, in_flight).values()) == [0, 1, 2]
        assert count_rows(conn, two) == {}
        assert sorted(count_rows(conn, three).values()) == [0, 1, 2]
        assert conn.execute("SELECT outcome FROM vote WHERE id = ?", (two.hex,)).fetchone() == (
            "ADOPTED",
        )

    # the fourth voter votes after the upgrade (a sealed ballot), then the vote closes
    db = Database(to_async_url(url))
    try:
        async with db.unit_of_work() as s:
            s.add(Participation(vote_id=in_flight, voter_id=users[3]))
            s.add(BallotBox(vote_id=in_flight, sealed=votes.seal_choice(in_flight, options[0])))
        async with db.unit_of_work() as s:
            await votes.close_vote(
                session=s, principal=system_principal("tests"), vote_id=in_flight, system=True
            )
        async with db.session() as s:
            snap = (await votes.snapshots(s, None, [in_flight]))[in_flight]
            left = (await s.scalars(select(BallotBox).where(BallotBox.vote_id == in_flight))).all()
    finally:
        await db.dispose()
    assert (snap.counts, snap.cast, snap.outcome) == ((3, 1, 0), 4, "ADOPTED")
    assert left == []
