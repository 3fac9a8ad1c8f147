"""Business rules of votes: creation, opening (eligibility frozen), ballots counted
exactly under concurrency, closing (by hand or at the deadline), and snapshots.

Exactness: every ballot runs `UPDATE vote SET version = version + 1 … WHERE state='OPEN'`
first, which locks the vote row until commit, so ballots of one vote are serialised on
every engine and every process; one ballot per voter is enforced by the primary keys of
`vote_ballot` / `vote_participation`, not only in Python.

SECRET ballots (docs/secret-ballots.md): a ballot is one transaction that adds the voter's
`Participation` (who, no choice) and a `BallotBox` row (the choice sealed with the ballot
key, which is not in the database; no voter, no time, no order), and writes no count: a
copy of the database, its log, a backup or a replica cannot link a voter to a choice
without the key. At the close the box is opened in a random order, counted, the counts
stored (when `tally.counts_published` allows) and the box emptied.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Clearance, Principal
from ecabinet.authz.rows import visible
from ecabinet.meetings import access as meetings_access
from ecabinet.meetings import service as meetings
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.enums import (
    VOTING_ROLES,
    Attendance,
    MajorityRule,
    MeetingStatus,
    ParticipantRole,
    VoteKind,
    VoteOutcome,
    VoteState,
)
from ecabinet.meetings.errors import meetings_error
from ecabinet.meetings.events import emit_meeting_event, meeting_audiences, vote_channel
from ecabinet.meetings.models import Meeting, Participant
from ecabinet.meetings.visibility import Audience
from ecabinet.meetings.votes import access
from ecabinet.meetings.votes.models import (
    BallotBox,
    OpenBallot,
    OptionCount,
    Participation,
    Vote,
    VoteOption,
    Voter,
)
from ecabinet.meetings.votes.snapshot import OptionSnapshot, VoteSnapshot
from ecabinet.meetings.votes.tally import (
    DEFAULT_OPTIONS,
    ballot_refusal,
    counts_published,
    decide,
)
from ecabinet.org import service as org
from ecabinet.platform import audit
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.events import emit
from ecabinet.platform.pagination import Page, PageRequest, paginate
from ecabinet.platform.sealing import SealError
from ecabinet.platform.sealing import current as ballot_sealer

log = logging.getLogger("ecabinet.meetings")


# ---- the ballot box of a SECRET vote ---------------------------------------------------


def _box_context(vote_id: uuid.UUID) -> bytes:
    """What a sealed ballot is bound to: its vote (the key is derived from it, and it is the
    associated data, so a box row cannot be moved to another vote)."""
    return b"vote-ballot-box|" + vote_id.bytes


def seal_choice(vote_id: uuid.UUID, option_id: uuid.UUID) -> bytes:
    """The choice sealed: 16 bytes of option id (the same length for every option) under
    AES-GCM with a random nonce, so two ballots for one option look unrelated."""
    return ballot_sealer().seal(_box_context(vote_id), option_id.bytes)


def open_choice(vote_id: uuid.UUID, sealed: bytes) -> uuid.UUID:
    return uuid.UUID(bytes=ballot_sealer().open(_box_context(vote_id), sealed))


def _box_unreadable(vote: Vote, why: str) -> Exception:
    log.error("the ballot box of SECRET vote %s cannot be counted: %s", vote.id, why)
    return meetings_error("BALLOT_BOX_UNREADABLE", field=["id"])


async def _count_ballot_box(session: AsyncSession, vote: Vote) -> None:
    """At the close of a SECRET vote: open its sealed ballots in a random order (not the
    order they were cast), count them and store the counts — only when they may be
    published; otherwise they are never opened — and empty the box. Counts left by ballots
    cast before the ballot box existed (migration 0006) are added in."""
    eligible = await session.scalar(
        select(func.count()).select_from(Voter).where(Voter.vote_id == vote.id)
    )
    cast = await session.scalar(
        select(func.count()).select_from(Participation).where(Participation.vote_id == vote.id)
    )
    sealed = list(
        await session.scalars(select(BallotBox.sealed).where(BallotBox.vote_id == vote.id))
    )
    earlier: dict[uuid.UUID, int] = {
        option_id: count
        for option_id, count in await session.execute(
            select(OptionCount.option_id, OptionCount.count).where(OptionCount.vote_id == vote.id)
        )
    }
    await session.execute(delete(BallotBox).where(BallotBox.vote_id == vote.id))
    await session.execute(delete(OptionCount).where(OptionCount.vote_id == vote.id))
    if not counts_published(kind=VoteKind.SECRET, eligible=eligible or 0, cast=cast or 0):
        return  # NO_QUORUM without counts: the ballots are destroyed unopened
    if len(set(sealed)) != len(sealed) or len(sealed) + sum(earlier.values()) != cast:
        raise _box_unreadable(vote, f"{len(sealed)} sealed ballots for {cast} voters")
    options = set(await session.scalars(select(VoteOption.id).where(VoteOption.vote_id == vote.id)))
    random.SystemRandom().shuffle(sealed)
    counted: Counter[uuid.UUID] = Counter(earlier)
    for box in sealed:
        try:
            choice = open_choice(vote.id, box)
        except SealError:
            raise _box_unreadable(vote, "a ballot does not open with this ballot key") from None
        if choice not in options:
            raise _box_unreadable(vote, "a ballot names no option of the vote")
        counted[choice] += 1
    for option_id in options:
        session.add(OptionCount(vote_id=vote.id, option_id=option_id, count=counted[option_id]))
    await session.flush()


# ---- snapshots: the one representation of a vote, for queries and subscriptions -------


async def snapshots(
    session: AsyncSession, principal: Principal | None, vote_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, VoteSnapshot]:
    """Snapshots of the votes the principal may see (None: the system, sees all). A fixed
    number of queries whatever the number of votes."""
    stmt = select(Vote).where(Vote.id.in_(vote_ids)).execution_options(populate_existing=True)
    if principal is not None:
        stmt = visible(stmt, Vote, principal)
    votes = {v.id: v for v in await session.scalars(stmt)}
    if not votes:
        return {}
    ids = list(votes)
    options: dict[uuid.UUID, list[VoteOption]] = {i: [] for i in ids}
    for o in await session.scalars(
        select(VoteOption).where(VoteOption.vote_id.in_(ids)).order_by(VoteOption.position)
    ):
        options[o.vote_id].append(o)
    counts: dict[uuid.UUID, int] = {}
    for c in await session.scalars(select(OptionCount).where(OptionCount.vote_id.in_(ids))):
        counts[c.option_id] = c.count
    voters: dict[uuid.UUID, list[Voter]] = {i: [] for i in ids}
    for v in await session.scalars(select(Voter).where(Voter.vote_id.in_(ids))):
        voters[v.vote_id].append(v)
    voted: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    chair_choice: dict[uuid.UUID, uuid.UUID] = {}
    chairs = {(v.vote_id, v.user_id) for vs in voters.values() for v in vs if v.is_chair}
    for b in await session.scalars(select(OpenBallot).where(OpenBallot.vote_id.in_(ids))):
        voted[b.vote_id].append(b.voter_id)
        if (b.vote_id, b.voter_id) in chairs:
            chair_choice[b.vote_id] = b.option_id
    for p in await session.scalars(select(Participation).where(Participation.vote_id.in_(ids))):
        voted[p.vote_id].append(p.voter_id)
    meeting_ids = {v.meeting_id for v in votes.values() if v.meeting_id}
    audiences = await meeting_audiences(
        session, list(await session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids))))
    )
    return {
        vid: _snapshot(
            v,
            options[vid],
            counts,
            voters[vid],
            voted[vid],
            chair_choice.get(vid),
            audiences.get(v.meeting_id) if v.meeting_id else None,
        )
        for vid, v in votes.items()
    }


def _snapshot(
    vote: Vote,
    options: list[VoteOption],
    counts: dict[uuid.UUID, int],
    voters: list[Voter],
    voted: list[uuid.UUID],
    chair_option: uuid.UUID | None,
    meeting_audience: Audience | None,
) -> VoteSnapshot:
    per_option: list[int] | None = [counts.get(o.id, 0) for o in options]
    cast = len(voted)
    if vote.kind == VoteKind.SECRET and (
        vote.state != VoteState.CLOSED
        or not counts_published(kind=vote.kind, eligible=len(voters), cast=cast)
    ):
        # a SECRET vote has no counts before it closes (the database has none either), and
        # none after it when they may not be published: they are not in the snapshot, which
        # goes through the broker with the list of who has voted
        per_option = None
    chair_index = next((i for i, o in enumerate(options) if o.id == chair_option), None)
    result = decide(
        state=vote.state,
        kind=vote.kind,
        majority=vote.majority,
        eligible=len(voters),
        counts=per_option if per_option is not None else [0] * len(options),
        chair_choice=chair_index,
        cast=cast,
    )
    closed_outcome = vote.state == VoteState.CLOSED and vote.outcome
    return VoteSnapshot(
        id=vote.id,
        version=vote.version,
        title=vote.title,
        kind=VoteKind(vote.kind),
        state=VoteState(vote.state),
        majority=MajorityRule(vote.majority),
        live_results=vote.live_results,
        deadline=vote.deadline,
        opened_at=vote.opened_at,
        closed_at=vote.closed_at,
        meeting_id=vote.meeting_id,
        agenda_item_id=vote.agenda_item_id,
        confidentiality=vote.confidentiality,
        options=tuple(OptionSnapshot(o.id, o.label) for o in options),
        counts=tuple(per_option) if per_option is not None else None,
        eligible=len(voters),
        cast=cast,
        voters=tuple(sorted((v.user_id for v in voters), key=str)),
        voted=tuple(sorted(voted, key=str)),
        present=tuple(sorted((v.user_id for v in voters if v.present_at_close), key=str)),
        quorum_reached=result.quorum_reached,
        outcome=VoteOutcome(closed_outcome or result.outcome),
        meeting_audience=meeting_audience,
    )


async def record_vote_change(
    session: AsyncSession,
    principal: Principal,
    vote: Vote,
    action: str,
    *,
    details: dict[str, Any] | None = None,
) -> VoteSnapshot:
    """One change of a vote, recorded by one call: the audit event `action` at the vote's
    level (a meeting's vote follows its meeting's: `level_of`), and the new snapshot
    published to its watchers after commit. Details hold raw UUIDs, never a choice of an
    open vote."""
    audit.record(
        session,
        actor=principal,
        action=action,
        entity_type="Vote",
        entity_id=vote.id,
        level=vote.confidentiality,
        level_of=vote.meeting_id,
        details=details,
    )
    return await _publish(session, vote.id)


async def _publish(session: AsyncSession, vote_id: uuid.UUID) -> VoteSnapshot:
    snap = (await snapshots(session, None, [vote_id]))[vote_id]
    emit(session, vote_channel(vote_id), snap.to_message())
    return snap


async def follow_meeting(*, session: AsyncSession, meeting: Meeting, **_: Any) -> None:
    """A meeting's level or audience changed (`service.MEETING_AUDIENCE_CHANGED_HOOK`): its
    votes take its level and their subscribers re-check access."""
    await session.execute(
        update(Vote)
        .where(Vote.meeting_id == meeting.id, Vote.confidentiality != meeting.confidentiality)
        .values(confidentiality=meeting.confidentiality)
    )
    await republish_meeting_votes(session, meeting)


async def republish_meeting_votes(session: AsyncSession, meeting: Meeting) -> None:
    """After a change of who may see a meeting, its votes' subscribers re-check access."""
    ids = list(
        await session.scalars(
            select(Vote.id).where(Vote.meeting_id == meeting.id, Vote.state != VoteState.CLOSED)
        )
    )
    for vid in ids:
        await session.execute(update(Vote).where(Vote.id == vid).values(version=Vote.version + 1))
        await _publish(session, vid)


# ---- reads ------------------------------------------------------------------------------


async def list_votes(
    *,
    db: Database,
    principal: Principal,
    meeting_id: uuid.UUID | None,
    state: str | None,
    written_only: bool,
    page: PageRequest,
) -> Page[Vote]:
    stmt = visible(select(Vote), Vote, principal)
    if meeting_id:
        stmt = stmt.where(Vote.meeting_id == meeting_id)
    if written_only:
        stmt = stmt.where(Vote.meeting_id.is_(None))
    if state:
        stmt = stmt.where(Vote.state == state)
    return await paginate(db.session, stmt.order_by(Vote.created_at.desc(), Vote.id), page)


async def vote_ids_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    out: dict[uuid.UUID, list[uuid.UUID]] = {m: [] for m in meeting_ids}
    stmt = (
        visible(select(Vote.id, Vote.meeting_id), Vote, principal)
        .where(Vote.meeting_id.in_(meeting_ids))
        .order_by(Vote.created_at, Vote.id)
    )
    for vid, mid in await session.execute(stmt):
        if mid is not None:  # always: the rows are of these meetings
            out[mid].append(vid)
    return out


NamedBallotRow = tuple[uuid.UUID, uuid.UUID, datetime]


async def named_ballots_by_vote(
    *, session: AsyncSession, principal: Principal, vote_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[NamedBallotRow]]:
    """(voter, option, time) of each visible OPEN vote among `vote_ids` once it is closed,
    in two queries whatever their number; the other votes are absent."""
    ids = list(
        await session.scalars(
            visible(select(Vote.id), Vote, principal).where(
                Vote.id.in_(vote_ids), Vote.kind == VoteKind.OPEN, Vote.state == VoteState.CLOSED
            )
        )
    )
    out: dict[uuid.UUID, list[NamedBallotRow]] = {i: [] for i in ids}
    if ids:
        rows = await session.execute(
            select(
                OpenBallot.vote_id, OpenBallot.voter_id, OpenBallot.option_id, OpenBallot.cast_at
            )
            .where(OpenBallot.vote_id.in_(ids))
            .order_by(OpenBallot.cast_at, OpenBallot.voter_id)
        )
        for vid, voter, option, at in rows:
            out[vid].append((voter, option, at))
    return out


async def named_ballots(
    *, session: AsyncSession, principal: Principal, vote_id: uuid.UUID
) -> list[NamedBallotRow] | None:
    """(voter, option, time) of an OPEN vote once it is closed; None otherwise."""
    found = await named_ballots_by_vote(session=session, principal=principal, vote_ids=[vote_id])
    return found.get(vote_id)


async def eligible_voters(
    *, session: AsyncSession, principal: Principal, vote_id: uuid.UUID
) -> list[Voter]:
    stmt = visible(select(Voter), Voter, principal).where(Voter.vote_id == vote_id)
    return list(await session.scalars(stmt))


# ---- changes ---------------------------------------------------------------------------


async def _vote(session: AsyncSession, principal: Principal | None, vote_id: uuid.UUID) -> Vote:
    """The vote if `principal` may see it; None: the system acting on the rules (the
    deadline job), which sees every vote."""
    stmt = select(Vote).where(Vote.id == vote_id).execution_options(populate_existing=True)
    if principal is not None:
        stmt = visible(stmt, Vote, principal)
    vote = (await session.scalars(stmt)).first()
    if vote is None:
        raise meetings_error("VOTE_NOT_FOUND", field=["voteId"])
    return vote


async def _require_administer_vote(
    session: AsyncSession, principal: Principal, vote: Vote
) -> Meeting | None:
    """`access.can_administer_vote` on this vote (FORBIDDEN NOT_SECRETARIAT); its meeting,
    if it has one."""
    if vote.meeting_id:
        meeting = await meetings.get_meeting(session, principal, vote.meeting_id)
        access.require_administer_vote(
            principal,
            meeting_participants=await meetings.own_participation(session, principal, meeting.id),
            created_by_id=vote.created_by_id,
        )
        return meeting
    access.require_administer_vote(
        principal, meeting_participants=None, created_by_id=vote.created_by_id
    )
    return None


async def create_vote(
    *,
    session: AsyncSession,
    principal: Principal,
    title: str,
    kind: str = VoteKind.OPEN,
    majority: str = MajorityRule.ABSOLUTE,
    options: Sequence[str] | None = None,
    live_results: bool = False,
    meeting_id: uuid.UUID | None = None,
    agenda_item_id: uuid.UUID | None = None,
    deadline: datetime | None = None,
    voter_ids: Sequence[uuid.UUID] = (),
    confidentiality: int | None = None,
) -> Vote:
    labels = [" ".join(o.split())[:200] for o in (options or DEFAULT_OPTIONS)]
    labels = [x for x in labels if x]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise meetings_error("TOO_FEW_OPTIONS", field=["options"])
    if deadline is not None and deadline <= utcnow():
        raise meetings_error("DEADLINE_IN_PAST", field=["deadline"])
    level = int(Clearance.INTERNAL)
    if meeting_id is not None:
        meeting = await meetings.get_meeting(session, principal, meeting_id, lock=True)
        await meetings.require_manage_meeting(session, principal, meeting)
        meetings.require_editable(meeting)
        level = meeting.confidentiality
        if agenda_item_id is not None:
            item = await agenda.get_agenda_item(session, principal, agenda_item_id)
            if item.meeting_id != meeting.id:
                raise meetings_error("AGENDA_ITEM_NOT_FOUND", field=["agendaItemId"])
    else:
        meetings_access.require_create_written_ballot(principal)
        if agenda_item_id is not None:  # an agenda item belongs to a meeting's vote
            raise meetings_error("AGENDA_ITEM_NOT_FOUND", field=["agendaItemId"])
        if deadline is None or not voter_ids:
            raise meetings_error("DEADLINE_REQUIRED", field=["deadline"])
        if confidentiality is not None:
            level = meetings.check_level(principal, confidentiality)
        # a listed voter reads the vote: each must be cleared for its level; one answer for
        # "not cleared" and "no such user", so that it tells nothing of anyone's clearance
        await org.require_active_users(
            session=session,
            ids=voter_ids,
            cleared_for=level,
            error=lambda: meetings_error("VOTER_NOT_CLEARED", field=["voterIds"]),
        )
    vote = Vote(
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        title=meetings.clean_title(title),
        kind=kind,
        majority=majority,
        state=VoteState.DRAFT,
        live_results=live_results,
        deadline=deadline,
        confidentiality=level,
        version=1,
        created_by_id=principal.user_id,
    )
    session.add(vote)
    await session.flush()
    for n, label in enumerate(labels):
        session.add(VoteOption(vote_id=vote.id, position=n, label=label))
    for uid in dict.fromkeys(voter_ids if meeting_id is None else ()):
        session.add(Voter(vote_id=vote.id, user_id=uid))
    await session.flush()
    await record_vote_change(
        session,
        principal,
        vote,
        "vote.create",
        details={"title": vote.title, "kind": kind, "majority": majority},
    )
    if meeting_id is not None:  # other screens of the meeting learn of the new vote
        await emit_meeting_event(session, meeting, "VOTE_CREATED", voteId=vote.id)
    return vote


async def open_vote(*, session: AsyncSession, principal: Principal, vote_id: uuid.UUID) -> Vote:
    vote = await _vote(session, principal, vote_id)
    meeting = await _require_administer_vote(session, principal, vote)
    if vote.state != VoteState.DRAFT:
        raise meetings_error("VOTE_NOT_DRAFT")
    if meeting is not None:
        if meeting.status != MeetingStatus.IN_PROGRESS:
            raise meetings_error("MEETING_NOT_IN_PROGRESS")
        members = list(
            await session.execute(
                select(Participant.user_id, Participant.role).where(
                    Participant.meeting_id == meeting.id, Participant.role.in_(VOTING_ROLES)
                )
            )
        )
        for uid, role in members:
            session.add(Voter(vote_id=vote.id, user_id=uid, is_chair=role == ParticipantRole.CHAIR))
        eligible = len(members)
    else:
        eligible = len(
            list(await session.scalars(select(Voter.user_id).where(Voter.vote_id == vote.id)))
        )
    if eligible == 0:
        raise meetings_error("NO_ELIGIBLE_VOTERS")
    if vote.kind == VoteKind.OPEN:  # a SECRET vote has no counts until it closes
        for option_id in await session.scalars(
            select(VoteOption.id).where(VoteOption.vote_id == vote.id)
        ):
            session.add(OptionCount(vote_id=vote.id, option_id=option_id, count=0))
    vote.state, vote.opened_at, vote.version = VoteState.OPEN, utcnow(), vote.version + 1
    await session.flush()
    await record_vote_change(session, principal, vote, "vote.open", details={"eligible": eligible})
    if meeting is not None:
        meeting = await meetings.get_meeting(session, principal, meeting.id, lock=True)
        await emit_meeting_event(session, meeting, "VOTE_OPENED", voteId=vote.id)
    return vote


async def cast_ballot(
    *, session: AsyncSession, principal: Principal, vote_id: uuid.UUID, option_id: uuid.UUID
) -> Vote:
    # lock the vote row first: ballots of one vote are serialised, versions are dense
    locked = await session.execute(
        update(Vote)
        .where(Vote.id == vote_id, Vote.state == VoteState.OPEN)
        .values(version=Vote.version + 1, cast_count=Vote.cast_count + 1)
    )
    vote = await _vote(session, principal, vote_id)
    if locked.rowcount != 1:  # type: ignore[attr-defined]
        raise meetings_error("VOTE_NOT_OPEN", field=["voteId"])
    if vote.deadline is not None and vote.deadline <= utcnow():
        raise meetings_error("VOTE_NOT_OPEN", field=["voteId"])
    eligible = (
        principal.user_id is not None
        and await session.get(Voter, (vote.id, principal.user_id)) is not None
    )
    ballot = OpenBallot if vote.kind == VoteKind.OPEN else Participation
    voted = eligible and await session.get(ballot, (vote.id, principal.user_id)) is not None
    refusal = ballot_refusal(state=VoteState.OPEN, eligible=eligible, already_voted=voted)
    if refusal is not None:  # one ballot per voter, of the eligible (tally.py)
        raise meetings_error(refusal)
    option = await session.get(VoteOption, option_id)
    if option is None or option.vote_id != vote.id:
        raise meetings_error("INVALID_OPTION", field=["optionId"])
    row: Any
    if vote.kind == VoteKind.OPEN:
        row = OpenBallot(
            vote_id=vote.id, voter_id=principal.user_id, option_id=option.id, cast_at=utcnow()
        )
    else:
        row = Participation(vote_id=vote.id, voter_id=principal.user_id)
    session.add(row)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent duplicate the lock did not serialise
        raise meetings_error("ALREADY_VOTED") from exc
    if vote.kind == VoteKind.OPEN:
        await session.execute(
            update(OptionCount)
            .where(OptionCount.vote_id == vote.id, OptionCount.option_id == option.id)
            .values(count=OptionCount.count + 1)
        )
    else:
        # the choice goes into the ballot box, sealed, with nothing of the voter, and no
        # count changes: the transaction's rows are the same whatever the option
        session.add(BallotBox(vote_id=vote.id, sealed=seal_choice(vote.id, option.id)))
        await session.flush()
    # the audit trail records that a ballot was cast, never the choice while the vote is
    # open (an OPEN vote's named ballots are recorded when it closes, see close_vote)
    await record_vote_change(session, principal, vote, "vote.ballot", details={})
    return vote


async def close_vote(
    *, session: AsyncSession, principal: Principal, vote_id: uuid.UUID, system: bool = False
) -> Vote:
    # the system (deadline job, meeting closed) closes any vote, also a meeting's vote,
    # which its principal (no user, no participation) could not see
    vote = await _vote(session, None if system else principal, vote_id)
    meeting = None if system else await _require_administer_vote(session, principal, vote)
    closed = await session.execute(
        update(Vote)
        .where(Vote.id == vote.id, Vote.state == VoteState.OPEN)
        .values(state=VoteState.CLOSED, closed_at=utcnow(), version=Vote.version + 1)
    )
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise meetings_error("VOTE_NOT_OPEN", field=["voteId"])
    if vote.kind == VoteKind.SECRET:
        await _count_ballot_box(session, vote)
    # who was eligible and present when it closed
    if vote.meeting_id:
        present = set(
            await session.scalars(
                select(Participant.user_id).where(
                    Participant.meeting_id == vote.meeting_id,
                    Participant.attendance == Attendance.PRESENT,
                )
            )
        )
    else:
        present = set((await snapshots(session, None, [vote.id]))[vote.id].voted)
    for voter in await session.scalars(select(Voter).where(Voter.vote_id == vote.id)):
        voter.present_at_close = voter.user_id in present
    await session.flush()
    snap = (await snapshots(session, None, [vote.id]))[vote.id]
    await session.execute(update(Vote).where(Vote.id == vote.id).values(outcome=snap.outcome))
    snap = await record_vote_change(
        session,
        principal,
        vote,
        "vote.close",
        details={
            "outcome": snap.outcome.value,
            "cast": snap.cast,
            "eligible": snap.eligible,
            "system": system,
        },
    )
    if vote.kind == VoteKind.OPEN:
        # the named ballots, withheld from the ballot events while the vote was open (an
        # auditor would have read each choice before the results were shown), in one event
        named = await session.execute(
            select(OpenBallot.voter_id, OpenBallot.option_id)
            .where(OpenBallot.vote_id == vote.id)
            .order_by(OpenBallot.cast_at, OpenBallot.voter_id)
        )
        audit.record(
            session,
            actor=principal,
            action="vote.ballots",
            entity_type="Vote",
            entity_id=vote.id,
            level=vote.confidentiality,
            level_of=vote.meeting_id,
            details={"ballots": [{"voter": str(v), "option": str(o)} for v, o in named]},
        )
    if vote.meeting_id:
        m = meeting or await session.get(Meeting, vote.meeting_id)
        if m is not None:
            await session.execute(
                update(Meeting).where(Meeting.id == m.id).values(version=Meeting.version + 1)
            )
            await session.refresh(m)
            await emit_meeting_event(
                session, m, "VOTE_CLOSED", voteId=vote.id, outcome=snap.outcome.value
            )
    return vote


async def due_vote_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list(
        await session.scalars(
            select(Vote.id).where(
                Vote.state == VoteState.OPEN, Vote.deadline.is_not(None), Vote.deadline <= utcnow()
            )
        )
    )


async def close_open_votes_of_meeting(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> None:
    for vid in list(
        await session.scalars(
            select(Vote.id).where(Vote.meeting_id == meeting_id, Vote.state == VoteState.OPEN)
        )
    ):
        await close_vote(session=session, principal=principal, vote_id=vid, system=True)
