"""votes: secret ballots held apart from identities

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00

A SECRET ballot no longer rewrites the option counts (whose change, commit by commit in the
write-ahead log, told which option each voter's transaction chose): it adds a sealed row to
a ballot box with no voter, no time and no order (`vote_ballot_box`; on SQLite a table
without rowid), opened and counted at the close (docs/secret-ballots.md).

Data:
- SECRET votes open at upgrade time keep the counts their earlier ballots wrote (they are
  already in the old log; nothing adds to them any more): at the close the ballots cast
  after the upgrade, from the box, are added to them.
- Closed SECRET votes whose counts may not be published under the new rule (fewer than
  three ballots, or no quorum: `tally.counts_published`) lose their count rows, which would
  tell how the one or two voters chose; their recorded outcome stays as it was decided.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UNPUBLISHABLE_SECRET_COUNTS = """
DELETE FROM vote_option_count WHERE vote_id IN (
  SELECT v.id FROM vote v
  WHERE v.kind = 'SECRET' AND v.state = 'CLOSED' AND (
    (SELECT count(*) FROM vote_participation p WHERE p.vote_id = v.id) < 3
    OR 3 * (SELECT count(*) FROM vote_participation p WHERE p.vote_id = v.id)
       < 2 * (SELECT count(*) FROM vote_voter w WHERE w.vote_id = v.id)
  )
)
"""


def upgrade() -> None:
    op.create_table(
        "vote_ballot_box",
        sa.Column("vote_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vote_id"],
            ["vote.id"],
            name=op.f("fk_vote_ballot_box_vote_id_vote"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("vote_id", "id", name=op.f("pk_vote_ballot_box")),
        sqlite_with_rowid=False,
    )
    op.execute(sa.text(UNPUBLISHABLE_SECRET_COUNTS))


def downgrade() -> None:
    sealed = op.get_bind().scalar(sa.text("SELECT count(*) FROM vote_ballot_box"))
    if sealed:
        raise RuntimeError(
            f"{sealed} sealed SECRET ballot(s) of open votes would be lost: close those votes "
            "before downgrading below 0006"
        )
    op.drop_table("vote_ballot_box")
