"""The data directory belongs to the server's user alone: directory 0700, files 0600.

It holds the SQLite database and its -wal/-shm (every record, SECRET papers' metadata), the
uploaded files (SECRET papers themselves), the development signing key, the ballot key and
backups written there. `private_umask()` makes every file and directory this process creates
private (SQLite gives its -wal/-shm the mode of the database file, so they follow);
`secure_data_dir()` tightens what an earlier version left world-readable. Both run at every
start (`build_runtime`, and every `ecabinet` command). A path we may not change (a read-only
image layer, a file of another owner) is logged, never fatal: a directory at 0700 already
keeps its contents from other users.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger("ecabinet.datadir")

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700


def private_umask() -> None:
    """New files 0600 and directories 0700 in this process (and the workers it starts)."""
    os.umask(PRIVATE_UMASK)


def _tighten(path: Path) -> bool:
    """Clear the group and other bits of `path`; True if it had any."""
    try:
        st = path.lstat()
        current = stat.S_IMODE(st.st_mode)
        if stat.S_ISLNK(st.st_mode) or not current & 0o077:
            return False
        path.chmod(current & ~0o077)
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot make %s private: %s", path, exc)
    return True


def sqlite_files(database: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    return [database] + [
        database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")
    ]


def secure_data_dir(data_dir: Path, *, sqlite_path: Path | None = None) -> None:
    """Create the data directory private, and make private what an earlier version left
    readable in it (walked only when the directory itself was open, so once)."""
    private_umask()
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    for top in (data_dir, data_dir / "files"):
        if not _tighten(top):
            continue
        for root, dirs, files in os.walk(top):
            for name in dirs:
                _tighten(Path(root) / name)
            for name in files:
                _tighten(Path(root) / name)
    if sqlite_path is not None:
        for path in sqlite_files(sqlite_path):
            _tighten(path)


def sqlite_path(db_url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    url = make_url(db_url)
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)
