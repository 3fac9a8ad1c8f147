"""Mutation fields of a meeting's conclusion notice. Thin: decode IDs, call one service
function, answer with the meeting (through the node registry: no import of the meeting's
types, which include the conclusion's)."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.graphql.payloads import UserError, run_mutation
from ecabinet.graphql.relay import gid, resolve_node
from ecabinet.meetings.conclusions import service as conclusions
from ecabinet.meetings.conclusions.types import ConclusionPayload, SaveConclusionInput
from ecabinet.platform.ids import decode_many, decode_uuid


async def _payload(
    info: strawberry.Info, meeting_id: uuid.UUID | None, errors: list[UserError]
) -> ConclusionPayload:
    meeting = await resolve_node(info.context, gid("Meeting", meeting_id)) if meeting_id else None
    return ConclusionPayload(meeting=meeting, errors=errors)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Save the draft conclusion notice and its directives.")
    async def save_conclusion(
        self, info: strawberry.Info, input: SaveConclusionInput
    ) -> ConclusionPayload:
        p = info.context.principal
        mid = decode_uuid(input.meeting_id, "Meeting")

        async def run(s: AsyncSession) -> Any:
            await conclusions.save_conclusion(
                session=s,
                principal=p,
                meeting_id=mid,
                number=input.number,
                issued_on=input.issued_on,
                text=input.text,
                directives=[
                    conclusions.NewDirective(
                        title=d.title,
                        lead_unit_id=decode_uuid(d.lead_unit_id, "OrgUnit"),
                        coordinating_unit_ids=decode_many(d.coordinating_unit_ids, "OrgUnit"),
                        due_date=d.due_date,
                    )
                    for d in input.directives
                ],
            )
            return True

        done, errors = await run_mutation(info, run)
        return await _payload(info, mid if done else None, errors)

    @strawberry.mutation(description="Issue the conclusion notice: each directive becomes a task.")
    async def issue_conclusion(
        self, info: strawberry.Info, meeting_id: strawberry.ID
    ) -> ConclusionPayload:
        p = info.context.principal
        mid = decode_uuid(meeting_id, "Meeting")

        async def run(s: AsyncSession) -> Any:
            await conclusions.issue_conclusion(session=s, principal=p, meeting_id=mid)
            return True

        done, errors = await run_mutation(info, run)
        return await _payload(info, mid if done else None, errors)
