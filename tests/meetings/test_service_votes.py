"""Vote rules at the service level (issue 9): the typed snapshot every reader shares, and
who may administer and cast. Data from tests/factories.py."""

from __future__ import annotations

import json

import pytest

from ecabinet.meetings.enums import VoteKind, VoteState
from ecabinet.meetings.votes import service as votes
from ecabinet.meetings.votes.snapshot import VoteSnapshot
from ecabinet.platform.errors import Forbidden


async def _snapshot(runtime, vote_id) -> VoteSnapshot:
    async with runtime.db.session() as s:
        return (await votes.snapshots(s, None, [vote_id]))[vote_id]


async def test_a_snapshot_travels_through_the_broker_and_comes_back_the_same(factory, runtime):
    """What subscribers receive (JSON through the broker) is read back into the very
    snapshot the API answers with: no field lost, typed again."""
    secretary, chair = await factory.secretary(), await factory.member()
    members = [await factory.member() for _ in range(3)]
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=members, status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting, live_results=True)
    await factory.ballot(vote=vote, voter=chair, option=0)
    snap = await _snapshot(runtime, vote.id)
    assert (snap.kind, snap.state, snap.cast, snap.eligible) == (
        VoteKind.OPEN,
        VoteState.OPEN,
        1,
        4,
    )
    assert snap.has_voted(chair.id) and not snap.has_voted(members[0].id)
    wire = json.loads(json.dumps(snap.to_message()))
    assert VoteSnapshot.from_message(wire) == snap
    assert wire["access"]["meeting"]["participants"]  # live subscribers are checked on it


async def test_an_open_secret_vote_shows_no_counts_to_anyone(factory, runtime):
    secretary, chair = await factory.secretary(), await factory.member()
    members = [await factory.member() for _ in range(3)]
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=members, status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting, kind="SECRET")
    for voter in (chair, *members):
        await factory.ballot(vote=vote, voter=voter, option=0)
    snap = await _snapshot(runtime, vote.id)
    assert (snap.cast, snap.counts, snap.results_visible) == (4, None, False)
    assert "counts" in snap.to_message() and snap.to_message()["counts"] is None


async def test_a_member_may_neither_open_nor_close_a_vote(factory):
    secretary, chair = await factory.secretary(), await factory.member()
    member = await factory.member()
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=[member], status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting, open=False)
    for action in (votes.open_vote, votes.close_vote):
        with pytest.raises(Forbidden) as refused:
            await factory.run(
                lambda s, action=action: action(
                    session=s, principal=member.principal, vote_id=vote.id
                )
            )
        assert refused.value.reason == "NOT_SECRETARIAT"
    opened = await factory.run(
        lambda s: votes.open_vote(session=s, principal=chair.principal, vote_id=vote.id)
    )
    assert opened.state == VoteState.OPEN  # the chair runs the meeting's votes


async def test_only_the_secretariat_starts_a_written_ballot(factory):
    member = await factory.member()
    with pytest.raises(Forbidden) as refused:
        await factory.vote(by=member, voter_ids=[member.id], deadline=None)
    assert refused.value.reason == "NOT_SECRETARIAT"


async def test_the_viewer_is_told_whether_they_may_vote_now(factory, gql):
    """Vote.viewerCanVote asks the one rule (votes.tally.ballot_refusal through
    votes.access.can_cast_ballot): an eligible member who has not voted may; after their
    ballot they may not; whoever runs it without a vote (the secretary) may not."""
    from tests.factories import gid

    secretary, chair, member = (
        await factory.secretary(),
        await factory.member(),
        await factory.member(),
    )
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=[member], status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting)
    q = "query($id: ID!) { vote(id: $id) { viewerCanVote viewerHasVoted } }"

    async def told(person):
        return (await gql(q, {"id": gid("Vote", vote.id)}, token=person.token))["data"]["vote"]

    assert await told(member) == {"viewerCanVote": True, "viewerHasVoted": False}
    await factory.ballot(vote=vote, voter=member, option=0)
    assert await told(member) == {"viewerCanVote": False, "viewerHasVoted": True}
    assert (await told(chair))["viewerCanVote"] is True
    assert (await told(secretary))["viewerCanVote"] is False  # runs it, is no voter


async def test_a_meetings_votes_follow_its_level_when_it_is_raised(factory, runtime):
    """Raising a meeting's level raises its votes' (the meetings.meeting_audience_changed
    hook, wired in meetings/wire.py): a staff member who read the vote of an INTERNAL
    meeting no longer finds it once the meeting is CONFIDENTIAL."""
    from ecabinet.authz.principal import Clearance
    from ecabinet.meetings import service as meetings

    secretary = await factory.secretary(clearance=Clearance.SECRET)
    chair = await factory.member(clearance=Clearance.CONFIDENTIAL)
    member = await factory.member(clearance=Clearance.CONFIDENTIAL)
    staff = await factory.user()  # INTERNAL, takes no part: sees INTERNAL meetings only
    meeting = await factory.meeting(
        by=secretary, chair=chair, members=[member], status="IN_PROGRESS"
    )
    vote = await factory.vote(by=secretary, meeting=meeting)

    async def seen_by(person):
        async with runtime.db.session() as s:
            return await votes.snapshots(s, person.principal, [vote.id])

    assert vote.id in await seen_by(staff)
    await factory.run(
        lambda s: meetings.update_meeting(
            session=s,
            principal=secretary.principal,
            meeting_id=meeting.id,
            confidentiality=Clearance.CONFIDENTIAL,
        )
    )
    assert (await _snapshot(runtime, vote.id)).confidentiality == Clearance.CONFIDENTIAL
    assert await seen_by(staff) == {}
    assert vote.id in await seen_by(member)
