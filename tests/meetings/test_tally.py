"""The legal rules of a vote (pure functions)."""

from __future__ import annotations

import pytest

from ecabinet.meetings.votes.tally import (
    adoption_needed,
    ballot_refusal,
    counts_published,
    decide,
    quorum_needed,
    quorum_reached,
)


@pytest.mark.parametrize(
    ("eligible", "cast", "ok"),
    [(9, 6, True), (9, 5, False), (8, 6, True), (8, 5, False), (3, 2, True), (0, 0, False)],
)
def test_quorum_is_two_thirds_of_all_eligible(eligible, cast, ok):
    assert quorum_reached(eligible, cast) is ok


def closed(**kw):
    return decide(state="CLOSED", **{"kind": "OPEN", "majority": "ABSOLUTE", **kw}).outcome


def test_open_vote_is_pending_whatever_the_counts():
    assert (
        decide(state="OPEN", kind="OPEN", majority="ABSOLUTE", eligible=3, counts=[3, 0, 0]).outcome
        == "PENDING"
    )


def test_absolute_majority_counts_all_eligible_not_ballots_cast():
    # 8 eligible, 6 cast (quorum), 4 for: 4 is not more than half of 8
    assert closed(eligible=8, counts=[4, 1, 1], chair_choice=1) == "REJECTED"
    assert closed(eligible=8, counts=[5, 1, 0]) == "ADOPTED"


def test_exact_half_goes_the_chairs_way_in_an_open_vote():
    assert closed(eligible=8, counts=[4, 2, 0], chair_choice=0) == "ADOPTED"
    assert closed(eligible=8, counts=[4, 2, 0], chair_choice=1) == "REJECTED"
    assert closed(eligible=8, counts=[4, 2, 0], chair_choice=None) == "REJECTED"


def test_exact_half_is_not_adopted_in_a_secret_vote():
    assert closed(kind="SECRET", eligible=8, counts=[4, 2, 0], chair_choice=0) == "REJECTED"


def test_no_quorum_wins_over_everything():
    assert closed(eligible=9, counts=[5, 0, 0]) == "NO_QUORUM"


def test_simple_majority_is_among_ballots_cast():
    assert closed(majority="SIMPLE", eligible=9, counts=[3, 2, 1]) == "ADOPTED"
    assert closed(majority="SIMPLE", eligible=9, counts=[3, 3, 0]) == "REJECTED"


def test_two_thirds_of_all_eligible():
    assert closed(majority="TWO_THIRDS", eligible=9, counts=[6, 0, 0]) == "ADOPTED"
    assert closed(majority="TWO_THIRDS", eligible=9, counts=[5, 1, 0]) == "REJECTED"


@pytest.mark.parametrize(
    ("kind", "eligible", "cast", "published"),
    [
        ("SECRET", 2, 2, False),  # quorum, but each of the two would know the other's choice
        ("SECRET", 3, 2, False),
        ("SECRET", 4, 3, True),
        ("SECRET", 3, 3, True),
        ("SECRET", 9, 5, False),  # three or more, but no quorum
        ("SECRET", 0, 0, False),
        ("OPEN", 2, 1, True),  # named ballots: nothing to hide
    ],
)
def test_secret_counts_are_published_only_with_quorum_and_three_ballots(
    kind, eligible, cast, published
):
    assert counts_published(kind=kind, eligible=eligible, cast=cast) is published


def test_a_secret_vote_of_one_or_two_ballots_is_no_quorum_whatever_the_counts():
    # the chair voted, one member voted, closed: [1, 1, 0] would tell each the other's choice
    assert closed(kind="SECRET", eligible=2, counts=[2, 0, 0]) == "NO_QUORUM"
    assert closed(kind="SECRET", eligible=3, counts=[1, 1, 0]) == "NO_QUORUM"
    assert closed(kind="SECRET", eligible=3, counts=[3, 0, 0]) == "ADOPTED"
    # an OPEN vote of two is decided as before
    assert closed(kind="OPEN", eligible=2, counts=[2, 0, 0]) == "ADOPTED"


@pytest.mark.parametrize(("eligible", "needed"), [(0, 0), (1, 1), (3, 2), (7, 5), (9, 6), (10, 7)])
def test_the_quorum_needs_two_thirds_of_all_eligible_rounded_up(eligible, needed):
    assert quorum_needed(eligible) == needed
    assert quorum_reached(eligible, needed) is (eligible > 0)
    assert not quorum_reached(eligible, needed - 1)


@pytest.mark.parametrize(
    ("majority", "eligible", "needed"),
    [
        ("ABSOLUTE", 7, 4),
        ("ABSOLUTE", 8, 5),
        ("TWO_THIRDS", 7, 5),
        ("SIMPLE", 7, None),
        ("ABSOLUTE", 0, None),
    ],
)
def test_the_adoption_line_is_what_decide_adopts_on(majority, eligible, needed):
    assert adoption_needed(majority=majority, eligible=eligible) == needed
    if needed is not None:  # the line adopts, one ballot fewer does not (no chair's tie-break)
        yes = decide(
            state="CLOSED",
            kind="SECRET",
            majority=majority,
            eligible=eligible,
            counts=[needed, 0, eligible - needed],
        )
        short = decide(
            state="CLOSED",
            kind="SECRET",
            majority=majority,
            eligible=eligible,
            counts=[needed - 1, 1, eligible - needed],
        )
        assert yes.outcome == "ADOPTED"
        assert short.outcome != "ADOPTED"


@pytest.mark.parametrize(
    ("state", "eligible", "voted", "refusal"),
    [
        ("OPEN", True, False, None),
        ("OPEN", True, True, "ALREADY_VOTED"),
        ("OPEN", False, False, "NOT_ELIGIBLE"),
        ("DRAFT", True, False, "VOTE_NOT_OPEN"),
        ("CLOSED", True, False, "VOTE_NOT_OPEN"),
    ],
)
def test_one_ballot_per_eligible_voter_while_the_vote_is_open(state, eligible, voted, refusal):
    assert ballot_refusal(state=state, eligible=eligible, already_voted=voted) == refusal
