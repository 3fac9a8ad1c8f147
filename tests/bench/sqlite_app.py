"""The app the in-process benchmarks measure: on a fresh, migrated SQLite database."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any


async def sqlite_app(**env: str) -> Any:
    """The app on a new SQLite database in a temporary folder, migrated to head: no Redis,
    warnings only in the log, and a cost budget too large to count (the benchmarks measure
    speed, not the budget); `env` adds or overrides settings."""
    tmp = Path(tempfile.mkdtemp())
    os.environ.update(
        ECABINET_DATA_DIR=str(tmp),
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        LOG_LEVEL="WARNING",
        GRAPHQL_COST_BUDGET="100000000",
        **env,
    )
    os.environ.pop("REDIS_URL", None)
    from ecabinet.app import create_app
    from ecabinet.migrate import upgrade
    from ecabinet.settings import get_settings

    settings = get_settings()
    await asyncio.to_thread(upgrade, settings.db_url)
    return create_app(settings)
