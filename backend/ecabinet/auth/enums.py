"""Codes of the authorization server's GraphQL answers (partner systems' administration)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AuthErrorCode"]


class AuthErrorCode(StrEnum):
    """Every code the administration of partner systems answers with, in `UserError.code`."""

    CLIENT_NOT_FOUND = "CLIENT_NOT_FOUND"
