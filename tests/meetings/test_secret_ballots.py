"""A SECRET vote stores no link between a voter and a choice, anywhere in the database;
named ballots of an OPEN vote are published only once it is closed."""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any

import pytest
from sqlalchemy import MetaData, select

from tests.meetings.helpers import CLOSE, cast, open_vote, running_meeting, user_gid

BALLOTS = """query($id: ID!) { vote(id: $id) { state kind
  ballots { voter { username } option { label } castAt }
  voters { user { username } hasVoted } } }"""


def forms(key: uuid.UUID) -> set[str]:
    """How a UUID may be stored: native / dashed text (PostgreSQL, JSON), 32 hex (SQLite)."""
    return {str(key), key.hex}


def text_of(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


async def all_rows(db: Any) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every row of every table of the database, as reflected (not as the models say)."""
    out: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    async with db.engine.connect() as conn:
        meta = MetaData()
        await conn.run_sync(meta.reflect)
        for table in meta.sorted_tables:
            rows = (await conn.execute(select(table))).all()
            out[table.name] = ([c.name for c in table.columns], [tuple(r) for r in rows])
    return out


def links(
    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
    voters: set[str],
    choices: set[str],
) -> list[tuple[str, tuple[Any, ...]]]:
    """Rows naming both one of `voters` and one of `choices` (in any column, also JSON)."""
    found = []
    for name, (_, rows) in tables.items():
        for row in rows:
            text = " ".join(text_of(v) for v in row)
            if any(f in text for f in voters) and any(f in text for f in choices):
                found.append((name, row))
    return found


async def vote_forms(gql: Any, token: str, vote: dict[str, Any], voters: list[str]) -> Any:
    from ecabinet.platform.ids import decode_uuid

    option_keys = [decode_uuid(o["id"], "VoteOption") for o in vote["options"]]
    voter_keys = [decode_uuid(await user_gid(gql, token, u), "User") for u in voters]
    return (
        set().union(*(forms(k) for k in voter_keys)),
        set().union(*(forms(k) for k in option_keys)) | {o["label"] for o in vote["options"]},
        forms(decode_uuid(vote["id"], "Vote")),
    )


@pytest.mark.services
async def test_secret_vote_leaves_no_voter_choice_link_in_the_database(gql, tokens, db):
    sec = tokens("secretary")
    tag = secrets.token_hex(3)
    labels = [f"Phương án A-{tag}", f"Phương án B-{tag}", f"Phương án C-{tag}"]
    vote = await open_vote(
        gql, tokens, await running_meeting(gql, tokens), kind="SECRET", options=labels
    )
    choices = {"chair": 0, "member1": 0, "member2": 1, "member3": 2, "member4": 0}
    for who, option in choices.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    closed = (await gql(CLOSE, {"id": vote["id"]}, token=sec))["data"]["closeVote"]["vote"]
    assert [r["count"] for r in closed["tally"]["results"]] == [3, 1, 1]

    voter_forms, choice_forms, this_vote = await vote_forms(gql, sec, vote, list(choices))
    tables = await all_rows(db)
    # no row of any table names both one of the voters and one of the choices
    assert links(tables, voter_forms, choice_forms) == []

    def of_vote(name: str) -> list[dict[str, Any]]:
        columns, rows = tables[name]
        dicts = [dict(zip(columns, r, strict=True)) for r in rows]
        return [d for d in dicts if text_of(d["vote_id"]) in this_vote]

    # who took part: only (vote, voter), one row per voter
    assert sorted(tables["vote_participation"][0]) == ["vote_id", "voter_id"]
    participated = {text_of(d["voter_id"]) for d in of_vote("vote_participation")}
    assert len(participated) == len(choices) and participated <= voter_forms
    # what was chosen: only counts per option
    assert sorted(tables["vote_option_count"][0]) == ["count", "option_id", "vote_id"]
    counted = of_vote("vote_option_count")
    assert sorted(d["count"] for d in counted) == [1, 1, 3]
    assert {text_of(d["option_id"]) for d in counted} <= choice_forms
    # no named ballot for a SECRET vote
    assert of_vote("vote_ballot") == []
    # the audit trail says that each voted, never what
    columns, rows = tables["audit_event"]
    ballots = [
        d
        for d in (dict(zip(columns, r, strict=True)) for r in rows)
        if d["action"] == "vote.ballot" and d["entity_id"] in this_vote
    ]
    assert len(ballots) == len(choices)
    for event in ballots:
        details = event["details"]
        details = json.loads(details) if isinstance(details, str) else details
        assert "option" not in details
        assert not any(f in text_of(event) for f in choice_forms), event

    # and the API has no named list for it
    body = await gql(BALLOTS, {"id": vote["id"]}, token=sec)
    assert "errors" not in body, body
    assert body["data"]["vote"]["ballots"] is None
    voted = {v["user"]["username"] for v in body["data"]["vote"]["voters"] if v["hasVoted"]}
    assert voted == set(choices)


async def test_open_vote_names_ballots_only_once_closed(gql, tokens, db):
    sec = tokens("secretary")
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), liveResults=True)
    choices = {"chair": 0, "member1": 1, "member2": 0}
    for who, option in choices.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    for viewer in ("secretary", "member5"):
        during = await gql(BALLOTS, {"id": vote["id"]}, token=tokens(viewer))
        assert "errors" not in during and during["data"]["vote"]["ballots"] is None

    await gql(CLOSE, {"id": vote["id"]}, token=sec)
    labels = [o["label"] for o in vote["options"]]
    for viewer in ("secretary", "member5"):
        after = (await gql(BALLOTS, {"id": vote["id"]}, token=tokens(viewer)))["data"]["vote"]
        named = {b["voter"]["username"]: b["option"]["label"] for b in after["ballots"]}
        assert named == {who: labels[option] for who, option in choices.items()}
        assert all(b["castAt"] for b in after["ballots"])
    # control: the search that finds nothing for a SECRET vote finds these named ballots
    voter_forms, choice_forms, _ = await vote_forms(gql, sec, vote, list(choices))
    found = links(await all_rows(db), voter_forms, choice_forms)
    assert len([t for t, _ in found if t == "vote_ballot"]) == len(choices)


async def test_secret_vote_never_lists_ballots(gql, tokens):
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), kind="SECRET")
    for who in ("chair", "member1"):
        await cast(gql, tokens, who, vote, 0)
    before = await gql(BALLOTS, {"id": vote["id"]}, token=tokens("secretary"))
    assert before["data"]["vote"]["ballots"] is None
    await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    after = await gql(BALLOTS, {"id": vote["id"]}, token=tokens("secretary"))
    assert after["data"]["vote"]["kind"] == "SECRET" and after["data"]["vote"]["ballots"] is None
