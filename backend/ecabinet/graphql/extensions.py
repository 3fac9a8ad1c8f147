"""Cross-cutting GraphQL machinery: the policy applied to every field, the mapping of
every error to a contract code, and document caching and limits.

The policy is applied once, when the schema is built: every field resolver of every
object type is wrapped by a synchronous check of `authz.policy.rule_for(Type, field)`
(fields whose rule is ALLOW are left alone). A refused field raises Forbidden: a
nullable field resolves to null with FORBIDDEN at its path, as the contract says.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLObjectType, GraphQLSchema, default_field_resolver
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from ecabinet.authz.policy import FIELDS, TYPES, rule_for
from ecabinet.authz.rules import ALLOW, Rule
from ecabinet.graphql import cost, trusted
from ecabinet.graphql.limits import make_rules, node_budget
from ecabinet.platform.errors import CONTRACT_CODES, ApiError, DomainError, Forbidden
from ecabinet.platform.i18n import Message
from ecabinet.platform.ids import InvalidId

log = logging.getLogger("ecabinet.graphql")

INTERNAL = Message("Lỗi hệ thống (mã yêu cầu {rid})", "Internal server error (request id {rid})")
BAD_ID = Message("Mã định danh không hợp lệ", "Invalid ID")
NUL = Message("Văn bản không được chứa ký tự NUL", "Text must not contain NUL characters")


def contains_nul(value: Any) -> bool:
    """Whether a variable value holds U+0000 anywhere (PostgreSQL text cannot store it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(v) for v in value)
    return False


def _nul_result(ctx: Any) -> ExecutionResult:
    message = NUL.render(getattr(ctx, "lang", "vi"))
    return ExecutionResult(
        data=None, errors=[GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})]
    )


# ---- the policy, applied to every field ------------------------------------------------


def _guard(resolve: Any, rule: Rule) -> Any:
    def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        if not rule.allows(info.context.principal, source):
            raise Forbidden()
        return resolve(source, info, **kwargs)

    return guarded


ROOTS = ("Query", "Mutation", "Subscription")


def _with_rule(description: str | None, label: str, rule: Rule) -> str:
    """A description with its rule appended, as the policy states it (the schema documents
    who may see or do what, generated from the one place that decides it)."""
    said = f"{label}: {rule.description}."
    return f"{description.rstrip()}\n\n{said}" if description else said


def document_policy(schema: GraphQLSchema) -> None:
    """Append to each guarded type and field's description the rule the policy gives it:
    a type's rule (e.g. `Meeting`: scope meetings:read) to the type, a field's own rule
    (`User.email`, every root field) to the field ("Visible to: …", "Allowed: …" for
    mutations)."""
    for type_name, gtype in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(gtype, GraphQLObjectType):
            continue
        type_rule = TYPES.get(type_name)
        if type_rule is not None and type_rule is not ALLOW and type_name not in ROOTS:
            gtype.description = _with_rule(gtype.description, "Visible to", type_rule)
        label = "Allowed" if type_name == "Mutation" else "Visible to"
        for field_name, field in gtype.fields.items():
            field_rule = FIELDS.get(f"{type_name}.{field_name}")
            if field_rule is not None and field_rule is not ALLOW:
                field.description = _with_rule(field.description, label, field_rule)


def apply_policy(schema: GraphQLSchema) -> list[str]:
    """Wrap every field of every object type with its rule; returns the guarded names."""
    guarded: list[str] = []
    document_policy(schema)
    for type_name, gtype in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(gtype, GraphQLObjectType):
            continue
        for field_name, field in gtype.fields.items():
            rule = rule_for(type_name, field_name)
            if rule is ALLOW:
                continue
            field.resolve = _guard(field.resolve or default_field_resolver, rule)
            if field.subscribe is not None:
                field.subscribe = _guard(field.subscribe, rule)
            guarded.append(f"{type_name}.{field_name}")
    return guarded


# ---- errors: every one carries a contract code ------------------------------------------


def map_error(error: GraphQLError, ctx: Any) -> GraphQLError:
    lang = getattr(ctx, "lang", "vi")
    rid = getattr(ctx, "request_id", None)
    orig = error.original_error
    extensions: dict[str, Any] = {}
    if isinstance(orig, ApiError):
        code, message = orig.code, orig.text(lang)
        if isinstance(orig, Forbidden) and orig.reason:
            extensions["reason"] = orig.reason
    elif isinstance(orig, DomainError):
        code, message = "BAD_USER_INPUT", orig.text(lang)
        extensions["reason"] = orig.code
    elif isinstance(orig, InvalidId):
        code, message = "BAD_USER_INPUT", BAD_ID.render(lang)
    elif orig is None or (
        isinstance(orig, GraphQLError | TypeError | ValueError) and not error.path
    ):
        # no path: raised while parsing, validating or coercing variables (the client's input)
        code = (error.extensions or {}).get("code") if orig is None else "BAD_USER_INPUT"
        message = error.message
        if code not in CONTRACT_CODES:
            too_many_tokens = "more than" in message and "tokens" in message
            too_deep = message == "Maximum introspection depth exceeded"  # graphql-core's rule
            code = "QUERY_TOO_COMPLEX" if too_many_tokens or too_deep else "BAD_USER_INPUT"
    else:
        log.error(
            "unexpected error in %s",
            ".".join(str(p) for p in error.path or ()) or "operation",
            exc_info=orig,
            extra={"request_id": rid},
        )
        code, message = "INTERNAL_SERVER_ERROR", INTERNAL.render(lang, rid=rid)
        extensions["requestId"] = rid
    extensions["code"] = code
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def map_result(result: Any, ctx: Any) -> Any:
    errors = getattr(result, "errors", None)
    if errors:
        result.errors = [map_error(e, ctx) for e in errors]
    return result


class Schema(strawberry.Schema):
    """strawberry.Schema with the policy applied, errors mapped on every transport, and
    a fresh context per streamed (WebSocket) operation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guarded_fields = apply_policy(self._schema)

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Logging happens in map_error, for unexpected errors only."""

    async def execute(self, query: str | None, *args: Any, **kwargs: Any) -> ExecutionResult:
        ctx = kwargs.get("context_value", args[1] if len(args) > 1 else None)
        if contains_nul(kwargs.get("variable_values", args[0] if args else None)):
            return _nul_result(ctx)
        untrusted = await trusted.refusal(ctx, query)
        if untrusted is not None:
            return untrusted
        allowed = kwargs.get("allowed_operation_types")
        if allowed is not None:  # over HTTP: subscriptions live on the WebSocket only
            kwargs["allowed_operation_types"] = set(allowed) - {OperationType.SUBSCRIPTION}
        result = await super().execute(query, *args, **kwargs)
        return map_result(result, ctx)

    async def stream(  # type: ignore[override]
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> AsyncGenerator[Any, None]:
        if hasattr(context_value, "for_operation"):
            context_value = context_value.for_operation()
            refused = await cost.arrival(context_value.runtime, context_value.principal)
            if refused is not None:  # the operation's first point (graphql.cost)
                return _single(_rate_limited(refused))
            context_value.cost_paid = cost.ARRIVAL
        if contains_nul(variable_values):
            return _single(_nul_result(context_value))
        untrusted = await trusted.refusal(context_value, query)
        if untrusted is not None:
            return _single(untrusted)
        source = await super().stream(query, variable_values, context_value, *args, **kwargs)
        return _mapped(source, context_value)


def _rate_limited(state: cost.Cost) -> ExecutionResult:
    error = GraphQLError(
        f"Over the cost budget: {state.remaining} of {state.limit} points are left until "
        f"{state.reset_at}.",
        extensions={"code": "RATE_LIMITED"},
    )
    return ExecutionResult(data=None, errors=[error], extensions={"cost": state.as_extension()})


async def _single(result: ExecutionResult) -> AsyncGenerator[Any, None]:
    yield result


async def _mapped(source: AsyncIterator[Any], ctx: Any) -> AsyncGenerator[Any, None]:
    async with aclosing(source):  # type: ignore[type-var]
        async for result in source:
            yield map_result(result, ctx)


def schema_extensions(max_tokens: int, max_depth: int, max_aliases: int, max_nodes: int) -> list:  # type: ignore[type-arg]
    rules = make_rules(max_depth, max_aliases, max_nodes)
    # factories: an extension instance holds the execution context of one operation
    return [
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: AddValidationRules(rules),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        node_budget(max_nodes),
    ]
