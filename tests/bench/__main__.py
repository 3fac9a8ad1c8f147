"""`make bench`: run every benchmark under tests/bench and print its figures."""

import asyncio

from tests.bench import bench_graphql, bench_tasks, bench_votes

for bench in (bench_graphql, bench_tasks, bench_votes):
    print(f"== {bench.__name__.rsplit('.', 1)[-1]} ==", flush=True)
    asyncio.run(bench.main())
