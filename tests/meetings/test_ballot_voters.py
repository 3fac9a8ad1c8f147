"""Issue 8, Medium 4 (votes): a listed voter of a written ballot reads it (title, options,
results), so a voter below the ballot's level is refused when it is created — and the
answer is the same as for a user who does not exist, so that it tells nobody's clearance."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ecabinet.graphql.relay import gid
from tests.meetings.helpers import CREATE_VOTE, user_gid


async def written_ballot(gql: Any, tokens: Any, voter_ids: list[str], level: str, lang: str = "vi"):
    body = await gql(
        CREATE_VOTE,
        {
            "i": {
                "title": "Lấy ý kiến về đề án mật",
                "voterIds": voter_ids,
                "deadline": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
                "confidentiality": level,
            }
        },
        token=tokens("secretary"),
        lang=lang,
    )
    assert "errors" not in body, body
    return body["data"]["createVote"]


async def test_a_written_ballot_refuses_a_voter_below_its_level(gql, tokens):
    sec = tokens("secretary")
    cleared = [await user_gid(gql, sec, u) for u in ("member1", "member2")]
    staff = await user_gid(gql, sec, "staff")  # INTERNAL clearance
    refused = await written_ballot(gql, tokens, [*cleared, staff], "SECRET")
    assert refused["vote"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [
        ("VOTER_NOT_CLEARED", ["voterIds"])
    ]
    # the same voters on an INTERNAL ballot, and the cleared ones on the SECRET one: fine
    assert (await written_ballot(gql, tokens, [*cleared, staff], "INTERNAL"))["errors"] == []
    assert (await written_ballot(gql, tokens, cleared, "SECRET"))["errors"] == []


async def test_not_cleared_and_no_such_user_answer_alike(gql, tokens):
    sec = tokens("secretary")
    member = await user_gid(gql, sec, "member1")
    staff = await user_gid(gql, sec, "staff")
    nobody = gid("User", uuid.uuid4())
    for lang in ("vi", "en"):
        below = await written_ballot(gql, tokens, [member, staff], "SECRET", lang)
        missing = await written_ballot(gql, tokens, [member, nobody], "SECRET", lang)
        assert below == missing, lang
        assert below["errors"][0]["code"] == "VOTER_NOT_CLEARED" and below["errors"][0]["message"]
