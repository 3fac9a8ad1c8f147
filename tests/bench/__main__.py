"""`make bench`: run every benchmark under tests/bench and print its figures."""

import asyncio

from tests.bench import bench_graphql, bench_tasks

print("== bench_graphql ==")
asyncio.run(bench_graphql.main())
print("== bench_tasks ==")
asyncio.run(bench_tasks.main())
from tests.bench import bench_votes  # noqa: E402  (appended after the others: runs last)

print("== bench_votes ==")
asyncio.run(bench_votes.main())
