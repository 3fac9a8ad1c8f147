"""Free-text filters: what the user types is text (not a LIKE pattern), and on PostgreSQL
every searched column is served by its trigram index."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from ecabinet.meetings.models import Meeting
from ecabinet.org.models import User
from ecabinet.platform.search import contains_text
from ecabinet.tasks.models import Task

pytestmark = pytest.mark.services

SEARCHED = [
    (Task, (Task.title, Task.code, Task.description)),
    (Meeting, (Meeting.title,)),
    (User, (User.full_name, User.username)),
]


async def test_percent_and_underscore_are_searched_as_text(gql, make_token):
    token = make_token("admin")
    q = "query($s: String!) { users(first: 100, filter: {search: $s}) { totalCount } }"
    everyone = (await gql(q, {"s": ""}, token=token))["data"]["users"]["totalCount"]
    assert everyone > 10
    for pattern in ("%", "_", "a%n"):
        found = await gql(q, {"s": pattern}, token=token)
        assert found["data"]["users"]["totalCount"] == 0, pattern
    members = await gql(q, {"s": "MEMBER"}, token=token)  # case does not matter
    assert members["data"]["users"]["totalCount"] == 6


@pytest.mark.parametrize(("model", "columns"), SEARCHED, ids=lambda v: getattr(v, "__name__", ""))
async def test_every_searched_column_has_its_trigram_index_on_postgresql(
    db, test_env, model, columns
):
    if not test_env.database_url:
        pytest.skip("trigram indexes are PostgreSQL's (the postgres pass)")
    stmt = select(model.id).where(contains_text("phần mềm", *columns))
    sql = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    async with db.session() as s:
        await s.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(row[0] for row in await s.execute(text(f"EXPLAIN {sql}")))
    assert columns, model
    for column in columns:
        index = f"ix_{model.__tablename__}_{column.key}_trgm"
        assert index in plan, plan
