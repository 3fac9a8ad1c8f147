"""Health endpoints, security headers, request ids, the production refusals."""

from __future__ import annotations

import secrets
import subprocess

import httpx
import pytest

from tests.conftest import BIN


async def test_healthz_answers_ok(server):
    response = httpx.get(f"{server.url}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.services
async def test_readyz_names_database_and_redis(server, test_env):
    body = httpx.get(f"{server.url}/readyz").json()
    assert body["database"] == "ok"
    assert body["redis"] == ("ok" if test_env.redis_url else "not configured")


async def test_readyz_is_503_naming_the_database_when_it_fails(test_env, tmp_path):
    from ecabinet.app import create_app

    settings = test_env.settings(DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/readyz")
    await app.state.runtime.close()
    assert response.status_code == 503 and response.json()["failed"] == ["database"]


def test_every_response_has_security_headers_and_a_request_id(server):
    response = httpx.get(f"{server.url}/healthz")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert len(response.headers["x-request-id"]) == 16


def run_production(test_env, **env: str) -> subprocess.CompletedProcess:
    base = test_env.env(ECABINET_ENV="production", **env)
    return subprocess.run(
        [str(BIN / "ecabinet"), "serve"], env=base, capture_output=True, text=True, timeout=30
    )


def test_production_refuses_sqlite_default_secret_and_missing_key(test_env):
    sqlite = f"sqlite:///{test_env.tmp / 'prod.sqlite3'}"
    result = run_production(test_env, DATABASE_URL=sqlite)
    assert result.returncode != 0
    line = result.stderr.strip().splitlines()[-1]
    assert "refusing to start in production" in line
    assert "ECABINET_SECRET_KEY" in line and "SIGNING_KEY" in line and "SQLite" in line


def test_production_starts_checks_pass_with_proper_configuration(test_env, tmp_path):
    from ecabinet.settings import Settings

    key = tmp_path / "key.jwk"
    key.write_text(
        subprocess.run(
            [str(BIN / "ecabinet"), "keygen"], capture_output=True, text=True, check=True
        ).stdout
    )
    settings = Settings(
        ECABINET_ENV="production",
        DATABASE_URL="postgresql://u@db:5432/ecabinet",
        # random, not "x" * 40: production refuses low-entropy secrets (issue 8 Low 17)
        ECABINET_SECRET_KEY=secrets.token_urlsafe(32),
        ECABINET_BALLOT_KEY=secrets.token_urlsafe(32),
        ECABINET_SIGNING_KEY_FILE=str(key),
        ECABINET_PUBLIC_URL="https://ecabinet.gov.vn",
    )
    assert settings.production_problems() == []


def test_seed_demo_is_refused_in_production(test_env):
    result = subprocess.run(
        [str(BIN / "ecabinet"), "seed-demo"],
        env=test_env.env(ECABINET_ENV="production"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "production" in result.stderr


def test_token_command_prints_only_a_token(test_env, server):
    out = subprocess.run(
        [str(BIN / "ecabinet"), "token", "staff"],
        env=test_env.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    token = out.strip()
    assert out.count("\n") == 1 and token.count(".") == 2
    response = httpx.post(
        f"{server.url}/graphql",
        json={"query": "{ viewer { username } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.json()["data"]["viewer"]["username"] == "staff"
