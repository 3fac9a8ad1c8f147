"""Limits on what one GraphQL document may ask, checked at validation time (cached with
the document) and answered with QUERY_TOO_COMPLEX before anything executes.

- depth of field nesting (introspection excluded: GraphiQL's own query is deep);
- number of aliased fields (the alias-amplification attack);
- an estimate of the nodes a response can hold: each field counts once per item of
  every list above it; a connection's list has `first`/`last` items (20 when omitted,
  100 — the maximum — when given by a variable), other lists count as 10.
Token count is bounded by the parser (`max_tokens`).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)

from ecabinet.platform.pagination import DEFAULT_PAGE, MAX_PAGE

OTHER_LIST = 10


def _too_complex(message: str, node: Any) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": "QUERY_TOO_COMPLEX"})


def _page_size(field: FieldNode) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value in ("first", "last"):
            if isinstance(arg.value, IntValueNode):
                return max(0, min(int(arg.value.value), MAX_PAGE))
            if isinstance(arg.value, VariableNode):
                return MAX_PAGE
    return None


def make_rules(max_depth: int, max_aliases: int, max_nodes: int) -> list[type[ValidationRule]]:
    class DocumentLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.aliases = 0

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            if node.alias is not None:
                self.aliases += 1
                if self.aliases == max_aliases + 1:
                    self.report_error(
                        _too_complex(f"Too many aliases (at most {max_aliases}).", node)
                    )

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            schema = self.context.schema
            root = schema.get_root_type(node.operation)
            if root is None:
                return
            depth, nodes = self._measure(node.selection_set, root, 1, 1, set())
            if depth > max_depth:
                self.report_error(_too_complex(f"Query depth {depth} exceeds {max_depth}.", node))
            elif nodes > max_nodes:
                self.report_error(
                    _too_complex(
                        f"Query may return about {nodes} nodes, more than {max_nodes}: "
                        "ask for smaller pages.",
                        node,
                    )
                )

        def _measure(
            self,
            selection_set: SelectionSetNode | None,
            parent_type: Any,
            depth: int,
            multiplier: int,
            seen: set[str],
        ) -> tuple[int, int]:
            if selection_set is None:
                return depth - 1, 0
            max_d, total = depth - 1, 0
            for sel in selection_set.selections:
                if isinstance(sel, FieldNode):
                    name = sel.name.value
                    if name.startswith("__"):
                        continue
                    fields = getattr(parent_type, "fields", None) or {}
                    field_def = fields.get(name)
                    if field_def is None:
                        continue
                    ftype = field_def.type
                    mult = multiplier
                    in_connection = getattr(parent_type, "name", "").endswith("Connection")
                    while isinstance(ftype, GraphQLNonNull | GraphQLList):
                        if isinstance(ftype, GraphQLList) and not in_connection:
                            mult *= OTHER_LIST
                        ftype = ftype.of_type
                    if "first" in (field_def.args or {}):
                        size = _page_size(sel)
                        mult = multiplier * max(size if size is not None else DEFAULT_PAGE, 1)
                    total += mult
                    d, n = self._measure(sel.selection_set, ftype, depth + 1, mult, seen)
                    max_d, total = max(max_d, d if sel.selection_set else depth), total + n
                elif isinstance(sel, InlineFragmentNode):
                    cond = sel.type_condition
                    t = self.context.schema.get_type(cond.name.value) if cond else parent_type
                    d, n = self._measure(sel.selection_set, t, depth, multiplier, seen)
                    max_d, total = max(max_d, d), total + n
                elif isinstance(sel, FragmentSpreadNode):
                    name = sel.name.value
                    frag = self.context.get_fragment(name)
                    if frag is None or name in seen:
                        continue
                    t = self.context.schema.get_type(frag.type_condition.name.value)
                    d, n = self._measure(frag.selection_set, t, depth, multiplier, seen | {name})
                    max_d, total = max(max_d, d), total + n
                if total > max_nodes * 10:  # stop early on absurd documents
                    break
            return max_d, total

    return [DocumentLimits, NoNulCharacters]


class NoNulCharacters(ValidationRule):
    """PostgreSQL text cannot hold U+0000: a string literal with one is the client's error,
    not a database failure."""

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if "\x00" in node.value:
            self.report_error(
                GraphQLError(
                    "Strings must not contain NUL characters.",
                    node,
                    extensions={"code": "BAD_USER_INPUT"},
                )
            )
