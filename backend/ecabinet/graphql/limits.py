"""Limits on what one GraphQL document may ask, answered with QUERY_TOO_COMPLEX before
anything executes.

- depth of field nesting (introspection excluded: GraphiQL's own query is deep);
- number of aliased fields (the alias-amplification attack);
- an estimate of the nodes a response can hold: each field counts once per item of
  every list above it; a connection's list has `first`/`last` items (20 when omitted),
  a list whose length is given by a list argument (`nodes(ids: [...])`) has that many
  items, other lists count as 10.
Token count is bounded by the parser (`max_tokens`).

Depth, aliases and the estimate of documents whose page sizes are literals are checked at
validation time (cached with the document). A page size given by a variable is only known
per request: such queries and mutations are estimated again with the request's variables
just before they execute (`NodeBudget`), so `tasks(first: $n)` costs what `$n` asks, not
the maximum. (Subscriptions count a variable page size as the maximum, 100.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
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
    ListValueNode,
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

from ecabinet.authz.principal import Principal
from ecabinet.graphql import trusted
from ecabinet.graphql.cost import Cost, points, spend_rest
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

    def _list_length(self, sel: FieldNode, field_def: Any) -> int | None:
        """The length of the longest list argument (`nodes(ids: [...])` returns one item
        per id), from the literal or the request's variable; None without one."""
        longest: int | None = None
        for arg in sel.arguments or ():
            arg_def = (field_def.args or {}).get(arg.name.value)
            arg_type = arg_def.type if arg_def is not None else None
            if isinstance(arg_type, GraphQLNonNull):
                arg_type = arg_type.of_type
            if not isinstance(arg_type, GraphQLList):
                continue
            length: int | None = None
            if isinstance(arg.value, ListValueNode):
                length = len(arg.value.values)
            elif isinstance(arg.value, VariableNode):
                self.variable_pages = True
                if self.variables is None:
                    length = MAX_PAGE
                else:
                    value = self.variables.get(arg.value.name.value)
                    length = len(value) if isinstance(value, list) else 1
            if length is not None:
                longest = max(longest or 0, length)
        return longest

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
                known = self._list_length(sel, field_def)
                while isinstance(ftype, GraphQLNonNull | GraphQLList):
                    if isinstance(ftype, GraphQLList) and not in_connection:
                        mult *= OTHER_LIST if known is None else max(1, known)
                        known = None  # an inner list of a list counts as usual
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
        """Before an operation executes (HTTP or WebSocket): a document of several
        operations names the one to run (GraphQL spec; strawberry alone would run the
        first); introspection is allowed to whom the settings say; page sizes and list
        lengths given by variables are estimated with this request's variables; and the
        operation's cost is spent from its principal's budget (`graphql.cost`)."""

        cost: Cost | None = None
        subscription = False

        async def on_execute(self) -> AsyncIterator[None]:
            ctx = self.execution_context
            document = ctx.graphql_document
            if document is not None and not ctx.result:
                refusal = await self._refusal(document)
                if refusal is not None:
                    if self.subscription:
                        raise refusal  # the subscription path does not look at ctx.result
                    ctx.result = ExecutionResult(data=None, errors=[refusal])
            yield

        def get_results(self) -> dict[str, Any]:
            return {"cost": self.cost.as_extension()} if self.cost is not None else {}

        async def _refusal(self, document: DocumentNode) -> GraphQLError | None:
            ctx = self.execution_context
            name = getattr(ctx, "_provided_operation_name", None)  # None: not given
            ops = list(_operations(document, name))
            if name is None and len(ops) > 1:
                message = "Several operations: say which to run (operationName)."
                return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
            if not ops:
                return None
            self.subscription = ops[0].operation == OperationType.SUBSCRIPTION
            context = ctx.context
            principal = getattr(context, "principal", None)
            runtime = getattr(context, "runtime", None)
            if principal is not None and runtime is not None:
                if _introspects(ops[0], _fragments(document)) and not await _may_introspect(
                    runtime, principal
                ):
                    return GraphQLError(
                        "Introspection is not enabled for this client.",
                        extensions={"code": "FORBIDDEN"},
                    )
            estimate = Estimate(
                ctx.schema._schema, _fragments(document), max_nodes, variables=ctx.variables or {}
            )
            _, nodes = estimate.operation(ops[0])
            if estimate.variable_pages and nodes > max_nodes:
                return _too_many_nodes(nodes, max_nodes, ops[0])
            if principal is None or runtime is None:
                return None
            paid = getattr(context, "cost_paid", 0)
            self.cost, allowed = await spend_rest(runtime, principal, points(nodes), paid)
            response = getattr(context, "response", None)
            if response is not None:  # over HTTP: the same figures as headers
                response.headers.update(self.cost.headers())
            if allowed:
                return None
            if response is not None:
                response.status_code = 429
                response.headers["Retry-After"] = str(self.cost.reset_in)
            return GraphQLError(
                f"This operation costs {self.cost.requested} points; "
                f"{self.cost.remaining} of {self.cost.limit} are left until {self.cost.reset_at}.",
                extensions={"code": "RATE_LIMITED"},
            )

    return NodeBudget


def _introspects(op: OperationDefinitionNode, fragments: Mapping[str, Any]) -> bool:
    """Whether the operation asks for `__schema` or `__type` anywhere (`__typename` is
    not introspection)."""
    seen: set[str] = set()

    def walk(selection_set: SelectionSetNode | None) -> bool:
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                if sel.name.value in ("__schema", "__type") or walk(sel.selection_set):
                    return True
            elif isinstance(sel, InlineFragmentNode):
                if walk(sel.selection_set):
                    return True
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
                seen.add(sel.name.value)
                frag = fragments.get(sel.name.value)
                if frag is not None and walk(frag.selection_set):
                    return True
        return False

    return walk(op.selection_set)


async def _may_introspect(runtime: Any, principal: Principal) -> bool:
    """GRAPHQL_INTROSPECTION (all, users, none), unless the operator decided otherwise
    for this partner client (`ecabinet client introspection ID on|off`)."""
    if principal.is_client and principal.client_id:
        own = (await trusted.client_api(runtime, principal.client_id)).introspection
        if own is not None:
            return own
    who = runtime.settings.introspection_for
    return bool(who == "all" or (who == "users" and principal.is_user))


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
