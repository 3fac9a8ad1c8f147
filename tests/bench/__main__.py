"""`make bench`: run every benchmark under tests/bench and print its figures."""

import asyncio

from tests.bench import bench_graphql

print("== bench_graphql ==")
asyncio.run(bench_graphql.main())
