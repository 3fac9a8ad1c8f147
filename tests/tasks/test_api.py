"""Task tracking over GraphQL: conclusions become tasks, visibility, the assigner's flow,
notifications pushed live, and the SQL statement count of the list."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from tests.conftest import count_selects, error_codes
from tests.factories import gid as factory_gid
from tests.meetings.helpers import running_meeting

LIST = """query($first: Int) { tasks(first: $first) { totalCount nodes { code title dueDate
  status isOverdue progress leadUnit { code name } coordinatingUnits { code }
  sourceMeeting { title } reports { progress author { fullName } } } } }"""


async def unit_ids(gql, token) -> dict[str, str]:
    body = await gql("{ orgUnits { id code } }", token=token)
    return {u["code"]: u["id"] for u in body["data"]["orgUnits"]}


async def test_demo_replays_the_2019_notice(gql, tokens):
    body = await gql(
        '{ tasks(first: 100, filter: {search: "NV-2019"}) { totalCount nodes { '
        "title dueDate leadUnit { code } coordinatingUnits { code } sourceMeeting "
        "{ title } } } }",
        token=tokens("chair"),
    )
    tasks = body["data"]["tasks"]["nodes"]
    assert body["data"]["tasks"]["totalCount"] == 11
    kien_toan = next(t for t in tasks if t["title"].startswith("Kiện toàn Ban Chỉ đạo"))
    assert kien_toan["dueDate"] == "2019-09-25" and kien_toan["leadUnit"]["code"] == "VTCCB"
    assert [u["code"] for u in kien_toan["coordinatingUnits"]] == ["CKSTTHC"]
    assert "17/9/2019" not in kien_toan["sourceMeeting"]["title"]  # the meeting's own title
    assert {t["dueDate"] for t in tasks} == {"2019-09-25", "2019-10-01", "2019-12-31"}


async def test_issuing_a_conclusion_creates_tasks(gql, tokens):
    mid = await running_meeting(gql, tokens, start=False)
    units = await unit_ids(gql, tokens("secretary"))
    save = (
        """mutation($i: SaveConclusionInput!) { saveConclusion(input: $i) { errors { code } } }"""
    )
    r = await gql(
        save,
        {
            "i": {
                "meetingId": mid,
                "number": "99/TB-VPCP",
                "issuedOn": "2026-11-20",
                "text": "Kết luận",
                "directives": [
                    {
                        "title": "Triển khai thử nghiệm",
                        "leadUnitId": units["TTTH"],
                        "coordinatingUnitIds": [units["VHC"]],
                        "dueDate": "2026-12-31",
                    }
                ],
            }
        },
        token=tokens("secretary"),
    )
    assert r["data"]["saveConclusion"]["errors"] == []
    issued = await gql(
        """mutation($m: ID!) { issueConclusion(meetingId: $m) { meeting {
        conclusion { issued directives { taskId } } } errors { code } } }""",
        {"m": mid},
        token=tokens("secretary"),
    )
    conclusion = issued["data"]["issueConclusion"]["meeting"]["conclusion"]
    assert conclusion["issued"] is True
    task_id = conclusion["directives"][0]["taskId"]
    task = await gql(
        """query($id: ID!) { task(id: $id) { title leadUnit { code }
        coordinatingUnits { code } sourceKind sourceReference authority
        assignedBy { username } } }""",
        {"id": task_id},
        token=tokens("staff"),
    )
    assert task["data"]["task"] == {
        "title": "Triển khai thử nghiệm",
        "leadUnit": {"code": "TTTH"},
        "coordinatingUnits": [{"code": "VHC"}],
        "sourceKind": "MEETING_CONCLUSION",
        "sourceReference": "99/TB-VPCP",
        # a steering committee's conclusion assigns in the Minister-Chairman's name, by the
        # meeting's chair (not by the secretary who issued it)
        "authority": "MINISTER_CHAIRMAN",
        "assignedBy": {"username": "chair"},
    }
    again = await gql(
        """mutation($m: ID!) { issueConclusion(meetingId: $m) { errors { code } } }""",
        {"m": mid},
        token=tokens("secretary"),
    )
    assert again["data"]["issueConclusion"]["errors"] == [{"code": "CONCLUSION_ISSUED"}]


@pytest.mark.smoke
async def test_a_unit_sees_only_its_tasks(gql, factory):
    mine, other = await factory.unit(), await factory.unit()
    officer = await factory.user(unit=mine)
    leads = await factory.task(lead=mine)
    coordinates = await factory.task(lead=other, coordinating=[mine])
    elsewhere = await factory.task(lead=other)
    body = await gql(
        """query($id: ID!) { tasks(first: 100, filter: {unitId: $id}) { totalCount
          nodes { code leadUnit { code } coordinatingUnits { code } } } }""",
        {"id": factory_gid("OrgUnit", other.id)},
        token=officer.token,
    )
    seen = {t["code"] for t in body["data"]["tasks"]["nodes"]}
    # of the other unit's tasks, only the one this unit coordinates
    assert seen == {coordinates.code} and body["data"]["tasks"]["totalCount"] == 1
    assert elsewhere.code not in seen
    own = await gql("{ tasks(first: 100) { nodes { code } } }", token=officer.token)
    assert {t["code"] for t in own["data"]["tasks"]["nodes"]} == {leads.code, coordinates.code}


async def test_partner_needs_tasks_read(gql, tokens, factory, server):
    from tests.auth.test_partner_clients import token_for

    partner = await factory.partner(name="Bộ Kế hoạch và Đầu tư", scopes="tasks:read")
    token = (await token_for(server, partner)).json()["access_token"]
    body = await gql("{ tasks(first: 1) { totalCount } }", token=token)
    assert body["data"]["tasks"]["totalCount"] >= 11
    other = await factory.partner(name="Bộ Ngoại giao", scopes="meetings:read")
    token = (await token_for(server, other)).json()["access_token"]
    assert error_codes(await gql("{ tasks(first: 1) { totalCount } }", token=token)) == [
        "FORBIDDEN"
    ]


@pytest.mark.smoke
async def test_overdue_filter_and_dashboard_figures(gql, tokens):
    body = await gql(
        """{ tasks(first: 100, filter: {overdue: true}) { nodes { isOverdue } }
        taskStatistics(from: "2019-01-01", to: "2019-12-31") { unit { code } assigned
        completedOnTime completedLate overdue onTimeRate } }""",
        token=tokens("chair"),
    )
    assert all(t["isOverdue"] for t in body["data"]["tasks"]["nodes"])
    stats = {r["unit"]["code"]: r for r in body["data"]["taskStatistics"]}
    assert stats["VQHQT"]["onTimeRate"] == 1.0 and stats["CQT"]["overdue"] == 1
    assert sum(r["assigned"] for r in stats.values()) == 11


async def test_assigned_task_notifies_the_lead_units_head_live(server, gql, tokens, make_token):
    url = server.url.replace("http", "ws") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps(
                {
                    "type": "connection_init",
                    "payload": {"Authorization": f"Bearer {tokens('member6')}"},
                }
            )
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "n",
                    "type": "subscribe",
                    "payload": {
                        "query": "subscription { notificationAdded { kind title subjectId } }"
                    },
                }
            )
        )
        await asyncio.sleep(0.3)
        mid = await running_meeting(gql, tokens, start=False)
        units = await unit_ids(gql, tokens("secretary"))
        await gql(
            """mutation($i: SaveConclusionInput!) { saveConclusion(input: $i) { errors { code } } }""",
            {
                "i": {
                    "meetingId": mid,
                    "number": "7/TB",
                    "issuedOn": "2026-11-20",
                    "text": "K",
                    "directives": [{"title": "Kiểm kê tài sản", "leadUnitId": units["CQT"]}],
                }
            },
            token=tokens("secretary"),
        )
        await gql(
            """mutation($m: ID!) { issueConclusion(meetingId: $m) { errors { code } } }""",
            {"m": mid},
            token=tokens("secretary"),
        )
        message = json.loads(await asyncio.wait_for(ws.recv(), 5))
    assert message["payload"]["data"]["notificationAdded"]["kind"] == "TASK_ASSIGNED"
    count = await gql("{ unreadNotificationCount }", token=tokens("member6"))
    assert count["data"]["unreadNotificationCount"] >= 1


async def count_statements(test_env, token: str, first: int, query: str = LIST) -> int:
    return await count_selects(test_env, token, query, {"first": first})


@pytest.mark.services
async def test_task_list_sql_does_not_grow_with_page_size(test_env, tokens):
    """One query per relation level (a unit can be fetched in a second batch when it is
    first reached through coordinatingUnits), never one per row."""
    counts = [await count_statements(test_env, tokens("chair"), n) for n in (2, 15, 60)]
    assert max(counts) <= 12 and counts[2] <= counts[0] + 1, counts


async def test_notification_text_follows_the_readers_language(gql, tokens):
    units = await unit_ids(gql, tokens("chair"))
    made = await gql(
        """mutation($i: CreateTaskInput!) { createTask(input: $i) {
        task { code } errors { code } } }""",
        {"i": {"title": "Kiểm tra thiết bị", "leadUnitId": units["CQT"], "dueDate": "2030-01-31"}},
        token=tokens("chair"),
    )
    code = made["data"]["createTask"]["task"]["code"]
    q = "{ notifications(first: 20) { nodes { kind title } } }"
    vi = await gql(q, token=tokens("member6"), lang="vi")
    en = await gql(q, token=tokens("member6"), lang="en")
    assert f"Nhiệm vụ mới {code}: Kiểm tra thiết bị" in [
        n["title"] for n in vi["data"]["notifications"]["nodes"]
    ]
    assert f"New task {code}: Kiểm tra thiết bị" in [
        n["title"] for n in en["data"]["notifications"]["nodes"]
    ]


async def test_extension_request_notifies_the_assigner(gql, tokens):
    units = await unit_ids(gql, tokens("chair"))
    made = await gql(
        """mutation($i: CreateTaskInput!) { createTask(input: $i) {
        task { id code } } }""",
        {"i": {"title": "Báo cáo quý", "leadUnitId": units["TTTH"], "dueDate": "2030-03-31"}},
        token=tokens("chair"),
    )
    task = made["data"]["createTask"]["task"]
    r = await gql(
        """mutation($i: RequestExtensionInput!) { requestExtension(input: $i) {
        errors { code } } }""",
        {"i": {"taskId": task["id"], "newDueDate": "2030-04-30", "reason": "Chờ số liệu"}},
        token=tokens("staff"),
    )
    assert r["data"]["requestExtension"]["errors"] == []
    notes = await gql(
        "{ notifications(first: 20) { nodes { kind subjectId } } }", token=tokens("chair")
    )
    assert {"kind": "EXTENSION_REQUESTED", "subjectId": task["id"]} in notes["data"][
        "notifications"
    ]["nodes"]
