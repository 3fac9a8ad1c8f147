"""Every failure reaches the client as one of the contract's codes, never a 500 or a
stack trace; hostile documents are refused before they execute."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import error_codes


@pytest.fixture(scope="module")
def staff(make_token) -> str:
    return make_token("staff", ttl=3600)


async def test_malformed_json_is_bad_user_input(gql, staff):
    response = await gql.http.post(
        "/graphql",
        content=b'{"query": "{ viewer',
        headers={"Authorization": f"Bearer {staff}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_missing_query_is_bad_user_input(gql, staff):
    response = await gql.http.post(
        "/graphql", json={"variables": {}}, headers={"Authorization": f"Bearer {staff}"}
    )
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_syntax_error_is_bad_user_input(gql, staff):
    assert error_codes((await gql.post("{ viewer { ", token=staff)).json()) == ["BAD_USER_INPUT"]


async def test_unknown_field_is_bad_user_input(gql, staff):
    assert error_codes(await gql("{ viewer { salary } }", token=staff)) == ["BAD_USER_INPUT"]


async def test_without_token_is_unauthenticated(gql):
    response = await gql.post("{ viewer { id } }")
    assert response.status_code == 401 and error_codes(response.json()) == ["UNAUTHENTICATED"]


async def test_deep_query_is_too_complex(gql, staff):
    deep = "{ viewer { unit " + "{ parent " * 15 + "{ name }" + " }" * 15 + " } }"
    assert error_codes(await gql(deep, token=staff)) == ["QUERY_TOO_COMPLEX"]


async def test_many_aliases_are_too_complex(gql, staff):
    query = "{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(40)) + " }"
    assert error_codes(await gql(query, token=staff)) == ["QUERY_TOO_COMPLEX"]


async def test_huge_document_is_too_complex(gql, staff):
    query = "{ viewer { " + "id " * 6000 + "} }"
    assert error_codes(await gql(query, token=staff)) == ["QUERY_TOO_COMPLEX"]


async def test_nested_pages_beyond_the_node_budget_are_too_complex(gql, staff):
    query = (
        "{ a: users(first: 100) { nodes { id } } "
        + " ".join(
            f"b{i}: users(first: 100) {{ edges {{ node {{ id unit {{ name parent {{ name }} }} }} }} }}"
            for i in range(25)
        )
        + " }"
    )
    assert error_codes(await gql(query, token=staff)) == ["QUERY_TOO_COMPLEX"]


PAGES_BY_VARIABLE = (
    "query($n: Int) { "
    + " ".join(
        f"b{i}: users(first: $n) {{ edges {{ node {{ id unit {{ name parent {{ name }} }} }} }} }}"
        for i in range(26)  # 26 × 800 nodes at 100 a page
    )
    + " }"
)


async def test_page_sizes_given_by_variables_cost_what_they_ask(gql, staff):
    """A partner's `users(first: $n)` is estimated with its `$n`: small pages run, large
    ones are refused before they execute."""
    small = await gql(PAGES_BY_VARIABLE, {"n": 2}, token=staff)
    assert "errors" not in small and len(small["data"]["b0"]["edges"]) == 2
    large = await gql(PAGES_BY_VARIABLE, {"n": 100}, token=staff)
    assert error_codes(large) == ["QUERY_TOO_COMPLEX"] and large.get("data") is None


async def test_a_variable_page_size_default_counts_when_the_variable_is_not_sent(gql, staff):
    query = PAGES_BY_VARIABLE.replace("$n: Int", "$n: Int = 100")
    assert error_codes(await gql(query, {}, token=staff)) == ["QUERY_TOO_COMPLEX"]
    assert "errors" not in await gql(query, {"n": 3}, token=staff)


async def test_page_size_above_100_is_bad_user_input(gql, staff):
    body = await gql("{ users(first: 101) { totalCount } }", token=staff)
    assert error_codes(body) == ["BAD_USER_INPUT"] and body["data"]["users"] is None


async def test_bad_cursor_is_bad_user_input(gql, staff):
    body = await gql('{ users(after: "%%%") { totalCount } }', token=staff)
    assert error_codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.smoke
async def test_messages_follow_accept_language(gql, staff):
    vi = await gql("{ users(first: 101) { totalCount } }", token=staff, lang="vi")
    en = await gql("{ users(first: 101) { totalCount } }", token=staff, lang="en-US,en;q=0.9")
    assert "phải" in vi["errors"][0]["message"] and "must be" in en["errors"][0]["message"]


async def test_wrong_variable_type_is_bad_user_input(gql, staff):
    body = await gql(
        "query($n: Int) { users(first: $n) { totalCount } }", {"n": "ten"}, token=staff
    )
    assert error_codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.smoke
async def test_unexpected_error_is_internal_with_request_id_only(test_env, monkeypatch, make_token):
    """A bug deep in a service: the client learns a request id, not the SQL or the trace."""
    from ecabinet.app import create_app
    from ecabinet.org import service

    async def broken(**kwargs):
        raise RuntimeError("SELECT password_hash FROM app_user -- secret detail")

    monkeypatch.setattr(service, "list_units", broken)
    app = create_app(test_env.settings())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.post(
            "/graphql",
            json={"query": "{ orgUnits { name } }"},
            headers={"Authorization": f"Bearer {make_token('staff')}"},
        )
    await app.state.runtime.close()
    error = response.json()["errors"][0]
    assert response.status_code == 200 and error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["extensions"]["requestId"] in error["message"]
    assert "SELECT" not in response.text and "Traceback" not in response.text


async def test_graphiql_is_shown_to_a_browser(gql):
    response = await gql.http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


async def test_subscription_over_http_is_bad_user_input(gql, staff):
    """Subscriptions live on the WebSocket; over HTTP they are refused, not a 500."""
    response = await gql.post('subscription { voteUpdated(voteId: "x") { id } }', token=staff)
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_client_gone_mid_body_is_logged_quietly(test_env, make_token, caplog):
    """A tablet that drops off while sending is an everyday event, not an error with a trace."""
    from ecabinet.app import create_app

    app = create_app(test_env.settings())
    token = make_token("staff").encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"content-type", b"application/json"),
            (b"content-length", b"1000"),
            (b"authorization", b"Bearer " + token),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("test", 80),
    }
    messages = [
        {"type": "http.request", "body": b'{"query": "{ vie', "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        pass

    await app(scope, receive, send)  # does not raise
    await app.state.runtime.close()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("value", ["not a file", 42, {"filename": "x.pdf"}])
async def test_an_upload_that_is_not_a_file_part_is_bad_user_input(gql, staff, value):
    """Upload variables sent as JSON (not a multipart file part) are refused up front."""
    query = """mutation($t: ID!, $f: Upload!) { reportProgress(input: {taskId: $t, text: "x",
    progress: 10, attachments: [$f]}) { errors { code } } }"""
    body = await gql(query, {"t": "VGFzazox", "f": value}, token=staff)
    assert error_codes(body) == ["BAD_USER_INPUT"] and body.get("data") is None


async def test_several_operations_without_a_name_are_bad_user_input(gql, staff):
    """The GraphQL spec: with several operations, operationName says which one runs."""
    document = "query A { viewer { username } } query B { orgUnits { code } }"
    response = await gql.post(document, token=staff)
    assert error_codes(response.json()) == ["BAD_USER_INPUT"]
    named = await gql.http.post(
        "/graphql",
        json={"query": document, "operationName": "B"},
        headers={"Authorization": f"Bearer {staff}"},
    )
    assert "orgUnits" in named.json()["data"] and "viewer" not in named.json()["data"]


# ---- issue 8, Low 12: these answered HTTP 500 -------------------------------------------


async def test_deeply_nested_json_is_bad_user_input(gql, staff):
    """100,000 nested `[` overflowed the JSON parser's recursion (500)."""
    response = await gql.http.post(
        "/graphql",
        content=b"[" * 100_000,
        headers={"Authorization": f"Bearer {staff}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]
    nested = '{"query": "{ viewer { id } }", "variables": {"a": ' + "[" * 200 + "]" * 200 + "}}"
    response = await gql.http.post(
        "/graphql",
        content=nested.encode(),
        headers={"Authorization": f"Bearer {staff}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_a_cursor_with_a_huge_offset_is_bad_user_input(gql, staff):
    """An offset past what the database's OFFSET holds raised OverflowError (500)."""
    import base64

    cursor = base64.urlsafe_b64encode(b"o:" + b"9" * 30).decode().rstrip("=")
    body = await gql(
        "query($c: String) { users(after: $c) { totalCount } }", {"c": cursor}, token=staff
    )
    assert error_codes(body) == ["BAD_USER_INPUT"] and body["data"]["users"] is None


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("text", "variables.f.a.b.c"),
        ([], "variables.f." + ".".join(["0"] * 40)),
        (None, "variables.f.x"),
        ({"a": 1}, "operations.query"),
    ],
    ids=["into a string", "deep into a list", "into null", "outside variables"],
)
async def test_a_multipart_map_to_a_path_that_does_not_fit_is_bad_user_input(
    gql, staff, value, path
):
    """The map of a multipart request names where each file goes: a path through a
    string, past a list or into null crashed the upload (500)."""
    query = "mutation($f: Upload) { __typename }"
    response = await gql.http.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": query, "variables": {"f": value}}),
            "map": json.dumps({"0": [path]}),
        },
        files={"0": ("a.pdf", b"%PDF-1.4", "application/pdf")},
        headers={"Authorization": f"Bearer {staff}"},
    )
    assert response.status_code == 400 and error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_a_path_with_a_nul_byte_is_not_found(test_env, tmp_path):
    """`GET /index.html%00.js` reached the file system with a NUL byte (500)."""
    from ecabinet.app import create_app

    (tmp_path / "index.html").write_text("<!doctype html><title>e-Cabinet</title>")
    app = create_app(test_env.settings(ECABINET_FRONTEND_DIST=str(tmp_path)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/index.html%00.js")
        too_long = await c.get("/" + "a" * 5000 + ".js")
    await app.state.runtime.close()
    assert response.status_code == 404 and "index.html" not in response.text
    assert too_long.status_code == 200 and "e-Cabinet" in too_long.text  # a client route


# ---- issue 8, Low 18 ----------------------------------------------------------------------


async def test_too_deep_an_introspection_is_too_complex(gql, staff):
    """graphql-core's own limit on introspection depth answered BAD_USER_INPUT; the
    contract says a depth limit is QUERY_TOO_COMPLEX."""
    query = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    body = await gql(query, token=staff)
    assert error_codes(body) == ["QUERY_TOO_COMPLEX"] and body.get("data") is None
