"""Migration 0007 gives the events already in the trail the level of their record: where
the record still exists its level (a document of an agenda item: the highest of its meeting
and its files), events about people their INTERNAL level, and where the record is gone the
highest level, since nobody can say any more how secret it was."""

from __future__ import annotations

import subprocess
import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests.conftest import BACKEND, BIN, _create_pg_database, _drop_pg_database

pytestmark = pytest.mark.services

meeting = sa.table(
    "meeting",
    *(sa.column(c, sa.Uuid) for c in ("id",)),
    *(sa.column(c, sa.String) for c in ("title", "kind", "status")),
    *(sa.column(c, sa.Integer) for c in ("confidentiality", "version")),
    *(sa.column(c, sa.DateTime(timezone=True)) for c in ("starts_at", "created_at", "updated_at")),
)
agenda_item = sa.table(
    "agenda_item",
    *(sa.column(c, sa.Uuid) for c in ("id", "meeting_id")),
    sa.column("position", sa.Integer),
    *(sa.column(c, sa.String) for c in ("title", "status")),
    sa.column("adopted_en_bloc", sa.Boolean),
)
stored_file = sa.table(
    "stored_file",
    *(sa.column(c, sa.Uuid) for c in ("id", "owner_id")),
    *(sa.column(c, sa.String) for c in ("name", "content_type", "sha256", "storage_key")),
    *(sa.column(c, sa.String) for c in ("owner_type",)),
    *(sa.column(c, sa.Integer) for c in ("size", "confidentiality")),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Uuid),
    sa.column("at", sa.DateTime(timezone=True)),
    *(sa.column(c, sa.String) for c in ("action", "entity_type", "entity_id", "level_of")),
    sa.column("details", sa.JSON),
    sa.column("level", sa.Integer),
)


def migrate(test_env, url: str, revision: str) -> None:
    out = subprocess.run(
        [str(BIN / "ecabinet"), "migrate", revision],
        env=test_env.env(DATABASE_URL=url),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


async def test_existing_events_take_the_level_of_their_record(test_env, tmp_path):
    from ecabinet.platform.db import Database

    if BACKEND == "postgres":
        url = await _create_pg_database()
    else:
        url = f"sqlite:///{tmp_path / 'before-0007.sqlite3'}"
    db = None
    try:
        migrate(test_env, url, "0006")
        db = Database(test_env.settings(DATABASE_URL=url).db_url)
        now = datetime.now(UTC)
        mid, iid, gone_meeting, gone_task, user = (uuid.uuid4() for _ in range(5))
        async with db.engine.begin() as conn:
            await conn.execute(
                meeting.insert().values(
                    id=mid,
                    title="Họp mật",
                    kind="REGULAR",
                    status="DRAFT",
                    confidentiality=3,
                    version=1,
                    starts_at=now,
                    created_at=now,
                    updated_at=now,
                )
            )
            await conn.execute(
                agenda_item.insert().values(
                    id=iid,
                    meeting_id=mid,
                    position=1,
                    title="Đề án",
                    status="PENDING",
                    adopted_en_bloc=False,
                )
            )
            await conn.execute(
                stored_file.insert().values(
                    id=uuid.uuid4(),
                    owner_id=iid,
                    owner_type="AgendaItem",
                    name="to-trinh.pdf",
                    content_type="application/pdf",
                    sha256="0" * 64,
                    storage_key="x",
                    size=1,
                    confidentiality=4,
                    created_at=now,
                )
            )
            events = [
                ("meeting.create", "Meeting", mid),
                ("agenda.add", "AgendaItem", iid),
                ("agenda.document", "AgendaItem", iid),
                ("meeting.create", "Meeting", gone_meeting),
                ("task.created", "Task", gone_task),
                ("user.create", "User", user),
            ]
            await conn.execute(
                audit_event.insert(),
                [
                    {
                        "id": uuid.uuid4(),
                        "at": now,
                        "action": action,
                        "entity_type": kind,
                        "entity_id": str(entity),
                        "details": {"title": "Họp mật"},
                    }
                    for action, kind, entity in events
                ],
            )
        migrate(test_env, url, "0007")
        async with db.engine.connect() as conn:
            rows = {
                (r.action, r.entity_id): (r.level, r.level_of)
                for r in await conn.execute(
                    sa.select(
                        audit_event.c.action,
                        audit_event.c.entity_id,
                        audit_event.c.level,
                        audit_event.c.level_of,
                    )
                )
            }
        assert rows == {
            ("meeting.create", str(mid)): (3, str(mid)),
            ("agenda.add", str(iid)): (3, str(mid)),  # an item has its meeting's level
            ("agenda.document", str(iid)): (4, str(mid)),  # its TOP_SECRET paper is above it
            ("meeting.create", str(gone_meeting)): (4, str(gone_meeting)),
            ("task.created", str(gone_task)): (4, str(gone_task)),
            ("user.create", str(user)): (1, str(user)),
        }
    finally:
        if db is not None:
            await db.engine.dispose()
        if BACKEND == "postgres":
            await _drop_pg_database(url)
