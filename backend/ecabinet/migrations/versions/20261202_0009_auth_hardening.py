"""auth: login throttling, client revocation, four-eyes clearance, session revocation

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02 07:00:00

- `oauth_client.tokens_valid_after`, `app_user.tokens_valid_after`: access tokens issued
  before are refused (a revoked client or a new client secret; a new password or a
  deactivation).
- `oauth_revoked_session`: sign-in sessions (`sid`) ended early, whose access tokens are
  refused until they expire.
- User tokens are bounded by their scopes: the SPA's sessions in flight get the scopes
  the SPA now asks for, so that nobody is signed out by the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

# what the SPA asks for since 0009 (frontend/src/app/auth/config.ts)
SPA_SCOPES = (
    "users:read users:write meetings:read meetings:write votes:cast tasks:read tasks:write "
    "documents:read documents:write hr:read hr:write treaties:read treaties:write "
    "assets:read assets:write audit:read"
)


def upgrade() -> None:
    with op.batch_alter_table("oauth_client") as batch:
        batch.add_column(sa.Column("tokens_valid_after", sa.DateTime(timezone=True)))
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("tokens_valid_after", sa.DateTime(timezone=True)))
    op.create_table(
        "oauth_revoked_session",
        sa.Column("sid", sa.Uuid(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_oauth_revoked_session")),
    )
    op.create_index(
        op.f("ix_oauth_revoked_session_expires_at"),
        "oauth_revoked_session",
        ["expires_at"],
    )
    refresh = sa.table(
        "oauth_refresh_token",
        sa.column("client_id", sa.String),
        sa.column("scope", sa.String),
        sa.column("revoked_at", sa.DateTime),
    )
    op.execute(
        refresh.update()
        .where(refresh.c.client_id == "ecabinet-spa", refresh.c.revoked_at.is_(None))
        .values(scope=refresh.c.scope + " " + SPA_SCOPES)
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_oauth_revoked_session_expires_at"), table_name="oauth_revoked_session")
    op.drop_table("oauth_revoked_session")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("tokens_valid_after")
    with op.batch_alter_table("oauth_client") as batch:
        batch.drop_column("tokens_valid_after")
