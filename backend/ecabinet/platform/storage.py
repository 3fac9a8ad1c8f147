"""Where file contents live: a local directory by default (one file per key, written
atomically). Other backends (S3-compatible) implement the same three methods."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import anyio


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key or "/" in key or ".." in key:
            raise ValueError("bad storage key")
        return self.root / key[:2] / key

    async def save(self, chunks: AsyncIterator[bytes], *, max_size: int) -> tuple[str, int, str]:
        """Store the stream; (key, size, sha256). Raises ValueError past max_size."""
        key = secrets.token_hex(20)
        path = self._path(key)
        await anyio.to_thread.run_sync(lambda: path.parent.mkdir(parents=True, exist_ok=True))
        tmp = path.with_suffix(".part")
        digest, size = hashlib.sha256(), 0
        try:
            async with await anyio.open_file(tmp, "wb") as fh:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > max_size:
                        raise ValueError("too large")
                    digest.update(chunk)
                    await fh.write(chunk)
            await anyio.to_thread.run_sync(os.replace, tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return key, size, digest.hexdigest()

    def path(self, key: str) -> Path:
        return self._path(key)

    async def delete(self, key: str) -> None:
        path = self._path(key)
        if path.exists():
            await anyio.to_thread.run_sync(path.unlink)
