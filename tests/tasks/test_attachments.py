"""Progress reports with attachments: uploaded with the report (GraphQL multipart request),
listed on the report, downloaded only by those who may see the task."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx
import pytest

from tests.tasks.test_api import count_statements, unit_ids

REPORT = """mutation($i: ReportProgressInput!) { reportProgress(input: $i) {
  task { progress } errors { code field } } }"""
REPORTS = """query($id: ID!) { task(id: $id) { reports { text progress
  attachments { id name size contentType url } } } }"""


@pytest.fixture(scope="module")
async def http(server):
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield client


async def post_report(
    http: httpx.AsyncClient, token: str, task_id: str, files: list[tuple[str, bytes]]
) -> dict[str, Any]:
    """The whole GraphQL response to a progress report sent with `files`."""
    variables = {
        "i": {"taskId": task_id, "text": "Đã xong dự thảo", "progress": 40, "attachments": None}
    }
    variables["i"]["attachments"] = [None] * len(files)
    response = await http.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": REPORT, "variables": variables}),
            "map": json.dumps(
                {str(i): [f"variables.i.attachments.{i}"] for i in range(len(files))}
            ),
        },
        files={
            str(i): (name, content, "application/pdf") for i, (name, content) in enumerate(files)
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def report_with_files(
    http: httpx.AsyncClient, token: str, task_id: str, files: list[tuple[str, bytes]]
) -> dict[str, Any]:
    body = await post_report(http, token, task_id, files)
    assert "errors" not in body, body
    return body["data"]["reportProgress"]


@pytest.fixture(scope="module")
async def reported(gql, tokens, http) -> dict[str, Any]:
    units = await unit_ids(gql, tokens("chair"))
    made = await gql(
        """mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
        {
            "i": {
                "title": "Dự thảo quy chế vận hành Cổng thông tin nội bộ",
                "leadUnitId": units["TTTH"],
                "coordinatingUnitIds": [units["CKSTTHC"]],
                "dueDate": "2030-06-30",
            }
        },
        token=tokens("chair"),
    )
    task_id = made["data"]["createTask"]["task"]["id"]
    contents = {
        "Dự thảo quy chế.pdf": b"%PDF-1.4 " + secrets.token_bytes(70_000),
        "Phụ lục.pdf": b"%PDF-1.4 " + secrets.token_bytes(500),
    }
    result = await report_with_files(http, tokens("staff"), task_id, list(contents.items()))
    assert result == {"task": {"progress": 40}, "errors": []}
    return {"task": task_id, "contents": contents}


async def test_a_report_lists_its_attachments(gql, tokens, reported):
    body = await gql(REPORTS, {"id": reported["task"]}, token=tokens("member1"))  # coordinator
    (report,) = body["data"]["task"]["reports"]
    assert {a["name"]: a["size"] for a in report["attachments"]} == {
        name: len(content) for name, content in reported["contents"].items()
    }


async def test_those_who_see_the_task_download_its_attachments(gql, tokens, http, reported):
    body = await gql(REPORTS, {"id": reported["task"]}, token=tokens("member1"))
    downloaded = {}
    for a in body["data"]["task"]["reports"][0]["attachments"]:
        by_link = await http.get(a["url"])
        assert by_link.status_code == 200
        downloaded[a["name"]] = by_link.content
    assert downloaded == reported["contents"]  # every file, each byte for byte


async def test_an_outsider_cannot_download_an_attachment(gql, tokens, http, reported):
    body = await gql(REPORTS, {"id": reported["task"]}, token=tokens("member1"))
    file_id = body["data"]["task"]["reports"][0]["attachments"][0]["id"]
    outsider = await http.get(  # hr (Vụ Tổ chức cán bộ) takes no part in the task
        f"/files/{file_id}", headers={"Authorization": f"Bearer {tokens('hr')}"}
    )
    assert outsider.status_code == 404


async def test_at_most_ten_files_per_report(tokens, http, reported):
    result = await report_with_files(
        http, tokens("staff"), reported["task"], [(f"{i}.pdf", b"x") for i in range(11)]
    )
    assert result["errors"] == [{"code": "TOO_MANY_FILES", "field": ["attachments"]}]


async def test_only_the_lead_unit_attaches_reports(tokens, http, reported):
    body = await post_report(http, tokens("member1"), reported["task"], [("a.pdf", b"x")])
    assert [(e["extensions"]["code"], e["extensions"].get("reason")) for e in body["errors"]] == [
        ("FORBIDDEN", "NOT_LEAD_UNIT")
    ]
    assert not (body.get("data") or {}).get("reportProgress")


async def test_attachments_of_a_list_take_one_query_whatever_its_size(test_env, tokens, reported):
    query = """{{ tasks(first: {n}) {{ nodes {{ code
      reports {{ progress attachments {{ name size }} }} }} }} }}"""
    counts = [
        await count_statements(test_env, tokens("chair"), n, query.format(n=n)) for n in (2, 20)
    ]
    assert counts[1] <= counts[0], counts
