"""GraphQL types of a meeting's conclusion notice and its directives."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import gid
from ecabinet.meetings.conclusions import models
from ecabinet.org.loaders import OrgUnitByIdLoader
from ecabinet.org.types import OrgUnit, load_unit

if TYPE_CHECKING:  # the payload names the meeting lazily (the meeting type includes ours)
    from ecabinet.meetings.types import Meeting


async def load_units(info: strawberry.Info, keys: list[uuid.UUID]) -> list[OrgUnit]:
    """Units in one batch (awaiting them one by one would be one query per unit)."""
    rows = await info.context.loader(OrgUnitByIdLoader).load_many(keys)
    return [OrgUnit.from_model(r) for r in rows if r]


@strawberry.type(description="An assignment of a conclusion notice; a task once issued.")
class Directive:
    lead_unit_key: strawberry.Private[uuid.UUID]
    coordinating_keys: strawberry.Private[list[uuid.UUID]]
    task_key: strawberry.Private[uuid.UUID | None]
    title: str = strawberry.field(description="What is to be done.")
    due_date: date | None = strawberry.field(description="Deadline.")

    @strawberry.field(description="The unit in charge (chủ trì).")
    async def lead_unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.lead_unit_key)

    @strawberry.field(description="Coordinating units (phối hợp).")
    async def coordinating_units(self, info: strawberry.Info) -> list[OrgUnit]:
        return await load_units(info, self.coordinating_keys)

    @strawberry.field(description="Global ID of the task created when the notice was issued.")
    def task_id(self) -> strawberry.ID | None:
        return gid("Task", self.task_key) if self.task_key else None


@strawberry.type(description="A meeting's conclusion notice (thông báo kết luận).")
class Conclusion:
    number: str | None = strawberry.field(description="Số hiệu, e.g. 123/TB-VPCP.")
    issued_on: date | None = strawberry.field(description="Date of the notice.")
    text: str = strawberry.field(description="The notice's body, as issued to the units.")
    issued: bool = strawberry.field(description="Issued (final; tasks created).")
    directives: list[Directive] = strawberry.field(description="Assignments, in order.")

    @classmethod
    def from_model(cls, c: models.Conclusion, directives: list[models.Directive]) -> Conclusion:
        return cls(
            number=c.number,
            issued_on=c.issued_on,
            text=c.text,
            issued=c.issued,
            directives=[
                Directive(
                    lead_unit_key=d.lead_unit_id,
                    coordinating_keys=[uuid.UUID(u) for u in d.coordinating_unit_ids],
                    task_key=d.task_id,
                    title=d.title,
                    due_date=d.due_date,
                )
                for d in directives
            ],
        )


@strawberry.input(description="A directive of a conclusion notice.")
class DirectiveInput:
    title: str = strawberry.field(description="What is to be done.")
    lead_unit_id: strawberry.ID = strawberry.field(description="Unit in charge.")
    coordinating_unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Global IDs of the units that help the lead unit (phối hợp).",
    )
    due_date: date | None = strawberry.field(default=None, description="Deadline.")


@strawberry.input(description="The conclusion notice (draft; replaces the previous draft).")
class SaveConclusionInput:
    meeting_id: strawberry.ID = strawberry.field(description="Global ID of the meeting concluded.")
    number: str | None = strawberry.field(default=None, description="Số hiệu.")
    issued_on: date | None = strawberry.field(default=None, description="Date.")
    text: str = strawberry.field(
        default="", description="The notice's body (may stay empty while drafting)."
    )
    directives: list[DirectiveInput] = strawberry.field(
        default_factory=list, description="Assignments."
    )


@strawberry.type(description="Result of a change to the conclusion notice.")
class ConclusionPayload:
    meeting: Annotated[Meeting, strawberry.lazy("ecabinet.meetings.types")] | None = (
        strawberry.field(description="The meeting with its conclusion; null on errors.")
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")
