"""Business rules of a meeting's conclusion notice (thông báo kết luận): the draft and
its directives, and issuing it — each directive then becomes a task, through the hook the
tasks domain registers. Plain async functions: no GraphQL, no HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Principal
from ecabinet.authz.rows import visible
from ecabinet.meetings.conclusions.models import Conclusion, Directive
from ecabinet.meetings.errors import meetings_error
from ecabinet.meetings.events import record_change
from ecabinet.meetings.service import (
    check_units,
    clean_title,
    get_meeting,
    require_manage_meeting,
)
from ecabinet.platform import hooks

CONCLUSION_ISSUED_HOOK = "meetings.conclusion_issued"


async def conclusions_by_meeting(
    *, session: AsyncSession, principal: Principal, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[Conclusion, list[Directive]]]:
    rows = list(
        await session.scalars(
            visible(select(Conclusion), Conclusion, principal).where(
                Conclusion.meeting_id.in_(meeting_ids)
            )
        )
    )
    directives: dict[uuid.UUID, list[Directive]] = {c.id: [] for c in rows}
    if rows:
        for d in await session.scalars(
            select(Directive)
            .where(Directive.conclusion_id.in_(list(directives)))
            .order_by(Directive.position)
        ):
            directives[d.conclusion_id].append(d)
    return {c.meeting_id: (c, directives[c.id]) for c in rows}


# ---- conclusion -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewDirective:
    title: str
    lead_unit_id: uuid.UUID
    coordinating_unit_ids: Sequence[uuid.UUID] = ()
    due_date: date | None = None


async def save_conclusion(
    *,
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    number: str | None,
    issued_on: date | None,
    text: str,
    directives: Sequence[NewDirective],
) -> Conclusion:
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    conclusion = (
        await session.scalars(select(Conclusion).where(Conclusion.meeting_id == meeting.id))
    ).first()
    if conclusion is not None and conclusion.issued:
        raise meetings_error("CONCLUSION_ISSUED")
    for n, d in enumerate(directives):
        clean_title(d.title, f"directives.{n}.title")
        await check_units(session, [d.lead_unit_id, *d.coordinating_unit_ids], f"directives.{n}")
    if conclusion is None:
        conclusion = Conclusion(meeting_id=meeting.id)
        session.add(conclusion)
    conclusion.number = (number or "").strip()[:60] or None
    conclusion.issued_on = issued_on
    conclusion.text = (text or "").strip()
    await session.flush()
    await session.execute(delete(Directive).where(Directive.conclusion_id == conclusion.id))
    for n, d in enumerate(directives, start=1):
        session.add(
            Directive(
                conclusion_id=conclusion.id,
                position=n,
                title=" ".join(d.title.split()),
                lead_unit_id=d.lead_unit_id,
                coordinating_unit_ids=[
                    str(u) for u in dict.fromkeys(d.coordinating_unit_ids) if u != d.lead_unit_id
                ],
                due_date=d.due_date,
            )
        )
    await session.flush()
    await record_change(
        session, principal, meeting, "conclusion.save", details={"directives": len(directives)}
    )
    return conclusion


async def issue_conclusion(
    *, session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> Conclusion:
    """Issue the notice: it becomes final and each directive becomes a task (through the
    hook the tasks domain registers)."""
    meeting = await get_meeting(session, principal, meeting_id, lock=True)
    await require_manage_meeting(session, principal, meeting)
    conclusion = (
        await session.scalars(select(Conclusion).where(Conclusion.meeting_id == meeting.id))
    ).first()
    if (
        conclusion is None
        or not conclusion.number
        or not conclusion.issued_on
        or not conclusion.text
    ):
        raise meetings_error("CONCLUSION_EMPTY")
    if conclusion.issued:
        raise meetings_error("CONCLUSION_ISSUED")
    conclusion.issued = True
    directives = list(
        await session.scalars(
            select(Directive)
            .where(Directive.conclusion_id == conclusion.id)
            .order_by(Directive.position)
        )
    )
    await hooks.run(
        CONCLUSION_ISSUED_HOOK,
        session=session,
        principal=principal,
        meeting=meeting,
        conclusion=conclusion,
        directives=directives,
    )
    await session.flush()
    await record_change(
        session,
        principal,
        meeting,
        "conclusion.issue",
        details={"number": conclusion.number, "directives": len(directives)},
        event="CONCLUSION_ISSUED",
    )
    return conclusion
