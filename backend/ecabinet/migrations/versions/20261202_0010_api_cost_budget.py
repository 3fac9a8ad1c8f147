"""api: cost budgets and trusted documents for partner clients

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a partner client in trusted-documents mode runs only these documents (sha256 → text);
    # null: the mode is off
    op.add_column("oauth_client", sa.Column("trusted_documents", sa.JSON(), nullable=True))
    # may this client introspect the schema; null: as GRAPHQL_INTROSPECTION says
    op.add_column("oauth_client", sa.Column("introspection", sa.Boolean(), nullable=True))


def downgrade() -> None:
    op.drop_column("oauth_client", "introspection")
    op.drop_column("oauth_client", "trusted_documents")
