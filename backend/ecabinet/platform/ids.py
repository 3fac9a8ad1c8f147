"""Opaque global IDs (Relay): base64url of "Type:key"."""

from __future__ import annotations

import base64
import binascii
import uuid


class InvalidId(ValueError):
    pass


def to_global_id(type_name: str, key: uuid.UUID | str | int) -> str:
    raw = f"{type_name}:{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, str]:
    if not isinstance(global_id, str) or not 1 <= len(global_id) <= 200:
        raise InvalidId(global_id)
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        raw = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidId(global_id) from exc
    type_name, sep, key = raw.partition(":")
    if not sep or not type_name or not key:
        raise InvalidId(global_id)
    return type_name, key


def decode_uuid(global_id: str, expected_type: str) -> uuid.UUID:
    """The UUID inside a global ID of the expected type; InvalidId otherwise."""
    type_name, key = from_global_id(global_id)
    if type_name != expected_type:
        raise InvalidId(global_id)
    try:
        return uuid.UUID(key)
    except ValueError as exc:
        raise InvalidId(global_id) from exc


def decode_optional(global_id: str | None, expected_type: str) -> uuid.UUID | None:
    return decode_uuid(global_id, expected_type) if global_id is not None else None


def decode_many(global_ids: list[str] | None, expected_type: str) -> list[uuid.UUID]:
    return [decode_uuid(g, expected_type) for g in global_ids or []]
