"""Agenda documents (GraphQL multipart upload, downloads by signed link or bearer token,
confidentiality) and the exported results of a vote (CSV and a printable sheet)."""

from __future__ import annotations

import csv
import io
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.meetings.helpers import (
    CLOSE,
    add_agenda_item,
    cast,
    open_vote,
    running_meeting,
    upload,
    user_gid,
)

DOCUMENTS = """query($m: ID!) { meeting(id: $m) { agenda { id
  documents { id name size confidentiality url } } } }"""
RESULTS = """query($id: ID!) { vote(id: $id) { state
  csv: resultsUrl(format: CSV) html: resultsUrl(format: HTML) } }"""


@pytest.fixture(scope="module")
async def http(server):
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield client


async def documents(gql: Any, token: str, mid: str) -> dict[str, dict[str, Any]]:
    body = await gql(DOCUMENTS, {"m": mid}, token=token)
    assert "errors" not in body, body
    return {d["name"]: d for item in body["data"]["meeting"]["agenda"] for d in item["documents"]}


@pytest.fixture(scope="module")
async def meeting_with_documents(gql, tokens, http) -> dict[str, Any]:
    sec = tokens("secretary")
    mid = await running_meeting(gql, tokens, title="Phiên họp có tài liệu")
    item = await add_agenda_item(gql, sec, mid, "Tờ trình")
    added = await gql(
        """mutation($m: ID!, $u: ID!) { addParticipant(input: {meetingId: $m, userId: $u,
        role: GUEST}) { errors { code } } }""",
        {"m": mid, "u": await user_gid(gql, sec, "staff")},
        token=sec,
    )
    assert added["data"]["addParticipant"]["errors"] == []
    public = b"%PDF-1.4 " + secrets.token_bytes(70_000)  # more than one upload chunk
    restricted = b"%PDF-1.4 mat " + secrets.token_bytes(1000)
    internal = await upload(http, sec, item, "Tờ trình đề án.pdf", public, "INTERNAL")
    confidential = await upload(http, sec, item, "Phụ lục mật.pdf", restricted, "CONFIDENTIAL")
    assert internal["errors"] == [] and confidential["errors"] == []
    assert internal["file"]["size"] == len(public)
    assert confidential["file"]["confidentiality"] == "CONFIDENTIAL"
    return {
        "meeting": mid,
        "internal": internal["file"],
        "confidential": confidential["file"],
        "contents": {"Tờ trình đề án.pdf": public, "Phụ lục mật.pdf": restricted},
    }


async def test_a_participant_downloads_by_signed_link_and_by_token(
    gql, tokens, http, meeting_with_documents
):
    docs = await documents(gql, tokens("member1"), meeting_with_documents["meeting"])
    assert set(docs) == {"Tờ trình đề án.pdf", "Phụ lục mật.pdf"}
    for name, doc in docs.items():
        content = meeting_with_documents["contents"][name]
        by_link = await http.get(doc["url"])  # no Authorization header: the link is enough
        assert by_link.status_code == 200 and by_link.content == content
        assert by_link.headers["content-type"].startswith("application/pdf")
        assert "attachment" in by_link.headers["content-disposition"]
        by_token = await http.get(
            f"/files/{doc['id']}", headers={"Authorization": f"Bearer {tokens('member1')}"}
        )
        assert by_token.status_code == 200 and by_token.content == content


async def test_a_document_above_your_clearance_does_not_exist_for_you(
    gql, tokens, http, meeting_with_documents, runtime, user_ids
):
    staff = tokens("staff")  # INTERNAL clearance, a GUEST of the meeting
    docs = await documents(gql, staff, meeting_with_documents["meeting"])
    assert list(docs) == ["Tờ trình đề án.pdf"]
    auth = {"Authorization": f"Bearer {staff}"}
    hidden = meeting_with_documents["confidential"]["id"]
    assert (await http.get(f"/files/{hidden}", headers=auth)).status_code == 404
    unknown = await http.get("/files/RmlsZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA")
    assert unknown.status_code == 401  # no credentials at all
    missing = await http.get(
        "/files/RmlsZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA", headers=auth
    )
    assert (
        missing.status_code == 404
        and missing.json() == (await http.get(f"/files/{hidden}", headers=auth)).json()
    )  # exactly like a file that does not exist
    # even a correctly signed link for staff is refused: the download re-checks
    from ecabinet.platform.signing import signed_url

    link = signed_url(runtime.settings.secret_key, f"/files/{hidden}", str(user_ids["staff"]))
    assert (await http.get(link)).status_code == 404
    visible = docs["Tờ trình đề án.pdf"]
    assert (await http.get(visible["url"])).status_code == 200


async def test_tampered_or_expired_links_are_refused(
    gql, tokens, http, meeting_with_documents, runtime, user_ids
):
    from ecabinet.platform.signing import signed_url

    doc = meeting_with_documents["internal"]
    other = meeting_with_documents["confidential"]
    url = (await documents(gql, tokens("member1"), meeting_with_documents["meeting"]))[
        "Tờ trình đề án.pdf"
    ]["url"]
    path, query = urlsplit(url).path, {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert (await http.get(url)).status_code == 200

    def variant(p: str = path, **changes: str) -> str:
        return f"{p}?{urlencode({**query, **changes})}"

    sig = query["sig"]
    forged = ("A" if sig[0] != "A" else "B") + sig[1:]
    refused = [
        variant(sig=forged),  # signature changed
        variant(u=str(user_ids["staff"])),  # someone else's link
        variant(exp=str(int(query["exp"]) + 3600)),  # validity stretched
        variant(f"/files/{other['id']}"),  # another file with this signature
        # correctly signed, but expired
        signed_url(
            runtime.settings.secret_key, f"/files/{doc['id']}", str(user_ids["member1"]), -5
        ),
    ]
    for link in refused:
        assert (await http.get(link)).status_code in (401, 404), link


# ---- exports of results ------------------------------------------------------------------


def parse_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # Excel opens UTF-8 with Vietnamese correctly
    return list(csv.reader(io.StringIO(text[1:])))


def section(rows: list[list[str]], header: list[str]) -> list[list[str]]:
    if header not in rows:
        return []
    start = rows.index(header) + 1
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


async def full_names(gql: Any, token: str, usernames: list[str]) -> dict[str, str]:
    body = await gql(
        "query($u: [String!]) { users(filter: {usernames: $u}) { nodes { username fullName } } }",
        {"u": usernames},
        token=token,
    )
    return {n["username"]: n["fullName"] for n in body["data"]["users"]["nodes"]}


async def test_results_exports_of_an_open_vote(gql, tokens, http):
    sec = tokens("secretary")
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens))
    choices = {"chair": 0, "member1": 0, "member2": 0, "member3": 1, "member4": 0, "member5": 2}
    for who, option in choices.items():
        assert (await cast(gql, tokens, who, vote, option))["errors"] == []
    before = (await gql(RESULTS, {"id": vote["id"]}, token=sec))["data"]["vote"]
    assert before == {"state": "OPEN", "csv": None, "html": None}

    await gql(CLOSE, {"id": vote["id"]}, token=sec)
    links = (await gql(RESULTS, {"id": vote["id"]}, token=tokens("member6")))["data"]["vote"]
    sheet = await http.get(links["csv"])
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/csv")
    rows = parse_csv(sheet.text)
    labels = [o["label"] for o in vote["options"]]
    assert section(rows, ["option", "count"]) == [
        [labels[0], "4"],
        [labels[1], "1"],
        [labels[2], "1"],
    ]
    assert ["eligible", "7", "cast", "6", "quorum", "True", "outcome", "ADOPTED"] in rows
    names = await full_names(gql, sec, list(choices))
    named = {r[0]: r[1] for r in section(rows, ["voter", "option", "cast_at"])}
    assert named == {names[who]: labels[option] for who, option in choices.items()}

    page = await http.get(links["html"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Thông qua" in page.text and "ADOPTED" in page.text
    assert all(name in page.text for name in names.values())


async def test_results_export_of_a_secret_vote_has_counts_only(gql, tokens, http):
    sec = tokens("secretary")
    vote = await open_vote(gql, tokens, await running_meeting(gql, tokens), kind="SECRET")
    for who, option in {"chair": 1, "member1": 1, "member2": 0, "member3": 1, "member4": 1}.items():
        await cast(gql, tokens, who, vote, option)
    await gql(CLOSE, {"id": vote["id"]}, token=sec)
    links = (await gql(RESULTS, {"id": vote["id"]}, token=sec))["data"]["vote"]
    rows = parse_csv((await http.get(links["csv"])).text)
    assert [r[1] for r in section(rows, ["option", "count"])] == ["1", "4", "0"]
    assert ["eligible", "7", "cast", "5", "quorum", "True", "outcome", "REJECTED"] in rows
    assert section(rows, ["voter", "option", "cast_at"]) == []
    names = await full_names(gql, sec, ["chair", "member1"])
    page = (await http.get(links["html"])).text
    assert "REJECTED" in page and not any(n in page for n in names.values())
    # a changed export link is refused
    tampered = links["csv"].replace("sig=", "sig=x")
    assert (await http.get(tampered)).status_code == 401


async def test_a_document_above_your_clearance_is_not_announced_to_you(
    server, gql, tokens, http, meeting_with_documents
):
    """DOCUMENT_ADDED reaches the meeting's subscribers cleared for the document's level only:
    staff (INTERNAL, a guest) hears of the INTERNAL document, not of the CONFIDENTIAL one."""
    from tests.meetings.test_live import watch_meeting

    mid = meeting_with_documents["meeting"]
    item = (await gql(DOCUMENTS, {"m": mid}, token=tokens("secretary")))["data"]["meeting"][
        "agenda"
    ][0]["id"]
    staff = await watch_meeting(server.url, tokens("staff"), mid)
    member = await watch_meeting(server.url, tokens("member1"), mid)
    try:
        sec = tokens("secretary")
        await upload(http, sec, item, "Báo cáo.pdf", b"%PDF-1.4 y", "INTERNAL")
        assert (await member.data("meetingEvents"))["type"] == "DOCUMENT_ADDED"
        assert (await staff.data("meetingEvents"))["type"] == "DOCUMENT_ADDED"
        await upload(http, sec, item, "Báo cáo mật.pdf", b"%PDF-1.4 x", "CONFIDENTIAL")
        assert (await member.data("meetingEvents"))["type"] == "DOCUMENT_ADDED"
        await staff.nothing(1.0)
    finally:
        await staff.close()
        await member.close()


async def test_a_csv_export_never_hands_a_formula_to_a_spreadsheet(gql, tokens, http):
    """A title or option that starts like a formula is exported as text ('=…)."""
    sec = tokens("secretary")
    title = '=HYPERLINK("http://evil.example","Xem")'
    vote = await open_vote(
        gql,
        tokens,
        await running_meeting(gql, tokens),
        title=title,
        options=["+Đồng ý", "-Không đồng ý", "@Khác"],
    )
    await cast(gql, tokens, "chair", vote, 0)
    await gql(CLOSE, {"id": vote["id"]}, token=sec)
    links = (await gql(RESULTS, {"id": vote["id"]}, token=sec))["data"]["vote"]
    rows = parse_csv((await http.get(links["csv"])).text)
    assert ["vote", "'" + title] in rows
    assert [r[0] for r in section(rows, ["option", "count"])] == [
        "'+Đồng ý",
        "'-Không đồng ý",
        "'@Khác",
    ]
