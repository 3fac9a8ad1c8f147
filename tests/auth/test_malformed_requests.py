"""Malformed requests to the authorization server get their OAuth error, never a 500."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    "form",
    [
        {"grant_type": "password", "client_id": "ecabinet-spa", "username": "a", "password": "b"},
        {"grant_type": "password"},
        {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "client_id": "x"},
    ],
    ids=["password-spa", "password-anonymous", "device-code"],
)
async def test_unsupported_grant_is_rfc6749_unsupported_grant_type(server, form):
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post("/auth/token", data=form)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "unsupported_grant_type"


async def test_missing_grant_type_is_invalid_request(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        form = await http.post("/auth/token", data={"client_id": "ecabinet-spa"})
        as_json = await http.post("/auth/token", json={"grant_type": "client_credentials"})
    assert form.status_code == 400 and form.json()["error"] == "invalid_request"
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"


async def test_malformed_basic_credentials_are_invalid_client(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            headers={"Authorization": "Basic !!!not-base64"},
        )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


async def test_a_broken_multipart_login_post_is_a_client_error(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post(
            "/auth/authorize",
            content=b"\xff\xfe--nothing",
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
        logout = await http.post(
            "/auth/logout", content=b"\xff", headers={"Content-Type": "multipart/form-data"}
        )
    assert 400 <= response.status_code < 500
    assert logout.status_code == 200
