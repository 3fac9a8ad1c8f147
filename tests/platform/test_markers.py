"""The PostgreSQL + Redis pass runs only the tests marked `services` or `smoke` (pytest.ini,
make test-backend-services): a test that runs only there — it skips itself without
PostgreSQL or Redis — must be marked `services`, or it runs in no pass at all."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
# what a test says when it skips itself outside the postgres pass
ONLY_THERE = ("postgres", "redis")


def _marks(decorators: list[ast.expr]) -> set[str]:
    names = set()
    for d in decorators:
        node = d.func if isinstance(d, ast.Call) else d
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def _module_marks(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            return {n.attr for n in ast.walk(node.value) if isinstance(n, ast.Attribute)}
    return set()


def _skips_outside_the_postgres_pass(fn: ast.AST) -> bool:
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "skip"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            text = node.args[0].value.lower()
            if any(word in text for word in ONLY_THERE):
                return True
    return False


def postgres_only_tests_without_the_marker() -> tuple[list[str], list[str]]:
    found, unmarked = [], []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = _module_marks(tree)
        functions = [
            fn for fn in tree.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        # fixtures of the module that skip there (a second server needing Redis, …)
        skipping = {
            fn.name
            for fn in functions
            if "fixture" in _marks(fn.decorator_list) and _skips_outside_the_postgres_pass(fn)
        }
        for fn in functions:
            uses = {a.arg for a in fn.args.args}
            if fn.name.startswith("test_") and (
                _skips_outside_the_postgres_pass(fn) or uses & skipping
            ):
                name = f"{path.relative_to(TESTS)}::{fn.name}"
                found.append(name)
                if "services" not in module | _marks(fn.decorator_list):
                    unmarked.append(name)
    return found, unmarked


def test_every_test_that_runs_only_on_postgres_or_redis_is_marked_services():
    found, unmarked = postgres_only_tests_without_the_marker()
    assert len(found) >= 5, found  # the cross-process, Redis-budget and trigram tests
    assert unmarked == [], f"mark them @pytest.mark.services: {unmarked}"
