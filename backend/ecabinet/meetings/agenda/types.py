"""GraphQL types of the agenda: items, positions, the speakers' list, documents."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.files.types import File
from ecabinet.graphql.payloads import UserError
from ecabinet.graphql.relay import Node, gid
from ecabinet.meetings.agenda import models
from ecabinet.meetings.agenda.loaders import (
    DocumentsByItemLoader,
    PositionsByItemLoader,
    SpeakersByItemLoader,
)
from ecabinet.meetings.enums import (
    MANAGING_ROLES,
    AgendaItemStatus,
    ItemPositionKind,
    SpeakerStatus,
)
from ecabinet.meetings.loaders import ParticipantsByMeetingLoader
from ecabinet.org.types import Clearance, OrgUnit, User, load_unit, load_user

strawberry.enum(AgendaItemStatus, description="PENDING → CURRENT → DONE.")
strawberry.enum(
    ItemPositionKind, description="A member's position on an agenda item before the session."
)
strawberry.enum(SpeakerStatus, description="WAITING → SPEAKING → DONE, or WITHDRAWN.")


@strawberry.type(description="Members' positions on an agenda item before the session.")
class PositionTally:
    no_objection: int = strawberry.field(description="Members with no objection.")
    wish_to_speak: int = strawberry.field(description="Members who wish to speak.")
    pending: int = strawberry.field(description="Members who have not said.")
    unopposed: bool = strawberry.field(
        description="Nobody wishes to speak: may be adopted en bloc."
    )


@strawberry.type(description="A request to speak on an agenda item.")
class SpeakerRequest(Node):
    user_key: strawberry.Private[uuid.UUID]
    status: SpeakerStatus = strawberry.field(description="Where the request stands.")
    requested_at: datetime = strawberry.field(description="When it was made.")
    started_at: datetime | None = strawberry.field(description="When they began.")
    finished_at: datetime | None = strawberry.field(description="When they finished.")

    @strawberry.field(description="Who asks to speak.")
    async def user(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.user_key)

    @classmethod
    def from_model(cls, m: models.SpeakerRequest) -> SpeakerRequest:
        return cls(
            id=gid("SpeakerRequest", m.id),
            user_key=m.user_id,
            status=SpeakerStatus(m.status),
            requested_at=m.requested_at,
            started_at=m.started_at,
            finished_at=m.finished_at,
        )


@strawberry.type(description="An item of a meeting's agenda.")
class AgendaItem(Node):
    key: strawberry.Private[uuid.UUID]
    meeting_key: strawberry.Private[uuid.UUID]
    presenter_key: strawberry.Private[uuid.UUID | None]
    presenter_unit_key: strawberry.Private[uuid.UUID | None]
    manager_keys: strawberry.Private[frozenset[uuid.UUID]] = frozenset()
    position: int = strawberry.field(description="1-based order.")
    title: str = strawberry.field(description="What is discussed.")
    description: str | None = strawberry.field(description="Details.")
    planned_minutes: int | None = strawberry.field(description="Planned duration.")
    status: AgendaItemStatus = strawberry.field(description="PENDING, CURRENT or DONE.")
    started_at: datetime | None = strawberry.field(description="When discussion began.")
    finished_at: datetime | None = strawberry.field(description="When it ended.")
    adopted_en_bloc: bool = strawberry.field(description="Adopted without discussion.")

    @strawberry.field(description="Who presents it.")
    async def presenter(self, info: strawberry.Info) -> User | None:
        return await load_user(info, self.presenter_key)

    @strawberry.field(description="The unit presenting it.")
    async def presenter_unit(self, info: strawberry.Info) -> OrgUnit | None:
        return await load_unit(info, self.presenter_unit_key)

    @strawberry.field(description="Documents of this item that you may open.")
    async def documents(self, info: strawberry.Info) -> list[File]:
        rows = await info.context.loader(DocumentsByItemLoader).load(self.key)
        return [File.from_model(f) for f in rows or []]

    @strawberry.field(description="The speakers' list, in order of request.")
    async def speakers(self, info: strawberry.Info) -> list[SpeakerRequest]:
        rows = await info.context.loader(SpeakersByItemLoader).load(self.key)
        return [SpeakerRequest.from_model(r) for r in rows or []]

    @strawberry.field(description="Members' positions (the meeting's secretariat and chair).")
    async def position_tally(self, info: strawberry.Info) -> PositionTally | None:
        found = await info.context.loader(PositionsByItemLoader).load(self.key)
        if found is None:
            return None
        t = found[0]
        return PositionTally(
            no_objection=t.no_objection,
            wish_to_speak=t.wish_to_speak,
            pending=t.pending,
            unopposed=t.wish_to_speak == 0,
        )

    @strawberry.field(description="Your own position on it, if you gave one.")
    async def viewer_position(self, info: strawberry.Info) -> ItemPositionKind | None:
        found = await info.context.loader(PositionsByItemLoader).load(self.key)
        mine = found[1].get(info.context.principal.user_id) if found else None
        return ItemPositionKind(mine) if mine else None

    @classmethod
    def from_model(
        cls, m: models.AgendaItem, managers: frozenset[uuid.UUID] = frozenset()
    ) -> AgendaItem:
        return cls(
            id=gid("AgendaItem", m.id),
            key=m.id,
            meeting_key=m.meeting_id,
            presenter_key=m.presenter_user_id,
            presenter_unit_key=m.presenter_unit_id,
            manager_keys=managers,
            position=m.position,
            title=m.title,
            description=m.description,
            planned_minutes=m.planned_minutes,
            status=AgendaItemStatus(m.status),
            started_at=m.started_at,
            finished_at=m.finished_at,
            adopted_en_bloc=m.adopted_en_bloc,
        )


@strawberry.input(description="A new agenda item (added at the end).")
class AddAgendaItemInput:
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting whose agenda gets the item."
    )
    title: str = strawberry.field(description="The matter to discuss, as the agenda shows it.")
    description: str | None = strawberry.field(default=None, description="Details.")
    presenter_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the person who presents the matter."
    )
    presenter_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Presenting unit."
    )
    planned_minutes: int | None = strawberry.field(default=None, description="Duration.")


@strawberry.input(description="Changes to an agenda item.")
class UpdateAgendaItemInput:
    id: strawberry.ID = strawberry.field(description="The item.")
    title: str | None = strawberry.field(
        default=None, description="The matter to discuss, as the agenda shows it."
    )
    description: str | None = strawberry.field(default=None, description="Details.")
    presenter_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the person who presents the matter."
    )
    presenter_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Presenting unit."
    )
    planned_minutes: int | None = strawberry.field(default=None, description="Duration.")


@strawberry.input(description="Move an agenda item.")
class MoveAgendaItemInput:
    id: strawberry.ID = strawberry.field(description="The item.")
    position: int = strawberry.field(description="New 1-based position.")


@strawberry.input(description="Your position on an agenda item before the session.")
class SetItemPositionInput:
    agenda_item_id: strawberry.ID = strawberry.field(description="The item.")
    position: ItemPositionKind = strawberry.field(description="No objection, or wish to speak.")


@strawberry.input(description="Adopt unopposed items together.")
class AdoptEnBlocInput:
    meeting_id: strawberry.ID = strawberry.field(
        description="Global ID of the meeting whose unopposed items are adopted."
    )
    agenda_item_ids: list[strawberry.ID] = strawberry.field(description="Items to adopt.")


@strawberry.input(description="An agenda document to upload (GraphQL multipart request).")
class AttachDocumentInput:
    agenda_item_id: strawberry.ID = strawberry.field(description="The item.")
    file: strawberry.file_uploads.Upload = strawberry.field(
        description="The document's content: a file part of the multipart request (at most 50 MB)."
    )
    confidentiality: Clearance = strawberry.field(
        default=ClearanceLevel.INTERNAL, description="Who may open it."
    )


@strawberry.type(description="Result of a change to an agenda item.")
class AgendaItemPayload:
    agenda_item: AgendaItem | None = strawberry.field(description="The item; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of a change to the speakers' list.")
class SpeakerRequestPayload:
    speaker_request: SpeakerRequest | None = strawberry.field(description="The request.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of an upload.")
class FilePayload:
    file: File | None = strawberry.field(description="The stored file.")
    errors: list[UserError] = strawberry.field(description="Why nothing was stored.")


async def meeting_managers(ctx: Any, meeting_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The meeting's chair and secretaries: the policy shows them what only the
    secretariat sees (e.g. the members' positions on an item)."""
    parts = await ctx.loader(ParticipantsByMeetingLoader).load(meeting_id)
    return frozenset(p.user_id for p in parts or [] if p.role in MANAGING_ROLES)


async def agenda_item_view(ctx: Any, row: models.AgendaItem) -> AgendaItem:
    """An agenda item as the API shows it, wherever it is reached from."""
    return AgendaItem.from_model(row, await meeting_managers(ctx, row.meeting_id))
