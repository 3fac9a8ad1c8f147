"""A backup taken while a SECRET vote is open (`ecabinet backup`) holds who voted and sealed
ballots, never the ballot key, never a count: whoever steals it cannot link a voter to a
choice."""

from __future__ import annotations

import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import BIN
from tests.meetings.helpers import CLOSE, cast, open_vote, running_meeting
from tests.meetings.test_ballot_wal_replay import forms


@pytest.mark.services
async def test_a_backup_during_a_secret_vote_holds_no_key_and_no_choice(
    gql, tokens, test_env, tmp_path: Path
):
    from ecabinet.platform.ids import decode_uuid

    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens, members=3), kind="SECRET"
    )
    for who, option in {"chair": 0, "member1": 1, "member2": 0}.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    archive = tmp_path / "during-the-vote.tar"
    result = subprocess.run(
        [str(BIN / "ecabinet"), "backup", "-o", str(archive)],
        env=test_env.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    key = (test_env.tmp / "data" / "ballot-key").read_text().strip().encode()
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    assert not any(key in content for content in members.values())
    assert not any("ballot-key" in name for name in members)

    database = [name for name in members if name.startswith("database/")]
    if database == ["database/ecabinet.sqlite3"]:  # the SQLite pass: read the copy
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(members[database[0]])
        vote_hex = decode_uuid(vote["id"], "Vote").hex
        options = set().union(*(forms(decode_uuid(o["id"], "VoteOption")) for o in vote["options"]))
        with sqlite3.connect(copy) as conn:
            counts = conn.execute(
                "SELECT count(*) FROM vote_option_count WHERE vote_id = ?", (vote_hex,)
            ).fetchone()
            boxes = [
                bytes(sealed)
                for (sealed,) in conn.execute(
                    "SELECT sealed FROM vote_ballot_box WHERE vote_id = ?", (vote_hex,)
                )
            ]
            voted = conn.execute(
                "SELECT count(*) FROM vote_participation WHERE vote_id = ?", (vote_hex,)
            ).fetchone()
        assert counts == (0,) and voted == (3,)
        assert len(boxes) == 3 and {len(b) for b in boxes} == {44}
        assert not any(o.encode() in b or o in b.hex() for o in options for b in boxes)
    else:  # the PostgreSQL pass: a pg_dump archive
        assert database == ["database/ecabinet.pgdump"], list(members)

    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert [r["count"] for r in closed["data"]["closeVote"]["vote"]["tally"]["results"]] == [
        2,
        1,
        0,
    ]
