"""Mutation fields of the agenda that answer with an item, a request to speak or a file
(those that answer with the whole meeting are in `meetings/schema.py`). Thin: decode IDs,
call one service function, map to types."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.files.routes import storage
from ecabinet.files.types import File
from ecabinet.graphql.payloads import run_mutation
from ecabinet.graphql.uploads import read_chunks
from ecabinet.meetings.agenda import service as agenda
from ecabinet.meetings.agenda.loaders import AgendaItemByIdLoader
from ecabinet.meetings.agenda.types import (
    AddAgendaItemInput,
    AgendaItem,
    AgendaItemPayload,
    AttachDocumentInput,
    FilePayload,
    SetItemPositionInput,
    SpeakerRequest,
    SpeakerRequestPayload,
    UpdateAgendaItemInput,
    agenda_item_view,
)
from ecabinet.platform.ids import decode_optional, decode_uuid

Action = Callable[[AsyncSession], Awaitable[Any]]


async def agenda_item_node(ctx: Any, key: uuid.UUID) -> AgendaItem | None:
    row = await ctx.loader(AgendaItemByIdLoader).load(key)
    return await agenda_item_view(ctx, row) if row else None


async def _item(info: strawberry.Info, action: Action) -> AgendaItemPayload:
    obj, errors = await run_mutation(info, action)
    item = await agenda_item_view(info.context, obj) if obj else None
    return AgendaItemPayload(agenda_item=item, errors=errors)


async def _speaker(info: strawberry.Info, action: Action) -> SpeakerRequestPayload:
    obj, errors = await run_mutation(info, action)
    return SpeakerRequestPayload(
        speaker_request=SpeakerRequest.from_model(obj) if obj else None, errors=errors
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Add an item at the end of the agenda.")
    async def add_agenda_item(
        self, info: strawberry.Info, input: AddAgendaItemInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.add_agenda_item(
                session=s,
                principal=p,
                meeting_id=decode_uuid(input.meeting_id, "Meeting"),
                title=input.title,
                description=input.description,
                presenter_user_id=decode_optional(input.presenter_id, "User"),
                presenter_unit_id=decode_optional(input.presenter_unit_id, "OrgUnit"),
                planned_minutes=input.planned_minutes,
            ),
        )

    @strawberry.mutation(description="Change an agenda item.")
    async def update_agenda_item(
        self, info: strawberry.Info, input: UpdateAgendaItemInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.update_agenda_item(
                session=s,
                principal=p,
                item_id=decode_uuid(input.id, "AgendaItem"),
                title=input.title,
                description=input.description,
                presenter_user_id=decode_optional(input.presenter_id, "User"),
                presenter_unit_id=decode_optional(input.presenter_unit_id, "OrgUnit"),
                planned_minutes=input.planned_minutes,
            ),
        )

    @strawberry.mutation(description="Start discussing an item (the current one finishes).")
    async def start_agenda_item(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.start_agenda_item(
                session=s, principal=p, item_id=decode_uuid(id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Finish the current item.")
    async def finish_agenda_item(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.finish_agenda_item(
                session=s, principal=p, item_id=decode_uuid(id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Before the session: no objection, or wish to speak.")
    async def set_item_position(
        self, info: strawberry.Info, input: SetItemPositionInput
    ) -> AgendaItemPayload:
        p = info.context.principal
        return await _item(
            info,
            lambda s: agenda.set_item_position(
                session=s,
                principal=p,
                item_id=decode_uuid(input.agenda_item_id, "AgendaItem"),
                position=input.position.value,
            ),
        )

    @strawberry.mutation(description="Ask to speak on an item.")
    async def request_to_speak(
        self, info: strawberry.Info, agenda_item_id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.request_to_speak(
                session=s, principal=p, item_id=decode_uuid(agenda_item_id, "AgendaItem")
            ),
        )

    @strawberry.mutation(description="Withdraw a request to speak.")
    async def withdraw_speaker_request(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.withdraw_speaker_request(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="Give the floor (the current speaker finishes).")
    async def start_speaker(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.start_speaker(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="End a speech.")
    async def finish_speaker(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> SpeakerRequestPayload:
        p = info.context.principal
        return await _speaker(
            info,
            lambda s: agenda.finish_speaker(
                session=s, principal=p, request_id=decode_uuid(id, "SpeakerRequest")
            ),
        )

    @strawberry.mutation(description="Upload a document to an agenda item (multipart request).")
    async def attach_document(
        self, info: strawberry.Info, input: AttachDocumentInput
    ) -> FilePayload:
        p = info.context.principal
        upload = input.file
        obj, errors = await run_mutation(
            info,
            lambda s: agenda.attach_document(
                session=s,
                principal=p,
                storage=storage(info.context.runtime),
                item_id=decode_uuid(input.agenda_item_id, "AgendaItem"),
                filename=upload.filename or "document",
                content_type=upload.content_type or "",
                chunks=read_chunks(upload),
                confidentiality=input.confidentiality,
            ),
        )
        return FilePayload(file=File.from_model(obj) if obj else None, errors=errors)
