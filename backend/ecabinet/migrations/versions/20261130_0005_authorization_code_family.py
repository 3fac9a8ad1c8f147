"""auth: the refresh-token family an authorization code gave

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 19:00:00

A code presented a second time revokes the tokens it was exchanged for (RFC 6749 4.1.2):
the code remembers the family of those refresh tokens.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("oauth_authorization_code") as batch:
        batch.add_column(sa.Column("family_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("oauth_authorization_code") as batch:
        batch.drop_column("family_id")
