"""Issue 8, Medium 6: an OPEN vote whose live results are hidden leaked each ballot's option
through the audit trail while it was open (an auditor read who chose what before anyone
saw a count). The ballot events carry no option; the named ballots are recorded in one
event when the vote closes, when they are published anyway."""

from __future__ import annotations

import json
from typing import Any

from tests.meetings.helpers import CLOSE, cast, open_vote, running_meeting, user_gid

EVENTS = """query($e: String!) { auditEvents(first: 50, filter: {entityType: "Vote",
  entityId: $e}) { nodes { action actorUsername details } } }"""


async def vote_events(gql: Any, tokens: Any, vote_key: Any) -> list[dict[str, Any]]:
    body = await gql(EVENTS, {"e": str(vote_key)}, token=tokens("auditor"))
    assert "errors" not in body, body
    return body["data"]["auditEvents"]["nodes"]


async def test_an_auditor_reads_no_choice_of_an_open_vote_until_it_closes(gql, tokens):
    from ecabinet.platform.ids import decode_uuid

    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens))  # results hidden
    key = decode_uuid(vote["id"], "Vote")
    options = [str(decode_uuid(o["id"], "VoteOption")) for o in vote["options"]]
    choices = {"chair": 0, "member1": 1, "member2": 0}
    for who, option in choices.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []

    during = await vote_events(gql, tokens, key)
    ballots = [e for e in during if e["action"] == "vote.ballot"]
    assert sorted(e["actorUsername"] for e in ballots) == sorted(choices)  # who voted: yes
    text = json.dumps([e["details"] for e in during])
    assert not any(o in text for o in options), during  # what they chose: no
    assert not any(e["action"] == "vote.ballots" for e in during)

    closed = await gql(CLOSE, {"id": vote["id"]}, token=tokens("secretary"))
    assert closed["data"]["closeVote"]["errors"] == []
    after = await vote_events(gql, tokens, key)
    named = [e for e in after if e["action"] == "vote.ballots"]
    assert len(named) == 1 and named[0]["actorUsername"] == "secretary"
    sec = tokens("secretary")
    users = {str(decode_uuid(await user_gid(gql, sec, who), "User")): who for who in choices}
    recorded = {
        users[b["voter"]]: options.index(b["option"]) for b in named[0]["details"]["ballots"]
    }
    assert recorded == choices
    # the ballot events themselves still name no option
    assert all("option" not in e["details"] for e in after if e["action"] == "vote.ballot")
