"""The legal rules of a vote, as pure functions (Law on Government Organization and the
Government's working regulation, as fixed in shared/contract.md).

- Quorum: at least two thirds of the eligible voters have cast a ballot.
- ABSOLUTE (default): adopted when the first option ("Tán thành") has more than half of all
  eligible voters — not of the ballots cast. On an exact half the side the chair voted for
  wins; only an OPEN vote can know the chair's ballot, so on a SECRET vote a half is not
  adopted.
- SIMPLE: more first-option than second-option ballots among those cast.
- TWO_THIRDS: at least two thirds of all eligible voters chose the first option.
- One ballot per voter, of the eligible only, while the vote is open (`ballot_refusal`; the
  keys of vote_ballot / vote_participation hold it under concurrency too).
- Without quorum the outcome is NO_QUORUM; while the vote is open it is PENDING.
- A SECRET vote's counts are published only when quorum is reached and at least three
  ballots were cast (`counts_published`): closed after one or two ballots, its counts
  would tell each voter's choice to anyone who knows who voted, so it ends NO_QUORUM
  without counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ecabinet.meetings.enums import MajorityRule, VoteKind, VoteOutcome, VoteState

DEFAULT_OPTIONS = ("Tán thành", "Không tán thành", "Không ý kiến")
MIN_SECRET_BALLOTS = 3


@dataclass(frozen=True)
class TallyResult:
    quorum_reached: bool
    outcome: VoteOutcome


def quorum_needed(eligible: int) -> int:
    """Ballots that make the quorum: at least two thirds of the eligible voters (rounded up)."""
    return 0 if eligible <= 0 else -(-2 * eligible // 3)


def ballot_refusal(*, state: str, eligible: bool, already_voted: bool) -> str | None:
    """Why a ballot may not be cast (the code the voter is told), or None: the vote is not
    open (VOTE_NOT_OPEN), the voter was not eligible when it opened (NOT_ELIGIBLE), or has
    voted already — one ballot per voter (ALREADY_VOTED)."""
    if state != VoteState.OPEN:
        return "VOTE_NOT_OPEN"
    if not eligible:
        return "NOT_ELIGIBLE"
    if already_voted:
        return "ALREADY_VOTED"
    return None


def quorum_reached(eligible: int, cast: int) -> bool:
    return eligible > 0 and cast >= quorum_needed(eligible)


def adoption_needed(*, majority: str, eligible: int) -> int | None:
    """Ballots for the first option that adopt the proposal whatever the others do:
    more than half of all eligible voters (ABSOLUTE), two thirds of them (TWO_THIRDS); None
    for SIMPLE, which compares the ballots for and against among those cast."""
    if eligible <= 0 or majority == MajorityRule.SIMPLE:
        return None
    if majority == MajorityRule.TWO_THIRDS:
        return quorum_needed(eligible)
    return eligible // 2 + 1  # ABSOLUTE


def counts_published(*, kind: str, eligible: int, cast: int) -> bool:
    """Whether a closed vote's counts may be published (and, for a SECRET vote, whether
    they are counted and kept at all): always for an OPEN vote; for a SECRET vote only with
    quorum and at least MIN_SECRET_BALLOTS ballots."""
    if kind != VoteKind.SECRET:
        return True
    return quorum_reached(eligible, cast) and cast >= MIN_SECRET_BALLOTS


def decide(
    *,
    state: str,
    kind: str,
    majority: str,
    eligible: int,
    counts: Sequence[int],
    chair_choice: int | None = None,
    cast: int | None = None,
) -> TallyResult:
    """`counts[i]` ballots for option i (0 = the first option, "Tán thành");
    `chair_choice` is the index of the chair's option (OPEN votes only); `cast` the number
    of ballots when `counts` are not known yet (a SECRET vote before it closes)."""
    cast = sum(counts) if cast is None else cast
    quorum = quorum_reached(eligible, cast)
    if state != VoteState.CLOSED:
        return TallyResult(quorum, VoteOutcome.PENDING)
    if not quorum:
        return TallyResult(False, VoteOutcome.NO_QUORUM)
    if not counts_published(kind=kind, eligible=eligible, cast=cast):
        return TallyResult(True, VoteOutcome.NO_QUORUM)
    yes = counts[0] if counts else 0
    no = counts[1] if len(counts) > 1 else 0
    if majority == MajorityRule.SIMPLE:
        adopted = yes > no
    elif majority == MajorityRule.TWO_THIRDS:
        adopted = yes >= quorum_needed(eligible)
    else:  # ABSOLUTE
        if yes >= eligible // 2 + 1:  # adoption_needed: more than half of all eligible
            adopted = True
        elif 2 * yes == eligible:
            adopted = kind == VoteKind.OPEN and chair_choice == 0
        else:
            adopted = False
    return TallyResult(True, VoteOutcome.ADOPTED if adopted else VoteOutcome.REJECTED)
