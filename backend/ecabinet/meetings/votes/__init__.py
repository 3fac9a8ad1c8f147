"""Votes: of a meeting, or written ballots with a deadline — creation, ballots, the tally
(pure rules in `tally.py`), the close (by hand, at the deadline: `jobs.py`) and the
result exports (`routes.py`)."""
