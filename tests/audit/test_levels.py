"""The audit trail respects record levels (issue 8, High 1): an event carries the level of
the record it is about, and `auditEvents` shows a reader only events up to their clearance
— not the title, not the existence, not the count — and a partner only the kinds of record
its scopes cover. Raising a record's level hides its earlier events from readers below it."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ecabinet.authz.principal import Clearance, Role, system_principal
from ecabinet.platform.ids import decode_uuid
from tests.meetings.helpers import CREATE, CREATE_VOTE, add_agenda_item

UPDATE_MEETING = """mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) {
  meeting { id } errors { code } } }"""
CREATE_TASK = """mutation($i: CreateTaskInput!) { createTask(input: $i) {
  task { id } errors { code } } }"""
UPDATE_TASK = """mutation($i: UpdateTaskInput!) { updateTask(input: $i) {
  task { id } errors { code } } }"""
EVENTS = """query($t: String, $e: String) { auditEvents(first: 100,
  filter: {entityType: $t, entityId: $e}) { totalCount nodes { action entityType details level } } }"""


# ---- people, partners and records ---------------------------------------------------------


@pytest.fixture(scope="module")
async def people(db, user_ids, make_token) -> dict[str, str]:
    """Tokens of a TOP_SECRET secretary and a TOP_SECRET auditor (the demo's secretary and
    auditor are SECRET), besides the demo's SECRET auditor."""
    from ecabinet.org import service

    made = {}
    for name, role in (("secretary", Role.SECRETARY), ("auditor", Role.AUDITOR)):
        username = f"ts-{name}-{secrets.token_hex(3)}"
        async with db.unit_of_work() as s:
            user = await service.create_user(
                session=s,
                principal=system_principal("tests"),
                username=username,
                full_name="Người Thử Tối Mật",
                roles=[role],
                clearance=Clearance.TOP_SECRET,
            )
        user_ids[username] = user.id
        made[f"ts_{name}"] = make_token(username, ttl=3600)
    made["auditor"] = make_token("auditor", ttl=3600)
    return made


async def partner(factory, server, scopes: str, clearance: str) -> str:
    """An access token of a new partner client (registered as `ecabinet client create` does,
    then client_credentials)."""
    client = await factory.partner(scopes=scopes, clearance=Clearance[clearance])
    response = httpx.post(
        f"{server.url}/auth/token",
        data={"grant_type": "client_credentials", "scope": scopes},
        auth=(client["client_id"], client["client_secret"]),
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


async def new_meeting(gql, token: str, title: str, level: str) -> str:
    body = await gql(
        CREATE,
        {
            "i": {
                "title": title,
                "startsAt": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
                "confidentiality": level,
                "participants": [],
            }
        },
        token=token,
    )
    assert body["data"]["createMeeting"]["errors"] == [], body
    return body["data"]["createMeeting"]["meeting"]["id"]


async def new_vote(gql, token: str, mid: str, title: str) -> str:
    body = await gql(CREATE_VOTE, {"i": {"meetingId": mid, "title": title}}, token=token)
    assert body["data"]["createVote"]["errors"] == [], body
    return body["data"]["createVote"]["vote"]["id"]


def key(gid: str, kind: str) -> str:
    return str(decode_uuid(gid, kind))


async def events(gql, token: str, kind: str | None = None, entity: str | None = None) -> dict:
    body = await gql(EVENTS, {"t": kind, "e": entity}, token=token)
    assert "errors" not in body, body
    return body["data"]["auditEvents"]


def titles(page: dict) -> set[str]:
    return {n["details"].get("title") for n in page["nodes"]} - {None}


@pytest.fixture(scope="module")
async def top_secret(gql, people) -> dict[str, Any]:
    """A TOP_SECRET meeting with an agenda item and a vote, each titled with a tag."""
    tag = secrets.token_hex(4)
    sec = people["ts_secretary"]
    mid = await new_meeting(gql, sec, f"Họp tối mật {tag}", "TOP_SECRET")
    iid = await add_agenda_item(gql, sec, mid, f"Đề án tối mật {tag}")
    vid = await new_vote(gql, sec, mid, f"Biểu quyết tối mật {tag}")
    return {
        "tag": tag,
        "records": [
            ("Meeting", key(mid, "Meeting")),
            ("AgendaItem", key(iid, "AgendaItem")),
            ("Vote", key(vid, "Vote")),
        ],
    }


# ---- readers below the level see nothing of it --------------------------------------------


async def test_a_public_partner_with_audit_read_sees_nothing_of_a_top_secret_meeting(
    gql, factory, server, top_secret
):
    token = await partner(factory, server, "audit:read meetings:read", "PUBLIC")
    for kind, entity in top_secret["records"]:
        page = await events(gql, token, kind, entity)
        assert (page["totalCount"], page["nodes"]) == (0, []), (kind, page)
    everything = await events(gql, token)
    assert top_secret["tag"] not in json.dumps(everything)


async def test_a_secret_auditor_sees_nothing_of_a_top_secret_meeting(gql, people, top_secret):
    for kind, entity in top_secret["records"]:
        page = await events(gql, people["auditor"], kind, entity)
        assert (page["totalCount"], page["nodes"]) == (0, []), (kind, page)
    for action in ("meeting.create", "agenda.add", "vote.create"):
        body = await gql(
            """query($a: String) { auditEvents(first: 100, filter: {action: $a}) {
            totalCount nodes { details } } }""",
            {"a": action},
            token=people["auditor"],
        )
        assert top_secret["tag"] not in json.dumps(body), action


@pytest.mark.smoke
async def test_an_auditor_cleared_for_it_reads_its_events_and_the_count_agrees(
    gql, people, top_secret
):
    tag = top_secret["tag"]
    seen: dict[str, set[str]] = {}
    for kind, entity in top_secret["records"]:
        page = await events(gql, people["ts_auditor"], kind, entity)
        assert page["totalCount"] == len(page["nodes"]) > 0
        assert {n["level"] for n in page["nodes"]} == {"TOP_SECRET"}
        seen[kind] = titles(page)
    assert seen == {
        "Meeting": {f"Họp tối mật {tag}"},
        "AgendaItem": {f"Đề án tối mật {tag}"},
        "Vote": {f"Biểu quyết tối mật {tag}"},
    }


async def test_a_top_secret_tasks_title_is_hidden_from_the_secret_auditor(gql, people, tokens):
    units = await gql("{ orgUnits { id code } }", token=tokens("chair"))
    lead = next(u["id"] for u in units["data"]["orgUnits"] if u["code"] == "CQT")
    tag = secrets.token_hex(4)
    made = await gql(
        CREATE_TASK,
        {
            "i": {
                "title": f"Việc tối mật {tag}",
                "leadUnitId": lead,
                "confidentiality": "TOP_SECRET",
            }
        },
        token=tokens("chair"),  # the chair is cleared TOP_SECRET and assigns tasks
    )
    assert made["data"]["createTask"]["errors"] == [], made
    tid = made["data"]["createTask"]["task"]["id"]
    changed = await gql(
        UPDATE_TASK,
        {"i": {"id": tid, "title": f"Việc tối mật đổi tên {tag}"}},
        token=tokens("chair"),
    )
    assert changed["data"]["updateTask"]["errors"] == [], changed
    hidden = await events(gql, people["auditor"], "Task", key(tid, "Task"))
    assert (hidden["totalCount"], hidden["nodes"]) == (0, [])
    shown = await events(gql, people["ts_auditor"], "Task", key(tid, "Task"))
    assert {"task.created", "task.updated"} <= {n["action"] for n in shown["nodes"]}
    assert shown["totalCount"] == len(shown["nodes"])
    assert tag in json.dumps(shown["nodes"])


# ---- raising a level --------------------------------------------------------------------------


@pytest.mark.smoke
async def test_raising_a_meetings_level_hides_its_earlier_events_from_readers_below(gql, people):
    tag = secrets.token_hex(4)
    sec = people["ts_secretary"]
    mid = await new_meeting(gql, sec, f"Họp mật {tag}", "SECRET")
    iid = await add_agenda_item(gql, sec, mid, f"Đề án mật {tag}")
    vid = await new_vote(gql, sec, mid, f"Biểu quyết mật {tag}")
    gone = await add_agenda_item(gql, sec, mid, f"Đề án rút {tag}")  # removed before the raise
    removed = await gql(
        """mutation($i: ID!) { removeAgendaItem(id: $i) { errors { code } } }""",
        {"i": gone},
        token=sec,
    )
    assert removed["data"]["removeAgendaItem"]["errors"] == [], removed
    records = [
        ("Meeting", key(mid, "Meeting")),
        ("AgendaItem", key(iid, "AgendaItem")),
        ("AgendaItem", key(gone, "AgendaItem")),
        ("Vote", key(vid, "Vote")),
    ]
    for kind, entity in records:  # the SECRET auditor reads them while the meeting is SECRET
        assert (await events(gql, people["auditor"], kind, entity))["totalCount"] > 0
    raised = await gql(
        UPDATE_MEETING, {"i": {"id": mid, "confidentiality": "TOP_SECRET"}}, token=sec
    )
    assert raised["data"]["updateMeeting"]["errors"] == [], raised
    for kind, entity in records:
        page = await events(gql, people["auditor"], kind, entity)
        assert (page["totalCount"], page["nodes"]) == (0, []), (kind, page)
        cleared = await events(gql, people["ts_auditor"], kind, entity)
        assert cleared["totalCount"] == len(cleared["nodes"]) > 0


# ---- partners see the kinds of record their scopes cover --------------------------------------


async def test_a_partner_sees_only_the_events_of_records_its_scopes_cover(
    gql, factory, server, tokens
):
    tag = secrets.token_hex(4)
    mid = await new_meeting(gql, tokens("secretary"), f"Họp nội bộ {tag}", "INTERNAL")
    meeting = ("Meeting", key(mid, "Meeting"))
    tasks_only = await partner(factory, server, "audit:read tasks:read", "SECRET")
    page = await events(gql, tasks_only, *meeting)
    assert (page["totalCount"], page["nodes"]) == (0, [])
    with_meetings = await partner(factory, server, "audit:read meetings:read", "SECRET")
    page = await events(gql, with_meetings, *meeting)
    assert page["totalCount"] == len(page["nodes"]) > 0
    assert titles(page) == {f"Họp nội bộ {tag}"}


async def test_no_partner_reads_the_roles_and_clearances_of_people(gql, factory, server):
    token = await partner(factory, server, "audit:read hr:read meetings:read tasks:read", "SECRET")
    page = await events(gql, token, "User")
    assert (page["totalCount"], page["nodes"]) == (0, [])
    clients = await events(gql, token, "OAuthClient")
    assert (clients["totalCount"], clients["nodes"]) == (0, [])
    everything = await events(gql, token)
    assert not [n for n in everything["nodes"] if n["entityType"] in ("User", "OAuthClient")]
