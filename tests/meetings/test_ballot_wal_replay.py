"""The attack of issue 8 (High 3), replayed: someone with a copy of the database — its
write-ahead log, a backup, a replica, or a session polling every table while a SECRET vote
is open — watches the database change ballot by ballot, knowing who voted each time (the
participation rows say so). Nothing they see may depend on the choice: no option id, no
label, no count that moves, no row that differs per option; two ballots for one option are
unrelated. The closed vote's counts are still right.
"""

from __future__ import annotations

import secrets
import shutil
import sqlite3
import struct
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKEND
from tests.meetings.helpers import CLOSE, cast, open_vote, running_meeting, user_gid
from tests.meetings.test_secret_ballots import all_rows, text_of

# who votes what, in this order: each option chosen by two voters or more, and the voters
# of one option not consecutive
BALLOTS = [("chair", 0), ("member1", 1), ("member2", 0), ("member3", 2), ("member4", 1)]
BALLOTS += [("member5", 0)]
State = dict[str, Counter[tuple[str, ...]]]


def forms(key: uuid.UUID) -> set[str]:
    """How a UUID may be stored or read back: dashed text, 32 hex digits."""
    return {str(key), key.hex}


def normalise(tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> State:
    """Rows as tuples of text (bytes as hex), counted, per table."""
    out: State = {}
    for name, (columns, rows) in tables.items():
        out[name] = Counter(
            tuple(
                f"{c}=" + (bytes(v).hex() if isinstance(v, bytes | memoryview) else text_of(v))
                for c, v in zip(columns, row, strict=True)
            )
            for row in rows
        )
    return out


def diff(
    before: State, after: State
) -> dict[str, tuple[list[tuple[str, ...]], list[tuple[str, ...]]]]:
    """Per table: the rows that appeared and the rows that went (a changed row is both)."""
    out = {}
    for name in set(before) | set(after):
        old, new = before.get(name, Counter()), after.get(name, Counter())
        added, removed = list((new - old).elements()), list((old - new).elements())
        if added or removed:
            out[name] = (added, removed)
    return out


def of_vote(rows: list[tuple[str, ...]], vote_forms: set[str]) -> list[tuple[str, ...]]:
    return [r for r in rows if any(f in " ".join(r) for f in vote_forms)]


def shape(change: dict[str, Any], vote_forms: set[str]) -> dict[str, tuple[int, int]]:
    """What a change looks like without its values: rows of this vote added and removed
    per table (what background jobs or other tests' votes change meanwhile left out)."""
    out = {}
    for name, (added, removed) in change.items():
        added, removed = of_vote(added, vote_forms), of_vote(removed, vote_forms)
        if added or removed:
            out[name] = (len(added), len(removed))
    return out


def revealing(change: dict[str, Any], choice_forms: set[str]) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (name, row)
        for name, (added, removed) in change.items()
        for row in added + removed
        if any(f in " ".join(row) for f in choice_forms)
    ]


def sealed_of(change: dict[str, Any]) -> list[bytes]:
    added, _ = change.get("vote_ballot_box", ([], []))
    return [bytes.fromhex(v.split("=", 1)[1]) for r in added for v in r if v.startswith("sealed=")]


def bit_distance(a: bytes, b: bytes) -> float:
    return sum(bin(x ^ y).count("1") for x, y in zip(a, b, strict=True)) / (8 * len(a))


async def secret_vote(
    gql: Any, tokens: Any
) -> tuple[dict[str, Any], set[str], set[str], list[set[str]]]:
    from ecabinet.platform.ids import decode_uuid

    tag = secrets.token_hex(3)
    labels = [f"Phương án A-{tag}", f"Phương án B-{tag}", f"Phương án C-{tag}"]
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens), kind="SECRET", options=labels
    )
    choice_forms = set(labels)
    for o in vote["options"]:
        choice_forms |= forms(decode_uuid(o["id"], "VoteOption"))
    sec = tokens("secretary")
    voter_forms = [forms(decode_uuid(await user_gid(gql, sec, who), "User")) for who, _ in BALLOTS]
    return vote, choice_forms, forms(decode_uuid(vote["id"], "Vote")), voter_forms


def check_ballot_changes(
    changes: list[dict[str, Any]], choice_forms: set[str], vote_forms: set[str]
) -> None:
    """What every ballot of BALLOTS changed: the same shape whatever the option, nothing
    naming an option, no count, and sealed ballots that tell nothing."""
    assert len(changes) == len(BALLOTS)
    for n, change in enumerate(changes):
        assert revealing(change, choice_forms) == [], BALLOTS[n]
    shapes = [shape(c, vote_forms) for c in changes]
    assert not any("vote_option_count" in s for s in shapes), shapes
    assert shapes[0]["vote_participation"] == (1, 0)  # who voted: the attacker sees that
    assert shapes[0]["vote_ballot_box"] == (1, 0)
    assert all(s == shapes[0] for s in shapes), shapes
    sealed = [sealed_of(c) for c in changes]
    assert all(len(s) == 1 for s in sealed)
    boxes = [s[0] for s in sealed]
    assert len({len(b) for b in boxes}) == 1 and len(set(boxes)) == len(boxes)
    # two ballots for one option are unrelated: about half their bits differ (a sealing
    # without a fresh nonce would give equal or close values)
    for i, (_, a) in enumerate(BALLOTS):
        for j, (_, b) in enumerate(BALLOTS[:i]):
            if a == b:
                assert bit_distance(boxes[i][12:], boxes[j][12:]) > 0.25, (i, j)
                assert boxes[i][:12] != boxes[j][:12]


async def close_and_check(gql: Any, tokens: Any, vote: dict[str, Any]) -> None:
    body = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    tally = body["data"]["closeVote"]["vote"]["tally"]
    expected = Counter(option for _, option in BALLOTS)
    assert [r["count"] for r in tally["results"]] == [expected[i] for i in range(3)]
    assert tally["cast"] == len(BALLOTS)


async def test_polling_every_table_during_a_secret_vote_shows_no_counts(gql, tokens, db):
    """Both backends (on PostgreSQL what a replica or a DBA's session sees)."""
    vote, choice_forms, vote_forms, _ = await secret_vote(gql, tokens)
    before = normalise(await all_rows(db))
    changes = []
    for who, option in BALLOTS:
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
        after = normalise(await all_rows(db))
        changes.append(diff(before, after))
        before = after
    # no count of this vote exists anywhere while it is open
    assert of_vote(list(before["vote_option_count"]), vote_forms) == []
    check_ballot_changes(changes, choice_forms, vote_forms)
    await close_and_check(gql, tokens, vote)
    # the box is emptied at the close
    assert of_vote(list(normalise(await all_rows(db))["vote_ballot_box"]), vote_forms) == []


# ---- the SQLite write-ahead log, as the attacker read it ------------------------------------


def wal_frames(wal: bytes) -> tuple[bytes, list[tuple[int, bytes]]]:
    """(salts, [(page number, page)]) of the valid frames of a SQLite WAL file: those
    carrying the header's salts (older frames past a reset carry older salts)."""
    if len(wal) < 32:
        return b"", []
    page_size = struct.unpack(">I", wal[8:12])[0]
    salts = wal[16:24]
    frames, at = [], 32
    while at + 24 + page_size <= len(wal):
        header = wal[at : at + 24]
        if header[8:16] != salts:
            break
        frames.append((struct.unpack(">I", header[:4])[0], wal[at + 24 : at + 24 + page_size]))
        at += 24 + page_size
    return salts, frames


def new_frames(old: tuple[bytes, list[Any]], new: tuple[bytes, list[Any]]) -> bytes:
    """The pages a commit wrote: the frames added since `old` (all of them after a reset)."""
    (old_salts, old_frames), (salts, frames) = old, new
    fresh = frames[len(old_frames) :] if salts == old_salts else frames
    return b"".join(page for _, page in fresh)


def copy_state(db_file: Path, into: Path) -> State:
    """Copy the database file and its WAL, as a backup or a stolen disk would, and read
    every row of the copy (SQLite replays the WAL when it opens it)."""
    into.mkdir(parents=True)
    copy = into / "copy.sqlite3"
    shutil.copyfile(db_file.with_name(db_file.name + "-wal"), into / "copy.sqlite3-wal")
    shutil.copyfile(db_file, copy)
    conn = sqlite3.connect(copy)
    try:
        tables = {}
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            cursor = conn.execute(f'SELECT * FROM "{name}"')
            tables[name] = ([d[0] for d in cursor.description], cursor.fetchall())
    finally:
        conn.close()
    return normalise(tables)


@pytest.mark.skipif(BACKEND != "sqlite", reason="the SQLite write-ahead log")
async def test_replaying_the_sqlite_wal_commit_by_commit_links_no_voter_to_a_choice(
    gql, tokens, test_env, tmp_path
):
    db_file = test_env.tmp / "data" / "test.sqlite3"
    wal_file = db_file.with_name(db_file.name + "-wal")
    vote, choice_forms, vote_forms, voter_forms = await secret_vote(gql, tokens)
    choice_bytes = {f.encode() for f in choice_forms}

    before = copy_state(db_file, tmp_path / "0")
    log = wal_frames(wal_file.read_bytes())
    changes = []
    for n, (who, option) in enumerate(BALLOTS, start=1):
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
        # the raw pages this ballot's commit appended to the log: they name the voter
        # (the attacker does learn who voted) but carry nothing of the choice
        current = wal_frames(wal_file.read_bytes())
        pages = new_frames(log, current)
        log = current
        after = copy_state(db_file, tmp_path / str(n))
        changes.append(diff(before, after))
        before = after
        assert any(f.encode() in pages for f in voter_forms[n - 1]), "the replay saw the ballot"
        assert not any(f in pages for f in choice_bytes), (who, option)
    check_ballot_changes(changes, choice_forms, vote_forms)
    await close_and_check(gql, tokens, vote)
