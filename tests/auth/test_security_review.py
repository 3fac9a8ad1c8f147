"""Findings of the security review of the authorization server, each pinned by a test."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from tests.auth.test_pkce_flow import auth_params, pkce_pair


async def test_unknown_scope_is_refused_by_redirect(server):
    _, challenge = pkce_pair()
    params = auth_params(server, challenge, scope="openid root:all")
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["st-123"]


async def test_overlong_nonce_is_invalid_request_not_a_server_error(server):
    _, challenge = pkce_pair()
    params = auth_params(server, challenge, nonce="n" * 300)
    async with httpx.AsyncClient(base_url=server.url, follow_redirects=False) as http:
        response = await http.get("/auth/authorize", params=params)
    assert response.status_code == 302
    assert "error=invalid_request" in response.headers["location"]
