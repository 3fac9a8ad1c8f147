"""The schema documents itself (issue 9): every guarded type and field carries its rule,
generated from authz/policy.py when the schema is built, and no description only restates
the name it describes ("Title." on `title`, "The meeting." on `meetingId`)."""

from __future__ import annotations

import re

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from ecabinet.authz import policy
from ecabinet.authz.rules import ALLOW
from ecabinet.graphql.schema import build_schema

SCHEMA = build_schema()._schema
ROOTS = ("Query", "Mutation", "Subscription")
# words that say nothing about a name: articles, and the "ID" every reference ends with
EMPTY = {"the", "a", "an", "its", "this", "of", "id", "ids", "global"}


def words(text: str) -> list[str]:
    """camelCase split, lower case, punctuation and empty words dropped, plurals folded."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in EMPTY]


def restates(name: str, description: str | None) -> bool:
    return description is not None and words(description) == words(name)


def described() -> list[tuple[str, str, str | None]]:
    """(path, name, description) of every type, field, argument and enum value."""
    found: list[tuple[str, str, str | None]] = []
    for type_name, gtype in SCHEMA.type_map.items():
        if type_name.startswith("__"):
            continue
        found.append((type_name, type_name, gtype.description))
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in gtype.fields.items():
                found.append((f"{type_name}.{field_name}", field_name, field.description))
                for arg_name, arg in getattr(field, "args", {}).items():
                    path = f"{type_name}.{field_name}({arg_name})"
                    found.append((path, arg_name, arg.description))
        if isinstance(gtype, GraphQLEnumType):
            for value_name, value in gtype.values.items():
                found.append((f"{type_name}.{value_name}", value_name, value.description))
    return found


def test_the_check_recognises_a_restated_name():
    assert restates("title", "Title.")
    assert restates("meetingId", "The meeting.")
    assert restates("coordinatingUnitIds", "Coordinating units.")
    assert not restates("title", "What is to be done.")


def test_no_description_only_restates_its_name():
    everything = described()
    assert len(everything) > 500  # the whole schema was walked
    assert [path for path, name, text in everything if restates(name, text)] == []


def test_every_guarded_field_carries_its_rule_from_the_policy():
    checked = 0
    for key, rule in policy.FIELDS.items():
        type_name, field_name = key.split(".")
        if rule is ALLOW:
            continue
        label = "Allowed" if type_name == "Mutation" else "Visible to"
        description = SCHEMA.type_map[type_name].fields[field_name].description  # type: ignore[union-attr]
        assert description is not None and description.endswith(f"{label}: {rule.description}."), (
            key
        )
        checked += 1
    assert checked > 50


def test_every_guarded_type_carries_its_rule_from_the_policy():
    checked = 0
    for type_name, rule in policy.TYPES.items():
        if rule is ALLOW or type_name in ROOTS:
            continue
        description = SCHEMA.type_map[type_name].description
        assert description is not None and description.endswith(
            f"Visible to: {rule.description}."
        ), type_name
        checked += 1
    assert checked > 30
