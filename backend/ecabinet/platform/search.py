"""Free-text filters: a case-insensitive "contains" on text columns, where what the user
typed is text, never a LIKE pattern (`%` and `_` match themselves). On PostgreSQL each
searched column has a trigram index on `lower(column)` (`trigram_index`), which serves
`LIKE '%…%'`; SQLite scans, which is fine at its scale."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Index, func, or_

MAX_SEARCH = 100


def contains_text(text: str, *columns: Any) -> ColumnElement[bool]:
    """Any of `columns` contains `text`, ignoring case."""
    needle = text.strip().lower()[:MAX_SEARCH]
    for c in ("\\", "%", "_"):
        needle = needle.replace(c, "\\" + c)
    return or_(*(func.lower(col).like(f"%{needle}%", escape="\\") for col in columns))


def trigram_index(name: str, column: Any) -> Index:
    """The index `contains_text` uses on PostgreSQL (GIN, pg_trgm) for `column`."""
    label = f"{column.key}_lower"
    return Index(
        name,
        func.lower(column).label(label),
        postgresql_using="gin",
        postgresql_ops={label: "gin_trgm_ops"},
    )
