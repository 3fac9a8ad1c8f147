"""Which sign-in sessions ended early, as this process knows it.

An access token of the built-in server names its session (`sid`, the refresh-token
family). A session ended by logout or by a replayed code or refresh token is stored in
`oauth_revoked_session`; every request with a `sid` asks this cache, which asks the
database at most once every `ttl` seconds per session, and is told at once through the
broker (`auth.revoked`) by whichever process ended one. After a broker reconnect, which
may have lost such a message, it forgets everything it knew.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid

from ecabinet.auth.events import REVOKED_CHANNEL
from ecabinet.auth.service import session_revoked
from ecabinet.platform.broker import Broker, is_resync
from ecabinet.platform.db import Database

log = logging.getLogger("ecabinet.auth")

TTL = 5.0  # seconds a "not revoked" answer is trusted without the broker's word
MAX_ENTRIES = 50_000


class SessionRevocations:
    def __init__(self, db: Database, broker: Broker, *, ttl: float = TTL) -> None:
        self.db = db
        self.broker = broker
        self.ttl = ttl
        self._known: dict[str, tuple[bool, float]] = {}  # sid -> (revoked, when learnt)
        self._listener: asyncio.Task[None] | None = None

    async def is_revoked(self, sid: str) -> bool:
        self._listen()
        now = time.monotonic()
        entry = self._known.get(sid)
        if entry is not None and (entry[0] or now - entry[1] < self.ttl):
            return entry[0]
        try:
            key = uuid.UUID(sid)
        except ValueError:
            return True  # not a session of ours: refused like a revoked one
        async with self.db.session() as session:
            revoked = await session_revoked(session=session, sid=key)
        self._remember(sid, revoked)
        return revoked

    def revoked(self, sid: str) -> None:
        """This process ended the session: known at once, before the broker says so."""
        self._remember(sid, True)

    def _remember(self, sid: str, revoked: bool) -> None:
        if len(self._known) >= MAX_ENTRIES:
            now = time.monotonic()
            self._known = {k: v for k, v in self._known.items() if v[0] or now - v[1] < self.ttl}
            if len(self._known) >= MAX_ENTRIES:  # a flood of revocations: start over
                self._known.clear()
        self._known[sid] = (revoked, time.monotonic())

    def _listen(self) -> None:
        if self._listener is None or self._listener.done():
            self._listener = asyncio.get_running_loop().create_task(self._follow())

    async def _follow(self) -> None:
        try:
            async with self.broker.subscribe(REVOKED_CHANNEL) as sub:
                async for message in sub:
                    if is_resync(message):
                        self._known.clear()
                    elif isinstance(message.get("sid"), str):
                        self._remember(message["sid"], True)
        except asyncio.CancelledError:
            raise
        except Exception:  # the next request starts a new listener
            log.warning("session revocation listener stopped", exc_info=True)
            self._known.clear()

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(BaseException):
                await self._listener
