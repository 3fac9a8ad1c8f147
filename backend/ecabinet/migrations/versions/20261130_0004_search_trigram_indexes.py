"""search: trigram indexes for the free-text filters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 18:40:00

On PostgreSQL, `lower(column) LIKE '%…%'` (platform.search.contains_text) is served by a
GIN index with pg_trgm's operator class; the extension is created here (it is a trusted
extension since PostgreSQL 13: the database owner may create it). On SQLite the same
names index `lower(column)` plainly, so the schema is the same on both engines.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_task_title_trgm", "task", "title"),
    ("ix_task_code_trgm", "task", "code"),
    ("ix_task_description_trgm", "task", "description"),
    ("ix_meeting_title_trgm", "meeting", "title"),
    ("ix_app_user_full_name_trgm", "app_user", "full_name"),
    ("ix_app_user_username_trgm", "app_user", "username"),
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        if postgres:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (lower({column}) gin_trgm_ops)")
        else:
            op.execute(f"CREATE INDEX {name} ON {table} (lower({column}))")


def downgrade() -> None:
    for name, _table, _column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
