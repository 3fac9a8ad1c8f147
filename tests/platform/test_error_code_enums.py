"""Per-domain error-code enums are named in the schema (issue 9), while `UserError.code`
stays a String for compatibility; every code a domain has a message for is in its enum."""

from __future__ import annotations

from graphql import GraphQLEnumType

from ecabinet.auth.errors import MESSAGES as AUTH_MESSAGES
from ecabinet.graphql.schema import build_schema

SCHEMA = build_schema()._schema


def test_the_domains_error_code_enums_are_in_the_schema():
    enums = {name for name, t in SCHEMA.type_map.items() if isinstance(t, GraphQLEnumType)}
    assert {"AuthErrorCode", "OrgErrorCode", "TasksErrorCode", "MeetingsErrorCode"} <= enums


def test_user_error_code_stays_a_string():
    assert str(SCHEMA.type_map["UserError"].fields["code"].type) == "String!"  # type: ignore[union-attr]


def test_every_auth_code_with_a_message_is_in_its_enum():
    values = set(SCHEMA.type_map["AuthErrorCode"].values)  # type: ignore[union-attr]
    assert {str(code) for code in AUTH_MESSAGES} == values
