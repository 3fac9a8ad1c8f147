"""The per-process runtime: settings, database, broker, rate limiter, token service.
Created at startup, reachable from requests as `request.app.state.runtime`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ecabinet.auth.keys import load_key
from ecabinet.auth.revocation import SessionRevocations
from ecabinet.auth.tokens import ExternalIssuer, TokenService
from ecabinet.platform.broker import Broker, create_broker
from ecabinet.platform.datadir import secure_data_dir, sqlite_path
from ecabinet.platform.db import Database
from ecabinet.platform.ratelimit import RateLimiter, create_rate_limiter
from ecabinet.platform.sealing import configure as configure_ballot_key
from ecabinet.platform.sealing import load_key as load_ballot_key
from ecabinet.settings import Settings

log = logging.getLogger("ecabinet")


class ConfigurationError(SystemExit):
    """Refusal to start, with the reason on one line."""


@dataclass
class Runtime:
    settings: Settings
    db: Database
    broker: Broker
    limiter: RateLimiter
    tokens: TokenService
    # sign-in sessions ended early, cached per process (auth/revocation.py)
    revocations: SessionRevocations = field(init=False)

    def __post_init__(self) -> None:
        self.revocations = SessionRevocations(self.db, self.broker)

    @property
    def issuer(self) -> str:
        return self.tokens.issuer

    async def start(self) -> None:
        await self.broker.start()

    async def close(self) -> None:
        await self.revocations.close()
        await self.broker.close()
        await self.limiter.close()
        await self.db.dispose()


def check_settings(settings: Settings) -> None:
    problems = settings.production_problems()
    if problems:
        raise ConfigurationError(
            "ecabinet: refusing to start in production: " + "; ".join(problems)
        )


def build_runtime(settings: Settings) -> Runtime:
    check_settings(settings)
    secure_data_dir(settings.data_dir, sqlite_path=sqlite_path(settings.db_url))
    key = load_key(settings.signing_key_path, create=not settings.is_production)
    configure_ballot_key(
        load_ballot_key(
            settings.ballot_key, settings.ballot_key_path, create=not settings.is_production
        )
    )
    issuer = (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")
    external = (
        ExternalIssuer(settings.oidc_issuer, settings.oidc_audience, settings.oidc_jwks_ttl)
        if settings.oidc_issuer
        else None
    )
    db = Database(settings.db_url)
    broker = create_broker(settings.redis_url, settings.redis_prefix)
    db.publish_to(broker)  # one unit of work: commit, then publish (platform/db.py)
    return Runtime(
        settings=settings,
        db=db,
        broker=broker,
        limiter=create_rate_limiter(settings.redis_url, settings.redis_prefix),
        tokens=TokenService(key=key, issuer=issuer, external=external),
    )
