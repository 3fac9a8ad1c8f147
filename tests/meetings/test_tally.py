"""The legal rules of a vote (pure functions)."""

from __future__ import annotations

import pytest

from ecabinet.meetings.votes.tally import ballot_refusal, counts_published, decide, quorum_reached


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
