"""Row filters, the mechanism: `visible(stmt, Model, principal)` restricts a statement to
the rows of `Model` the principal may know exist. Every loader, connection, count, search,
`node`/`nodes`, subscription and export goes through it.

The filters themselves are declared in ONE place, `authz/policy.py` (ROWS), which knows
every domain's models; domains import this module, never the policy. The composition
installs the policy's table at start (`app.wire_domains`, which the server, the CLI, the
demo seed and the tests call). Until then — and for a model with no entry — no row is
visible: default deny.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import Select, false
from sqlalchemy.sql.elements import ColumnElement

from ecabinet.authz.principal import Principal

RowFilter = Callable[[Principal], ColumnElement[bool]]
ROWS: dict[type, RowFilter] = {}

S = TypeVar("S", bound="Select[*tuple[Any, ...]]")


def install(rows: Mapping[type, RowFilter]) -> None:
    """Make `rows` (the policy's ROWS) the filters of this process."""
    ROWS.clear()
    ROWS.update(rows)


def row_filter(model: type, principal: Principal) -> ColumnElement[bool]:
    rule = ROWS.get(model)
    return rule(principal) if rule else false()


def visible(stmt: S, model: type, principal: Principal) -> S:
    """`stmt` restricted to the rows of `model` that `principal` may know exist."""
    return stmt.where(row_filter(model, principal))
