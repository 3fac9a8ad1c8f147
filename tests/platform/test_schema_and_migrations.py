"""The schema file is the contract clients build on; the migrations are what runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import GraphQLInputObjectType, GraphQLObjectType

from ecabinet.graphql.schema import build_schema, export_sdl
from tests.conftest import ROOT

pytestmark = pytest.mark.services


def test_schema_graphql_is_the_exported_schema():
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_sdl(), "schema.graphql is stale: run `make schema`"


def test_every_type_and_field_has_a_description():
    gql = build_schema()._schema
    missing = []
    for name, t in gql.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not t.description and name not in {"Query", "Mutation", "Subscription"}:
            missing.append(name)
        if isinstance(t, GraphQLObjectType | GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, d in t.fields.items() if not d.description]
    assert missing == []


def test_contract_operations_exist():
    sdl = export_sdl()
    for needle in (
        "viewer: User",
        "orgUnits: [OrgUnit!]!",
        "node(id: ID!): Node",
        "nodes(ids: [ID!]!): [Node]!",
        "interface Node",
        "totalCount: Int!",
        "type UserError",
    ):
        assert needle in sdl


def test_migrations_upgrade_a_fresh_database_and_match_the_models(test_env, tmp_path):
    """`alembic upgrade head` then `alembic check`: no model change lacks a migration."""
    from ecabinet.migrate import check

    url = test_env.env()["DATABASE_URL"]
    if url.startswith("sqlite"):  # a fresh file of its own; PostgreSQL: the run's database
        url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        env = {**test_env.env(), "DATABASE_URL": url}
        result = subprocess.run(
            [str(Path(sys.executable).parent / "ecabinet"), "migrate"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    from ecabinet.settings import to_async_url

    check(to_async_url(url))


def test_alembic_cli_check_passes(test_env):
    env = {**os.environ, "DATABASE_URL": test_env.env()["DATABASE_URL"]}
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "alembic"),
            "-c",
            str(ROOT / "backend" / "alembic.ini"),
            "check",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
