"""Cost budgets (issue 8, Medium 8): small requests cannot burn seconds of CPU.

`nodes(ids:)` is estimated with the real number of ids; every operation — over HTTP or a
WebSocket — spends points by its estimated cost from one budget per user and per partner
client (shared by every process through Redis when configured); the answer reports the
budget in `extensions.cost`; partner clients can be held to their registered documents.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.auth.test_partner_clients import client_token, create_client
from tests.conftest import BIN, ServerProcess, error_codes, free_port

BUDGET = 40
NODE_FIELDS = "id ... on User { username fullName roles unit { id code name parent { id code name parent { id code name } } } }"


def nodes_query(n_ids: int, aliases: int = 10) -> str:
    ids = ", ".join(f'"VXNlcjp{i}"' for i in range(n_ids))
    return (
        "{ "
        + " ".join(f"a{k}: nodes(ids: [{ids}]) {{ {NODE_FIELDS} }}" for k in range(aliases))
        + " }"
    )


NODES_BY_VARIABLE = (
    "query($ids: [ID!]!) { "
    + " ".join(f"a{k}: nodes(ids: $ids) {{ {NODE_FIELDS} }}" for k in range(10))
    + " }"
)


# ---- the estimate counts the real list ----------------------------------------------------


async def test_nodes_with_a_hundred_literal_ids_counts_a_hundred_items(gql, tokens):
    """Ten aliases of `nodes(ids: [100 ids])` with a nested selection: about 26,000 nodes,
    refused before anything runs (it was estimated at 10 ids each and executed)."""
    body = await gql(nodes_query(100), token=tokens("staff"))
    assert error_codes(body) == ["QUERY_TOO_COMPLEX"] and body.get("data") is None
    small = await gql(nodes_query(3), token=tokens("staff"))
    assert "errors" not in small and len(small["data"]["a0"]) == 3


async def test_nodes_with_ids_given_by_a_variable_counts_the_variable(gql, tokens):
    ids = [f"VXNlcjp{i}" for i in range(100)]
    body = await gql(NODES_BY_VARIABLE, {"ids": ids}, token=tokens("staff"))
    assert error_codes(body) == ["QUERY_TOO_COMPLEX"] and body.get("data") is None
    small = await gql(NODES_BY_VARIABLE, {"ids": ids[:2]}, token=tokens("staff"))
    assert "errors" not in small and len(small["data"]["a9"]) == 2


# ---- every answer reports the budget -------------------------------------------------------


@pytest.mark.smoke
async def test_every_answer_reports_its_cost_and_the_remaining_budget(gql, tokens):
    token = tokens("member3")
    first = await gql("{ viewer { id } }", token=token)
    cost = first["extensions"]["cost"]
    assert cost["requested"] == 1 and cost["limit"] >= cost["remaining"] >= 0
    assert cost["resetAt"].endswith("Z")
    page = await gql("{ users(first: 100) { nodes { id unit { name } } } }", token=token)
    spent = page["extensions"]["cost"]
    assert spent["requested"] == 6  # 1 + 500 nodes (100 users, their ids, units, names) // 100
    assert spent["remaining"] <= cost["remaining"] - 6


# ---- a small budget: HTTP and WebSocket spend from the same one --------------------------


@pytest.fixture(scope="module")
def small_budget(test_env: Any) -> Iterator[ServerProcess]:
    """A server whose budget is 40 points a minute per user and per partner client."""
    extra = {
        "GRAPHQL_COST_BUDGET": str(BUDGET),
        "GRAPHQL_CLIENT_COST_BUDGET": str(BUDGET),
        "REDIS_PREFIX": f"{test_env.prefix}-cost-{secrets.token_hex(3)}",
    }
    server = ServerProcess(test_env, free_port(), extra)
    server.extra = extra  # type: ignore[attr-defined]
    yield server
    server.stop()


async def post(server: ServerProcess, token: str, query: str, **kw: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        return await http.post(
            "/graphql",
            json={"query": query, **kw},
            headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
        )


async def ws_operations(server: ServerProcess, token: str, query: str, count: int) -> list[str]:
    """Run `count` queries on one graphql-transport-ws socket; the error code of each
    (or "" for one that ran)."""
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        codes: list[str] = []
        for i in range(count):
            await ws.send(
                json.dumps({"id": str(i), "type": "subscribe", "payload": {"query": query}})
            )
            code = ""
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if message["type"] == "next" and message["payload"].get("errors"):
                    code = message["payload"]["errors"][0]["extensions"]["code"]
                elif message["type"] == "error":
                    code = message["payload"][0]["extensions"]["code"]
                if message["type"] in ("complete", "error"):
                    break
            codes.append(code)
        return codes


async def test_over_budget_is_rate_limited_with_429_before_the_body_is_read(
    small_budget, make_token
):
    token = make_token("member4")
    query = "{ users(first: 10) { nodes { id } } }"  # 1 + 30 // 100: 1 point
    answers = [await post(small_budget, token, query) for _ in range(BUDGET)]
    assert [a.status_code for a in answers] == [200] * BUDGET
    assert answers[-1].json()["extensions"]["cost"]["remaining"] == 0
    assert answers[-1].headers["x-ratelimit-remaining"] == "0"
    assert answers[-1].headers["x-ratelimit-limit"] == str(BUDGET)
    refused = await post(small_budget, token, "{ viewer { id } }")
    assert refused.status_code == 429 and error_codes(refused.json()) == ["RATE_LIMITED"]
    assert 0 < int(refused.headers["retry-after"]) <= 60


async def test_an_operation_that_does_not_fit_is_refused_and_costs_one_point(
    small_budget, make_token
):
    token = make_token("member5")
    big = "{ a: users(first: 100) { nodes { id unit { name } } } }"  # 6 points
    spent = 0
    while spent + 6 <= BUDGET:
        answer = await post(small_budget, token, big)
        assert answer.status_code == 200 and answer.json()["extensions"]["cost"]["requested"] == 6
        spent += 6
    refused = await post(small_budget, token, big)
    assert refused.status_code == 429 and error_codes(refused.json()) == ["RATE_LIMITED"]
    cheap = await post(small_budget, token, "{ viewer { id } }")
    # the refused one paid only the point every request pays on arrival
    assert cheap.status_code == 200 and cheap.json()["extensions"]["cost"]["remaining"] == (
        BUDGET - spent - 1 - 1
    )


async def test_requests_that_fail_early_are_counted_too(small_budget, make_token):
    """Malformed requests never reach execution, yet each pays a point: a flood of them
    is cut off like any other."""
    token = make_token("chair")
    async with httpx.AsyncClient(base_url=small_budget.url, timeout=30) as http:
        statuses = [
            (
                await http.post(
                    "/graphql",
                    content=b'{"query": "{ viewer',
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
            ).status_code
            for _ in range(BUDGET + 1)
        ]
    assert statuses == [400] * BUDGET + [429]
    refused = await post(small_budget, token, "{ viewer { id } }")
    assert refused.status_code == 429 and error_codes(refused.json()) == ["RATE_LIMITED"]


async def test_websocket_operations_spend_the_same_budget(small_budget, make_token):
    """2,700 operations went through a WebSocket right after HTTP answered 429: now the
    socket's operations spend the user's budget, and HTTP sees what they spent."""
    token = make_token("member6")
    codes = await ws_operations(small_budget, token, "{ viewer { id } }", BUDGET + 5)
    assert codes[:BUDGET] == [""] * BUDGET
    assert codes[BUDGET:] == ["RATE_LIMITED"] * 5
    after = await post(small_budget, token, "{ viewer { id } }")
    assert after.status_code == 429 and error_codes(after.json()) == ["RATE_LIMITED"]


async def test_a_subscription_over_budget_is_refused(small_budget, make_token):
    token = make_token("secretary")
    for _ in range(BUDGET):
        assert (await post(small_budget, token, "{ viewer { id } }")).status_code == 200
    sub = 'subscription { voteUpdated(voteId: "Vm90ZTox") { id } }'
    assert await ws_operations(small_budget, token, sub, 1) == ["RATE_LIMITED"]


async def test_a_partner_client_has_one_budget_whatever_token_it_uses(small_budget, test_env):
    client = create_client(test_env, scopes="meetings:read")
    first, second = [await client_token(small_budget, client) for _ in range(2)]
    for _ in range(BUDGET):
        assert (await post(small_budget, first, "{ orgUnits { code } }")).status_code == 200
    refused = await post(small_budget, second, "{ orgUnits { code } }")
    assert refused.status_code == 429 and error_codes(refused.json()) == ["RATE_LIMITED"]


@pytest.mark.services
async def test_the_budget_is_shared_by_every_process_through_redis(
    small_budget, test_env, make_token
):
    if not test_env.redis_url:
        pytest.skip("needs Redis (ECABINET_TEST_BACKEND=postgres)")
    other = ServerProcess(test_env, free_port(), small_budget.extra)
    try:
        token = make_token("member1")
        for _ in range(BUDGET):
            assert (await post(small_budget, token, "{ viewer { id } }")).status_code == 200
        refused = await post(other, token, "{ viewer { id } }")
        assert refused.status_code == 429 and error_codes(refused.json()) == ["RATE_LIMITED"]
    finally:
        other.stop()


# ---- trusted documents -------------------------------------------------------------------

REGISTERED = "query Units { orgUnits { code name } }\n"


def register(test_env: Any, client_id: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [str(BIN / "ecabinet"), "client", "documents", client_id, *args],
        env=test_env.env(),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


async def test_a_partner_in_trusted_documents_mode_runs_only_its_documents(
    server, test_env, tmp_path: Path
):
    client = create_client(test_env, scopes="meetings:read")
    document = tmp_path / "units.graphql"
    document.write_text(REGISTERED)
    out = register(test_env, client["client_id"], "--file", str(document))
    assert len(out["trusted_documents"]) == 1
    token = await client_token(server, client)
    ran = await post(server, token, REGISTERED)
    assert ran.status_code == 200 and ran.json()["data"]["orgUnits"]
    for other in ("{ orgUnits { code name } }", "{ __schema { types { name } } }"):
        refused = await post(server, token, other)
        error = refused.json()["errors"][0]
        assert error["extensions"] == {"code": "FORBIDDEN", "reason": "DOCUMENT_NOT_TRUSTED"}
        assert refused.json().get("data") is None
    assert register(test_env, client["client_id"], "--off")["trusted_documents"] is None
    fresh = create_client(test_env, scopes="meetings:read")  # not in the mode: runs anything
    free = await post(server, await client_token(server, fresh), "{ orgUnits { code } }")
    assert free.status_code == 200 and "errors" not in free.json()


async def test_a_partner_in_trusted_documents_mode_may_send_only_the_hash(
    server, test_env, tmp_path: Path
):
    """Persisted documents: `documentId: "sha256:…"` (GraphQL over HTTP) or Apollo's
    `extensions.persistedQuery.sha256Hash` instead of the text of a registered document."""
    import hashlib

    client = create_client(test_env, scopes="meetings:read")
    document = tmp_path / "units.graphql"
    document.write_text(REGISTERED)
    register(test_env, client["client_id"], "--file", str(document))
    token = await client_token(server, client)
    sha = hashlib.sha256(REGISTERED.encode()).hexdigest()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        by_id = await http.post("/graphql", json={"documentId": f"sha256:{sha}"}, headers=headers)
        apq = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha}}}
        by_apq = await http.post("/graphql", json=apq, headers=headers)
        unknown = await http.post(
            "/graphql", json={"documentId": f"sha256:{'0' * 64}"}, headers=headers
        )
    assert by_id.json()["data"]["orgUnits"] and by_apq.json()["data"]["orgUnits"]
    assert unknown.json()["errors"][0]["extensions"]["reason"] == "DOCUMENT_NOT_TRUSTED"


async def test_trusted_documents_hold_over_the_websocket(server, test_env, tmp_path: Path):
    client = create_client(test_env, scopes="meetings:read")
    document = tmp_path / "units.graphql"
    document.write_text(REGISTERED)
    register(test_env, client["client_id"], "--file", str(document))
    token = await client_token(server, client)
    assert await ws_operations(server, token, "{ orgUnits { code } }", 1) == ["FORBIDDEN"]
    assert await ws_operations(server, token, REGISTERED, 1) == [""]


def test_a_manifest_whose_hash_does_not_match_is_refused(test_env, tmp_path: Path):
    client = create_client(test_env, scopes="meetings:read")
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"0" * 64: REGISTERED}))
    out = subprocess.run(
        [
            str(BIN / "ecabinet"),
            "client",
            "documents",
            client["client_id"],
            "--file",
            str(manifest),
        ],
        env=test_env.env(),
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "sha256" in out.stderr and out.stdout == ""
