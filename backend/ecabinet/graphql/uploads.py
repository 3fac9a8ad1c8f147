"""File uploads (the GraphQL multipart request spec): the `Upload` scalar takes only a file
part of a multipart request — any other value is the client's error (BAD_USER_INPUT), never
a crash in a resolver — and a file is read in chunks, never whole into memory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types.scalar import ScalarDefinition

CHUNK = 64 * 1024


def _file_part(value: Any) -> UploadFile:
    if isinstance(value, UploadFile):
        return value
    raise ValueError("Upload takes a file part of a multipart request")


UPLOAD = ScalarDefinition(
    name="Upload",
    description="A file: a part of a GraphQL multipart request.",
    specified_by_url=None,
    serialize=lambda value: value,
    parse_value=_file_part,
    parse_literal=None,
    origin=Upload,
)


async def read_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    while data := await upload.read(CHUNK):
        yield data
