"""The ballot key that seals SECRET ballots: never in the database; required and strong in
production; generated once, private, in development; a box that this key cannot open (or
that someone with the database altered) is refused at the close, not miscounted."""

from __future__ import annotations

import stat
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select

from tests.conftest import BIN
from tests.meetings.helpers import CLOSE, cast, open_vote, running_meeting


def test_a_sealed_choice_opens_only_with_its_key_and_its_vote():
    from ecabinet.platform.sealing import Sealer, SealError, new_key_text

    sealer = Sealer(new_key_text().encode())
    vote, other_vote = b"vote|" + uuid.uuid4().bytes, b"vote|" + uuid.uuid4().bytes
    yes, no = uuid.uuid4().bytes, uuid.uuid4().bytes
    first, second = sealer.seal(vote, yes), sealer.seal(vote, yes)
    assert first != second and len(first) == len(second) == len(sealer.seal(vote, no))
    assert sealer.open(vote, first) == sealer.open(vote, second) == yes
    with pytest.raises(SealError):
        sealer.open(other_vote, first)  # moved to another vote
    with pytest.raises(SealError):
        Sealer(new_key_text().encode()).open(vote, first)  # another key
    with pytest.raises(SealError):
        sealer.open(vote, first[:-1] + bytes([first[-1] ^ 1]))  # altered


def production(**env: str) -> list[str]:
    from ecabinet.settings import Settings

    base = {
        "ECABINET_ENV": "production",
        "DATABASE_URL": "postgresql://u@db:5432/ecabinet",
        "ECABINET_SECRET_KEY": "Zq8sV2mN4xR7tY1uW3oP5aS9dF6gH0jK",
        "ECABINET_PUBLIC_URL": "https://ecabinet.gov.vn",
    }
    problems = Settings(**{**base, **env}).production_problems()
    return [p for p in problems if "BALLOT" in p]


@pytest.mark.parametrize(
    "key",
    [None, "", "short-key", "x" * 64, "ab" * 24, "Zq8sV2mN4xR7tY1uW3oP5aS9dF6gH0jK"],
    ids=["missing", "empty", "short", "one-char", "two-chars", "same-as-secret"],
)
def test_production_refuses_a_missing_or_weak_ballot_key(key):
    env = {} if key is None else {"ECABINET_BALLOT_KEY": key}
    assert production(**env) != []


def test_production_accepts_a_random_ballot_key():
    from ecabinet.platform.sealing import new_key_text

    assert production(ECABINET_BALLOT_KEY=new_key_text()) == []
    openssl_hex = "9f1c2a7be04d5c38a6f0e12b94d7c3a58e6b0f27d1c49a3e5b8f02c7d64e1a90"
    assert production(ECABINET_BALLOT_KEY=openssl_hex) == []


def test_the_server_refuses_to_start_in_production_without_a_ballot_key(test_env):
    env = test_env.env(ECABINET_ENV="production")
    result = subprocess.run(
        [str(BIN / "ecabinet"), "serve"], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode != 0
    line = result.stderr.strip().splitlines()[-1]
    assert "refusing to start in production" in line and "ECABINET_BALLOT_KEY" in line


def test_development_generates_one_private_ballot_key(tmp_path: Path):
    from ecabinet.platform.sealing import load_key

    path = tmp_path / "data" / "ballot-key"
    # several processes starting at once agree on one key
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_key(None, path, create=True), range(16)))
    assert len(keys) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(None, path, create=True) == keys.pop()
    assert sorted(p.name for p in path.parent.iterdir()) == ["ballot-key"]  # no leftovers
    # production never creates one; a configured key wins over the file
    with pytest.raises(FileNotFoundError):
        load_key(None, tmp_path / "elsewhere", create=False)
    assert load_key("configured", path, create=True) == b"configured"


def test_the_server_keeps_its_ballot_key_beside_the_database_not_in_it(test_env, server):
    key = test_env.tmp / "data" / "ballot-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    database = test_env.tmp / "data" / "test.sqlite3"
    if test_env.database_url is None:  # the SQLite pass: not in the file nor its log
        text = key.read_text().strip().encode()
        files = [p for p in (database, database.with_name(database.name + "-wal")) if p.exists()]
        assert database in files
        for path in files:
            assert text not in path.read_bytes()


async def three_ballots(gql: Any, tokens: Any) -> tuple[dict[str, Any], Any]:
    from ecabinet.platform.ids import decode_uuid

    # 4 eligible, 3 ballots: quorum, and counts that may be published
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens, members=3), kind="SECRET"
    )
    for who, option in {"chair": 0, "member1": 1, "member2": 0}.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    return vote, decode_uuid(vote["id"], "Vote")


async def close_as_system(db: Any, vote_key: Any) -> str | None:
    from ecabinet.authz.principal import system_principal
    from ecabinet.meetings.votes import service as votes
    from ecabinet.platform.errors import DomainError

    try:
        async with db.unit_of_work() as s:
            await votes.close_vote(
                session=s, principal=system_principal("tests"), vote_id=vote_key, system=True
            )
    except DomainError as exc:
        return exc.code
    return None


async def test_a_ballot_box_sealed_with_another_key_is_not_counted(gql, tokens, db, test_env):
    from ecabinet.platform import sealing

    vote, key = await three_ballots(gql, tokens)
    own = sealing.load_key(None, test_env.tmp / "data" / "ballot-key", create=False)
    sealing.configure(sealing.new_key_text().encode())  # e.g. a lost or changed key
    try:
        assert await close_as_system(db, key) == "BALLOT_BOX_UNREADABLE"
    finally:
        sealing.configure(own)
    # nothing was lost: with the right key the vote closes with the right counts
    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert closed["data"]["closeVote"]["errors"] == []
    assert [r["count"] for r in closed["data"]["closeVote"]["vote"]["tally"]["results"]] == [
        2,
        1,
        0,
    ]


async def test_a_sealed_ballot_copied_by_someone_with_the_database_is_refused(gql, tokens, db):
    from ecabinet.meetings.votes.models import BallotBox

    vote, key = await three_ballots(gql, tokens)
    copy = uuid.uuid4()
    async with db.unit_of_work() as s:
        sealed = (await s.scalars(select(BallotBox.sealed).where(BallotBox.vote_id == key))).first()
        await s.execute(insert(BallotBox).values(vote_id=key, id=copy, sealed=sealed))
    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert "errors" not in closed, closed  # a UserError, not a server error
    assert [e["code"] for e in closed["data"]["closeVote"]["errors"]] == ["BALLOT_BOX_UNREADABLE"]
    # the vote stays open with its box intact; without the copy it closes rightly
    async with db.unit_of_work() as s:
        await s.execute(delete(BallotBox).where(BallotBox.id == copy))
    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    results = closed["data"]["closeVote"]["vote"]["tally"]["results"]
    assert [r["count"] for r in results] == [2, 1, 0]
