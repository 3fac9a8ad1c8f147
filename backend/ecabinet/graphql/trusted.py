"""A partner client's use of the API, set per client by the operator: trusted documents
and introspection (`client_api`).

Trusted documents: a partner client can be put in a mode where only the GraphQL
documents registered for it run (`ecabinet client documents ID --file ops.graphql`).

A document is known by the sha256 (hex) of its UTF-8 text, exactly as the client sends it
in `query` (e.g. the output of graphql-codegen's persisted documents). Any other document
is refused with FORBIDDEN (`extensions.reason: DOCUMENT_NOT_TRUSTED`) before it is even
parsed, over HTTP and over the WebSocket. A client whose registered list is null is not in
the mode; an empty list runs nothing. Each process reads the list from the database at
most every CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, parse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import ExecutionResult

from ecabinet.auth.models import OAuthClient
from ecabinet.authz.principal import Principal
from ecabinet.platform.i18n import Message

CACHE_SECONDS = 5.0
NOT_TRUSTED = Message(
    "Thao tác này chưa được đăng ký cho ứng dụng này (chế độ tài liệu tin cậy)",
    "This operation is not registered for this client (trusted documents)",
)


@dataclass(frozen=True)
class ClientApi:
    """What a partner client's row says about its use of the API."""

    documents: dict[str, str] | None  # trusted-documents mode: sha256 → document
    introspection: bool | None  # None: as GRAPHQL_INTROSPECTION says


_cache: dict[str, tuple[float, ClientApi]] = {}


def digest(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


async def trusted_hashes(runtime: Any, client_id: str) -> frozenset[str] | None:
    """The hashes a client may run; None when it is not in trusted-documents mode."""
    documents = await _documents(runtime, client_id)
    return None if documents is None else frozenset(documents)


async def registered_document(runtime: Any, principal: Principal, ref: object) -> str | None:
    """The registered document a partner in trusted-documents mode names by its hash
    instead of sending it: `"sha256:<hex>"` (GraphQL over HTTP's persisted documents) or
    `<hex>` (Apollo's persistedQuery); None if it names none of its documents."""
    if not principal.is_client or not principal.client_id or not isinstance(ref, str):
        return None
    documents = await _documents(runtime, principal.client_id)
    return (documents or {}).get(ref.removeprefix("sha256:").lower())


async def _documents(runtime: Any, client_id: str) -> dict[str, str] | None:
    return (await client_api(runtime, client_id)).documents


async def client_api(runtime: Any, client_id: str) -> ClientApi:
    """A partner client's API settings, read from the database at most every
    CACHE_SECONDS per process."""
    now = time.monotonic()
    cached = _cache.get(client_id)
    if cached is not None and cached[0] > now:
        return cached[1]
    async with runtime.db.session() as session:
        row = (
            await session.execute(
                select(OAuthClient.trusted_documents, OAuthClient.introspection).where(
                    OAuthClient.client_id == client_id
                )
            )
        ).first()
    api = ClientApi(row[0], row[1]) if row is not None else ClientApi(None, None)
    if len(_cache) > 10_000:
        _cache.clear()
    _cache[client_id] = (now + CACHE_SECONDS, api)
    return api


async def refusal(ctx: Any, query: str | None) -> ExecutionResult | None:
    """FORBIDDEN for a partner in trusted-documents mode sending a document not registered
    for it; None otherwise."""
    principal: Principal | None = getattr(ctx, "principal", None)
    runtime = getattr(ctx, "runtime", None)
    if principal is None or runtime is None or not principal.is_client or not principal.client_id:
        return None
    hashes = await trusted_hashes(runtime, principal.client_id)
    if hashes is None or (query is not None and digest(query) in hashes):
        return None
    error = GraphQLError(
        NOT_TRUSTED.render(getattr(ctx, "lang", "vi")),
        extensions={"code": "FORBIDDEN", "reason": "DOCUMENT_NOT_TRUSTED"},
    )
    return ExecutionResult(data=None, errors=[error])


def read_documents(paths: list[Path]) -> dict[str, str]:
    """sha256 → document from files: a `.json` manifest (an object of hash → document, as
    graphql-codegen writes it, or a list of documents), else each file is one document as
    the client sends it. Raises ValueError for a document that does not parse or a
    manifest hash that does not match its document."""
    documents: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            manifest = json.loads(text)
            items = list(manifest.items()) if isinstance(manifest, dict) else manifest
            for item in items:
                claimed, document = item if isinstance(item, list | tuple) else (None, item)
                if not isinstance(document, str):
                    raise ValueError(f"{path}: a manifest entry is not a document")
                if claimed is not None and claimed != digest(document):
                    raise ValueError(f"{path}: {claimed} is not the sha256 of its document")
                documents[digest(document)] = document
        else:
            documents[digest(text)] = text
    for document in documents.values():
        try:
            parse(document)
        except GraphQLSyntaxError as exc:
            raise ValueError(f"not a GraphQL document: {exc.message}") from exc
    return documents


async def set_trusted_documents(
    *, session: AsyncSession, client_id: str, documents: dict[str, str] | None, add: bool
) -> OAuthClient:
    """Put a partner client in trusted-documents mode with these documents (added to the
    ones it has when `add`), or take it out of the mode (None). LookupError: no such
    partner client."""
    client = (
        await session.scalars(select(OAuthClient).where(OAuthClient.client_id == client_id))
    ).first()
    if client is None or client.is_public:
        raise LookupError(client_id)
    if documents is None:
        client.trusted_documents = None
    else:
        current = dict(client.trusted_documents or {}) if add else {}
        current.update(documents)
        client.trusted_documents = current
    await session.flush()
    _cache.pop(client_id, None)
    return client


async def set_introspection(
    *, session: AsyncSession, client_id: str, allowed: bool | None
) -> OAuthClient:
    """Allow or refuse a partner client introspection whatever GRAPHQL_INTROSPECTION says
    (None: as it says). LookupError: no such partner client."""
    client = (
        await session.scalars(select(OAuthClient).where(OAuthClient.client_id == client_id))
    ).first()
    if client is None or client.is_public:
        raise LookupError(client_id)
    client.introspection = allowed
    await session.flush()
    _cache.pop(client_id, None)
    return client
