"""Written ballots close themselves at their deadline — also after a restart, since the
job looks at the database, not at timers."""

from __future__ import annotations

import logging

from ecabinet.authz.principal import system_principal
from ecabinet.meetings.votes import service as votes
from ecabinet.platform.broker import Broker
from ecabinet.platform.db import Database
from ecabinet.platform.errors import DomainError

log = logging.getLogger("ecabinet.meetings")
SYSTEM = system_principal("deadline")
INTERVAL = 2.0  # seconds between two looks for votes past their deadline


async def close_due_votes(db: Database, broker: Broker) -> int:
    async with db.session() as s:
        due = await votes.due_vote_ids(s)
    closed = 0
    for vote_id in due:
        try:
            async with db.unit_of_work() as session:
                await votes.close_vote(
                    session=session, principal=SYSTEM, vote_id=vote_id, system=True
                )  # the unit of work publishes the vote's closing after its commit
            closed += 1
        except DomainError:  # closed meanwhile by someone else (another process): fine
            continue
    if closed:
        log.info("closed %d vote(s) at their deadline", closed)
    return closed
