"""The one source of "now", replaceable in tests (reminders, deadlines, token expiry)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# The Office works on Indochina Time; "today" for deadlines is a date there.
OFFICE_TZ = timezone(timedelta(hours=7), "ICT")
_offset = timedelta(0)


def utcnow() -> datetime:
    return datetime.now(UTC) + _offset


def today() -> date:
    return utcnow().astimezone(OFFICE_TZ).date()


def advance(delta: timedelta) -> None:
    """Move the process clock forward (tests and demos only)."""
    global _offset
    _offset += delta


def reset() -> None:
    global _offset
    _offset = timedelta(0)
