"""The GraphQL type of a stored file (an agenda document, a report attachment) and its
download link: the files a domain owns are served by GET /files/{id}, which asks the owning
domain's check (`files.wire`)."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from ecabinet.authz.principal import Clearance as ClearanceLevel
from ecabinet.graphql.relay import Node, gid
from ecabinet.org.types import Clearance
from ecabinet.platform.files import StoredFile
from ecabinet.platform.signing import signed_url


def download_link(info: strawberry.Info, path: str) -> str:
    """A user's link is signed for them (a browser cannot send a bearer token with a plain
    link); a partner system authenticates its download with its bearer token, as every
    other request, so it gets the path (links are signed only for users)."""
    p = info.context.principal
    if p.user_id is None:
        return path
    return signed_url(info.context.runtime.settings.secret_key, path, str(p.user_id))


@strawberry.type(description="An uploaded file: an agenda document, a report attachment.")
class File(Node):
    key: strawberry.Private[uuid.UUID]
    name: str = strawberry.field(description="File name.")
    content_type: str = strawberry.field(description="MIME type.")
    size: int = strawberry.field(description="Size in bytes.")
    confidentiality: Clearance = strawberry.field(description="Who may open it (clearance).")
    created_at: datetime = strawberry.field(description="When it was uploaded.")

    @strawberry.field(
        description="A download link valid for five minutes, for you only (for a partner "
        "system: the path, fetched with its bearer token)."
    )
    def url(self, info: strawberry.Info) -> str:
        return download_link(info, f"/files/{self.id}")

    @classmethod
    def from_model(cls, m: StoredFile) -> File:
        return cls(
            id=gid("File", m.id),
            key=m.id,
            name=m.name,
            content_type=m.content_type,
            size=m.size,
            confidentiality=ClearanceLevel(m.confidentiality),
            created_at=m.created_at,
        )
