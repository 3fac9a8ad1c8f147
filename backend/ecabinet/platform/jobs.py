"""Periodic jobs that run inside every server process.

A job is either idempotent and safe to run everywhere (closing votes past their deadline
uses a guarded UPDATE), or `single_runner`: then one process at a time holds a lease row
in `job_lease` (renewed every interval while it runs; taken over when it expires, e.g.
after its holder was killed mid-run), so several processes behind the load balancer never
send the same reminder twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError

from ecabinet.platform.broker import Broker
from ecabinet.platform.clock import utcnow
from ecabinet.platform.db import Database
from ecabinet.platform.files import JobLease
from ecabinet.platform.wiring import ACTIVE, Job, JobFn

log = logging.getLogger("ecabinet.jobs")
HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

# the process's jobs: what the domains' wire() registered (platform/wiring.py)
JOBS: dict[str, Job] = ACTIVE.jobs


def register(name: str, interval: float, fn: JobFn, *, single_runner: bool = False) -> None:
    """Prefer `registry.job(...)` in a domain's wire(); this registers in the process
    directly (tests, scripts)."""
    ACTIVE.job(name, interval, fn, single_runner=single_runner)


async def acquire_lease(db: Database, name: str, ttl: float, holder: str = HOLDER) -> bool:
    """True if `holder` holds the lease `name` now (taken, renewed or already held)."""
    now = utcnow()
    expires = now + timedelta(seconds=ttl)
    async with db.unit_of_work() as s:
        renewed = await s.execute(
            update(JobLease)
            .where(JobLease.name == name, (JobLease.holder == holder) | (JobLease.expires_at < now))
            .values(holder=holder, expires_at=expires)
        )
        if renewed.rowcount == 1:  # type: ignore[attr-defined]
            return True
    try:
        async with db.unit_of_work() as s:
            await s.execute(insert(JobLease).values(name=name, holder=holder, expires_at=expires))
        return True
    except IntegrityError:
        return False


async def release_lease(db: Database, name: str, holder: str = HOLDER) -> None:
    async with db.unit_of_work() as s:
        await s.execute(delete(JobLease).where(JobLease.name == name, JobLease.holder == holder))


async def _run_holding_lease(job: Job, db: Database, broker: Broker) -> None:
    """Run a single-runner job while renewing its lease every interval: a long run keeps it
    (nobody else starts the job meanwhile), a holder that dies stops renewing, and another
    process takes the job over once the lease expires (3 intervals). Should the lease be
    lost anyway (the database unreachable for that long), the run is cancelled: two
    processes never knowingly run it at once."""
    run: asyncio.Future[Any] = asyncio.ensure_future(job.fn(db, broker))

    async def renew() -> None:
        while True:
            await asyncio.sleep(job.interval)
            try:
                held = await acquire_lease(db, job.name, job.interval * 3)
            except Exception:
                log.warning("job %s: could not renew its lease", job.name, exc_info=True)
                continue
            if not held:
                log.warning("job %s: lease lost to another process, run cancelled", job.name)
                run.cancel()
                return

    keeper = asyncio.create_task(renew(), name=f"{job.name}:lease")
    try:
        await run
    except asyncio.CancelledError:
        if not keeper.done():  # we are being cancelled (shutdown), not the lease lost
            run.cancel()
            raise
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper


async def _loop(job: Job, db: Database, broker: Broker) -> None:
    while True:
        try:
            if not job.single_runner:
                await job.fn(db, broker)
            elif await acquire_lease(db, job.name, job.interval * 3):
                await _run_holding_lease(job, db, broker)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job %s failed", job.name)
        await asyncio.sleep(job.interval)


class JobRunner:
    def __init__(self, db: Database, broker: Broker) -> None:
        self.db, self.broker = db, broker
        if db.broker is None:  # jobs' units of work publish what they emitted
            db.publish_to(broker)
        self.tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        for job in JOBS.values():
            self.tasks.append(asyncio.create_task(_loop(job, self.db, self.broker), name=job.name))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for job in JOBS.values():
            if job.single_runner:
                with contextlib.suppress(Exception):
                    await release_lease(self.db, job.name)
