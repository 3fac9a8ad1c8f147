"""Configuration from environment variables (pydantic-settings).

Every variable is documented in README.md (Configuration). In production mode the
server refuses to start on unsafe settings: see `Settings.production_problems`.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ecabinet.platform.sealing import key_problem

DEV_SECRET = "dev-insecure-secret-change-me"


def _repo_root() -> Path:
    """The repository root when running from a checkout, else the working directory."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "Makefile").exists() and (parent / "backend").is_dir():
            return parent
    return Path.cwd()


def default_data_dir() -> Path:
    return _repo_root() / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    ecabinet_env: Literal["development", "production"] = "development"
    database_url: str | None = None
    redis_url: str | None = None
    redis_prefix: str = "ecabinet"
    port: int = 8000
    host: str = "127.0.0.1"
    data_dir: Path = Field(default_factory=default_data_dir, alias="ECABINET_DATA_DIR")
    public_url: str | None = Field(default=None, alias="ECABINET_PUBLIC_URL")
    secret_key: str = Field(default=DEV_SECRET, alias="ECABINET_SECRET_KEY")
    signing_key_file: Path | None = Field(default=None, alias="ECABINET_SIGNING_KEY_FILE")
    # seals SECRET ballots (docs/secret-ballots.md): never in the database or its backups
    ballot_key: str | None = Field(default=None, alias="ECABINET_BALLOT_KEY", repr=False)
    frontend_dist: Path | None = Field(default=None, alias="ECABINET_FRONTEND_DIST")
    demo_password: str = Field(default="ecabinet-demo", alias="DEMO_PASSWORD")

    access_token_ttl: int = Field(default=900, alias="ECABINET_ACCESS_TOKEN_TTL")
    refresh_token_ttl: int = Field(default=8 * 3600, alias="ECABINET_REFRESH_TOKEN_TTL")
    # a sign-in lasts at most this long, however often it is refreshed (OWASP ASVS 3.3.2)
    session_max_age: int = Field(default=12 * 3600, alias="ECABINET_SESSION_MAX_AGE", gt=0)
    client_token_ttl: int = Field(default=3600, alias="ECABINET_CLIENT_TOKEN_TTL")

    login_max_failures: int = Field(default=5, alias="ECABINET_LOGIN_MAX_FAILURES")
    login_lock_seconds: int = Field(default=300, alias="ECABINET_LOGIN_LOCK_SECONDS")

    oidc_issuer: str | None = Field(default=None, alias="OIDC_ISSUER")
    oidc_audience: str | None = Field(default=None, alias="OIDC_AUDIENCE")
    oidc_user_claim: str = Field(default="preferred_username", alias="OIDC_USER_CLAIM")
    oidc_jwks_ttl: int = Field(default=600, alias="OIDC_JWKS_TTL")

    max_query_depth: int = Field(default=12, alias="GRAPHQL_MAX_DEPTH")
    max_aliases: int = Field(default=30, alias="GRAPHQL_MAX_ALIASES")
    max_tokens: int = Field(default=5000, alias="GRAPHQL_MAX_TOKENS")
    max_nodes: int = Field(default=20000, alias="GRAPHQL_MAX_NODES")
    # cost budgets (graphql/cost.py): points per minute per user and per partner client
    cost_budget: int = Field(default=2000, alias="GRAPHQL_COST_BUDGET", gt=0)
    client_cost_budget: int = Field(default=2000, alias="GRAPHQL_CLIENT_COST_BUDGET", gt=0)
    # None: on in development, off in production
    graphiql: bool | None = Field(default=None, alias="GRAPHQL_GRAPHIQL")
    # who may introspect the schema: all, users (not partner clients), none;
    # None: all in development, users in production
    introspection: Literal["all", "users", "none"] | None = Field(
        default=None, alias="GRAPHQL_INTROSPECTION"
    )
    max_upload_body: int = Field(default=60 * 1024 * 1024, alias="ECABINET_MAX_UPLOAD_BODY", gt=0)
    max_concurrent_uploads: int = Field(default=2, alias="ECABINET_MAX_CONCURRENT_UPLOADS", gt=0)
    # addresses (or CIDR networks) of reverse proxies whose X-Forwarded-For/-Proto count
    trusted_proxies: str = Field(default="", alias="ECABINET_TRUSTED_PROXIES")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    run_jobs: bool = Field(default=True, alias="ECABINET_RUN_JOBS")

    @property
    def is_production(self) -> bool:
        return self.ecabinet_env == "production"

    @cached_property
    def db_url(self) -> str:
        """The SQLAlchemy async URL, from the usual `postgresql://` or `sqlite:///` forms."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'ecabinet.sqlite3'}"
        return to_async_url(url)

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else not self.is_production

    @property
    def introspection_for(self) -> str:
        if self.introspection is not None:
            return self.introspection
        return "users" if self.is_production else "all"

    @property
    def origin(self) -> str:
        """The external origin (never taken from a request's Host header)."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def signing_key_path(self) -> Path:
        return self.signing_key_file or (self.data_dir / "signing-key.jwk")

    @property
    def ballot_key_path(self) -> Path:
        """Where development keeps its generated ballot key (production: the setting)."""
        return self.data_dir / "ballot-key"

    def production_problems(self) -> list[str]:
        """Why this configuration must not serve production; empty when it may."""
        if not self.is_production:
            return []
        problems = []
        if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
            problems.append("ECABINET_SECRET_KEY is missing, the default, or shorter than 32 chars")
        elif entropy_bits(self.secret_key) < 128:
            problems.append(
                "ECABINET_SECRET_KEY is not random enough (use: openssl rand -base64 32)"
            )
        if not self.signing_key_file or not self.signing_key_file.exists():
            problems.append("ECABINET_SIGNING_KEY_FILE is not set or the file does not exist")
        if (ballot := key_problem(self.ballot_key)) or self.ballot_key == self.secret_key:
            problems.append(ballot or "ECABINET_BALLOT_KEY must differ from ECABINET_SECRET_KEY")
        if self.is_sqlite:
            problems.append("DATABASE_URL must point to PostgreSQL in production, not SQLite")
        if not self.public_url:
            problems.append("ECABINET_PUBLIC_URL (the external origin) is not set")
        elif not self.public_url.startswith("https://"):
            problems.append("ECABINET_PUBLIC_URL must be https:// in production")
        return problems


def entropy_bits(value: str) -> float:
    """An estimate of a secret's entropy: its length × the Shannon entropy of its
    characters (`x` × 40 has none, `openssl rand -base64 32` about 200 bits)."""
    counts = Counter(value)
    per_char = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return per_char * len(value)


def to_async_url(url: str) -> str:
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://") and "+aiosqlite" not in url:
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url


def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}
