"""Production hardening (issue 8, Low 17): GraphiQL and introspection, source maps, the
Host header, forwarded headers, the production refusals, and the type uploads are served
with."""

from __future__ import annotations

import json
import secrets
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.auth.test_partner_clients import create_client
from tests.conftest import BIN, error_codes

PUBLIC_URL = "https://ecabinet.example.gov.vn"


def partner(test_env: Any, scopes: str = "meetings:read") -> str:
    return str(create_client(test_env, scopes=scopes)["client_id"])


@pytest.fixture
async def production(test_env, tmp_path, monkeypatch) -> AsyncIterator[Any]:
    """The app as production builds it (in process, on the test database: `serve` would
    refuse SQLite, which does not matter here), with a built SPA that has source maps."""
    import ecabinet.runtime

    monkeypatch.setattr(ecabinet.runtime, "check_settings", lambda settings: None)
    from ecabinet.app import create_app

    key = tmp_path / "signing-key.jwk"
    keygen = [str(BIN / "ecabinet"), "keygen"]
    key.write_text(subprocess.run(keygen, capture_output=True, text=True, check=True).stdout)
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>e-Cabinet</title>")
    (dist / "assets" / "app.js").write_text("console.log(1)\n//# sourceMappingURL=app.js.map")
    (dist / "assets" / "app.js.map").write_text('{"version":3,"sources":["src/secret.ts"]}')
    settings = test_env.settings(
        ECABINET_ENV="production",
        ECABINET_FRONTEND_DIST=str(dist),
        ECABINET_PUBLIC_URL=PUBLIC_URL,
        ECABINET_SECRET_KEY=secrets.token_urlsafe(32),
        ECABINET_BALLOT_KEY=secrets.token_urlsafe(32),
        ECABINET_SIGNING_KEY_FILE=str(key),
        ECABINET_RUN_JOBS="false",
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client
    await app.state.runtime.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_graphiql_is_off_in_production(production):
    response = await production.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404 and "graphiql" not in response.text.lower()
    assert error_codes(response.json()) == ["NOT_FOUND"]


async def test_partner_clients_do_not_introspect_in_production(production, test_env, user_ids):
    tokens = production.app.state.runtime.tokens
    client_id = partner(test_env)
    client = tokens.issue(
        {"sub": f"client:{client_id}", "client_id": client_id, "scope": "meetings:read"}, 600
    )
    user = tokens.issue({"sub": str(user_ids["staff"]), "client_id": "t", "scope": "openid"}, 600)
    query = {"query": "{ __schema { queryType { name } } }"}
    refused = (await production.post("/graphql", json=query, headers=bearer(client))).json()
    assert error_codes(refused) == ["FORBIDDEN"] and refused.get("data") is None
    typename = {"query": "{ __typename }"}
    assert (
        "errors"
        not in (await production.post("/graphql", json=typename, headers=bearer(client))).json()
    )
    allowed = (await production.post("/graphql", json=query, headers=bearer(user))).json()
    assert allowed["data"]["__schema"]["queryType"]["name"] == "Query"


def set_introspection(test_env: Any, client_id: str, setting: str) -> None:
    subprocess.run(
        [str(BIN / "ecabinet"), "client", "introspection", client_id, setting],
        env=test_env.env(),
        capture_output=True,
        check=True,
    )


async def test_the_operator_decides_introspection_per_partner_client(production, test_env):
    """`ecabinet client introspection ID on|off` overrides GRAPHQL_INTROSPECTION for one
    partner client: allowed here in production, refused there in development."""
    allowed = partner(test_env)
    set_introspection(test_env, allowed, "on")
    token = production.app.state.runtime.tokens.issue(
        {"sub": f"client:{allowed}", "client_id": allowed, "scope": "meetings:read"}, 600
    )
    query = {"query": "{ __schema { queryType { name } } }"}
    body = (await production.post("/graphql", json=query, headers=bearer(token))).json()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
    refused = partner(test_env)
    set_introspection(test_env, refused, "off")
    from ecabinet.app import create_app

    app = create_app(test_env.settings(ECABINET_RUN_JOBS="false"))  # development: "all"
    dev_token = app.state.runtime.tokens.issue(
        {"sub": f"client:{refused}", "client_id": refused, "scope": "meetings:read"}, 600
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        body = (await c.post("/graphql", json=query, headers=bearer(dev_token))).json()
    await app.state.runtime.close()
    assert error_codes(body) == ["FORBIDDEN"]


async def test_introspection_can_be_turned_off_for_everyone(test_env, make_token):
    from ecabinet.app import create_app

    app = create_app(test_env.settings(GRAPHQL_INTROSPECTION="none", ECABINET_RUN_JOBS="false"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        body = (
            await c.post(
                "/graphql",
                json={"query": '{ __type(name: "User") { name } }'},
                headers=bearer(make_token("admin")),
            )
        ).json()
    await app.state.runtime.close()
    assert error_codes(body) == ["FORBIDDEN"]


async def test_no_source_maps_in_production(production):
    assert (await production.get("/assets/app.js")).status_code == 200
    response = await production.get("/assets/app.js.map")
    assert response.status_code == 404 and "secret.ts" not in response.text


async def test_the_host_header_never_reaches_the_csp(test_env):
    """Without ECABINET_PUBLIC_URL the CSP named whatever Host the request claimed."""
    from ecabinet.app import create_app

    app = create_app(test_env.settings(ECABINET_PUBLIC_URL="", ECABINET_RUN_JOBS="false"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/healthz", headers={"Host": "evil.example"})
    await app.state.runtime.close()
    csp = response.headers["content-security-policy"]
    assert "evil.example" not in csp and f"ws://127.0.0.1:{test_env.port}" in csp


async def test_production_csp_allows_only_the_secure_socket_of_the_public_origin(production):
    csp = (await production.get("/healthz", headers={"Host": "evil.example"})).headers[
        "content-security-policy"
    ]
    assert "wss://ecabinet.example.gov.vn" in csp
    assert "ws://" not in csp and "evil.example" not in csp


async def audit_ip(db: Any, code: str) -> str:
    async with db.session() as s:
        rows = await s.execute(
            text(
                "SELECT ip FROM audit_event WHERE action = 'unit.create' AND CAST(details AS TEXT) LIKE :c"
            ),
            {"c": f"%{code}%"},
        )
        (ip,) = rows.one()
    return str(ip)


async def create_unit(url: str, token: str, forwarded_for: str) -> str:
    code = f"XFF-{secrets.token_hex(3).upper()}"  # the service upper-cases codes
    async with httpx.AsyncClient(base_url=url) as http:
        response = await http.post(
            "/graphql",
            json={
                "query": "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) "
                "{ errors { code } } }",
                "variables": {"i": {"code": code, "name": "Đơn vị thử"}},
            },
            headers={**bearer(token), "X-Forwarded-For": forwarded_for},
        )
    assert response.json()["data"]["createOrgUnit"]["errors"] == [], response.text
    return code


async def test_forwarded_headers_count_only_from_trusted_proxies(
    server, behind_proxy, db, tokens, make_token
):
    """X-Forwarded-For from anyone was believed when it came from 127.0.0.1 (uvicorn's
    default): a client on the host could put any address in the audit trail and dodge
    per-address limits. Now only ECABINET_TRUSTED_PROXIES are believed."""
    admin = tokens("admin")
    code = await create_unit(server.url, admin, "203.0.113.9")
    assert await audit_ip(db, code) == "127.0.0.1"
    # the session's server behind a pretend proxy (ECABINET_TRUSTED_PROXIES=127.0.0.1),
    # which has a public URL, so an issuer, of its own
    admin_there = make_token("admin", iss=behind_proxy.url)
    code = await create_unit(behind_proxy.url, admin_there, "203.0.113.9")
    assert await audit_ip(db, code) == "203.0.113.9"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"ECABINET_PUBLIC_URL": "http://ecabinet.example.gov.vn"}, "https://"),
        ({"ECABINET_SECRET_KEY": "x" * 40}, "not random enough"),
        ({"ECABINET_SECRET_KEY": "abcd" * 10}, "not random enough"),
    ],
    ids=["http public URL", "one character repeated", "a short pattern repeated"],
)
def test_production_refuses_an_http_origin_and_low_entropy_secrets(tmp_path, changes, problem):
    from ecabinet.settings import Settings

    key = tmp_path / "key.jwk"
    key.write_text("{}")
    base = {
        "ECABINET_ENV": "production",
        "DATABASE_URL": "postgresql://u@db:5432/ecabinet",
        "ECABINET_SECRET_KEY": secrets.token_urlsafe(32),
        "ECABINET_SIGNING_KEY_FILE": str(key),
        "ECABINET_PUBLIC_URL": PUBLIC_URL,
        "ECABINET_BALLOT_KEY": secrets.token_urlsafe(32),
    }
    assert Settings(**base).production_problems() == []
    problems = Settings(**{**base, **changes}).production_problems()
    assert any(problem in p for p in problems), problems


# ---- uploads are never served as something a browser runs ---------------------------


async def test_an_uploaded_html_file_is_served_as_a_download_not_a_page(
    server, gql, tokens, tmp_path: Path
):
    units = {
        u["code"]: u["id"]
        for u in (await gql("{ orgUnits { id code } }", token=tokens("chair")))["data"]["orgUnits"]
    }
    made = await gql(
        "mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } errors { code } } }",
        {"i": {"title": "Trang thử", "leadUnitId": units["TTTH"], "dueDate": "2030-06-30"}},
        token=tokens("chair"),
    )
    task_id = made["data"]["createTask"]["task"]["id"]
    page = b"<!doctype html><script>fetch('/graphql')</script>"
    operations = {
        "query": """mutation($i: ReportProgressInput!) { reportProgress(input: $i) {
          task { reports { attachments { id contentType url } } } errors { code } } }""",
        "variables": {"i": {"taskId": task_id, "text": "x", "progress": 5, "attachments": [None]}},
    }
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.i.attachments.0"]}),
            },
            files={"0": ("page.html", page, "text/html")},
            headers=bearer(tokens("staff")),
        )
        report = response.json()["data"]["reportProgress"]
        assert report["errors"] == [], response.text
        (attachment,) = [a for r in report["task"]["reports"] for a in r["attachments"]]
        assert attachment["contentType"] == "application/octet-stream"
        download = await http.get(attachment["url"])
    assert download.status_code == 200 and download.content == page
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in download.headers["content-security-policy"]
