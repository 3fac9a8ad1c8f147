"""HTTP routes of votes: result exports (CSV and a printable sheet), reached by the signed
links that `Vote.resultsUrl` hands out (wired in `meetings/wire.py`)."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ecabinet.files.routes import who
from ecabinet.meetings.enums import VoteState
from ecabinet.meetings.votes import service as votes
from ecabinet.org import service as org
from ecabinet.platform.ids import InvalidId, decode_uuid
from ecabinet.runtime import Runtime

OUTCOME_VI = {
    "ADOPTED": "Thông qua",
    "REJECTED": "Không thông qua",
    "NO_QUORUM": "Không đủ số thành viên biểu quyết",
    "PENDING": "Đang biểu quyết",
}


async def export_vote(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    principal = await who(request, runtime, request.url.path)
    if principal is None:
        return JSONResponse({"error": "unauthenticated"}, status_code=401)
    fmt = request.path_params["fmt"]
    try:
        key = decode_uuid(request.path_params["vote_id"], "Vote")
    except InvalidId:
        return JSONResponse({"error": "not found"}, status_code=404)
    async with runtime.db.session() as s:
        snap = (await votes.snapshots(s, principal, [key])).get(key)
        if snap is None or snap.state != VoteState.CLOSED or fmt not in ("csv", "html"):
            return JSONResponse({"error": "not found"}, status_code=404)
        ballots = await votes.named_ballots(session=s, principal=principal, vote_id=key) or []
        ids = set(snap.voters)
        names = await org.display_names(session=s, ids=ids)
    labels = {o.id: o.label for o in snap.options}
    if fmt == "csv":
        out = io.StringIO()
        w = _SafeWriter(csv.writer(out))
        w.writerow(["vote", snap.title])
        w.writerow(["kind", snap.kind.value, "majority", snap.majority.value])
        w.writerow(
            [
                "eligible",
                snap.eligible,
                "cast",
                snap.cast,
                "quorum",
                snap.quorum_reached,
                "outcome",
                snap.outcome.value,
            ]
        )
        if snap.counts is not None:  # a SECRET vote's counts may be withheld (tally.py)
            w.writerow([])
            w.writerow(["option", "count"])
            for o, c in zip(snap.options, snap.counts, strict=True):
                w.writerow([o.label, c])
        if ballots:
            w.writerow([])
            w.writerow(["voter", "option", "cast_at"])
            for voter, option, at in ballots:
                w.writerow([names.get(voter, str(voter)), labels.get(option, ""), at.isoformat()])
        return Response(
            "\ufeff" + out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="vote-{key}.csv"',
                "Cache-Control": "private, no-store",
            },
        )
    e = html.escape
    rows = (
        "".join(
            f"<tr><td>{e(o.label)}</td><td class=n>{c}</td></tr>"
            for o, c in zip(snap.options, snap.counts, strict=True)
        )
        if snap.counts is not None
        else "<tr><td>Số phiếu không được công bố / Counts withheld</td></tr>"
    )
    named = "".join(
        f"<tr><td>{e(names.get(v, str(v)))}</td><td>{e(labels.get(o, ''))}</td></tr>"
        for v, o, _ in ballots
    )
    named_table = (
        f"<h2>Danh sách biểu quyết / Named ballots</h2><table>{named}</table>" if named else ""
    )
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>{e(snap.title)}</title><link rel="stylesheet" href="/auth/login.css"></head>
<body><main class="card"><h1>{e(snap.title)}</h1>
<p>Kết quả / Outcome: <strong>{e(OUTCOME_VI[snap.outcome])}</strong> ({e(snap.outcome.value)})</p>
<p>Số thành viên có quyền biểu quyết: {snap.eligible} — Đã biểu quyết: {snap.cast}</p>
<table>{rows}</table>{named_table}</main></body></html>"""
    return HTMLResponse(page, headers={"Cache-Control": "private, no-store"})


class _SafeWriter:
    """A CSV writer whose text cells a spreadsheet will not run: a leading = + - @ (or tab,
    CR) would start a formula in Excel, so such a cell gets a leading apostrophe."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow(
            [f"'{v}" if isinstance(v, str) and v[:1] in FORMULA_START else v for v in row]
        )


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


routes = [Route("/exports/votes/{vote_id}.{fmt}", export_vote, methods=["GET"])]
