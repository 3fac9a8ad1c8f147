"""One refusal shape (issue 9): a `Forbidden(reason, message)` raised anywhere under a
mutation reaches the client as a top-level error with extensions.code FORBIDDEN, the
specific code as extensions.reason, the message in the request's language and the
mutation's field null; its unit of work is rolled back. Business-rule failures stay
UserErrors in the payload."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import strawberry

from ecabinet.authz.principal import Principal
from ecabinet.graphql.extensions import Schema
from ecabinet.graphql.payloads import UserError, run_mutation
from ecabinet.platform.errors import DomainError, Forbidden
from ecabinet.platform.i18n import Message

NOT_SECRETARIAT = Message("Chỉ thư ký mới được làm việc này", "Only the secretariat may do this")


class FakeContext:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.request_id = "rid"
        self.principal = Principal(kind="user", user_id=uuid.uuid4(), username="u")
        self.committed: list[bool] = []

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[None]:
        try:
            yield None
        except BaseException:
            self.committed.append(False)
            raise
        self.committed.append(True)


@strawberry.type(name="UserPayload")  # a payload type the policy knows (AUTHENTICATED)
class Payload:
    ok: bool | None
    errors: list[UserError]


@strawberry.type
class Query:
    @strawberry.field
    def ping(self) -> bool:
        return True


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def refuse(self, info: strawberry.Info) -> Payload:
        async def action(session: Any) -> bool:
            raise Forbidden("NOT_SECRETARIAT", NOT_SECRETARIAT)

        ok, errors = await run_mutation(info, action)
        return Payload(ok=ok, errors=errors)

    @strawberry.mutation
    async def break_rule(self, info: strawberry.Info) -> Payload:
        async def action(session: Any) -> bool:
            raise DomainError("TITLE_REQUIRED", Message("Cần tiêu đề", "A title is required"))

        ok, errors = await run_mutation(info, action)
        return Payload(ok=ok, errors=errors)


SCHEMA = Schema(query=Query, mutation=Mutation)


async def test_a_refusal_is_a_top_level_forbidden_with_its_reason_and_nothing_committed():
    ctx = FakeContext("en")
    result = await SCHEMA.execute("mutation { refuse { ok errors { code } } }", context_value=ctx)
    assert result.data is None  # the payload is non-null: the null reaches the root
    assert result.errors is not None and len(result.errors) == 1
    error = result.errors[0]
    assert error.extensions == {"code": "FORBIDDEN", "reason": "NOT_SECRETARIAT"}
    assert error.message == "Only the secretariat may do this"
    assert error.path == ["refuse"]
    assert ctx.committed == [False]


async def test_the_refusal_speaks_the_request_language():
    result = await SCHEMA.execute("mutation { refuse { ok } }", context_value=FakeContext("vi"))
    assert result.errors is not None
    assert result.errors[0].message == "Chỉ thư ký mới được làm việc này"


async def test_a_business_rule_failure_stays_a_user_error_in_the_payload():
    ctx = FakeContext("en")
    result = await SCHEMA.execute(
        "mutation { breakRule { ok errors { code message } } }", context_value=ctx
    )
    assert result.errors is None
    assert result.data == {
        "breakRule": {
            "ok": None,
            "errors": [{"code": "TITLE_REQUIRED", "message": "A title is required"}],
        }
    }
    assert ctx.committed == [False]


def test_a_policy_refusal_has_no_reason():
    assert Forbidden().reason is None and Forbidden().code == "FORBIDDEN"
