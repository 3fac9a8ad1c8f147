"""Limits on what one GraphQL document may ask, answered with QUERY_TOO_COMPLEX before
anything executes.

- depth of field nesting (introspection excluded: GraphiQL's own query is deep);
- number of aliased fields (the alias-amplification attack);
- an estimate of the nodes a response can hold: each field counts once per item of
  every list above it; a connection's list has `first`/`last` items (20 when omitted),
  other lists count as 10.
Token count is bounded by the parser (`max_tokens`).

Depth, aliases and the estimate of documents whose page sizes are literals are checked at
validation time (cached with the document). A page size given by a variable is only known
per request: such queries and mutations are estimated again with the request's variables
just before they execute (`NodeBudget`), so `tasks(first: $n)` costs what `$n` asks, not
the maximum. (Subscriptions count a variable page size as the maximum, 100.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from ecabinet.platform.pagination import DEFAULT_PAGE, MAX_PAGE

OTHER_LIST = 10


def _too_complex(message: str, node: Any = None) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": "QUERY_TOO_COMPLEX"})


def _too_many_nodes(nodes: int, max_nodes: int, node: Any = None) -> GraphQLError:
    return _too_complex(
        f"Query may return about {nodes} nodes, more than {max_nodes}: ask for smaller pages.",
        node,
    )


@dataclass
class Estimate:
    """Walks one operation: its depth and the nodes its response can hold.

    `variables` None means "not known yet" (validation): a variable page size then counts
    as the maximum and is remembered in `variable_pages`."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    max_nodes: int
    variables: Mapping[str, Any] | None = None
    defaults: dict[str, int] = field(default_factory=dict)
    variable_pages: bool = False

    def operation(self, op: OperationDefinitionNode) -> tuple[int, int]:
        for definition in op.variable_definitions or ():
            if isinstance(definition.default_value, IntValueNode):
                self.defaults[definition.variable.name.value] = int(definition.default_value.value)
        root = self.schema.get_root_type(op.operation)
        if root is None:
            return 0, 0
        return self._measure(op.selection_set, root, 1, 1, frozenset())

    def _page_size(self, sel: FieldNode) -> int:
        for arg in sel.arguments or ():
            if arg.name.value not in ("first", "last"):
                continue
            value: Any = None
            if isinstance(arg.value, IntValueNode):
                value = int(arg.value.value)
            elif isinstance(arg.value, VariableNode):
                self.variable_pages = True
                name = arg.value.name.value
                if self.variables is None:
                    value = MAX_PAGE
                elif name in self.variables:
                    value = self.variables[name]
                    if value is not None and not isinstance(value, int):
                        value = MAX_PAGE  # refused when the variables are coerced anyway
                else:
                    value = self.defaults.get(name)
            if value is not None:
                return max(1, min(value, MAX_PAGE))
        return DEFAULT_PAGE

    def _measure(
        self,
        selection_set: SelectionSetNode | None,
        parent_type: Any,
        depth: int,
        multiplier: int,
        seen: frozenset[str],
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
                    mult = multiplier * self._page_size(sel)
                total += mult
                d, n = self._measure(sel.selection_set, ftype, depth + 1, mult, seen)
                max_d, total = max(max_d, d if sel.selection_set else depth), total + n
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition
                t = self.schema.get_type(cond.name.value) if cond else parent_type
                d, n = self._measure(sel.selection_set, t, depth, multiplier, seen)
                max_d, total = max(max_d, d), total + n
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                frag = self.fragments.get(name)
                if frag is None or name in seen:
                    continue
                t = self.schema.get_type(frag.type_condition.name.value)
                d, n = self._measure(frag.selection_set, t, depth, multiplier, seen | {name})
                max_d, total = max(max_d, d), total + n
            if total > self.max_nodes * 10:  # stop early on absurd documents
                break
        return max_d, total


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _operations(document: DocumentNode, name: str | None) -> Iterator[OperationDefinitionNode]:
    for d in document.definitions:
        if isinstance(d, OperationDefinitionNode) and (
            name is None or (d.name is not None and d.name.value == name)
        ):
            yield d


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
            estimate = Estimate(self.context.schema, _fragments(self.context.document), max_nodes)
            depth, nodes = estimate.operation(node)
            if depth > max_depth:
                self.report_error(_too_complex(f"Query depth {depth} exceeds {max_depth}.", node))
            elif nodes > max_nodes and (
                not estimate.variable_pages or node.operation == OperationType.SUBSCRIPTION
            ):
                self.report_error(_too_many_nodes(nodes, max_nodes, node))

    return [DocumentLimits, NoNulCharacters]


def node_budget(max_nodes: int) -> type[SchemaExtension]:
    class NodeBudget(SchemaExtension):
        """Before a query or mutation executes: a document of several operations names the
        one to run (GraphQL spec; strawberry alone would run the first), and page sizes
        given by variables are estimated with this request's variables."""

        def on_execute(self) -> Iterator[None]:
            ctx = self.execution_context
            document = ctx.graphql_document
            if document is not None and not ctx.result:
                ctx.result = self._refusal(document)
            yield

        def _refusal(self, document: DocumentNode) -> ExecutionResult | None:
            ctx = self.execution_context
            name = getattr(ctx, "_provided_operation_name", None)  # None: not given
            ops = list(_operations(document, name))
            if name is None and len(ops) > 1:
                message = "Several operations: say which to run (operationName)."
                error = GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
                return ExecutionResult(data=None, errors=[error])
            if not ops:
                return None
            estimate = Estimate(
                ctx.schema._schema, _fragments(document), max_nodes, variables=ctx.variables or {}
            )
            _, nodes = estimate.operation(ops[0])
            if estimate.variable_pages and nodes > max_nodes:
                return ExecutionResult(
                    data=None, errors=[_too_many_nodes(nodes, max_nodes, ops[0])]
                )
            return None

    return NodeBudget


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
