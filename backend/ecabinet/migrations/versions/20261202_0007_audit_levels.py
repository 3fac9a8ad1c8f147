"""audit: each event carries the level of its record

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 07:00:00

An audit event's details may name its record (a meeting's title), so the event carries
that record's confidentiality (`level`) and readers see it only when cleared for it;
`level_of` is the record whose level it is (an agenda item's or a meeting vote's meeting),
so that raising that record's level lifts its earlier events. Existing events take the
level of their record where it still exists (for an agenda item's document, the highest
of the meeting and the item's files); events of records that no longer exist take the
highest level; events about people, units and clients take INTERNAL.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INTERNAL, TOP_SECRET = 1, 4
ORG_KINDS = ("User", "OrgUnit", "OAuthClient")

audit_event = sa.table(
    "audit_event",
    sa.column("entity_type", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("action", sa.String),
    sa.column("level", sa.Integer),
    sa.column("level_of", sa.String),
)
meeting = sa.table("meeting", sa.column("id", sa.Uuid), sa.column("confidentiality", sa.Integer))
agenda_item = sa.table("agenda_item", sa.column("id", sa.Uuid), sa.column("meeting_id", sa.Uuid))
vote = sa.table(
    "vote",
    sa.column("id", sa.Uuid),
    sa.column("meeting_id", sa.Uuid),
    sa.column("confidentiality", sa.Integer),
)
task = sa.table("task", sa.column("id", sa.Uuid), sa.column("confidentiality", sa.Integer))
stored_file = sa.table(
    "stored_file",
    sa.column("owner_type", sa.String),
    sa.column("owner_id", sa.Uuid),
    sa.column("confidentiality", sa.Integer),
)


def _levels(conn: sa.Connection) -> list[dict[str, object]]:
    """For every record that still exists, the level and level_of of its events (one
    parameter set per record, or per record and action where an action differs)."""
    meetings: dict[uuid.UUID, int] = {
        mid: int(level)
        for mid, level in conn.execute(sa.select(meeting.c.id, meeting.c.confidentiality))
    }
    rows: list[dict[str, object]] = []

    def add(kind: str, entity: object, level: int, of: object, action: str | None = None) -> None:
        rows.append({"t": kind, "e": str(entity), "a": action, "lv": level, "of": str(of)})

    for mid, level in meetings.items():
        add("Meeting", mid, level, mid)
    files: dict[uuid.UUID, int] = defaultdict(int)
    for owner, level in conn.execute(
        sa.select(stored_file.c.owner_id, stored_file.c.confidentiality).where(
            stored_file.c.owner_type == "AgendaItem"
        )
    ):
        files[owner] = max(files[owner], int(level))
    for iid, mid in conn.execute(sa.select(agenda_item.c.id, agenda_item.c.meeting_id)):
        level = meetings.get(mid, TOP_SECRET)
        add("AgendaItem", iid, level, mid)
        if iid in files:  # its documents: the highest of the meeting and the files
            add("AgendaItem", iid, max(level, files[iid]), mid, "agenda.document")
    for vid, mid, level in conn.execute(
        sa.select(vote.c.id, vote.c.meeting_id, vote.c.confidentiality)
    ):
        if mid is not None:  # a meeting's vote has the meeting's level
            add("Vote", vid, meetings.get(mid, TOP_SECRET), mid)
        else:
            add("Vote", vid, int(level), vid)
    for tid, level in conn.execute(sa.select(task.c.id, task.c.confidentiality)):
        add("Task", tid, int(level), tid)
    return rows


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("level", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("level_of", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    rows = _levels(conn)
    b = sa.bindparam
    of_record = sa.and_(
        audit_event.c.entity_type == b("t"),
        audit_event.c.entity_id == b("e"),
    )
    generic = [r for r in rows if r["a"] is None]
    specific = [r for r in rows if r["a"] is not None]
    if generic:
        conn.execute(
            audit_event.update()
            .where(of_record, audit_event.c.level.is_(None))
            .values(level=b("lv"), level_of=b("of")),
            generic,
        )
    if specific:  # documents may be above their meeting: they replace the generic level
        conn.execute(
            audit_event.update()
            .where(of_record, audit_event.c.action == b("a"))
            .values(level=b("lv"), level_of=b("of")),
            specific,
        )
    conn.execute(
        audit_event.update()
        .where(audit_event.c.level.is_(None), audit_event.c.entity_type.in_(ORG_KINDS))
        .values(level=INTERNAL, level_of=audit_event.c.entity_id)
    )
    conn.execute(  # the record is gone: nobody can say how secret it was
        audit_event.update()
        .where(audit_event.c.level.is_(None))
        .values(level=TOP_SECRET, level_of=audit_event.c.entity_id)
    )
    with op.batch_alter_table("audit_event") as batch:
        batch.alter_column("level", existing_type=sa.Integer(), nullable=False)
        batch.create_index("ix_audit_event_level", ["level"], unique=False)
        batch.create_index("ix_audit_event_level_of", ["level_of"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index("ix_audit_event_level_of")
        batch.drop_index("ix_audit_event_level")
        batch.drop_column("level_of")
        batch.drop_column("level")
