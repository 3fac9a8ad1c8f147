"""Alembic environment: async engine, URL from the settings (DATABASE_URL)."""

from __future__ import annotations

import asyncio
import warnings

from alembic import context
from sqlalchemy.engine import Connection

from ecabinet.models import metadata
from ecabinet.platform.db import Database, UTCDateTime
from ecabinet.settings import get_settings

config = context.config

# SQLite cannot reflect the expression indexes of free-text search (lower(column)), so they
# are not compared there; PostgreSQL compares them. Nothing to warn about.
for message in (
    "Skipped unsupported reflection of expression-based index",
    "autogenerate skipping metadata-specified expression-based index",
):
    warnings.filterwarnings("ignore", message=message)


def _url() -> str:
    return config.attributes.get("url") or get_settings().db_url


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render our TypeDecorators as their plain SQL types in migration files."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    db = Database(_url())
    async with db.engine.connect() as conn:
        await conn.run_sync(do_run_migrations)
        await conn.commit()
    await db.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_async())
